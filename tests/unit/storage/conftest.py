"""A real cache file in tmp_path per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.keys import TEST_KEY
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "cache.sqlite3", key=TEST_KEY)
    yield database
    database.dispose()


# Who the `store` fixture is logged in as: every action needs an author to be sendable (issue 7).
USER_JSON = '{"id": "u_17", "username": "tam.le", "full_name": "Lê Minh Tâm", "unit_id": "w_0101", "roles": ["officer"]}'
SERVER_URL = "https://api.example-province.vn/triage/v1"


@pytest.fixture
def store(db: Database) -> Store:
    """A cache as a login leaves it: the officer and the server are stored (the author of each queued action)."""
    store = Store(db)
    store.set_state("user", USER_JSON)
    store.set_state("server_url", SERVER_URL)
    return store


@pytest.fixture
def workspace(store: Store) -> LocalWorkspace:
    return LocalWorkspace(store)
