"""ApiClient: every HTTP call to the Central API (central-api.md), and the mapping of failures to core errors.

- transport failures (refused, timed out, dropped, cut short) → Offline; a TLS certificate failure →
  CertificateUntrusted (not Offline: logged with the server's name, provincial IT must look at it)
- plain http:// to anything but this computer → InsecureServer, before a single request leaves
- 408, 429 and 5xx → ServerBusy(retry_after); 401 → refresh once and retry; other 4xx → ApiError
- a body that is not JSON, has another media type or fails the wire models → BadServerResponse
Tokens travel only in headers and bodies, never in URLs (urllib3 logs request lines).
"""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import logging
import os
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

import msgspec
import requests
import truststore
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, NewConnectionError

from triage_desktop import __version__
from triage_desktop.core.entities import User
from triage_desktop.core.errors import (
    AccountLocked,
    ApiError,
    BadServerResponse,
    Cancelled,
    CertificateUntrusted,
    InsecureServer,
    LoginRequired,
    Offline,
    ServerBusy,
    WrongCredentials,
)
from triage_desktop.core.ports import CancelToken
from triage_desktop.sync import abortable, wire
from triage_desktop.sync.auth import AuthState, Tokens

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
READ_TIMEOUT_ENV = "TRIAGE_READ_TIMEOUT"  # seconds; tests and fault-mode demos use a short one
MAX_JSON_BYTES = 64 * 1024 * 1024  # a page of 1,000 whole aggregates stays far below this
MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024
SLOWEST_LINE_BYTES_PER_S = 100_000  # an attachment's deadline allows its largest size at this pace
_CHUNK = 64 * 1024


CertificateProblem = CertificateUntrusted  # the name the sync layer has always used


class Unreachable(Offline):
    """No connection could be made at all (refused, no route, connect timeout): the server is not there,
    as opposed to a server that answered badly. A one-shot command gives up at once on this."""


def is_loopback(host: str | None) -> bool:
    """This computer: 127.0.0.0/8, ::1 or "localhost" (the sandbox, the demo and the tests)."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def require_secure(url: str) -> None:
    """Refuse plain http:// to another computer (InsecureServer): a password or token must never cross a network
    in clear. Called by every ApiClient, so a server_url an old profile stored is refused as well as a new one."""
    parts = urlsplit(url)
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InsecureServer(parts.hostname or url)


def timeouts_from_env() -> tuple[float, float]:
    """(connect, read) timeouts; the read one from TRIAGE_READ_TIMEOUT when it holds a positive number."""
    try:
        read = float(os.environ.get(READ_TIMEOUT_ENV, "") or READ_TIMEOUT)
    except ValueError:
        read = READ_TIMEOUT
    return CONNECT_TIMEOUT, read if read > 0 else READ_TIMEOUT


@dataclass(frozen=True, slots=True)
class Fetched:
    """A cacheable reference answer (§3). `not_modified`: 304, keep the cached copy (`data` is None)."""

    etag: str | None
    data: Any
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """One validated /changes page; `changes` are the raw dicts (unknown fields kept)."""

    changes: list[dict[str, Any]]
    next: str
    more: bool


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes


class _TrustStoreAdapter(HTTPAdapter):
    """Verifies TLS against the OS certificate store (item 38): provincial CAs and inspecting proxies work."""

    def __init__(self, ca_bundle: str | None = None) -> None:
        self._context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        if ca_bundle:
            self._context.load_verify_locations(ca_bundle)  # IT's extra CA from deployment.toml
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._context
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = abortable.POOL_CLASSES

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs["ssl_context"] = self._context
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = abortable.POOL_CLASSES
        return manager


def make_session(ca_bundle: str | None = None) -> requests.Session:
    """A Session that trusts the OS store, identifies the client and never retries on its own."""
    session = requests.Session()
    adapter = _TrustStoreAdapter(ca_bundle)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = f"triage-desktop/{__version__}"
    return session


def media_type(content_type: str | None) -> str:
    """`application/json; charset=utf-8` → `application/json` (the contract compares media types only)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def _is_json(content_type: str | None) -> bool:
    kind = media_type(content_type)
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # str.isdigit() also says yes to "²"
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _etag_digest(etag: str | None) -> str | None:
    if not etag:
        return None
    etag = etag.strip()
    if etag.startswith("W/"):
        etag = etag[2:]
    return etag.strip('"').lower() or None


def _encode_query(query: Mapping[str, Any]) -> str:
    # quote(safe="") percent-encodes every reserved character, `+ / = &` and space included (§5: the
    # cursor is opaque and may hold any of them); unlike urlencode it never turns a space into "+".
    return "&".join(f"{quote(str(k), safe='')}={quote(str(v), safe='')}" for k, v in query.items())


class ApiClient:
    """One server. Not thread-safe, and need not be: its one user is the SyncEngine, which makes one call at a
    time, on the front end's network lane (docs/threading.md)."""

    def __init__(self, base_url: str, auth: AuthState | None = None, session: requests.Session | None = None,
                 *, connect_timeout: float = CONNECT_TIMEOUT, read_timeout: float = READ_TIMEOUT) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("the server address must be an http(s) URL")
        require_secure(base_url)
        self.base_url = base_url.rstrip("/")
        self._host = parts.hostname or ""
        self.auth = auth
        self._session = session or make_session()
        self._timeout = (connect_timeout, read_timeout)

    def close(self) -> None:
        self._session.close()

    # -- no authentication --------------------------------------------------------------------------

    def meta(self) -> dict[str, Any]:
        raw: dict[str, Any] = self._json(self._request("GET", "/meta", authed=False))
        wire.check(raw, wire.Meta, "/meta")
        return raw

    def login(self, username: str, password: str, device: Mapping[str, Any]) -> tuple[Tokens, User]:
        body = {"username": username, "password": password, "device": dict(device)}
        try:
            answer = self._request("POST", "/auth/login", json_body=body, authed=False, final_401=True)
        except ApiError as exc:
            if exc.status == 401:
                raise WrongCredentials() from None
            if exc.status == 423:
                raise AccountLocked() from None
            raise
        return self._tokens(answer)

    def refresh(self) -> str:
        """Trade the refresh token for new tokens, keep them at once (rotation, §2), return the access token.

        One refresh at a time needs no lock: the client has one caller at a time (see the class). Two at once
        would be a bug: the second would send a token the first had just rotated away, and the officer would
        be asked to log in for nothing.
        """
        auth = self._need_auth()
        auth.drop_access()
        token = auth.refresh_token()
        if not token:
            raise LoginRequired("no refresh token")
        try:
            answer = self._request("POST", "/auth/refresh", json_body={"refresh_token": token}, authed=False,
                                   final_401=True)
        except ApiError as exc:
            if exc.status in (400, 401, 403):
                # Expired, revoked or rotated away: the officer logs in again; the outbox is untouched.
                auth.discard_refresh(token)
                raise LoginRequired(exc.problem_name) from None
            raise
        tokens, _user = self._tokens(answer)
        auth.accept(tokens)
        return tokens.access_token

    def logout(self) -> None:
        self._request("POST", "/auth/logout")

    # -- reference data (§3) ------------------------------------------------------------------------

    def me(self, etag: str | None = None) -> Fetched:
        return self._reference("/me", wire.User, etag)

    def members(self, etag: str | None = None) -> Fetched:
        return self._reference("/members", list[wire.User], etag)

    def units(self, etag: str | None = None) -> Fetched:
        return self._reference("/units", list[wire.Unit], etag)

    def categories(self, etag: str | None = None) -> Fetched:
        return self._reference("/categories", list[wire.Category], etag)

    def procedures(self, etag: str | None = None) -> Fetched:
        return self._reference("/procedures", list[wire.Procedure], etag)

    def templates(self, etag: str | None = None) -> Fetched:
        return self._reference("/templates", list[wire.Template], etag)

    def calendar(self, year: int, etag: str | None = None) -> Fetched:
        """Raises ApiError(404) for a year the province has not published."""
        fetched = self._reference("/calendar", wire.Calendar, etag, query={"year": int(year)})
        if not fetched.not_modified and fetched.data.get("year") != int(year):
            raise BadServerResponse("calendar for another year")
        return fetched

    def _reference(self, path: str, shape: Any, etag: str | None,
                   query: Mapping[str, Any] | None = None) -> Fetched:
        headers = {"If-None-Match": etag} if etag else {}
        answer = self._request("GET", path, query=query, headers=headers)
        if answer.status == 304:
            return Fetched(etag=etag, data=None, not_modified=True)
        raw = self._json(answer)
        wire.check(raw, shape, path)
        return Fetched(etag=answer.headers.get("ETag"), data=raw)

    # -- the change feed (§5) and actions (§6) ------------------------------------------------------

    def changes(self, since: str | None, limit: int = 500, wait: int = 0, cancel: CancelToken | None = None) -> Page:
        """One page of the feed. 410 (cursor expired) comes back as ApiError(410).

        Cancelling `cancel` breaks the request off at once (Cancelled), even a long poll the server holds.
        """
        query: dict[str, Any] = {}
        if since is not None:
            query["since"] = since
        query["limit"] = max(1, int(limit))
        wait = max(0, min(30, int(wait)))
        if wait:
            query["wait"] = wait
        answer = self._request("GET", "/changes", query=query, read_extra=wait, cancel=cancel)
        changes, next_cursor, more = wire.check_page(self._json(answer))
        return Page(changes=changes, next=next_cursor, more=more)

    def post_action(self, kind: str, aggregate_id: str, body: Mapping[str, Any], idempotency_key: str,
                    if_match: int | None) -> tuple[dict[str, Any], dict[str, Any]]:
        """Send one action; return (aggregate, event) of the 200 answer. Final 4xx → ApiError."""
        if kind not in ("report", "dossier"):
            raise ValueError(f"unknown kind {kind!r}")
        headers = {"Idempotency-Key": idempotency_key}
        if if_match is not None:
            headers["If-Match"] = f'"{int(if_match)}"'
        path = f"/{kind}s/{quote(aggregate_id, safe='')}/actions"
        answer = self._request("POST", path, json_body=dict(body), headers=headers)
        return wire.check_action_answer(self._json(answer), kind, aggregate_id)

    # -- attachments (§8) ---------------------------------------------------------------------------

    def attachment(self, attachment_id: str, expected_sha256: str | None = None,
                   max_bytes: int = MAX_ATTACHMENT_BYTES) -> bytes:
        """The file's bytes, only when their SHA-256 matches the ETag and/or the attachment metadata."""
        path = f"/attachments/{quote(attachment_id, safe='')}"
        answer = self._request("GET", path, headers={"Accept": "*/*"}, max_bytes=max_bytes,
                               slow_body=max_bytes / SLOWEST_LINE_BYTES_PER_S)
        digest = hashlib.sha256(answer.body).hexdigest()
        claims = [c for c in (_etag_digest(answer.headers.get("ETag")), (expected_sha256 or "").lower() or None)
                  if c is not None]
        if not claims:
            raise BadServerResponse("attachment without a digest to check")
        if any(claim != digest for claim in claims):
            raise BadServerResponse("attachment digest mismatch")
        return answer.body

    def upload(self, filename: str, content_type: str, data: bytes, idempotency_key: str,
               sha256: str) -> dict[str, Any]:
        """POST /uploads (§8): one file's bytes under its own Idempotency-Key; returns the 201's raw Attachment.

        `sha256`: the digest of `data`, which the caller checked when it read them (a file of up to the upload
        limit is hashed once). The same key on every attempt: a server that stored the file but lost its answer
        replays the same Attachment. The answer must describe these very bytes (size, SHA-256), or it is a bad
        answer. 413 (too large) and 415 (type) come back as ApiError, final."""
        headers = {"Idempotency-Key": idempotency_key, "Content-Type": content_type,
                   "X-Filename": quote(filename, safe="")}
        answer = self._request("POST", "/uploads", raw_body=data, headers=headers,
                               slow_body=len(data) / SLOWEST_LINE_BYTES_PER_S)
        if answer.status != 201:
            raise BadServerResponse(f"upload answered HTTP {answer.status}, not 201")
        raw = self._json(answer)
        attachment = wire.check(raw, wire.Attachment, "upload answer")
        if attachment.size != len(data) or attachment.sha256.lower() != sha256.lower():
            raise BadServerResponse("upload answer describes other bytes")
        return dict(raw)

    # -- plumbing -----------------------------------------------------------------------------------

    def _need_auth(self) -> AuthState:
        if self.auth is None:
            raise LoginRequired("not signed in")
        return self.auth

    def _bearer(self) -> str:
        # A token just received is always used, however short its life: checking its expiry again could only
        # refresh for ever against a server that hands out tokens of a second or two.
        return self._need_auth().access_token() or self.refresh()

    def _request(self, method: str, path: str, *, query: Mapping[str, Any] | None = None,
                 json_body: Any = None, raw_body: bytes | None = None, headers: Mapping[str, str] | None = None,
                 authed: bool = True,
                 read_extra: float = 0.0, max_bytes: int = MAX_JSON_BYTES, final_401: bool = False,
                 cancel: CancelToken | None = None, slow_body: float = 0.0) -> _Answer:
        url = self.base_url + path
        if query:
            url += "?" + _encode_query(query)
        sent = {"Accept": "application/json", **(headers or {})}
        data = raw_body  # its Content-Type comes in `headers`
        if json_body is not None:
            data = msgspec.json.encode(json_body)
            sent["Content-Type"] = "application/json"
        fresh: str | None = None
        for attempt in (1, 2):
            bearer = (fresh or self._bearer()) if authed else None
            if bearer is not None:
                sent["Authorization"] = f"Bearer {bearer}"
            answer = self._send(method, url, sent, data, read_extra, max_bytes, cancel, slow_body)
            log.debug("%s %s -> %d", method, path, answer.status)
            if answer.status == 401 and authed:
                if attempt == 1:
                    fresh = self.refresh()  # raises LoginRequired when the refresh token is dead
                    continue
                self._need_auth().drop_access()
                raise LoginRequired("access refused after a refresh")
            if answer.status == 401 and not final_401:
                raise LoginRequired("access refused")
            return self._check_status(answer)
        raise AssertionError("unreachable")

    def _send(self, method: str, url: str, headers: Mapping[str, str], data: bytes | None,
              read_extra: float, max_bytes: int, cancel: CancelToken | None = None, slow_body: float = 0.0) -> _Answer:
        deadline = self._deadline(read_extra + slow_body)
        try:
            with abortable.abortable(cancel, deadline) as scope:
                return self._exchange(method, url, headers, data, read_extra, max_bytes)
        except (Offline, BadServerResponse):
            if cancel is not None and cancel.cancelled:  # the socket was shut under the request on purpose
                raise Cancelled() from None
            if scope.expired:
                raise Offline(f"no whole answer within {deadline:.0f} s") from None
            raise

    def _deadline(self, extra: float) -> float:
        """The most one request may take, start to last byte: the connect and read timeouts (the read one
        twice: a server may think before it answers, then stall once mid-body) plus `extra` (a long poll's
        wait, or a big download's time at a slow ward line's pace)."""
        connect, read = self._timeout
        return connect + 2 * read + extra

    def _exchange(self, method: str, url: str, headers: Mapping[str, str], data: bytes | None,
                  read_extra: float, max_bytes: int) -> _Answer:
        timeout = (self._timeout[0], self._timeout[1] + read_extra)
        try:
            response = self._session.request(method, url, data=data, headers=dict(headers), timeout=timeout,
                                             stream=True, allow_redirects=False)
            try:
                body = self._read(response, max_bytes)
            finally:
                response.close()
        except requests.exceptions.SSLError as exc:
            # Logged with the server's name for IT (the URL path and headers, which could hold a token, are not).
            if _certificate_failure(exc):
                log.warning("TLS certificate of %s could not be verified: %s", self._host, _reason(exc))
                raise CertificateUntrusted(self._host, _reason(exc)) from None
            log.warning("TLS handshake with %s failed: %s", self._host, _reason(exc))
            raise Offline(_reason(exc)) from None
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError) as exc:
            if _never_connected(exc):
                raise Unreachable(_reason(exc)) from None
            # Includes a body cut short (Content-Length not reached), a reset and a read that stalled.
            raise Offline(_reason(exc)) from None
        except requests.RequestException as exc:
            raise Offline(_reason(exc)) from None
        return _Answer(status=response.status_code, headers=response.headers, body=body)

    @staticmethod
    def _read(response: requests.Response, max_bytes: int) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise BadServerResponse(f"answer larger than {max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_status(self, answer: _Answer) -> _Answer:
        status = answer.status
        if 200 <= status < 300 or status == 304:
            return answer
        if status == 408 or status == 429 or status >= 500:
            raise ServerBusy(f"HTTP {status}", retry_after_seconds(answer.headers.get("Retry-After")))
        if 300 <= status < 400:
            raise BadServerResponse(f"unexpected redirect (HTTP {status})")
        raise ApiError(status, self._problem(answer))

    @staticmethod
    def _problem(answer: _Answer) -> dict[str, Any]:
        """The problem+json body as a dict (with `current` etc. kept); {} when there is none."""
        if not answer.body or not _is_json(answer.headers.get("Content-Type")):
            return {}
        try:
            raw = wire.decode_json(answer.body)
        except BadServerResponse:
            return {}
        return raw if isinstance(raw, dict) else {}

    @staticmethod
    def _json(answer: _Answer) -> Any:
        if not _is_json(answer.headers.get("Content-Type")):
            raise BadServerResponse(f"expected JSON, got {media_type(answer.headers.get('Content-Type'))!r}")
        return wire.decode_json(answer.body)

    def _tokens(self, answer: _Answer) -> tuple[Tokens, User]:
        raw = self._json(answer)
        checked = wire.check(raw, wire.LoginAnswer, "login answer")
        tokens = Tokens(checked.access_token, checked.refresh_token,
                        float(checked.expires_in) if checked.expires_in is not None else None)
        return tokens, User.from_json(raw["user"])


def _never_connected(exc: requests.RequestException) -> bool:
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    cause = exc.args[0] if exc.args else None
    return isinstance(cause, MaxRetryError) and isinstance(cause.reason, NewConnectionError)


def _certificate_failure(exc: BaseException) -> bool:
    """Whether an SSLError is a refused certificate (unknown CA, another name, expired), as opposed to a handshake
    that broke for other reasons. requests and urllib3 wrap the ssl error two or three levels down."""
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        pending.extend((current.__cause__, current.__context__, getattr(current, "reason", None), *current.args))
    return False


def _reason(exc: BaseException) -> str:
    """A short description of a transport failure (tokens are never in URLs, so the text holds none)."""
    return f"{type(exc).__name__}: {str(exc)[:200]}"
