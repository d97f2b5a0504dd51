"""The cache key: 32 random bytes that SQLCipher uses as a raw key, and the ways back to it.

- In the OS keyring (allow-listed backends only, see `credentials`), one entry per profile: a start needs no
  password to *open* the file (the gate still decides what is shown).
- Always also wrapped by the password of each official who signed in on this PC: `cache.key` beside the cache
  holds, per account, an Argon2id salt and parameters (the file's header for that entry) and the key sealed with
  AES-GCM under the derived key. Without a secure keyring, the password unlocks the cache; with one, the file is
  what is left when the keyring entry is lost.
- A password verifier (Argon2id, PHC string) lives inside the encrypted cache, for unlocking offline after an
  idle lock when the keyring gave the key.

Argon2id is memory-hard (RFC 9106's second recommended profile: 64 MiB, 3 passes, 4 lanes: ~0.2 s here), so a
stolen `cache.key` does not give up a short password cheaply. `cryptography` provides both Argon2id and AES-GCM.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidKey, InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from triage_desktop.security.credentials import CredentialStore

log = logging.getLogger(__name__)

KEY_BYTES = 32
KEY_FILE_NAME = "cache.key"
_FORMAT = "triage-desktop cache key 1"


@dataclass(frozen=True, slots=True)
class KdfCost:
    iterations: int = 3
    memory_kib: int = 64 * 1024
    lanes: int = 4

    def derive(self, password: str, salt: bytes) -> bytes:
        return Argon2id(salt=salt, length=KEY_BYTES, iterations=self.iterations, lanes=self.lanes,
                        memory_cost=self.memory_kib).derive(password.encode("utf-8"))


DEFAULT_COST = KdfCost()


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


# --- the password-wrapped copies: cache.key ----------------------------------------------------------------


class KeyFile:
    """`cache.key`: the cache key sealed once per account under a key derived from that account's password."""

    def __init__(self, profile: Path, cost: KdfCost = DEFAULT_COST) -> None:
        self.path = profile / KEY_FILE_NAME
        self._cost = cost

    def exists(self) -> bool:
        return self.path.is_file()

    def accounts(self) -> list[str]:
        return [entry["account"] for entry in self._entries()]

    def unwrap(self, password: str, account: str | None = None) -> bytes | None:
        """The key, when `password` opens the entry of `account` (or of any account, for the command line)."""
        for entry in self._entries():
            if account is not None and entry["account"] != account:
                continue
            key = self._open(entry, password)
            if key is not None:
                return key
        return None

    def wrap(self, key: bytes, account: str, password: str) -> None:
        """Seal `key` for `account` under `password`, replacing that account's entry (a changed password)."""
        cost = self._cost
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        header = {"account": account, "kdf": "argon2id", "iterations": cost.iterations,
                  "memory_kib": cost.memory_kib, "lanes": cost.lanes, "salt": _b64(salt), "nonce": _b64(nonce)}
        sealed = AESGCM(cost.derive(password, salt)).encrypt(nonce, key, _associated(header))
        entries = [e for e in self._entries() if e["account"] != account]
        entries.append({**header, "sealed": _b64(sealed)})
        self._write(entries)

    def remove(self, account: str) -> None:
        entries = self._entries()
        kept = [e for e in entries if e["account"] != account]
        if len(kept) != len(entries):
            self._write(kept)

    def delete(self) -> None:
        self.path.unlink(missing_ok=True)

    def _open(self, entry: dict[str, Any], password: str) -> bytes | None:
        header = {k: v for k, v in entry.items() if k != "sealed"}
        try:
            cost = KdfCost(int(entry["iterations"]), int(entry["memory_kib"]), int(entry["lanes"]))
            derived = cost.derive(password, base64.b64decode(entry["salt"]))
            return AESGCM(derived).decrypt(base64.b64decode(entry["nonce"]), base64.b64decode(entry["sealed"]),
                                           _associated(header))
        except (InvalidTag, KeyError, ValueError, TypeError):  # wrong password, or an edited entry
            return None

    def _entries(self) -> list[dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            log.warning("cache key file unreadable (%s): the keyring or a new sign-in is needed", type(exc).__name__)
            return []
        if not isinstance(data, dict) or data.get("format") != _FORMAT or not isinstance(data.get("entries"), list):
            return []
        return [e for e in data["entries"] if isinstance(e, dict) and isinstance(e.get("account"), str)]

    def _write(self, entries: list[dict[str, Any]]) -> None:
        """Atomically, owner-only from the first byte (a half-written key file would lock everyone out)."""
        text = json.dumps({"format": _FORMAT, "entries": entries}, indent=1)
        temporary = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)


def _associated(header: dict[str, Any]) -> bytes:
    """The entry's header, bound to the sealed key: an edited account name or cost fails to open."""
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# --- the keyring copy ---------------------------------------------------------------------------------------


def keyring_entry(profile: Path) -> str:
    """One entry per profile folder: the demo's profile and the real one must not share a key. A moved profile asks
    for the password once, then keeps its key under the new name."""
    return "cache-key|" + hashlib.sha256(str(profile.resolve()).encode("utf-8")).hexdigest()[:32]


class KeyringKey:
    """The cache key of one profile in the OS keyring, beside the refresh tokens (same allow-list and timeouts)."""

    def __init__(self, credentials: CredentialStore, profile: Path) -> None:
        self._credentials = credentials
        self._entry = keyring_entry(profile)

    @property
    def available(self) -> bool:
        return self._credentials.persistent

    def load(self) -> bytes | None:
        text = self._credentials.get_secret(self._entry)
        try:
            key = bytes.fromhex(text) if text else None
        except ValueError:
            return None
        return key if key is not None and len(key) == KEY_BYTES else None

    def store(self, key: bytes) -> None:
        self._credentials.set_secret(self._entry, key.hex())

    def delete(self) -> None:
        self._credentials.delete(self._entry)


# --- the password verifier (kept inside the encrypted cache) -------------------------------------------------


def make_verifier(password: str, cost: KdfCost = DEFAULT_COST) -> str:
    kdf = Argon2id(salt=secrets.token_bytes(16), length=KEY_BYTES, iterations=cost.iterations, lanes=cost.lanes,
                   memory_cost=cost.memory_kib)
    return kdf.derive_phc_encoded(password.encode("utf-8"))


def check_verifier(verifier: str, password: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode("utf-8"), verifier)
    except (InvalidKey, ValueError):
        return False
    return True
