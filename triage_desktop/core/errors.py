"""Errors the user can act on (shown as text) versus bugs (shown as a crash report).

Core errors carry a stable `code`; front ends turn codes into translated text.
"""

from __future__ import annotations


class TriageError(Exception):
    """Base of every error this program raises on purpose."""

    code = "error"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.code)
        self.detail = detail


class UserFacingError(TriageError):
    """Something in the environment or the input; the user can fix or wait it out."""


class Offline(UserFacingError):
    """The server could not be reached (no network, refused, timed out, dropped)."""

    code = "offline"


class InsecureServer(UserFacingError):
    """A plain http:// address of a server that is not this computer: the password and tokens would cross the
    network readable by anyone on the way. Refused before any request; only loopback (training) may use http."""

    code = "insecure_server"

    def __init__(self, host: str) -> None:
        super().__init__(host)
        self.host = host


class CertificateUntrusted(UserFacingError):
    """The server's TLS certificate could not be verified (unknown CA, wrong name, expired). Not "offline":
    waiting will not fix it and it may be an interception, so provincial IT must look at it."""

    code = "tls_certificate"

    def __init__(self, host: str, detail: str = "") -> None:
        super().__init__(detail or host)
        self.host = host


class WrongCredentials(UserFacingError):
    code = "wrong_credentials"


class AccountLocked(UserFacingError):
    code = "account_locked"


class WrongPassword(UserFacingError):
    """The password does not unlock this profile (checked against the server, or offline the local verifier)."""

    code = "wrong_password"


class CacheLocked(UserFacingError):
    """The cache is encrypted and its key is not in the keyring: the officer's password is needed to open it."""

    code = "cache_locked"


class FirstSignInOnline(UserFacingError):
    """This account has never signed in on this PC: the first sign-in needs the server (no local verifier yet)."""

    code = "first_sign_in_online"


class LoginRequired(UserFacingError):
    """No usable refresh token: the officer must type the password again. Unsent work is kept."""

    code = "login_required"


class BadServerResponse(UserFacingError):
    """The server answered something that is not the contract (not JSON, cut short, wrong shape)."""

    code = "bad_response"


class ServerBusy(UserFacingError):
    """5xx, 429 or 503: retry later, honouring `retry_after` when the server gave one."""

    code = "server_busy"

    def __init__(self, detail: str = "", retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class ClientTooOld(UserFacingError):
    """/meta says our version is below `min_client_version`: nothing is sent or pulled."""

    code = "client_too_old"


class ProfileInUse(UserFacingError):
    """Another officer's unsent actions are in this profile: they must go out under that login first."""

    code = "profile_in_use"


class InvalidAction(UserFacingError):
    """The officer asked for something the contract forbids (checked before queueing)."""

    code = "invalid_action"


class NotFound(UserFacingError):
    code = "not_found"


class StorageError(UserFacingError):
    """The local cache could not be written (disk full, read-only, locked too long)."""

    code = "storage"


class Cancelled(TriageError):
    code = "cancelled"


class ApiError(TriageError):
    """A final HTTP answer with a problem+json body (4xx other than the auth and retry ones)."""

    code = "api_error"

    def __init__(self, status: int, problem: dict[str, object] | None = None) -> None:
        self.status = status
        self.problem = problem or {}
        super().__init__(f"HTTP {status} {self.problem.get('type', '')}".strip())

    @property
    def problem_name(self) -> str:
        """The last path segment of the problem type, e.g. `version-conflict`."""
        kind = str(self.problem.get("type", ""))
        return kind.rstrip("/").rsplit("/", 1)[-1]
