"""Every file the cache leaves in a profile (the file, its -wal/-shm, migration backups, quarantined copies, a
recovery in progress, the process marker): they all start with the cache's name, so a wipe misses none."""

from __future__ import annotations

import contextlib
from pathlib import Path

from triage_desktop.storage.database import CACHE_FILE_NAME


def cache_files(profile: Path) -> list[Path]:
    if not profile.is_dir():
        return []
    return sorted(p for p in profile.iterdir() if p.name.startswith(CACHE_FILE_NAME) and not p.is_dir())


def remove_cache_files(profile: Path) -> None:
    """Delete the cache for good (a wipe at logout). Call with the database closed."""
    for path in cache_files(profile):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
