"""Who we are to the server: the access token (memory only), the refresh token (keyring), the device.

The refresh token may rotate on every refresh (§2); the new one is written to the credential store before
anything else happens, because the old one may already be dead.
"""

from __future__ import annotations

import socket
import time
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from triage_desktop import __version__

# Refresh a little before the server's expiry so a request does not leave with a token about to lapse: 30 s,
# or a tenth of a short lifetime (the contract sets no minimum; a 2 s token with a 30 s margin is never used).
_EXPIRY_MARGIN = 30.0
_EXPIRY_MARGIN_SHARE = 0.1


def expiry_margin(lifetime: float) -> float:
    return min(_EXPIRY_MARGIN, lifetime * _EXPIRY_MARGIN_SHARE)


class TokenVault(Protocol):
    """What auth needs from security.credentials.CredentialStore (duck-typed: sync never imports security)."""

    @property
    def persistent(self) -> bool: ...
    def get_refresh_token(self, account: str) -> str | None: ...
    def set_refresh_token(self, account: str, token: str) -> None: ...
    def delete(self, account: str) -> None: ...


class MemoryVault:
    """A TokenVault for one short exchange whose tokens must never reach the keyring (a password check)."""

    persistent = False

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}

    def get_refresh_token(self, account: str) -> str | None:
        return self._tokens.get(account)

    def set_refresh_token(self, account: str, token: str) -> None:
        self._tokens[account] = token

    def delete(self, account: str) -> None:
        self._tokens.pop(account, None)


class StateStore(Protocol):
    def get_state(self, key: str) -> str | None: ...
    def set_state(self, key: str, value: str | None) -> None: ...


@dataclass(frozen=True, slots=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: float | None = None

    def __repr__(self) -> str:  # never let a token reach a log line through repr()
        return f"Tokens(expires_in={self.expires_in!r})"


def account_name(server_url: str, username: str) -> str:
    """One keyring entry per server and officer, so two officers on one PC never collide (item 19)."""
    return f"{server_url.rstrip('/')}|{username}"


def device_info(state: StateStore, app_version: str = __version__) -> dict[str, Any]:
    """The `device` object of /auth/login; its id is made once per profile and kept in store state."""
    device_id = state.get_state("device_id")
    if not device_id:
        device_id = str(uuid.uuid4())
        state.set_state("device_id", device_id)
    return {"id": device_id, "name": socket.gethostname() or "unknown", "app_version": app_version}


class AuthState:
    """The tokens of the signed-in officer; the access token never leaves memory.

    Not thread-safe, and need not be: only the SyncEngine uses it, one call at a time (docs/threading.md).
    """

    def __init__(self, vault: TokenVault, account: str | None = None) -> None:
        self._vault = vault
        self._account = account
        self._access: str | None = None
        self._expires_at: float | None = None

    @property
    def account(self) -> str | None:
        return self._account

    def use_account(self, account: str | None) -> None:
        """Switch to another officer's entry; forgets the in-memory access token of the previous one."""
        if account != self._account:
            self._account = account
            self._access = None
            self._expires_at = None

    def access_token(self) -> str | None:
        """The access token, or None when there is none or it is about to expire (then refresh first)."""
        if self._access is None:
            return None
        if self._expires_at is not None and time.monotonic() >= self._expires_at:
            return None
        return self._access

    def refresh_token(self) -> str | None:
        if self._account is None:
            return None
        return self._vault.get_refresh_token(self._account)

    def accept(self, tokens: Tokens, account: str | None = None) -> None:
        """Keep a login or refresh answer: the (possibly rotated) refresh token goes to the vault at once."""
        if account is not None:
            self._account = account
        if self._account is None:
            raise ValueError("no account to keep the tokens under")
        self._vault.set_refresh_token(self._account, tokens.refresh_token)
        self._access = tokens.access_token
        self._expires_at = (time.monotonic() + tokens.expires_in - expiry_margin(tokens.expires_in)
                            if tokens.expires_in else None)

    def drop_access(self) -> None:
        """The server refused the access token: the next call refreshes."""
        self._access = None
        self._expires_at = None

    def discard_refresh(self, token: str) -> None:
        """The server refused this refresh token: delete it, unless another program (the CLI beside the window)
        has meanwhile put a newer one in the vault."""
        self._access = None
        self._expires_at = None
        if self._account is not None and self._vault.get_refresh_token(self._account) == token:
            self._vault.delete(self._account)

    def forget(self) -> None:
        """Log out locally: no access token, no refresh token for this account."""
        self._access = None
        self._expires_at = None
        if self._account is not None:
            self._vault.delete(self._account)

    def has_credentials(self) -> bool:
        return self._access is not None or self.refresh_token() is not None
