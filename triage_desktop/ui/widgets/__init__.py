"""Small reusable widgets and layouts."""
