"""Turning a plain cache (from before encryption) into an encrypted one in place, and removing the plain copy.

Steps, each leaving something the next start finishes (`finish_interrupted`):

1. checkpoint the plain file's WAL into it and overwrite the WAL with zeros; `sqlcipher_export` everything into
   `cache.sqlite3.encrypting`, fsync it. A kill here: the plain cache is still in place; the half-built file
   is deleted and the work redone at the next start.
2. rename the plain file to `cache.sqlite3.plain` (no cache under the real name for a moment). A kill here: the
   `.encrypting` file is complete (it was synced before), so the next start renames it into place.
3. rename `.encrypting` to the real name; 4. overwrite `.plain` with zeros and delete it.

So a kill at any point leaves the plain or the encrypted cache openable, and the next successful open leaves
only the encrypted one. The outbox (unsent work) is copied with everything else, keys and ids unchanged.

Overwriting with zeros is best effort: an SSD (wear levelling), a copy-on-write or journaling file system, or a
backup taken earlier can keep the old blocks. It still removes the plaintext from where any program would look.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from triage_desktop.storage import cipher

log = logging.getLogger(__name__)

ENCRYPTING, PLAIN = ".encrypting", ".plain"
SIDECARS = ("-wal", "-shm", "-journal")
_CHUNK = 1 << 20


def shred(path: Path) -> None:
    """Overwrite a file with zeros, sync, delete it (best effort, see above); nothing when it is not there."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    try:
        with open(path, "r+b") as handle:
            zeros = bytes(min(size, _CHUNK))
            written = 0
            while written < size:
                written += handle.write(zeros[:size - written])
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        log.warning("could not overwrite %s before deleting it: %s", path.name, exc.strerror or exc)
    path.unlink(missing_ok=True)


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _sync_folder(folder: Path) -> None:
    if os.name == "nt":
        return  # no directory handles to fsync on Windows; NTFS journals the rename itself
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def finish_interrupted(path: Path) -> None:
    """Complete or undo an encryption a kill cut off (see the module's steps)."""
    encrypting, plain = _sibling(path, ENCRYPTING), _sibling(path, PLAIN)
    if not path.exists() and encrypting.exists() and plain.exists():
        os.replace(encrypting, path)  # step 2 done, 3 not: the encrypted file is complete
        _sync_folder(path.parent)
    if path.exists():
        for side in SIDECARS:  # a half-built target's own journal
            _sibling(encrypting, side).unlink(missing_ok=True)
        encrypting.unlink(missing_ok=True)  # a half-built one (step 1 cut off); the plain file is still here
    if plain.exists() and path.exists():
        shred(plain)
        log.warning("finished removing the plain copy of %s", path.name)


def encrypt(path: Path, key: bytes) -> None:
    """Replace the plain cache at `path` by an encrypted copy (nobody else may have it open)."""
    encrypting, plain = _sibling(path, ENCRYPTING), _sibling(path, PLAIN)
    for stale in (encrypting, *(_sibling(encrypting, s) for s in SIDECARS)):
        stale.unlink(missing_ok=True)
    os.close(os.open(encrypting, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))  # owner-only from the start
    conn = cipher.connect(path, None)
    try:
        busy, log_frames, done = conn.execute("PRAGMA wal_checkpoint(FULL)").fetchone()
        conn.execute(cipher.attach_statement(key), (str(encrypting),))
        conn.execute("SELECT sqlcipher_export('target')")
        conn.execute("DETACH DATABASE target")
        if busy == 0 and log_frames == done:
            # Every frame is in the main file now; the WAL's plaintext pages go before SQLite deletes it.
            wal = _sibling(path, "-wal")
            if wal.exists():
                with open(wal, "r+b") as handle:
                    handle.write(bytes(wal.stat().st_size))
                    handle.flush()
                    os.fsync(handle.fileno())
    finally:
        conn.close()
    with open(encrypting, "rb") as handle:
        os.fsync(handle.fileno())
    for side in SIDECARS:  # the plain file's, if closing did not remove them: never beside the encrypted one
        shred(_sibling(path, side))
    os.replace(path, plain)
    _sync_folder(path.parent)
    os.replace(encrypting, path)
    _sync_folder(path.parent)
    shred(plain)
    log.warning("encrypted the plain cache %s in place", path.name)
