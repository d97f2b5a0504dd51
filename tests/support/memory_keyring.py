"""An in-memory keyring backend: the OS keyring cannot run in tests (item 20), so this stands in for it."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.block = threading.Event()  # set `hang` to make every call wait on it (an unlock prompt)
        self.hang = False

    def _maybe_hang(self) -> None:
        if self.hang:
            self.block.wait(30)

    def get_password(self, service: str, username: str) -> str | None:
        self._maybe_hang()
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._maybe_hang()
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._maybe_hang()
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)
