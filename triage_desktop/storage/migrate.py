"""Running the Alembic migrations shipped in the package, at start-up, before anything else uses the file.

`HEAD` lets a start with an up-to-date cache skip importing Alembic at all (start-up time); a test keeps
it equal to the newest revision in `migrations/versions/`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from triage_desktop.core.errors import StorageError
from triage_desktop.storage import cipher
from triage_desktop.storage.schema import ITEM_SEARCH_TABLES

HEAD = "0007"
# Resolved from this file, not the working folder, so it also works from a frozen (PyInstaller) bundle.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def current_revision(cursor: Any) -> str | None:
    """The file's schema revision through a raw DB-API cursor; None for a new, empty file."""
    found = cursor.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
    if not found:
        return None
    row = cursor.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Autogenerate filter: the FTS5 table and its shadow tables are made by hand, never dropped."""
    return not (type_ == "table" and name in ITEM_SEARCH_TABLES)


def alembic_config(connection: Any = None) -> Any:
    from alembic.config import Config

    config = Config()
    # ConfigParser interpolation: a '%' in the install path must be doubled.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def check_known(revision: str | None) -> None:
    """A revision we do not ship means a newer program wrote this cache: refuse it rather than guess."""
    if revision is None or revision == HEAD:
        return
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    try:
        found = script.get_revision(revision)
    except CommandError:
        found = None
    if found is None:
        raise StorageError(f"newer_schema: {revision}")


def backup(path: Path, revision: str, key: bytes | None) -> Path:
    """Copy the cache (online backup API, never a file copy of a live DB) before changing its schema.

    Encrypted with the cache's own key when it has one (the backup API copies pages between two connections
    keyed alike). Older backups are pruned at open (storage.retention).
    """
    target = path.with_name(f"{path.name}.before-{revision}.bak")
    target.unlink(missing_ok=True)
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    source = cipher.connect(path, key)
    destination = cipher.connect(target, key)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    return target


def upgrade(connection: Any) -> None:
    """Upgrade to head inside the caller's (BEGIN IMMEDIATE) transaction: all of it or none of it."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
