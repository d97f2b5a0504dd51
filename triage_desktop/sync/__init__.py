"""sync layer (see ARCHITECTURE.md)."""
