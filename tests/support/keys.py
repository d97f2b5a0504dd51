"""A fixed cache key for tests: the storage and recovery tests run on encrypted caches by default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2

from triage_desktop.security.cache_key import KdfCost
from triage_desktop.storage import cipher

TEST_KEY = bytes.fromhex("5f1c0a9e7b3d2c4e8a6f1b0d9c7e5a3f2b4d6e8f0a1c3e5b7d9f2a4c6e8b0d1f")
OTHER_KEY = bytes(32)  # a wrong key
# The password KDF at its lowest cost: the same code as the real 64 MiB x 3 (security.cache_key), faster.
CHEAP_KDF = KdfCost(iterations=1, memory_kib=8 * 1024, lanes=1)


def keyed(path: object, key: bytes | None = TEST_KEY, *, isolation_level: str | None = "", timeout: float = 5.0,
          uri: bool = False) -> Any:
    """A sqlcipher3 connection to a test cache, like `sqlite3.connect` (its default implicit transactions)."""
    conn = dbapi2.connect(str(path), isolation_level=isolation_level, timeout=timeout, uri=uri)
    if key is not None:
        conn.execute(cipher.key_statement(key))
    return conn


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        return not cipher.is_plain(handle.read(16))


def keyed_engine(path: Path, key: bytes | None = TEST_KEY) -> Any:
    """A SQLAlchemy engine on a test cache (for Alembic up/downgrades in tests)."""
    from sqlalchemy import URL, create_engine

    return create_engine(URL.create("sqlite", database=str(path)), module=dbapi2,
                         creator=lambda: cipher.connect(path, key, check_same_thread=False))


def downgrade(path: Path, revision: str, key: bytes | None = TEST_KEY) -> None:
    """Take a test cache back to an older schema revision, as an older program left it."""
    from alembic import command

    from triage_desktop.storage import migrate

    engine = keyed_engine(path, key)
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), revision)
    finally:
        engine.dispose()
