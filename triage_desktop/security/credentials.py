"""The refresh token in the OS keyring, or only in process memory when there is no secure keyring.

Only an allowlist of backends counts as secure (reliability-security.md items 15–19): Windows Credential
Manager, the macOS Keychain and the freedesktop Secret Service. Anything else — `fail`, `null`,
keyrings.alt's plaintext files, a chainer without one of those — keeps tokens in memory only and sets
`persistent = False`, so the front end can tell the officer that the login will not be remembered.

Keyring calls run in a helper thread with a timeout: Secret Service's unlock prompt can block forever
when no prompt can be shown. Token values never reach a log line.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from triage_desktop.security.redact import remember_secret

log = logging.getLogger(__name__)

ALLOWED_BACKENDS = frozenset({
    "keyring.backends.Windows.WinVaultKeyring",
    "keyring.backends.macOS.Keyring",
    "keyring.backends.SecretService.Keyring",
})
_CHAINER = "keyring.backends.chainer.ChainerBackend"
_WINDOWS = "keyring.backends.Windows.WinVaultKeyring"

# CRED_MAX_CREDENTIAL_BLOB_SIZE is 2,560 bytes of UTF-16; every stored part stays below 2,500 (item 16).
WINDOWS_MAX_SECRET_BYTES = 2500
# The first entry of a sharded secret says how many parts follow (opaque server tokens never look like this).
_SHARD_MARK = "triage-desktop-shards:"

T = TypeVar("T")


class KeyringTimeout(Exception):
    """A keyring call did not return in time (e.g. an unlock prompt nobody can answer)."""


def backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def secure_backend(backend: Any) -> Any | None:
    """The backend itself when allowlisted; a chainer's best allowlisted member; else None (fail closed)."""
    name = backend_name(backend)
    if name in ALLOWED_BACKENDS:
        return backend
    if name == _CHAINER:
        # Use the secure member directly: the chainer would write to whichever member accepts first,
        # which may be a plaintext one.
        for member in getattr(backend, "backends", ()):
            if backend_name(member) in ALLOWED_BACKENDS:
                return member
    return None


def _utf16_size(text: str) -> int:
    return len(text.encode("utf-16-le"))


def _shards(secret: str, max_bytes: int) -> list[str]:
    parts: list[str] = []
    current = ""
    for ch in secret:
        if current and _utf16_size(current + ch) >= max_bytes:
            parts.append(current)
            current = ""
        current += ch
    parts.append(current)
    return parts


class CredentialStore:
    """Refresh tokens per account (`"<server_url>|<username>"`), so two officers on one PC never collide.

    `backend=None` asks keyring for the platform backend and applies the allowlist. Passing a backend
    trusts it as given (tests register an in-memory one; the OS keyring cannot run there).
    """

    def __init__(self, service: str = "triage-desktop", backend: Any | None = None, *,
                 timeout: float = 10.0, max_secret_bytes: int | None = None) -> None:
        self.service = service
        self._timeout = timeout
        self._explicit = backend
        self._max_secret_bytes = max_secret_bytes
        self._memory: dict[str, str] = {}
        self._lock = threading.RLock()
        self._resolved = False
        self._backend: Any | None = None

    @classmethod
    def memory_only(cls, service: str = "triage-desktop") -> CredentialStore:
        """Tokens for this process only (the demo and screenshots must not litter the OS keyring)."""
        store = cls(service)
        store._resolved = True
        return store

    # -- backend selection -------------------------------------------------------------------------

    @property
    def persistent(self) -> bool:
        """True when tokens survive a restart (a secure keyring is in use and has not failed)."""
        return self._keyring() is not None

    @property
    def backend_description(self) -> str:
        backend = self._keyring()
        return backend_name(backend) if backend is not None else "memory"

    def _keyring(self) -> Any | None:
        with self._lock:
            if not self._resolved:
                self._resolved = True
                self._backend = self._choose()
            return self._backend

    def _choose(self) -> Any | None:
        if self._explicit is not None:
            backend = self._explicit
        else:
            try:
                import keyring  # imported here: backend discovery is slow and may touch D-Bus

                backend = self._run(keyring.get_keyring)
            except Exception as exc:  # any failure means "no secure keyring"
                log.info("no usable keyring (%s); the login is kept in memory only", type(exc).__name__)
                return None
            backend = secure_backend(backend)
            if backend is None:
                log.info("keyring backend is not on the allowlist; the login is kept in memory only")
                return None
        if backend_name(backend) == _WINDOWS:
            # The default CRED_PERSIST_ENTERPRISE roams with domain profiles (item 17).
            try:
                backend.persist = "local machine"
            except Exception:
                log.warning("could not set Windows credential persistence to local machine")
                return None
            if self._max_secret_bytes is None:
                self._max_secret_bytes = WINDOWS_MAX_SECRET_BYTES
        log.info("credentials kept in %s", backend_name(backend))
        return backend

    def _give_up(self, what: str, exc: BaseException) -> None:
        """After a failed or hung call, stop using the keyring for this process; tokens stay in memory."""
        log.warning("keyring %s failed (%s); the login is kept in memory only", what, type(exc).__name__)
        with self._lock:
            self._backend = None

    def _run(self, func: Callable[..., T], *args: Any) -> T:
        """Run one keyring call in a daemon thread; a hung call raises KeyringTimeout and is abandoned."""
        box: dict[str, Any] = {}

        def target() -> None:
            try:
                box["value"] = func(*args)
            except BaseException as exc:  # handed to the caller's thread
                box["error"] = exc

        worker = threading.Thread(target=target, name="keyring-call", daemon=True)
        worker.start()
        worker.join(self._timeout)
        if worker.is_alive():
            raise KeyringTimeout(getattr(func, "__name__", "call"))
        if "error" in box:
            raise box["error"]
        value: T = box["value"]
        return value

    # -- public API --------------------------------------------------------------------------------

    def get_refresh_token(self, account: str) -> str | None:
        with self._lock:
            if account in self._memory:
                return self._memory[account]
        backend = self._keyring()
        if backend is None:
            return None
        try:
            token = self._read(backend, account)
        except Exception as exc:
            self._give_up("read", exc)
            return None
        if token is not None:
            remember_secret(token)
            with self._lock:
                self._memory.setdefault(account, token)
        return token

    def set_refresh_token(self, account: str, token: str) -> None:
        """Keep the token at once (a rotated one replaces the old immediately, §2)."""
        if not token:
            raise ValueError("empty token")
        remember_secret(token)
        with self._lock:
            self._memory[account] = token
        backend = self._keyring()
        if backend is None:
            return
        try:
            self._write(backend, account, token)
        except Exception as exc:
            self._give_up("write", exc)

    # Other secrets of the profile (the cache key) use the same entries, allow-list and timeouts.
    def get_secret(self, name: str) -> str | None:
        return self.get_refresh_token(name)

    def set_secret(self, name: str, value: str) -> None:
        self.set_refresh_token(name, value)

    def delete(self, account: str) -> None:
        with self._lock:
            self._memory.pop(account, None)
        backend = self._keyring()
        if backend is None:
            return
        try:
            self._erase(backend, account)
        except Exception as exc:
            self._give_up("delete", exc)

    # -- keyring entries (sharded when too big for one Windows credential) ---------------------------

    def _read(self, backend: Any, account: str) -> str | None:
        value: str | None = self._run(backend.get_password, self.service, account)
        if value is None or not value.startswith(_SHARD_MARK):
            return value
        count = int(value[len(_SHARD_MARK):])
        parts: list[str | None] = [self._run(backend.get_password, self.service, f"{account}#{i}")
                                   for i in range(count)]
        if any(part is None for part in parts):
            return None  # a half-written secret is no secret
        return "".join(parts)  # type: ignore[arg-type]

    def _write(self, backend: Any, account: str, token: str) -> None:
        limit = self._max_secret_bytes
        old_count = self._shard_count(backend, account)
        if limit is None or _utf16_size(token) < limit:
            self._run(backend.set_password, self.service, account, token)
            self._erase_shards(backend, account, 0, old_count)
            return
        parts = _shards(token, limit)
        for i, part in enumerate(parts):
            self._run(backend.set_password, self.service, f"{account}#{i}", part)
        self._run(backend.set_password, self.service, account, f"{_SHARD_MARK}{len(parts)}")
        self._erase_shards(backend, account, len(parts), old_count)

    def _shard_count(self, backend: Any, account: str) -> int:
        value = self._run(backend.get_password, self.service, account)
        if value and value.startswith(_SHARD_MARK):
            return int(value[len(_SHARD_MARK):])
        return 0

    def _erase(self, backend: Any, account: str) -> None:
        count = self._shard_count(backend, account)
        self._delete_entry(backend, account)
        self._erase_shards(backend, account, 0, count)

    def _erase_shards(self, backend: Any, account: str, start: int, stop: int) -> None:
        for i in range(start, stop):
            self._delete_entry(backend, f"{account}#{i}")

    def _delete_entry(self, backend: Any, name: str) -> None:
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):  # already gone
            self._run(backend.delete_password, self.service, name)
