"""sandbox layer (see ARCHITECTURE.md)."""
