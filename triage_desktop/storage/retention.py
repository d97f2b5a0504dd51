"""Migration backups (`*.before-*.bak`) and quarantined caches (`*.corrupt-*`) hold the same personal data as
the cache: keep only the newest of each, only for 7 days, and (with a key) never a plain one. Run at open."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from triage_desktop.storage import cipher
from triage_desktop.storage.encrypt_in_place import shred

log = logging.getLogger(__name__)

KEEP_FOR = timedelta(days=7)
SIDECARS = ("-wal", "-shm", "-journal")
_STAMP = re.compile(r"\.corrupt-(\d{8}T\d{6}Z)")


def _kept_copies(path: Path) -> dict[str, list[tuple[datetime, Path]]]:
    """Backups and quarantine copies beside the cache, each with the time it was made."""
    found: dict[str, list[tuple[datetime, Path]]] = {"backup": [], "quarantine": []}
    for candidate in path.parent.glob(f"{glob_escape(path.name)}.*"):
        name = candidate.name
        if any(name.endswith(side) for side in SIDECARS):
            continue
        if name.startswith(f"{path.name}.before-") and name.endswith(".bak"):
            made = datetime.fromtimestamp(candidate.stat().st_mtime, UTC)  # written fresh when it is made
            found["backup"].append((made, candidate))
        elif (stamp := _STAMP.match(name[len(path.name):])) is not None:
            # The quarantine time is in the name: the moved file keeps the damaged cache's own mtime.
            made = datetime.strptime(stamp.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            found["quarantine"].append((made, candidate))
    return found


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _is_plain(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return cipher.is_plain(handle.read(16))
    except OSError:
        return False


def prune(path: Path, key: bytes | None, now: datetime | None = None) -> list[Path]:
    """Delete the copies that are not the newest of their kind, older than 7 days, or plain beside an encrypted
    cache (overwritten first: they hold citizens' data in clear). Returns what was removed."""
    now = now or datetime.now(UTC)
    removed: list[Path] = []
    for copies in _kept_copies(path).values():
        copies.sort()
        for index, (made, copy) in enumerate(copies):
            newest = index == len(copies) - 1
            if newest and now - made <= KEEP_FOR and not (key is not None and _is_plain(copy)):
                continue
            plain = _is_plain(copy)
            for target in (copy, *(copy.with_name(copy.name + side) for side in SIDECARS)):
                if plain:
                    shred(target)
                else:  # ciphertext (or not a database at all): nothing to overwrite
                    target.unlink(missing_ok=True)
            removed.append(copy)
    if removed:
        log.info("removed %d old backup or quarantine copies of %s", len(removed), path.name)
    return removed
