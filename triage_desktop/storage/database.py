"""The SQLite file: engines, per-connection pragmas, transactions, error mapping, migrations at open.

Two engines on one file. Writes go through `write()`: one at a time in this process (a lock), each in a
`BEGIN IMMEDIATE` transaction, so a read-then-write never dies of SQLITE_BUSY_SNAPSHOT and another process
(the CLI beside the window) waits on `busy_timeout` instead of failing. Reads go through `read()`: short
deferred transactions on a query-only pool that WAL lets run beside the writer.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PureWindowsPath

from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from triage_desktop.core.errors import StorageError
from triage_desktop.storage import migrate

CACHE_FILE_NAME = "cache.sqlite3"
BUSY_TIMEOUT_MS = 5000

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
    if not isinstance(orig, sqlite3.Error):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None or (code & 0xFF) not in _ENVIRONMENT_CODES:
        return None
    # The detail starts with a stable word (full, readonly, busy…) for logs; sqlite messages hold no data.
    return StorageError(f"{_ENVIRONMENT_CODES[code & 0xFF]}: {getattr(orig, 'sqlite_errorname', '')} {orig}")


@contextmanager
def mapped_errors() -> Iterator[None]:
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        mapped = storage_error(exc)
        if mapped is None:
            raise
        raise mapped from exc


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


def _engine(path: Path, busy_timeout_ms: int, begin: str, *, pool_size: int, query_only: bool) -> Engine:
    engine = create_engine(URL.create("sqlite", database=str(path)), pool_size=pool_size, max_overflow=0,
                           pool_timeout=60)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
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


class Database:
    """One cache file, migrated to the current schema; safe to share between threads."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = Path(path)
        self._write_lock = threading.Lock()
        self._local = threading.local()
        _refuse_network_location(self.path)
        _create_private(self.path)
        self._writer = _engine(self.path, busy_timeout_ms, "BEGIN IMMEDIATE", pool_size=1, query_only=False)
        self._reader = _engine(self.path, busy_timeout_ms, "BEGIN", pool_size=4, query_only=True)
        try:
            self._prepare()
        except BaseException:
            self.dispose()
            raise

    def _prepare(self) -> None:
        with mapped_errors():
            raw = self._writer.raw_connection()
            try:
                cursor = raw.cursor()
                # journal_mode is stored in the file: set once here, not per connection.
                mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                check = cursor.execute("PRAGMA quick_check").fetchall()
                current = migrate.current_revision(cursor)
                cursor.close()
            finally:
                raw.close()
        if str(mode).lower() != "wal":
            raise StorageError(f"journal_mode: {mode}")
        if check != [("ok",)]:
            # Quarantine and resync is a later step; for now the caller tells the officer.
            raise StorageError("corrupt: quick_check failed")
        if current == migrate.HEAD:
            return
        migrate.check_known(current)
        if current is not None:
            migrate.backup(self.path, current)
        with self.write() as connection:
            migrate.upgrade(connection)

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

    def dispose(self) -> None:
        self._writer.dispose()
        self._reader.dispose()


def open_database(profile_dir: Path) -> Database:
    """The profile's cache (profile_dir/cache.sqlite3); a new profile folder is created owner-only."""
    profile_dir = Path(profile_dir)
    try:
        if not profile_dir.is_dir():
            profile_dir.mkdir(parents=True, mode=0o700, exist_ok=True)
            if os.name != "nt":
                os.chmod(profile_dir, 0o700)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        raise StorageError(f"cantopen: {exc.strerror}") from exc
    return Database(profile_dir / CACHE_FILE_NAME)
