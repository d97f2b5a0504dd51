"""SyncEngine: the core.ports.SyncService over ApiClient and the local store.

One sync cycle (sync_once): /meta (a too-old client sends and pulls nothing) → pull the feed until
`more` is false → push the outbox → pull again → … until nothing is sendable and the feed is drained →
reference data (ETags) → `last_sync_at`. Every store call is its own short transaction, so no HTTP
request ever runs with a database transaction open.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import requests
from packaging.version import Version

from triage_desktop import __version__
from triage_desktop.core import fields, outgoing_files
from triage_desktop.core.action_specs import needs_if_match
from triage_desktop.core.drafts import is_held
from triage_desktop.core.entities import OutboxAction, OutboxFile, SyncProgress, SyncReport, User
from triage_desktop.core.errors import (
    ApiError,
    BadServerResponse,
    Cancelled,
    CertificateUntrusted,
    ClientTooOld,
    InvalidAction,
    LoginRequired,
    NotFound,
    Offline,
    ProfileInUse,
    ServerBusy,
    UserFacingError,
)
from triage_desktop.core.ports import CancelToken, ProgressCallback
from triage_desktop.sync import wire
from triage_desktop.sync.auth import AuthState, MemoryVault, TokenVault, account_name, device_info
from triage_desktop.sync.http import (
    ApiClient,
    CertificateProblem,
    Unreachable,
    make_session,
    require_secure,
    timeouts_from_env,
)
from triage_desktop.sync.ports import Key, SyncStore

log = logging.getLogger(__name__)

ClientFactory = Callable[[str, AuthState], ApiClient]
# Told the citizens' names each page brings, before anything is done with the page: app.py passes the log
# filter's security.redact.remember_names, so a name quoted in a later log line is masked (sync cannot import it).
PeopleSeen = Callable[[list[str]], None]

PAGE_LIMIT = 500
SNAPSHOT_BATCH = 2000  # changes per transaction while a snapshot comes in
# pull → push → pull… ends when nothing is left to send; the cap only guards against a server that
# keeps answering in a way that re-queues work.
MAX_SNAPSHOT_RESTARTS = 3  # per pull; more means the server is broken, not that we are behind
MAX_ROUNDS = 20
MAX_EMPTY_PAGES = 100  # empty pages with `more: true` in a row before the feed is judged broken
# Vault entries of refresh tokens whose revocation is queued (a logout made offline), and their list.
_REVOKE, _REVOKE_LIST = "revoke|", "revoke-pending"
REFERENCE_NAMES = ("members", "units", "categories", "procedures", "templates")
REFERENCE_INTERVAL = 600.0  # seconds between reference refreshes (cheap 304s, but eight calls)
CONFLICT_STATUSES = frozenset({403, 404, 409, 412})
VIETNAM = timezone(timedelta(hours=7))
# A queued action whose files are no longer all in the cache (a damaged cache salvaged its outbox rows, not the
# files' bytes): it fails here, for the officer to see, rather than go out without them. Status 0: no server said it.
FILES_MISSING: dict[str, Any] = {"type": "https://triage.example/problems/files-missing",
                                 "title": "files missing from the cache", "status": 0}


class _FileRefused(Exception):
    """A final answer to one file's upload (413, 415…): the action fails, naming the file."""

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        super().__init__(status)
        self.status, self.problem = status, problem


def older_than(app_version: str, minimum: Any) -> bool:
    """Whether this client is below the server's `min_client_version`, in PEP 440 order ("1.0rc1" < "1.0").
    A minimum that is no version at all (4,300 digits, empty, words) is a garbled answer, not a verdict."""
    return Version(app_version) < wire.parse_min_version(minimum)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def normalize_server_url(server_url: str) -> str:
    url = server_url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidAction("invalid:server_url")
    require_secure(url)  # before the password goes anywhere
    return url


def _describe(exc: BaseException) -> str:
    return f"{getattr(exc, 'code', type(exc).__name__)}: {exc}"[:500]


class _EndlessFeedGuard:
    """Ends a pull from a server that says `more: true` for ever (1,304 requests a minute were seen).

    The contract allows an empty page with `more: true` now and then, not a hundred in a row; and within one
    pull the feed only moves forward, so a page with changes that hands back a cursor it already gave is
    going round in circles. Either is a bad answer (retried later), never an endless `sync --once`.
    """

    def __init__(self) -> None:
        self._empty_in_a_row = 0
        self._cursors: set[int] = set()  # hashes: a pull of a million items must not keep a million strings

    def check(self, page: Any) -> None:
        if not page.more:
            return
        if not page.changes:
            self._empty_in_a_row += 1
            if self._empty_in_a_row > MAX_EMPTY_PAGES:
                raise BadServerResponse(f"{MAX_EMPTY_PAGES} empty pages in a row, each saying there is more")
            return
        self._empty_in_a_row = 0
        seen = hash(page.next)
        if seen in self._cursors:
            raise BadServerResponse("the change feed hands back a cursor it already gave")
        self._cursors.add(seen)


class SyncEngine:
    """Implements core.ports.SyncService. The network methods block; the front ends call them from one thread,
    their network lane (docs/threading.md). A lock makes a second caller (a test, a script) wait its turn rather
    than share the client, the tokens and the cursor mid-call; it costs the lane nothing."""

    def __init__(self, store: SyncStore, client_factory: ClientFactory, credentials: TokenVault,
                 app_version: str = __version__, page_limit: int = PAGE_LIMIT,
                 people_seen: PeopleSeen | None = None) -> None:
        self._store = store
        self._people_seen = people_seen
        self._factory = client_factory
        self._credentials = credentials
        self._app_version = app_version
        self._page_limit = page_limit
        # Reentrant: the lane runs an attachment read between two pages of its own sync_once (sync/loop.py).
        self._one_at_a_time = threading.RLock()
        self._auth = AuthState(credentials, self._stored_account())
        self._client: ApiClient | None = None
        self._meta_ok = False
        self._reference_at: float | None = None

    # -- session ------------------------------------------------------------------------------------

    @property
    def remembers_login(self) -> bool:
        """False when there is no secure keyring: the officer logs in again after every restart."""
        return bool(self._credentials.persistent)

    def current_user(self) -> User | None:
        raw = self._store.get_state("user")
        return User.from_json(json.loads(raw)) if raw else None

    def login(self, server_url: str, username: str, password: str) -> User:
        url = normalize_server_url(server_url)
        with self._one_at_a_time:
            new_owner = self._is_new_owner(url, username)
            client = self._client if self._client and self._client.base_url == url else None
            client = client or self._factory(url, self._auth)
            self._check_meta(client)
            tokens, user = client.login(username, password, device_info(self._store, self._app_version))
            if new_owner or self._is_new_owner(url, user.username):
                # Another officer's (or server's) cache: their unit may see other items.
                self._store.clear_for_new_owner()
            self._auth.accept(tokens, account_name(url, user.username))
            self._store.set_state("server_url", url)
            self._store.set_state("user", json.dumps(user.to_json(), ensure_ascii=False))
            self._use_client(client)
            try:
                self._refresh_reference(client)
            except (UserFacingError, ApiError) as exc:  # the login stands; the next sync retries these
                log.warning("reference data not fetched after login: %s", _describe(exc))
            return user

    def _is_new_owner(self, url: str, username: str) -> bool:
        """True when this profile holds another login's cache; refuses while that login has unsent work."""
        stored_url, stored_user = self._store.get_state("server_url"), self._store.get_state("user")
        if stored_user is None:
            return False
        try:
            previous = User.from_json(json.loads(stored_user))
        except (ValueError, KeyError, TypeError):
            return False  # an unreadable login record is no login; held actions keep their own author
        if stored_url == url and previous.username.casefold() == username.casefold():
            return False
        unsent, conflicts = self._store.outbox_summary()
        if unsent or conflicts:
            raise ProfileInUse(previous.display_name)
        return True

    def logout(self) -> bool:
        """Revoke on the server; forget the tokens here. Cache and outbox stay.

        When the server cannot be reached, the refresh token is queued for revocation (kept in the vault under
        its own entry, never as a usable login) and `revoke_pending` sends it after the next online sign-in.
        Returns False when the revocation was queued.
        """
        with self._one_at_a_time:
            account, token = self._auth.account, self._auth.refresh_token()
            revoked = True
            if self._auth.has_credentials():
                try:
                    self._current_client().logout()
                except (UserFacingError, ApiError) as exc:
                    log.info("logout not confirmed by the server, revocation queued: %s", _describe(exc))
                    revoked = False
            if not revoked and account is not None and token:
                self._queue_revocation(account, token)
            self._auth.forget()
            return revoked

    def revoke_pending(self) -> int:
        """Send the revocations queued by logouts made offline; returns how many are still queued."""
        with self._one_at_a_time:
            left = []
            for account in self._pending_revocations():
                token = self._credentials.get_refresh_token(_REVOKE + account)
                if token and not self._revoke(account, token):
                    left.append(account)
                else:
                    self._credentials.delete(_REVOKE + account)
            self._set_pending_revocations(left)
            return len(left)

    def check_password(self, password: str) -> None:
        """Ask the server whether `password` is the signed-in officer's (an unlock), on a connection of its own
        that touches none of the engine's state, so it never waits behind a long poll. The session it opens is
        revoked at once. Raises WrongCredentials, AccountLocked, Offline…"""
        url, user = self._store.get_state("server_url"), self.current_user()
        if not url or user is None:
            raise LoginRequired("nobody signed in")
        auth = AuthState(MemoryVault())
        client = self._factory(url, auth)
        try:
            tokens, _ = client.login(user.username, password, device_info(self._store, self._app_version))
            auth.accept(tokens, "check")
            try:
                client.logout()
            except (UserFacingError, ApiError) as exc:  # the password was right; the spare session expires
                log.info("spare session of a password check not revoked: %s", _describe(exc))
        finally:
            client.close()

    def _revoke(self, account: str, refresh_token: str) -> bool:
        """True when the token is dead now (revoked, or refused as already expired/rotated)."""
        url = account.rsplit("|", 1)[0]
        vault = MemoryVault()
        vault.set_refresh_token(account, refresh_token)
        client = self._factory(url, AuthState(vault, account))
        try:
            client.refresh()
            client.logout()
            return True
        except LoginRequired:
            return True
        except (UserFacingError, ApiError) as exc:
            log.info("queued revocation not sent yet: %s", _describe(exc))
            return False
        finally:
            client.close()

    def _queue_revocation(self, account: str, token: str) -> None:
        self._credentials.set_refresh_token(_REVOKE + account, token)
        pending = self._pending_revocations()
        if account not in pending:
            self._set_pending_revocations([*pending, account])

    def _pending_revocations(self) -> list[str]:
        # The list of accounts (no secret) lives in the vault too: the cache may be wiped at logout.
        raw = self._credentials.get_refresh_token(_REVOKE_LIST)
        try:
            accounts = json.loads(raw) if raw else []
        except ValueError:
            return []
        return [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []

    def _set_pending_revocations(self, accounts: list[str]) -> None:
        if accounts:
            self._credentials.set_refresh_token(_REVOKE_LIST, json.dumps(accounts))
        else:
            self._credentials.delete(_REVOKE_LIST)

    def has_credentials(self) -> bool:
        with self._one_at_a_time:
            return self._auth.has_credentials()

    # -- sync ---------------------------------------------------------------------------------------

    def sync_once(self, progress: ProgressCallback | None = None, cancel: CancelToken | None = None) -> SyncReport:
        with self._one_at_a_time:
            started = time.monotonic()
            client = self._current_client()
            report = SyncReport()
            self._check_meta(client, progress)
            for _ in range(MAX_ROUNDS):
                try:
                    self._pull(client, report, progress, cancel)
                except (Offline, ServerBusy, BadServerResponse, ApiError) as exc:
                    self._push_despite(exc, client, report, progress, cancel)
                    raise
                if self._push(client, report, progress, cancel) == 0:
                    break
            self._store.set_state("last_sync_at", utc_now())
            self._maybe_refresh_reference(client)
            report = self._summarize(report, drained=True)
            log.info("sync: %d changes pulled, %d actions sent, %d conflicts, %d unsent, in %.2f s",
                     report.pulled, report.pushed, report.conflicts, report.unsent, time.monotonic() - started)
            return report

    def push(self, progress: ProgressCallback | None = None, cancel: CancelToken | None = None) -> SyncReport:
        with self._one_at_a_time:
            client = self._current_client()
            report = SyncReport()
            self._check_meta(client, progress)
            self._push(client, report, progress, cancel)
            return self._summarize(report, drained=False)

    def wait_for_changes(self, seconds: int, cancel: CancelToken | None = None) -> SyncReport:
        """One long poll of the feed (then any further pages at once); applies what comes."""
        with self._one_at_a_time:
            client = self._current_client()
            if not self._meta_ok:
                self._check_meta(client)
            report = SyncReport()
            self._pull(client, report, None, cancel, wait=max(0, min(30, int(seconds))))
            return self._summarize(report, drained=True)

    def attachment(self, attachment_id: str, expected_sha256: str | None = None) -> bytes:
        """An attachment's bytes, checked against its digest (§8). Store them under a generated name."""
        with self._one_at_a_time:
            return self._current_client().attachment(attachment_id, expected_sha256)

    # -- steps --------------------------------------------------------------------------------------

    def _check_meta(self, client: ApiClient, progress: ProgressCallback | None = None) -> None:
        if progress:
            progress(SyncProgress("meta"))
        meta = client.meta()
        minimum = meta["min_client_version"]
        if older_than(self._app_version, minimum):
            self._meta_ok = False
            raise ClientTooOld(minimum)
        self._meta_ok = True
        kept = {k: v for k, v in meta.items() if k != "server_time"}
        cached = self._store.reference("meta")
        if cached is None or cached[1] != kept:
            self._store.put_reference("meta", None, kept)

    def _pull(self, client: ApiClient, report: SyncReport, progress: ProgressCallback | None,
              cancel: CancelToken | None, wait: int = 0) -> None:
        """Apply pages until `more` is false. A missing cursor means a snapshot (first sync or after 410).

        Whatever was fetched is stored with its cursor before any error propagates, so a flaky line or server
        costs at most the page in flight: the next attempt resumes after the last page that came in whole.
        """
        cursor = self._store.cursor()
        if cursor is None and not self._store.in_snapshot():
            self._store.begin_snapshot()
        restarts = 0
        endless = _EndlessFeedGuard()
        pending: list[Any] = []  # snapshot changes fetched, not yet stored (their cursor neither)
        while True:
            try:
                if cancel is not None and cancel.cancelled:
                    raise Cancelled()
                # Long-poll only an incremental feed; a snapshot must come in as fast as the server can.
                page_wait = wait if cursor is not None and not self._store.in_snapshot() else 0
                wait = 0
                page = client.changes(cursor, self._page_limit, page_wait, cancel)
                self._saw([change.get("data") for change in page.changes])
                endless.check(page)
            except ApiError as exc:
                if exc.status != 410 or cursor is None:
                    self._store_fetched(pending, cursor, report)
                    raise
                restarts += 1
                if restarts > MAX_SNAPSHOT_RESTARTS:  # a server that expires every cursor it hands out
                    raise BadServerResponse("cursor expired again and again") from exc
                log.info("change cursor expired; starting a snapshot")
                self._store.begin_snapshot()
                cursor = None
                pending = []
                endless = _EndlessFeedGuard()
                continue
            except BaseException:
                self._store_fetched(pending, cursor, report)
                raise
            pending.extend(page.changes)
            cursor = page.next
            if progress:
                progress(SyncProgress("pull", done=report.pulled + len(pending)))
            # A snapshot is stored a few pages per transaction (a quarter of the commits and WAL checkpoints:
            # ~20% faster); an incremental page at once, so what just arrived shows without waiting for more.
            if page.more and len(pending) < SNAPSHOT_BATCH and self._store.in_snapshot():
                continue
            report.changed |= self._store.apply_page(pending, cursor)
            report.pulled += len(pending)
            pending = []
            if not page.more:
                if self._store.in_snapshot():
                    report.changed |= self._store.finish_snapshot()
                return

    def _store_fetched(self, changes: list[Any], cursor: str | None, report: SyncReport) -> None:
        """On the way out with an error: keep the changes fetched so far, with the cursor that follows them."""
        if changes and cursor is not None:
            report.changed |= self._store.apply_page(changes, cursor)
            report.pulled += len(changes)

    def _push_despite(self, pull_error: Exception, client: ApiClient, report: SyncReport,
                      progress: ProgressCallback | None, cancel: CancelToken | None) -> None:
        """Send the outbox although the pull failed: a feed the server garbles must not hold up the unit's work,
        and every action still carries its If-Match, so the server refuses one made on a state it no longer has.
        The pull's error is the one the caller hears; a push failure beside it is only logged."""
        if isinstance(pull_error, Unreachable | CertificateProblem):
            return  # nothing to reach: the push would fail the same way
        try:
            self._push(client, report, progress, cancel)
        except (Offline, ServerBusy, BadServerResponse, LoginRequired, ApiError) as exc:
            log.info("push after a failed pull did not go through: %s", _describe(exc))

    def _push(self, client: ApiClient, report: SyncReport, progress: ProgressCallback | None,
              cancel: CancelToken | None) -> int:
        """Send sendable actions in local_id order; return how many were attempted.

        The list is re-read after every answer, because a success may move later actions' If-Match (§7).
        An action that stays unsent blocks the later ones on its aggregate; other aggregates continue. So does
        one still inside its undo window (`not_before`): a note written after a held reply never overtakes it.
        """
        attempted = 0
        handled: set[int] = set()
        blocked: set[Key] = set()
        deferred: BadServerResponse | None = None
        while True:
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            candidates = self._store.sendable()
            now = datetime.now(UTC)
            action: OutboxAction | None = None
            for candidate in candidates:
                key = (candidate.kind, candidate.aggregate_id)
                if candidate.local_id in handled or key in blocked or is_held(candidate.not_before, now):
                    blocked.add(key)
                    continue
                action = candidate
                break
            if action is None:
                break
            handled.add(action.local_id)
            attempted += 1
            if progress:
                progress(SyncProgress("push", done=attempted - 1, total=attempted - 1 + len(candidates)))
            try:
                self._send(client, action, report)
            except BadServerResponse as exc:
                # A garbled answer: keep the action (same key next time) and go on with other aggregates.
                blocked.add((action.kind, action.aggregate_id))
                deferred = deferred or exc
        if deferred is not None:
            raise deferred
        return attempted

    def _send(self, client: ApiClient, action: OutboxAction, report: SyncReport) -> None:
        try:
            self._store.mark_sending(action.local_id)
        except NotFound:
            return  # the officer discarded it meanwhile
        key = (action.kind, action.aggregate_id)
        try:
            attachment_ids = self._upload_files(client, action)
        except (Offline, ServerBusy, LoginRequired, BadServerResponse, CertificateUntrusted) as exc:
            self._store.note_attempt_error(action.local_id, _describe(exc))  # the same keys next time
            raise
        except _FileRefused as refused:
            self._store.fail_action(action.local_id, refused.status, refused.problem)
            report.failed += 1
            report.changed.add(key)
            return
        body = outgoing_files.wire_body(action.payload, attachment_ids)
        body.setdefault("type", action.type)
        if_match = action.base_version if needs_if_match(action.type) else None
        try:
            aggregate, event = client.post_action(action.kind, action.aggregate_id, body,
                                                  action.idempotency_key, if_match)
        except (Offline, ServerBusy, LoginRequired, BadServerResponse, CertificateUntrusted) as exc:
            # No final answer: the action stays queued with the same Idempotency-Key.
            self._store.note_attempt_error(action.local_id, _describe(exc))
            raise
        except ApiError as exc:
            self._saw([exc.problem.get("current")])
            if exc.status == 401:
                self._store.note_attempt_error(action.local_id, _describe(exc))
                raise LoginRequired("action refused after refresh") from None
            if exc.status in CONFLICT_STATUSES:
                current = wire.current_from_problem(exc.problem, action.kind)
                self._store.conflict_action(action.local_id, exc.status, exc.problem, current)
                report.conflicts += 1
            else:
                self._store.fail_action(action.local_id, exc.status, exc.problem)
                report.failed += 1
            report.changed.add(key)
            return
        self._saw([aggregate])
        report.changed |= self._store.complete_action(action.local_id, aggregate, event)
        report.changed.add(key)
        report.pushed += 1

    def _upload_files(self, client: ApiClient, action: OutboxAction) -> list[str] | None:
        """Upload the action's files not uploaded yet, in attach order, and return all their ids in that order;
        None for an action without files. Each id is stored the moment it comes, so a file is never sent twice."""
        files = self._store.action_files(action.local_id)
        remembered = outgoing_files.remembered(action.payload)
        if [(f.filename, f.size) for f in files] != [(name, size) for name, size, _ in remembered]:
            uploaded = [attachment_id for _, _, attachment_id in remembered if attachment_id]
            if remembered and len(uploaded) == len(remembered):
                return uploaded  # every file had reached the server before the cache lost them
            raise _FileRefused(0, dict(FILES_MISSING))
        if not files:
            return None
        ids: list[str] = []
        for file in files:
            ids.append(file.attachment_id or self._upload(client, file))
        return ids

    def _upload(self, client: ApiClient, file: OutboxFile) -> str:
        source = self._store.upload_source(file.file_id)
        if source is None or hashlib.sha256(source[1]).hexdigest() != file.sha256:
            raise _FileRefused(0, dict(FILES_MISSING))
        key, data = source
        try:
            raw = client.upload(file.filename, file.content_type, data, key, file.sha256)
        except ApiError as exc:
            if exc.status == 401:  # refused even after a refresh: a login matter, the action waits
                raise LoginRequired("upload refused after refresh") from None
            # The file, by its place and name, for the officer to take off before re-applying.
            problem = {**exc.problem, "status": exc.status,
                       "local_file": {"file_id": file.file_id, "filename": file.filename}}
            raise _FileRefused(exc.status, problem) from None
        self._store.set_file_attachment(file.file_id, str(raw["id"]))
        return str(raw["id"])

    def _saw(self, aggregates: list[Any]) -> None:
        """Pass the citizens' names in these aggregates (raw JSON, any shape) to `people_seen`."""
        if self._people_seen is None:
            return
        names = [fields.person_name(str(raw.get("kind")), raw) for raw in aggregates if isinstance(raw, dict)]
        self._people_seen([name for name in names if name])

    def _maybe_refresh_reference(self, client: ApiClient) -> None:
        if self._reference_at is not None and time.monotonic() - self._reference_at < REFERENCE_INTERVAL:
            return
        try:
            self._refresh_reference(client)
        except (UserFacingError, ApiError) as exc:  # the feed is in step; stale lists can wait
            log.warning("reference data not refreshed: %s", _describe(exc))

    def _refresh_reference(self, client: ApiClient) -> None:
        """members/units/categories/procedures/templates, /me and this and next year's calendars."""
        for name in REFERENCE_NAMES:
            self._fetch_reference(name, getattr(client, name))
        me = self._fetch_reference("me", client.me)
        if me is not None:
            self._store.set_state("user", json.dumps(User.from_json(me).to_json(), ensure_ascii=False))
        year = datetime.now(VIETNAM).year
        for wanted in (year, year + 1):
            try:
                self._fetch_reference(f"calendar:{wanted}", functools.partial(client.calendar, wanted))
            except ApiError as exc:
                if exc.status != 404:  # 404: the province has not published that year yet
                    raise
        self._reference_at = time.monotonic()

    def _fetch_reference(self, name: str, call: Callable[[str | None], Any]) -> Any:
        """Fetch with If-None-Match; store and return new data, or None when unchanged (304)."""
        cached = self._store.reference(name)
        fetched = call(cached[0] if cached else None)
        if fetched.not_modified:
            return None
        self._store.put_reference(name, fetched.etag, fetched.data)
        return fetched.data

    def _summarize(self, report: SyncReport, drained: bool) -> SyncReport:
        report.unsent, report.open_conflicts = self._store.outbox_summary()
        report.in_step = drained and report.unsent == 0
        return report

    # -- plumbing -----------------------------------------------------------------------------------

    def _stored_account(self) -> str | None:
        server_url = self._store.get_state("server_url")
        raw_user = self._store.get_state("user")
        if not server_url or not raw_user:
            return None
        try:
            username = json.loads(raw_user)["username"]
        except (ValueError, KeyError, TypeError):
            return None
        return account_name(server_url, str(username))

    def _current_client(self) -> ApiClient:
        server_url = self._store.get_state("server_url")
        if not server_url:
            raise LoginRequired("no server configured")
        self._auth.use_account(self._stored_account())
        if self._client is None or self._client.base_url != server_url.rstrip("/"):
            self._use_client(self._factory(server_url, self._auth))
        assert self._client is not None
        return self._client

    def _use_client(self, client: ApiClient) -> None:
        if self._client is not None and self._client is not client:
            self._client.close()  # its keep-alive connections go to a server we no longer use
        self._client = client


def build_sync_service(store: SyncStore, credentials: TokenVault, session: requests.Session | None = None,
                       *, timeouts: tuple[float, float] | None = None, ca_bundle: str | None = None,
                       people_seen: PeopleSeen | None = None) -> SyncEngine:
    """Wire an engine for the store's server (state `server_url`, set by login).

    `timeouts`: (connect, read) seconds; by default the read one comes from TRIAGE_READ_TIMEOUT or is 30 s.
    A long poll's wait is added on top of the read timeout. `ca_bundle`: deployment.toml's extra CAs, trusted on
    top of the OS store by each client's own session (unless `session` is given).
    """
    connect, read = timeouts if timeouts is not None else timeouts_from_env()

    def factory(server_url: str, auth: AuthState) -> ApiClient:
        # A session per client: closing the client of a server we left closes its session.
        own = session if session is not None else make_session(ca_bundle)
        return ApiClient(server_url, auth, session=own, connect_timeout=connect, read_timeout=read)

    return SyncEngine(store, factory, credentials, people_seen=people_seen)
