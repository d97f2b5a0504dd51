"""Per-process "this cache is open" markers, held under an OS lock, so an unclean stop is always noticed.

One shared marker file could not tell processes apart: a CLI `act` beside a running `sync` removed it at its
clean exit, and a crash of the sync then went unnoticed. So each process that opens the cache creates its own
`cache.sqlite3.open.<random>` and holds an exclusive lock on it until it closes the cache, then removes it.
The OS drops the lock when a process dies however it dies, so at the next open:

- a marker that can be locked belongs to a process that is gone without closing: an unclean stop;
- a marker that cannot be locked belongs to a process still running: leave it alone.

The old shared `cache.sqlite3.open` (no suffix, never locked) counts as an unclean stop, for upgrades.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from pathlib import Path

LEGACY_SUFFIX = ".open"
_LOCK_ATTEMPTS = 5

if sys.platform == "win32":  # the same test as os.name == "nt", in the form mypy reads as a platform check
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # byte 0; a byte past the end may be locked too
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # BlockingIOError: held by a live process
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


def _prefix(cache: Path) -> str:
    return cache.name + LEGACY_SUFFIX


def markers(cache: Path) -> list[Path]:
    """Every marker of this cache file: the legacy shared one and the per-process ones."""
    folder, prefix = cache.parent, _prefix(cache)
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return []
    return sorted(folder / name for name in names if name == prefix or name.startswith(prefix + "."))


def _is_legacy(cache: Path, marker: Path) -> bool:
    return marker.name == _prefix(cache)


def _dead(marker: Path, legacy: bool) -> bool:
    """True when no live process holds this marker (we could lock it, or it is the unlocked legacy one)."""
    try:
        fd = os.open(marker, os.O_RDWR)
    except FileNotFoundError:
        return False  # its process closed cleanly meanwhile
    except OSError:
        return legacy  # cannot even open it (permissions): only the legacy marker is known to be stale
    try:
        if legacy:
            return True
        if not _try_lock(fd):
            return False
        _unlock(fd)
        return True
    finally:
        os.close(fd)


def unclean_stops(cache: Path) -> list[Path]:
    """Markers left by processes that stopped without closing the cache (killed, crashed, power cut)."""
    return [m for m in markers(cache) if _dead(m, _is_legacy(cache, m))]


def forget(cache: Path, stale: list[Path]) -> None:
    """Remove markers found stale, once the check they called for is done (re-checked: never a live one)."""
    for marker in stale:
        if _dead(marker, _is_legacy(cache, marker)):
            with contextlib.suppress(OSError):  # another process starting now may have removed it first
                marker.unlink()


class ProcessMarker:
    """This process's marker of one cache file: created locked, unlocked and removed by `release()`."""

    _fd: int | None

    def __init__(self, cache: Path) -> None:
        for _ in range(_LOCK_ATTEMPTS):
            path = cache.with_name(f"{_prefix(cache)}.{secrets.token_hex(8)}")
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
            # Another process's forget() may lock and remove our fresh file before we lock it: then the
            # lock fails, or the name no longer leads to our file. Either way, start over with a new name.
            if _try_lock(fd) and _same_file(path, fd):
                self.path, self._fd = path, fd
                return
            os.close(fd)
            with contextlib.suppress(OSError):
                path.unlink()
        raise OSError(f"cannot lock a marker beside {cache}")

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if os.name != "nt":  # POSIX: remove while still locked, so nobody ever sees it unlocked
            with contextlib.suppress(OSError):
                self.path.unlink()
        _unlock(fd)
        os.close(fd)
        if os.name == "nt":  # Windows cannot remove a file that is still open
            with contextlib.suppress(OSError):
                self.path.unlink()


def _same_file(path: Path, fd: int) -> bool:
    try:
        return os.path.samestat(os.stat(path), os.fstat(fd))
    except OSError:
        return False
