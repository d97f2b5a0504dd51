"""A keyring backend in a JSON file, for CLI subprocesses that must see a *secure* keyring (the OS ones cannot run
here: no Secret Service daemon, no Windows). Select it with `file_keyring_env(path)`; it poses as the Secret
Service backend so the allow-list takes it, which is the point: the program's own code path for a secure keyring.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from triage_desktop.security.cache_key import keyring_entry

ENV = "TRIAGE_TEST_KEYRING_FILE"


class Keyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ[ENV])

    def _load(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data

    def _save(self, entries: dict[str, str]) -> None:
        self._path().write_text(json.dumps(entries), encoding="utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\t{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._load()
        entries[f"{service}\t{username}"] = password
        self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._load()
        if entries.pop(f"{service}\t{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(entries)


Keyring.__module__, Keyring.__qualname__ = "keyring.backends.SecretService", "Keyring"


def file_keyring_env(path: Path) -> dict[str, str]:
    """Environment for a CLI subprocess using this keyring, kept in `path`."""
    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONIOENCODING": "utf-8", ENV: str(path),
            "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.Keyring",
            "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}


def profile_keyring(profile: Path) -> Path:
    """The keyring file `run_cli` gives a profile: one per profile, beside it."""
    return profile.parent / f"{profile.name}.keyring.json"


def cache_key_of(profile: Path) -> bytes:
    """The cache key the program keeps in that keyring: for a test that tampers with the file as an intruder
    holding the key would."""
    entries = json.loads(profile_keyring(profile).read_text(encoding="utf-8"))
    [key] = [value for name, value in entries.items() if name.split("\t")[1].startswith("cache-key|")]
    return bytes.fromhex(key)


def copy_profile(source: Path, target: Path) -> None:
    """A copy of a profile folder on the same PC: its keyring entries follow it (the cache key under the copy's
    name, as the program would keep it after the officer's password opened the moved folder once)."""
    shutil.copytree(source, target)
    entries = json.loads(profile_keyring(source).read_text(encoding="utf-8"))
    renamed = {name.replace(keyring_entry(source), keyring_entry(target)): value for name, value in entries.items()}
    profile_keyring(target).write_text(json.dumps(renamed), encoding="utf-8")
