"""FreedomServer: an independent Central API (central-api.md) that takes every liberty the contract allows.

Not the sandbox: nothing here imports triage_desktop, so the client is checked against the written contract
rather than against our own reading of it. Stdlib only, in-memory state. It serves what a CLI round trip
needs (meta, auth, reference data, the feed, actions) and records what the client sent, so a test can
assert exactly-once delivery and byte-exact cursors. Its liberties:

- opaque ids with `~ . - _`, mixed case, a leading `-`; a report and a dossier sharing an id; event ids
  unique only within their aggregate; versions jumping by 7, one aggregate near 2^53-1;
- a feed of 0–3 changes a page whatever `limit` asks, empty pages with `more: true`, the same aggregate
  several times, stale re-sends, a delete of something never sent, a late upsert under a tombstone, a
  change of a kind the client does not know, cursors full of characters that need percent-encoding;
- unknown fields at every level, an unknown event type, dossiers without `updated_at` (§4 does not list
  it), keys in odd order, timestamps in every RFC 3339 spelling, `charset` on every JSON media type, gzip;
- access tokens that die after two requests; a refresh token that rotates (the old one dies at once) or not;
- reference data without ETags, no calendar for next year, `/meta` with api_version "1.9" and extras;
- actions: Idempotency-Key replay, If-Match required (422) and checked (412 with `current`), and, on
  request, an answer "lost" by closing the connection after the action was applied.
"""

from __future__ import annotations

import copy
import gzip
import itertools
import json
import re
import secrets
import socket
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import unquote, unquote_plus, urlsplit

BASE_PATH = "/api/tinh-72/v1"
MAX_VERSION = 2**53 - 1
VERSION_STEP = 7  # "grows by at least 1": never by exactly 1 here
PAGE_PLAN = (2, 0, 3, 1, 0, 3, 2, 1)  # page sizes, whatever `limit` wishes; 0 = an empty page
MAX_PAGE = 1000
PROBLEMS = "https://triage.example/problems/"
JSON = "application/json; charset=utf-8"
PROBLEM_JSON = "application/problem+json; charset=utf-8"
VIETNAM = timezone(timedelta(hours=7))

UNIT = "W~72.0101"
ME = {"roles": ["officer"], "unit_id": UNIT, "full_name": "Nguyễn Thị Hạnh", "username": "canbo.72",
      "id": "U.k~7", "x_title": "Chuyên viên"}
LEADER = {"id": "LD_01", "username": "lanhdao", "unit_id": UNIT, "roles": ["leader"],
          "full_name": "Võ Minh Đức"}
PASSWORD = "mat-khau-72"

# The aggregates the seed sends, by name, so tests can act on them.
SHARED_ID = "R~a.B-c_1"  # a report and a dossier both have this id
BIG_ID = "big.V-1"  # a report whose version is close to 2^53-1
DASH_ID = "-lead.dash"  # a report whose id starts with "-"
GONE_ID = "gone_1"  # a report sent, deleted, then re-sent stale (must stay deleted)
NEVER_SEEN_ID = "never~seen"  # a report deleted without ever being sent
BACK_ID = "Zz.9"  # a dossier deleted (never sent), then sent again with a higher version
OTHER_DOSSIER_ID = "d-2"
FOREIGN_KIND = "appointment"

REPORT_MOVES = {"new": {"acknowledged", "transferred", "rejected"},
                "acknowledged": {"in_progress", "transferred", "rejected"},
                "in_progress": {"resolved", "transferred", "rejected"}, "resolved": {"closed", "in_progress"}}
DOSSIER_MOVES = {"submitted": {"received", "rejected"}, "received": {"processing", "rejected"},
                 "processing": {"awaiting_supplement", "awaiting_fee", "suspended", "resolved"},
                 "awaiting_supplement": {"processing"}, "awaiting_fee": {"processing"}, "resolved": {"returned"}}
SET_STATUS = {"report": {"acknowledged", "in_progress", "resolved", "closed", "rejected"},
              "dossier": {"received", "processing", "suspended", "resolved", "rejected"}}
DVC = {"submitted": 1, "received": 2, "rejected": 3, "processing": 4, "awaiting_supplement": 5,
       "awaiting_fee": 6, "withdrawn": 7, "suspended": 8, "resolved": 9, "returned": 10}
SUPPORTED_ACTIONS = {"acknowledge", "assign", "note", "set_status"}
_IF_MATCH = re.compile(r'\A(?:W/)?"(\d{1,16})"\Z')


def _stamp_styles(moment: datetime, n: int) -> str:
    """The same kind of instant in a different legal RFC 3339 spelling each time."""
    plus7 = moment.astimezone(VIETNAM)
    minus530 = moment.astimezone(timezone(-timedelta(hours=5, minutes=30)))
    utc = moment.astimezone(UTC)
    styles = (
        plus7.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
        utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        minus530.strftime("%Y-%m-%dT%H:%M:%S") + f".{n % 10**9:09d}-05:30",  # nine fractional digits
        utc.strftime("%Y-%m-%dt%H:%M:%S.5z"),  # lowercase t and z
        plus7.strftime("%Y-%m-%dT%H:%M:%S.000001+07:00"),
    )
    return styles[n % len(styles)]


@dataclass
class Answer:
    status: int
    payload: Any = None  # JSON-able; None means no body
    content_type: str = JSON
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the connection instead of answering (a lost answer)


@dataclass(frozen=True)
class Applied:
    """One action the server applied (replays are not listed again)."""

    key: str
    kind: str
    id: str
    type: str
    if_match: str | None
    version: int  # the aggregate's version after it


@dataclass(frozen=True)
class FeedCall:
    since: str | None  # as decoded from the query (None: omitted)
    status: int
    next: str | None  # the cursor this answer issued


def problem(status: int, name: str, title: str, **extra: Any) -> Answer:
    body = {"status": status, "title": title, "type": PROBLEMS + name, **extra, "x_trace": secrets.token_hex(4)}
    return Answer(status, body, PROBLEM_JSON)


class FreedomServer:
    """A conforming Central API on 127.0.0.1 under BASE_PATH; thread-safe; a context manager."""

    def __init__(self, *, rotate_refresh: bool = True, access_uses: int = 2,
                 drop_answer_once: Iterable[str] = ()) -> None:
        self.rotate_refresh = rotate_refresh
        self.access_uses = access_uses
        self._drop_once = set(drop_answer_once)  # action types whose first answer is lost
        self._lock = threading.RLock()
        self._clock = itertools.count(1)
        self._moment = datetime(2026, 3, 2, 1, 15, tzinfo=UTC)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        # State.
        self.live: dict[tuple[str, str], dict[str, Any]] = {}
        self._log: list[dict[str, Any]] = []  # the feed, in order; entries are frozen copies
        self._cursors: dict[str, int] = {}  # issued cursor → log position
        self._pages = itertools.count()
        self._access: dict[str, int] = {}  # access token → uses left
        self._refresh: set[str] = set()
        self._idempotency: dict[tuple[str, str], tuple[str, Any, Answer]] = {}
        # What the client did, for the tests.
        self.applied: list[Applied] = []
        self.replayed: list[str] = []  # Idempotency-Keys answered from the record
        self.feed_calls: list[FeedCall] = []
        self.issued_cursors: list[str] = []
        self.expired_cursors: set[str] = set()
        self.logins = 0
        self.refreshes = 0
        self.refused_refreshes = 0
        self.expired_access = 0  # 401s for a used-up access token
        self.gzipped = 0
        self.requests: list[tuple[str, str, int]] = []  # (method, path below the base, status)
        self._seed()

    # -- lifecycle ------------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._httpd is not None, "not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}{BASE_PATH}"

    def start(self) -> FreedomServer:
        handler = type("Handler", (_Handler,), {"app": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="freedom-server", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FreedomServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- what tests call ----------------------------------------------------------------------------------

    def snapshot(self) -> dict[tuple[str, str], dict[str, Any]]:
        """A deep copy of every live aggregate, by (kind, id)."""
        with self._lock:
            return copy.deepcopy(self.live)

    def edit(self, kind: str, item_id: str, **fields: Any) -> dict[str, Any]:
        """Someone else changes an aggregate (a new version in the feed); returns the new state."""
        with self._lock:
            agg = self.live[(kind, item_id)]
            agg.update(fields)
            self._touch(agg, self._event(agg, "edited_by_portal", None, body=None, data=dict(fields)))
            self._emit(agg)
            return copy.deepcopy(agg)

    def erase(self, kind: str, item_id: str) -> None:
        """Forget an aggregate without a delete in the feed; only a resnapshot can tell the client."""
        with self._lock:
            del self.live[(kind, item_id)]

    def expire_cursors(self) -> None:
        """Every cursor issued so far gets 410 from now on, and the feed restarts as a fresh snapshot."""
        with self._lock:
            self.expired_cursors.update(self._cursors)
            self._cursors.clear()
            self._log = [self._upsert_entry(agg) for agg in reversed(list(self.live.values()))]
            self._log.insert(1, {"kind": FOREIGN_KIND, "op": "upsert", "id": "A.2", "version": 1,
                                 "data": {"id": "A.2", "when": self._stamp()}})

    # -- seed ---------------------------------------------------------------------------------------------

    def _stamp(self) -> str:
        n = next(self._clock)
        return _stamp_styles(self._moment + timedelta(minutes=7 * n), n * 7919)

    def _event(self, agg: Mapping[str, Any], kind: str, author: str | None, *, body: str | None,
               data: dict[str, Any] | None = None, visibility: str = "internal") -> dict[str, Any]:
        # Ids unique within the aggregate only: every aggregate has an "e1", "e2", ...
        number = len(agg.get("events", ())) + 1
        return {"data": data or {}, "body": body, "visibility": visibility, "type": kind, "author_id": author,
                "at": self._stamp(), "id": f"e{number}", "x_device": {"os": "zalo", "v": number}}

    def _report(self, item_id: str, version: int, title: str, **extra: Any) -> dict[str, Any]:
        agg: dict[str, Any] = {
            "events": [],
            "x_sla": {"level": 2, "tags": ["cây xanh", "khẩn"]},
            "attachments": [{"x_thumb": {"w": 64, "h": 48}, "origin": "citizen", "uploaded_at": self._stamp(),
                             "sha256": "ab" * 32, "size": 48213, "content_type": "image/jpeg",
                             "filename": "../../ảnh hiện trường.jpg", "id": f"att~{item_id}"}],
            "citizen_rating": None, "closed_at": None, "due_at": self._stamp(), "updated_at": self._stamp(),
            "submitted_at": self._stamp(),
            "location": {"x_ward_code": "25456", "address": "12 Đường 30/4, Phường 1", "lon": 106.0982,
                         "lat": 11.3101},
            "citizen": {"x_zalo_id": "z~9", "contact_allowed": True, "phone": "0905xxx123", "name": "Lê Đình Tâm"},
            "unit_id": UNIT, "assignee_id": None, "priority": "normal", "status": "new",
            "description": "Cây xanh trước số 12 đổ chắn ngang đường", "title": title,
            "category_code": "CAY_XANH", "channel": "zalo_mini_app", "code": f"PA-2026-{len(self.live):06d}",
            "version": version, "kind": "report", "id": item_id,
        }
        agg.update(extra)
        agg["events"] = [self._event(agg, "submitted", None, body=None, visibility="public")]
        agg["events"].append(self._event(agg, "called_back", "LD_01", body="Gọi lại cho công dân",
                                         data={"minutes": 3}))  # a type this client does not know
        return agg

    def _dossier(self, item_id: str, version: int, summary: str, **extra: Any) -> dict[str, Any]:
        # No `updated_at`: §4's Dossier does not list one.
        agg: dict[str, Any] = {
            "x_portal": {"ref": "DVC-72-0001", "flags": [1, 2]},
            "events": [], "attachments": [],
            "dvc_code": 1, "fee_vnd": 0, "returned_at": None, "paused_working_days": 0, "due_at": self._stamp(),
            "received_at": None, "submitted_at": self._stamp(), "unit_id": UNIT, "assignee_id": None,
            "step": "Chờ tiếp nhận", "status": "submitted", "summary": summary,
            "applicant": {"x_vneid": True, "address": "5 Trần Hưng Đạo", "phone": "0912345678",
                          "id_number": "072012345678", "name": "Phạm Thị Đào"},
            "channel": "online", "procedure_code": "HT-KS", "version": version,
            "code": f"000.00.23.H57-260302-{len(self.live):04d}", "kind": "dossier", "id": item_id,
        }
        agg.update(extra)
        agg["events"] = [self._event(agg, "submitted", None, body=None, visibility="public")]
        return agg

    def _upsert_entry(self, agg: Mapping[str, Any]) -> dict[str, Any]:
        return {"data": copy.deepcopy(dict(agg)), "version": agg["version"], "id": agg["id"], "op": "upsert",
                "kind": agg["kind"], "x_seq": len(self._log)}

    def _emit(self, agg: dict[str, Any]) -> dict[str, Any]:
        self.live[(agg["kind"], agg["id"])] = agg
        entry = self._upsert_entry(agg)
        self._log.append(entry)
        return entry

    def _delete(self, kind: str, item_id: str, version: int) -> None:
        self.live.pop((kind, item_id), None)
        self._log.append({"op": "delete", "kind": kind, "id": item_id, "version": version, "x_reason": "erased"})

    def _touch(self, agg: dict[str, Any], event: dict[str, Any]) -> None:
        agg["events"].append(event)
        agg["version"] += VERSION_STEP
        if agg["version"] > MAX_VERSION:
            raise AssertionError("the seed leaves too little room below 2^53-1")
        if agg["kind"] == "report":
            agg["updated_at"] = event["at"]

    def _seed(self) -> None:
        shared = self._emit(self._report(SHARED_ID, 1, "Cây đổ chắn đường"))
        self.edit("report", SHARED_ID, priority="high")  # the same aggregate twice in a row
        self._emit(self._dossier(SHARED_ID, 3, "Đăng ký khai sinh cho con"))
        self._emit(self._report(BIG_ID, MAX_VERSION - 10 * VERSION_STEP, "Đèn đường hỏng"))
        self._log.append({"kind": FOREIGN_KIND, "op": "upsert", "id": "A.1", "version": 3,
                          "data": {"id": "A.1", "room": "P.2", "kind": FOREIGN_KIND}, "x_new": True})
        gone = self._emit(self._report(GONE_ID, 2, "Rác thải"))
        self._delete("report", GONE_ID, 9)
        self._log.append(copy.deepcopy(gone))  # a late re-send under the tombstone
        self._delete("report", NEVER_SEEN_ID, 4)
        other = self._emit(self._dossier(OTHER_DOSSIER_ID, 5, "Chứng thực bản sao"))
        self._log.append(copy.deepcopy(shared))  # a stale re-send (version 1 after 8)
        self._emit(self._report(DASH_ID, 1, "Ngập nước"))
        self.edit("dossier", OTHER_DOSSIER_ID, step="Thẩm định")
        self._log.append(copy.deepcopy(other))
        self._delete("dossier", BACK_ID, 20)
        self._emit(self._dossier(BACK_ID, 27, "Cấp bản sao trích lục"))
        self._log.append({"version": 4, "id": "A.1", "op": "delete", "kind": FOREIGN_KIND})

    # -- dispatch -----------------------------------------------------------------------------------------

    def handle(self, method: str, path: str, query: Mapping[str, str], headers: Mapping[str, str],
               body: bytes) -> Answer:
        with self._lock:
            answer = self._route(method, path, query, headers, body)
            self.requests.append((method, path, answer.status))
            return answer

    def _route(self, method: str, path: str, query: Mapping[str, str], headers: Mapping[str, str],
               body: bytes) -> Answer:
        if (method, path) == ("GET", "/meta"):
            return Answer(200, self._meta())
        if (method, path) == ("POST", "/auth/login"):
            return self._login(body)
        if (method, path) == ("POST", "/auth/refresh"):
            return self._do_refresh(body)
        segments = path.strip("/").split("/")
        routes = {"/me", "/members", "/units", "/categories", "/procedures", "/templates", "/calendar",
                  "/changes"}
        is_action = method == "POST" and len(segments) == 3 and segments[0] in ("reports", "dossiers") \
            and segments[2] == "actions"
        if not is_action and not (method == "GET" and path in routes):
            return problem(404, "not-found", "Không có đường dẫn này")
        user = self._authorize(headers)
        if isinstance(user, Answer):
            return user
        if is_action:
            return self._action(user, segments[0][:-1], unquote(segments[1]), path, headers, body)
        if path == "/changes":
            return self._changes(query)
        if path == "/calendar":
            return self._calendar(query)
        return Answer(200, self._reference(path[1:]))  # no ETag, so no If-None-Match either

    # -- meta, auth, reference ----------------------------------------------------------------------------

    def _meta(self) -> dict[str, Any]:
        return {"x_maintenance": None,
                "limits": {"x_burst": 3, "idempotency_retention_days": 30, "max_upload_bytes": 20971520,
                           "max_page": MAX_PAGE},
                "province": {"x_region": "Đông Nam Bộ", "name": "Tây Ninh", "code": "72"},
                "min_client_version": "0.1", "server_time": self._stamp(), "api_version": "1.9"}

    def _tokens(self, refresh: str) -> Answer:
        access = secrets.token_urlsafe(24)
        self._access[access] = self.access_uses
        return Answer(200, {"user": ME, "token_type": "Bearer", "expires_in": 900, "refresh_token": refresh,
                            "access_token": access})

    def _login(self, body: bytes) -> Answer:
        data = _json_object(body)
        if data is None or not isinstance(data.get("device"), dict) or not data["device"].get("id"):
            return problem(422, "validation", "Thiếu thông tin", errors=[{"field": "device", "message": "required"}])
        if (data.get("username"), data.get("password")) != (ME["username"], PASSWORD):
            return problem(401, "invalid-credentials", "Sai tên đăng nhập hoặc mật khẩu")
        self.logins += 1
        refresh = secrets.token_urlsafe(32)
        self._refresh.add(refresh)
        return self._tokens(refresh)

    def _do_refresh(self, body: bytes) -> Answer:
        data = _json_object(body)
        token = data.get("refresh_token") if data else None
        if token not in self._refresh:
            self.refused_refreshes += 1
            return problem(401, "invalid-refresh-token", "Phiên đăng nhập đã hết hạn")
        self.refreshes += 1
        if self.rotate_refresh:
            self._refresh.discard(token)  # the old one dies at once: no grace period
            token = secrets.token_urlsafe(32)
            self._refresh.add(token)
        return self._tokens(token)

    def _authorize(self, headers: Mapping[str, str]) -> dict[str, Any] | Answer:
        scheme, _, token = (headers.get("Authorization") or "").partition(" ")
        left = self._access.get(token) if scheme.lower() == "bearer" else None
        if not left:
            if left == 0:
                self.expired_access += 1
                del self._access[token]
            answer = problem(401, "unauthorized", "Phiên truy cập hết hạn")
            answer.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return answer
        self._access[token] = left - 1
        return ME

    def _reference(self, name: str) -> Any:
        if name == "me":
            return ME
        if name == "members":
            return [LEADER, ME]
        if name == "units":
            return [{"kind": "ward", "parent_id": "P.72", "name": "Phường 1", "id": UNIT, "x_code": "25456"},
                    {"id": "P.72", "parent_id": None, "name": "Tỉnh Tây Ninh", "kind": "province"}]
        if name == "categories":
            return [{"active": True, "sla_working_days": 3, "name": "Cây xanh", "code": "CAY_XANH", "x_icon": "🌳"}]
        if name == "procedures":
            return [{"active": True, "fee_vnd": 0, "processing_working_days": 3, "name": "Đăng ký khai sinh",
                     "code": "HT-KS", "x_level": 4}]
        return [{"body": "Kính gửi {citizen_name}, ...", "title": "Trả lời", "kind": "reply", "id": "T~1",
                 "x_lang": "vi"}]

    def _calendar(self, query: Mapping[str, str]) -> Answer:
        try:
            year = int(query.get("year", ""))
        except ValueError:
            return problem(422, "validation", "year", errors=[{"field": "year", "message": "not a number"}])
        if year > datetime.now(VIETNAM).year:
            return problem(404, "not-found", "Chưa công bố lịch năm này")
        return Answer(200, {"x_source": "UBND tỉnh", "office_hours": [["07:00", "11:30"], ["13:30", "17:00"]],
                            "extra_working_days": [], "days_off": [f"{year}-01-01", f"{year}-04-30",
                                                                   f"{year}-05-01", f"{year}-09-02"],
                            "year": year})

    # -- the feed -----------------------------------------------------------------------------------------

    def _new_cursor(self, position: int) -> str:
        page = next(self._pages)
        # Every character a naive client would mangle: % (also as a valid escape), + & = # / ? space, non-ASCII.
        cursor = f"p{page}/{position}?a=1&b=c+d #đ%2F%zz~{secrets.token_hex(2)}"
        self._cursors[cursor] = position
        self.issued_cursors.append(cursor)
        return cursor

    def _changes(self, query: Mapping[str, str]) -> Answer:
        since = query.get("since")
        try:
            limit = int(query.get("limit", "500"))
        except ValueError:
            limit = 0
        if limit < 1:
            self.feed_calls.append(FeedCall(since, 422, None))
            return problem(422, "validation", "limit", errors=[{"field": "limit", "message": "must be >= 1"}])
        if since is None:
            position = 0
        elif since in self._cursors:
            position = self._cursors[since]
        else:
            self.feed_calls.append(FeedCall(since, 410, None))
            return problem(410, "cursor-expired", "Con trỏ đã hết hạn")
        wish = PAGE_PLAN[len(self.feed_calls) % len(PAGE_PLAN)]
        size = min(wish, limit, MAX_PAGE)
        changes = self._log[position:position + size]
        end = position + len(changes)
        cursor = self._new_cursor(end)
        self.feed_calls.append(FeedCall(since, 200, cursor))
        return Answer(200, {"more": end < len(self._log), "x_lag_ms": 12, "next": cursor,
                            "changes": copy.deepcopy(changes)})

    # -- actions ------------------------------------------------------------------------------------------

    def _action(self, user: Mapping[str, Any], kind: str, item_id: str, path: str, headers: Mapping[str, str],
                raw_body: bytes) -> Answer:
        key = headers.get("Idempotency-Key")
        body = _json_object(raw_body)
        if key and (user["id"], key) in self._idempotency:
            first_path, first_body, first_answer = self._idempotency[(user["id"], key)]
            if (first_path, first_body) == (path, body):
                self.replayed.append(key)
                return copy.deepcopy(first_answer)
            return problem(422, "idempotency-key-reused", "Khóa đã dùng cho yêu cầu khác")
        answer = self._decide(user, kind, item_id, headers, body, key)
        if key and answer.status != 401:
            self._idempotency[(user["id"], key)] = (path, body, copy.deepcopy(answer))
        if answer.status == 200 and body is not None and body["type"] in self._drop_once:
            self._drop_once.discard(body["type"])  # applied and recorded, but the answer is lost
            return Answer(200, drop=True)
        return answer

    def _decide(self, user: Mapping[str, Any], kind: str, item_id: str, headers: Mapping[str, str],
                body: dict[str, Any] | None, key: str | None) -> Answer:
        agg = self.live.get((kind, item_id))
        if agg is None:
            return problem(404, "not-found", "Không thấy mục này")
        errors = _validate(kind, body, headers, key)
        if errors:
            return problem(422, "validation", "Dữ liệu không hợp lệ", errors=errors)
        assert body is not None and key is not None
        kind_of = body["type"]
        if kind_of == "assign" and "leader" not in user["roles"] and body["assignee_id"] != user["id"]:
            return problem(403, "forbidden", "Chỉ được tự phân công cho mình")
        if_match = headers.get("If-Match")
        seen = _IF_MATCH.match(if_match) if if_match is not None else None
        if seen is not None and int(seen.group(1)) != agg["version"]:
            return problem(412, "version-conflict", "Đã có thay đổi khác", current=copy.deepcopy(agg))
        target = {"acknowledge": "acknowledged" if kind == "report" else "received"}.get(kind_of, body.get("status"))
        if kind_of in ("acknowledge", "set_status"):
            moves = REPORT_MOVES if kind == "report" else DOSSIER_MOVES
            if target not in moves.get(agg["status"], set()):
                return problem(409, "invalid-transition", "Không chuyển được trạng thái", current=copy.deepcopy(agg))
        event = self._apply(user, agg, kind_of, body, target)
        self.applied.append(Applied(key, kind, item_id, kind_of, if_match, agg["version"]))
        self._emit(agg)
        return Answer(200, {"x_request_id": secrets.token_hex(4), "event": copy.deepcopy(event),
                            "aggregate": copy.deepcopy(agg)})

    def _apply(self, user: Mapping[str, Any], agg: dict[str, Any], kind_of: str, body: Mapping[str, Any],
               target: str | None) -> dict[str, Any]:
        if kind_of == "note":
            event = self._event(agg, "note", user["id"], body=body["body"])
        elif kind_of == "assign":
            event = self._event(agg, "assigned", user["id"], body=None,
                                data={"to": body["assignee_id"], "from": agg["assignee_id"]})
            agg["assignee_id"] = body["assignee_id"]
        else:
            assert target is not None
            event = self._event(agg, "status_changed", user["id"], body=body.get("reason_text"),
                                data={"to": target, "from": agg["status"]})
            agg["status"] = target
            if agg["kind"] == "dossier":
                agg["dvc_code"] = DVC[target]
                if target == "received":
                    agg["received_at"] = event["at"]
        self._touch(agg, event)
        return event


def _json_object(raw: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _validate(kind: str, body: Mapping[str, Any] | None, headers: Mapping[str, str],
              key: str | None) -> list[dict[str, str]]:
    """§6's 422s, in the order a client would fix them."""
    if not key:
        return [{"field": "Idempotency-Key", "message": "required"}]
    if body is None:
        return [{"field": "body", "message": "not a JSON object"}]
    kind_of = body.get("type")
    if kind_of not in SUPPORTED_ACTIONS:
        return [{"field": "type", "message": f"not supported here: {kind_of!r}"}]
    if_match = headers.get("If-Match")
    if kind_of != "note" and if_match is None:
        return [{"field": "If-Match", "message": "required"}]
    if if_match is not None and not _IF_MATCH.match(if_match):
        return [{"field": "If-Match", "message": "not an entity tag"}]
    if kind_of == "note" and not (isinstance(body.get("body"), str) and 1 <= len(body["body"]) <= 10_000):
        return [{"field": "body", "message": "1–10,000 characters"}]
    if kind_of == "assign" and body.get("assignee_id") not in (ME["id"], LEADER["id"]):
        return [{"field": "assignee_id", "message": "not a member of the unit"}]
    if kind_of == "set_status":
        if body.get("status") not in SET_STATUS[kind]:
            return [{"field": "status", "message": "not a set_status target"}]
        if body["status"] in ("rejected", "suspended") and not body.get("reason_text"):
            return [{"field": "reason_text", "message": "required"}]
    return []


def _accepts_gzip(header: str | None) -> bool:
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() == "gzip":
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _parse_query(raw: str) -> dict[str, str]:
    """Form decoding (`+` is a space): a client that leaves a cursor's `+` or `%` raw gets it back wrong."""
    query: dict[str, str] = {}
    for pair in raw.split("&") if raw else ():
        name, _, value = pair.partition("=")
        query[unquote_plus(name, errors="strict")] = unquote_plus(value, errors="strict")
    return query


class _Handler(BaseHTTPRequestHandler):
    app: FreedomServer
    protocol_version = "HTTP/1.1"  # keep-alive, so a dropped answer hits a reused connection
    timeout = 10

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in two writes: without this, Nagle + delayed ACK add 40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if not parts.path.startswith(BASE_PATH + "/"):
            answer = problem(404, "not-found", "Không có đường dẫn này")
        else:
            try:
                query = _parse_query(parts.query)
            except UnicodeDecodeError:
                answer = problem(400, "bad-request", "Truy vấn không phải UTF-8")
            else:
                answer = self.app.handle(method, parts.path[len(BASE_PATH):], query, self.headers, body)
        if answer.drop:
            self.close_connection = True
            return
        self._write(answer)

    def _write(self, answer: Answer) -> None:
        data = b""
        if answer.payload is not None:
            data = json.dumps(answer.payload, ensure_ascii=False).encode("utf-8")
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if data:
            self.send_header("Content-Type", answer.content_type)
            if _accepts_gzip(self.headers.get("Accept-Encoding")):
                data = gzip.compress(data)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
                with self.app._lock:
                    self.app.gzipped += 1
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # tests read the server's records, not its log
