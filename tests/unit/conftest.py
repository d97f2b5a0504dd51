"""Fixtures shared by the unit tests: the in-memory keyring that stands in for the OS one."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Registered with keyring.set_keyring for the test, the previous backend restored afterwards."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    backend.block.set()
    keyring.set_keyring(previous)
