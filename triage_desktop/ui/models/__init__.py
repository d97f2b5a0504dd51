"""Qt item models over the Workspace (page-sized reads, never all rows)."""
