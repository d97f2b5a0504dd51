"""The deployment's knobs that shape the officer's day in the window, as one value the front ends pass along.

`settings.Deployment` reads them from deployment.toml (and checks them); `app` hands them to the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from triage_desktop.core.deadlines import DEFAULT_SOON_WORKING_DAYS

DEFAULT_PHOTO_CACHE_MB = 500
DEFAULT_MAP_URL = "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"
DEFAULT_UNDO_SECONDS = 10


@dataclass(frozen=True, slots=True)
class WorkSettings:
    # Working days of office time left below which a running deadline shows amber "Sắp đến hạn" (issue 11).
    due_soon_working_days: float = DEFAULT_SOON_WORKING_DAYS
    # Megabytes of citizens' photos kept in the cache for offline viewing (issue 12); 0 keeps none.
    photo_cache_mb: int = DEFAULT_PHOTO_CACHE_MB
    # "Mở bản đồ": an https URL pattern with {lat} and {lon}, filled with the item's coordinates as numbers.
    map_url: str = DEFAULT_MAP_URL
    # Seconds a reply, an assignment or a status change waits, undoable, before it may leave (0: at once).
    undo_seconds: int = DEFAULT_UNDO_SECONDS
    # The list export writes phone numbers whole instead of masked (0905•••123): IT's choice (issue 10, 13).
    full_exports: bool = False

    @property
    def photo_cache_bytes(self) -> int:
        return self.photo_cache_mb * 1024 * 1024


DEFAULT_WORK = WorkSettings()
