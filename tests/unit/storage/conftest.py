"""A real cache file in tmp_path per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "cache.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def store(db: Database) -> Store:
    return Store(db)


@pytest.fixture
def workspace(store: Store) -> LocalWorkspace:
    return LocalWorkspace(store)
