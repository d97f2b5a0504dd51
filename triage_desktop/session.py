"""ProfileSession: the gate before any citizen data (core.ports.SessionGate), for the window and the command line.

Opening a profile means finding its cache key (security.cache_key: the keyring, else the officer's password
unwraps it), opening the encrypted cache with it, and knowing who is there: an official signed in with the
server, or offline against the verifier kept inside the cache. Nothing is handed to a front end before that.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from triage_desktop.core.entities import User
from triage_desktop.core.errors import (
    CacheLocked,
    FirstSignInOnline,
    LoginRequired,
    Offline,
    ServerBusy,
    WrongCredentials,
    WrongPassword,
)
from triage_desktop.core.ports import OpenedSession
from triage_desktop.security.cache_key import (
    DEFAULT_COST,
    KdfCost,
    KeyFile,
    KeyringKey,
    check_verifier,
    make_verifier,
    new_key,
)
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.services import Services, build_services, cache_recovery
from triage_desktop.settings import Deployment
from triage_desktop.storage.cache_files import remove_cache_files
from triage_desktop.storage.database import CACHE_FILE_NAME
from triage_desktop.sync.auth import account_name
from triage_desktop.sync.engine import normalize_server_url

log = logging.getLogger(__name__)

# Cache state keys (inside the encrypted cache).
_PASSWORD_AT = "password_at"  # when a password was last typed and checked (for password_every_hours)
_SIGNED_OUT = "signed_out_at"  # set by a logout: the profile's last official left; `act` refuses
_VERIFIER = "verifier|"  # + account: Argon2id PHC string of that official's password


class ProfileSession:
    """One profile folder. Thread-safe: the window calls it from a worker, one call at a time in practice."""

    def __init__(self, profile: Path, deployment: Deployment, credentials: CredentialStore | None = None, *,
                 cost: KdfCost = DEFAULT_COST, clock: Callable[[], float] = time.time) -> None:
        self.profile = profile
        self._deployment = deployment
        self.credentials = credentials if credentials is not None else CredentialStore()
        self._keyring = KeyringKey(self.credentials, profile)
        self._key_file = KeyFile(profile, cost)
        self._cost = cost
        self._clock = clock
        self._lock = threading.RLock()
        self.services: Services | None = None

    @property
    def encrypted(self) -> bool:
        return not self._deployment.allow_unencrypted_cache

    # --- SessionGate ------------------------------------------------------------------------------------------

    def resume(self) -> OpenedSession | None:
        with self._lock:
            if self.services is not None:
                return None
            key = self._keyring.load() if self.encrypted else None
            if self.encrypted and key is None:
                return None
            try:
                services = self._open(key)
            except CacheLocked:  # the keyring's key does not fit this file: the password must find the right one
                return None
            user = services.workspace.current_user()
            if user is None or not self._may_resume(services):
                services.close()
                return None
            self.services = services
            self._audit("login", {"how": "resumed"})
            return self._opened(user)

    def sign_in(self, server_url: str, username: str, password: str, *, offline: bool = True) -> OpenedSession:
        """SessionGate.sign_in. `offline=False`: only the server's word will do (a `sync` that needs its tokens):
        Offline and ServerBusy go to the caller, who may retry, instead of an offline sign-in."""
        with self._lock:
            url = normalize_server_url(server_url)
            account = account_name(url, username)
            if self.services is not None:
                self.close()
            created = not (self.profile / CACHE_FILE_NAME).exists()
            key, unwrapped = self._key_for(account, password, created)
            services = self._open(key)
            try:
                user, how = self._check_first(services, url, username, account, password, unwrapped, offline)
            except BaseException:
                services.close()
                if created:  # nothing of value yet, and its key was never kept: do not leave a locked file
                    remove_cache_files(self.profile)
                raise
            self.services = services
            if how == "online":
                self._remember_password(account, password, key)
            services.store.set_state(_SIGNED_OUT, None)
            services.store.set_state(_PASSWORD_AT, _now(self._clock))
            self._audit("login", {"how": how})
            if how == "online":
                self._send_queued_revocations()
            return self._opened(user)

    def unlock(self, password: str) -> None:
        with self._lock:
            services = self._need_services()
            user = services.workspace.current_user()
            url = services.workspace.server_url()
            if user is None or not url:
                raise LoginRequired("nobody signed in")
            account = account_name(url, user.username)
            try:
                services.sync.check_password(password)
                how = "online"
            except WrongCredentials:
                self._audit("unlock_failed", {"how": "online"})
                raise WrongPassword() from None
            except (Offline, ServerBusy):
                self._check_offline(services, account, password)
                how = "offline"
            if how == "online":
                services.store.set_state(_VERIFIER + account, make_verifier(password, self._cost))
            services.store.set_state(_PASSWORD_AT, _now(self._clock))
            self._audit("unlock", {"how": how})

    def unsent_count(self) -> int:
        with self._lock:
            if self.services is None:
                return 0
            unsent, conflicts = self.services.workspace.outbox_summary()
            return unsent + conflicts

    def sign_out(self, *, wipe: bool) -> None:
        with self._lock:
            services = self._need_services()
            user = services.workspace.current_user()
            url = services.workspace.server_url()
            revoked = services.sync.logout()
            self._audit("logout", {"revoked": revoked, "wipe": wipe})
            services.store.set_state(_SIGNED_OUT, _now(self._clock))
            self._keyring.delete()
            self.close()
            if wipe:
                if user is not None and url:
                    self._key_file.remove(account_name(url, user.username))
                remove_cache_files(self.profile)
                if not self._key_file.accounts():
                    self._key_file.delete()

    def record(self, action: str, kind: str | None = None, item_id: str | None = None,
               detail: Mapping[str, Any] | None = None) -> None:
        with self._lock:
            self._need_services().workspace.record(action, kind, item_id, detail)

    # --- the command line -------------------------------------------------------------------------------------

    def open_for_command(self, password: str | None) -> Services:
        """The cache for one CLI command: the keyring's key, else `password` (any account's) unwraps it.

        CacheLocked("password_needed") when neither opens it: the CLI exits 3 and says to use --password-stdin.
        A command that only reads or queues needs no server check; `act` also asks `signed_in_user`.
        """
        with self._lock:
            if self.services is not None:
                return self.services
            key: bytes | None = None
            if self.encrypted:
                key = self._keyring.load()
                if key is None and password is not None:
                    key = self._key_file.unwrap(password)
                    if key is None and self._key_file.exists():
                        raise WrongPassword()
                if key is None:
                    if not (self.profile / CACHE_FILE_NAME).exists():
                        raise LoginRequired("no_login")
                    raise CacheLocked("password_needed")
            self.services = self._open(key)
            return self.services

    def signed_in_user(self) -> User | None:
        """The official this profile is signed in to (None after a logout, or before any sign-in)."""
        services = self._need_services()
        if services.store.get_state(_SIGNED_OUT):
            return None
        return services.workspace.current_user()

    def close(self) -> None:
        with self._lock:
            if self.services is not None:
                self.services.close()
                self.services = None

    # --- inside -----------------------------------------------------------------------------------------------

    def _open(self, key: bytes | None) -> Services:
        return build_services(self.profile, self.credentials, deployment=self._deployment, key=key)

    def _opened(self, user: User) -> OpenedSession:
        services = self._need_services()
        return OpenedSession(workspace=services.workspace, sync=services.sync, user=user,
                             recovered=cache_recovery(services.database), encrypted=self.encrypted)

    def _need_services(self) -> Services:
        if self.services is None:
            raise LoginRequired("no open profile")
        return self.services

    def _key_for(self, account: str, password: str, created: bool) -> tuple[bytes | None, bool]:
        """(key, whether the password unwrapped it). A new profile gets a new key, kept once the sign-in holds."""
        if not self.encrypted:
            return None, False
        key = self._keyring.load()
        if key is not None:
            return key, False
        # Her own entry first; then any entry this password opens (the same official under another spelling of
        # the server's address): either way the password proved it holds the key.
        key = self._key_file.unwrap(password, account) or self._key_file.unwrap(password)
        if key is not None:
            return key, True
        if created:
            return new_key(), False
        if account in self._key_file.accounts():
            raise WrongPassword()
        # The cache was locked by another official's password and this PC has no keyring holding its key.
        raise CacheLocked("other_official")

    def _check_first(self, services: Services, url: str, username: str, account: str, password: str,
                     unwrapped: bool, offline: bool) -> tuple[User, str]:
        """The server's word on the password; offline, the unwrapped key or the verifier. (user, how)."""
        try:
            return services.sync.login(url, username, password), "online"
        except (Offline, ServerBusy):
            current = services.workspace.current_user()
            if current is None or not offline:  # nobody ever signed in here: "no network" says it best
                raise
            if services.workspace.server_url() != url or current.username.casefold() != username.casefold():
                raise FirstSignInOnline() from None
            if not unwrapped:
                self._check_offline(services, account, password)
            return current, "offline"

    def _check_offline(self, services: Services, account: str, password: str) -> None:
        verifier = services.store.get_state(_VERIFIER + account)
        if verifier is None:
            raise FirstSignInOnline()
        if not check_verifier(verifier, password):
            self._audit("unlock_failed", {"how": "offline"}, services)
            raise WrongPassword()

    def _remember_password(self, account: str, password: str, key: bytes | None) -> None:
        services = self._need_services()
        services.store.set_state(_VERIFIER + account, make_verifier(password, self._cost))
        if key is not None:
            self._key_file.wrap(key, account, password)
            if self._keyring.available:
                self._keyring.store(key)

    def _may_resume(self, services: Services) -> bool:
        if services.store.get_state(_SIGNED_OUT) or not services.sync.has_credentials():
            return False
        typed = services.store.get_state(_PASSWORD_AT)
        if typed is None:
            return False
        try:
            age = self._clock() - datetime.fromisoformat(typed).timestamp()
        except ValueError:
            return False
        return 0 <= age < self._deployment.password_every_hours * 3600

    def _send_queued_revocations(self) -> None:
        try:
            self._need_services().sync.revoke_pending()
        except Exception:  # never let an old logout spoil this sign-in; it is retried at the next one
            log.exception("queued revocations not sent")

    def _audit(self, action: str, detail: Mapping[str, Any], services: Services | None = None) -> None:
        (services or self._need_services()).workspace.record(action, None, None, detail)


def _now(clock: Callable[[], float]) -> str:
    return datetime.fromtimestamp(clock(), UTC).isoformat(timespec="seconds")
