"""Plain-Python domain layer: no Qt, no SQL, no HTTP (see ARCHITECTURE.md, layers)."""
