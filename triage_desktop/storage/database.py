"""The SQLite file: engines, per-connection pragmas, transactions, error mapping, migrations at open, and
the quarantine of a file that fails its integrity check (see `quarantine`).

Durability: WAL with `synchronous=FULL` on every connection, so a committed outbox row survives a power cut,
not only a crash of the program.

Encryption: with a key (32 random bytes from the session), every connection is SQLCipher's and keyed first
(storage.cipher); a wrong key is CacheLocked("wrong_key") before any integrity check, never damage; a plain
cache opened with a key is encrypted in place first (storage.encrypt_in_place). `key=None` is plain SQLite,
for deployments that allow it (the caller decides).

Two engines on one file. Writes go through `write()`: one at a time in this process (a lock), each in a
`BEGIN IMMEDIATE` transaction, so a read-then-write never dies of SQLITE_BUSY_SNAPSHOT and another process
(the CLI beside the window) waits on `busy_timeout` instead of failing. Reads go through `read()`: short
deferred transactions on a query-only pool that WAL lets run beside the writer.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PureWindowsPath
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, select
from sqlalchemy.exc import DBAPIError

from triage_desktop.core.errors import StorageError
from triage_desktop.storage import (
    cipher,
    encrypt_in_place,
    migrate,
    page_recovery,
    process_marker,
    quarantine,
    retention,
)
from triage_desktop.storage.recovery_report import RecoveryReport
from triage_desktop.storage.schema import SYNC_STATE

log = logging.getLogger(__name__)

CACHE_FILE_NAME = "cache.sqlite3"
BUSY_TIMEOUT_MS = 5000
_ERRORS: tuple[type[Exception], ...] = (DBAPIError, *cipher.DB_ERRORS)

# Primary SQLite result codes that mean "the environment", not "a bug": the user can free disk, fix
# permissions or close the other program. Everything else (syntax, constraint…) stays a crash report.
_ENVIRONMENT_CODES = {
    5: "busy",  # SQLITE_BUSY: locked by another connection longer than busy_timeout
    6: "locked",  # SQLITE_LOCKED
    8: "readonly",  # SQLITE_READONLY (file or folder not writable, read-only medium)
    10: "io",  # SQLITE_IOERR
    11: "corrupt",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL: disk (or quota) full
    14: "cantopen",  # SQLITE_CANTOPEN
    26: "notadb",  # SQLITE_NOTADB: "file is not a database"
}


def storage_error(exc: BaseException) -> StorageError | None:
    """The StorageError an sqlite/SQLAlchemy error stands for, or None when it is a bug."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, cipher.DB_ERRORS):  # sqlcipher3's errors carry sqlite_errorcode too
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None or (code & 0xFF) not in _ENVIRONMENT_CODES:
        return None
    # The detail starts with a stable word (full, readonly, busy…) for logs; sqlite messages hold no data.
    return StorageError(f"{_ENVIRONMENT_CODES[code & 0xFF]}: {getattr(orig, 'sqlite_errorname', '')} {orig}")


def _environment_word(exc: BaseException) -> str:
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(orig, "sqlite_errorcode", None) or 0
    return _ENVIRONMENT_CODES.get(code & 0xFF, "error")


@contextmanager
def mapped_errors() -> Iterator[None]:
    try:
        yield
    except _ERRORS as exc:
        mapped = storage_error(exc)
        if mapped is None:
            raise
        raise mapped from exc


@contextmanager
def _opening_errors() -> Iterator[None]:
    """While a cache is opened or checked: corruption means a damaged file (quarantine), the environment a
    StorageError, anything else a bug."""
    try:
        yield
    except _ERRORS as exc:
        if quarantine.is_corruption(exc):
            raise quarantine.Damaged(_environment_word(exc)) from exc
        mapped = storage_error(exc)
        if mapped is None:
            raise
        raise mapped from exc


def _require_ok(verdict: list[Any]) -> None:
    if verdict != [("ok",)]:
        raise quarantine.Damaged(f"quick_check: {str(verdict[0][0])[:200] if verdict else 'no answer'}")


def is_network_path(path: str) -> bool:
    """UNC paths (\\\\server\\share, \\\\?\\UNC\\…): SQLite's WAL locking is unreliable on network shares."""
    text = str(PureWindowsPath(path))
    if text.startswith("\\\\?\\") or text.startswith("\\\\.\\"):
        return text[4:].upper().startswith("UNC\\")
    return text.startswith("\\\\")


def _refuse_network_location(path: Path) -> None:
    if os.name != "nt":
        return
    resolved = str(path.absolute())
    if is_network_path(resolved):
        raise StorageError("network_path")
    drive = os.path.splitdrive(resolved)[0]
    if drive:
        import ctypes  # Windows only; 4 == DRIVE_REMOTE (a mapped network drive)

        if ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4:  # type: ignore[attr-defined]
            raise StorageError("network_path")


def _create_private(path: Path) -> None:
    """Create the file owner-only before SQLite opens it: -wal and -shm then inherit 0600 too.

    On Windows the mode bits are ignored; the file lives in the per-user %LOCALAPPDATA%, whose ACL already
    keeps other users out.
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        if os.name != "nt":
            for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                if candidate.exists() and candidate.stat().st_mode & 0o077:
                    os.chmod(candidate, 0o600)
        return
    except OSError as exc:
        raise StorageError(f"cantopen: {exc.strerror}") from exc
    os.close(fd)


def _finish_interrupted_recovery(path: Path) -> bool:
    """A `.recovering` file left by a recovery that was cut off (see `quarantine`). True when it was finished."""
    fresh = quarantine.recovering_path(path)
    if not fresh.exists():
        return False
    try:
        if path.exists():  # cut off while building: the damaged file is still here and will be checked again
            quarantine.remove_with_sidecars(fresh)
            return False
        quarantine.move_with_sidecars(fresh, path)  # built, and the damaged file already moved aside
    except OSError as exc:
        raise StorageError(f"cantopen: {exc.strerror}") from exc
    log.warning("finished an interrupted recovery of the damaged cache %s", path)
    return True


def _engine(path: Path, key: bytes | None, busy_timeout_ms: int, begin: str, *, pool_size: int,
            query_only: bool) -> Engine:
    def creator() -> Any:
        # The key must be the connection's first statement, before SQLAlchemy's dialect runs anything.
        return cipher.connect(path, key, check_same_thread=False)

    # module=: SQLAlchemy wraps sqlcipher3's errors in DBAPIError as it does sqlite3's (storage_error reads them).
    engine = create_engine(URL.create("sqlite", database=str(path)), module=cipher.DBAPI, creator=creator,
                           pool_size=pool_size, max_overflow=0, pool_timeout=60)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        # The sqlite3 module's own transaction handling would BEGIN DEFERRED; we emit BEGIN ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")  # an acked outbox row must survive a power cut
        if query_only:
            cursor.execute("PRAGMA query_only = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql(begin)

    return engine


FULL_CHECK_BELOW = 256 * 1024 * 1024  # bytes; see Database.__init__


class Database:
    """One cache file, migrated to the current schema; safe to share between threads.

    A file that fails its integrity check at open is quarantined and replaced by a fresh one that keeps the
    unsent actions (see `quarantine`); `recovered_from` then names the damaged file, so the front end can
    tell the officer why everything is being downloaded again, and `recovery` says exactly what was kept and
    what was not found (a RecoveryReport).

    `unclean_stop`: a process had the file open and stopped without closing it (see process_marker);
    `integrity_checked`: this open ran quick_check and the WAL check (always for a small file, after an
    unclean stop for a big one).
    """

    def __init__(self, path: Path, *, key: bytes | None, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = Path(path)
        self._key = key
        self.recovered_from: Path | None = None
        self._busy_timeout_ms = busy_timeout_ms
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._marker: process_marker.ProcessMarker | None = None
        _refuse_network_location(self.path)
        try:
            if key is not None:
                encrypt_in_place.finish_interrupted(self.path)
            # Before anything reads the file as damaged: a wrong key is not damage (nothing is moved).
            cipher.check_key(self.path, key)
        except OSError as exc:
            raise StorageError(f"cantopen: {exc.strerror or exc}") from exc
        finished = _finish_interrupted_recovery(self.path)
        # Each process holds its own locked marker while the file is open; one that nobody holds any more was
        # left by a process that died with the file open (see process_marker).
        stale = process_marker.unclean_stops(self.path)
        self.unclean_stop = bool(stale)
        others_running = len(process_marker.markers(self.path)) > len(stale)
        try:
            self._marker = process_marker.ProcessMarker(self.path)
        except OSError as exc:
            raise StorageError(f"cantopen: {exc.strerror or exc}") from exc
        # quick_check reads the whole file: milliseconds for a ward's cache, seconds for a province's million
        # items. Damage comes with crashes and power cuts, so a big cache is checked only after an unclean stop.
        self.integrity_checked = (self.unclean_stop or not self.path.exists()
                                  or self.path.stat().st_size < FULL_CHECK_BELOW)
        try:
            self._encrypt_if_plain(others_running, self.integrity_checked)
            # Before SQLite opens the file: its recovery would silently drop what follows a damaged WAL frame.
            # A WAL another running program is writing is its own, and healthy (and may be half-written now).
            if self.integrity_checked and not others_running and (wal_reason := quarantine.wal_damage(self.path)):
                raise quarantine.Damaged(wal_reason)
            self._open()
            self._prepare(self.integrity_checked)
        except quarantine.Damaged as damaged:
            self._close_engines()
            try:
                self._recover(damaged.reason)
            except BaseException:
                self.dispose()
                raise
        except BaseException:
            self.dispose()
            raise
        if finished:
            name = self._state(quarantine.RECOVERED_FROM)
            self.recovered_from = self.path.with_name(name) if name else None
        # What the recovery kept and could not find, for the front ends to tell the officer.
        self.recovery: RecoveryReport | None = (
            RecoveryReport.from_json(self._state(quarantine.RECOVERY)) if self.recovered_from else None)
        process_marker.forget(self.path, stale)  # checked (or recovered): that unclean stop is dealt with
        try:
            retention.prune(self.path, key)
        except OSError as exc:  # a copy we could not delete is no reason to refuse the cache
            log.warning("could not prune old copies of %s: %s", self.path.name, exc.strerror or exc)

    def _encrypt_if_plain(self, others_running: bool, check: bool) -> None:
        """A plain cache opened with a key: checked like any cache, then encrypted in place (or, when damaged,
        salvaged into a fresh encrypted cache by `_recover`, which then deletes the plain file)."""
        if self._key is None or not self.path.exists():
            return
        with open(self.path, "rb") as handle:
            if not cipher.is_plain(handle.read(16)):
                return
        if others_running:
            raise StorageError("busy: the plain cache is open in another program; close it to encrypt the cache")
        if check and (wal_reason := quarantine.wal_damage(self.path)):
            raise quarantine.Damaged(wal_reason)
        try:
            with _opening_errors():
                if check:  # a big cache only after an unclean stop, as below (the export reads every page anyway)
                    conn = cipher.connect(self.path, None)
                    try:
                        _require_ok(conn.execute("PRAGMA quick_check").fetchall())
                    finally:
                        conn.close()
                encrypt_in_place.encrypt(self.path, self._key)
        except OSError as exc:
            raise StorageError(f"cantopen: {exc.strerror or exc}") from exc

    def _open(self) -> None:
        _create_private(self.path)
        self._writer = _engine(self.path, self._key, self._busy_timeout_ms, "BEGIN IMMEDIATE", pool_size=1,
                               query_only=False)
        self._reader = _engine(self.path, self._key, self._busy_timeout_ms, "BEGIN", pool_size=4, query_only=True)

    def _prepare(self, check: bool = True) -> None:
        with _opening_errors():
            raw = self._writer.raw_connection()
            try:
                cursor = raw.cursor()
                # journal_mode is stored in the file: set once here, not per connection.
                mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                verdict = cursor.execute("PRAGMA quick_check").fetchall() if check else [("ok",)]
                current = migrate.current_revision(cursor)
                cursor.close()
            finally:
                raw.close()
        if str(mode).lower() != "wal":
            raise StorageError(f"journal_mode: {mode}")
        _require_ok(verdict)
        if current == migrate.HEAD:
            return
        migrate.check_known(current)
        if current is not None:
            migrate.backup(self.path, current, self._key)
        with self.write() as connection:
            migrate.upgrade(connection)

    def _recover(self, reason: str) -> None:
        """Quarantine the damaged file and put a fresh one holding its salvaged unsent actions in its place."""
        try:
            # With a key, anything not ciphertext is a cache from before encryption: read as plain, not kept.
            encrypted = _looks_encrypted(self.path)
            found = quarantine.salvage(self.path, reason, self._key if encrypted else None)
        except quarantine.InUse as exc:
            raise StorageError(f"busy: the damaged cache is open in another program ({exc})") from exc
        fresh_path = quarantine.recovering_path(self.path)
        quarantine.remove_with_sidecars(fresh_path)
        target = quarantine.quarantine_path(self.path)
        fresh = Database(fresh_path, key=self._key, busy_timeout_ms=self._busy_timeout_ms)
        try:
            with fresh.write() as connection:
                quarantine.restore(connection, found, target)
        finally:
            fresh.dispose()
        # A plain damaged cache beside an encrypted one is not kept: its rows are salvaged, its bytes overwritten.
        shred_plain = self._key is not None and not encrypted and _plain_sqlite(self.path)
        try:
            quarantine.move_with_sidecars(self.path, target)
            quarantine.move_with_sidecars(fresh_path, self.path)
            if shred_plain:
                for copy in (target, *quarantine.sidecars(target)):
                    encrypt_in_place.shred(copy)
        except OSError as exc:  # e.g. another program holds the file open on Windows
            raise StorageError(f"corrupt: {reason}; cannot move it aside ({exc.strerror})") from exc
        # A warning, not an error: the damage is handled and the officer is told; nothing was lost unnoticed.
        log.warning("cache %s was damaged (%s): moved to %s; %s; everything else will be downloaded again",
                    self.path, reason, target.name, found.report.summary())
        self._open()
        try:
            self._prepare()
        except BaseException:
            self.dispose()
            raise
        self.recovered_from = target

    def _state(self, key: str) -> str | None:
        with self.read() as connection:
            return connection.execute(select(SYNC_STATE.c.value).where(SYNC_STATE.c.key == key)).scalar()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One BEGIN IMMEDIATE transaction, committed on success, rolled back on any exception."""
        if getattr(self._local, "writing", False):
            # A second connection would wait on our own lock until busy_timeout: a bug, say so at once.
            raise RuntimeError("nested write transaction")
        with self._write_lock:
            self._local.writing = True
            try:
                with mapped_errors(), self._writer.begin() as connection:
                    yield connection
            finally:
                self._local.writing = False

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A short read transaction: a consistent view of the last commit, never blocking the writer."""
        with mapped_errors(), self._reader.begin() as connection:
            yield connection

    def _close_engines(self) -> None:
        with contextlib.suppress(AttributeError):  # not opened yet
            self._writer.dispose()
            self._reader.dispose()

    def dispose(self) -> None:
        """Close the file and remove this process's marker: a clean stop."""
        self._close_engines()
        if self._marker is not None:
            self._marker.release()
            self._marker = None


def _plain_sqlite(path: Path) -> bool:
    """SQLite's header, or pages that parse as SQLite's without it (a plain cache with a wrecked header)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return False
    return cipher.is_plain(head) or page_recovery.guess_page_size(head) is not None


def _looks_encrypted(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return cipher.looks_encrypted(handle.read(cipher.PAGE_SIZE))
    except OSError:
        return False


def open_database(profile_dir: Path, *, key: bytes | None) -> Database:
    """The profile's cache (profile_dir/cache.sqlite3); a new profile folder is created owner-only.

    `key`: the cache's 32-byte SQLCipher key, or None for a plain cache where the deployment allows one.
    """
    profile_dir = Path(profile_dir)
    try:
        if not profile_dir.is_dir():
            profile_dir.mkdir(parents=True, mode=0o700, exist_ok=True)
            if os.name != "nt":
                os.chmod(profile_dir, 0o700)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        raise StorageError(f"cantopen: {exc.strerror}") from exc
    return Database(profile_dir / CACHE_FILE_NAME, key=key)
