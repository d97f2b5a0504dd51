"""Test-only helpers that are not tests themselves (independent servers and the like)."""
