"""Routing and endpoints of Central API v1 over plain Request/Response values (no sockets here).

Every answer goes back through one `Response`, so the wire layer can compress it, frame it, or (later)
damage it on purpose for fault injection.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import quote

from triage_desktop.sandbox import seed as seeding
from triage_desktop.sandbox import workdays
from triage_desktop.sandbox.backend import JSON, Answer, Backend
from triage_desktop.sandbox.feed import DEFAULT_PAGE, MAX_PAGE, MAX_WAIT
from triage_desktop.sandbox.rules import Problem, validation
from triage_desktop.sandbox.store import dumps

log = logging.getLogger(__name__)

API_VERSION = "1.3"
IDEMPOTENCY_RETENTION_DAYS = 30


@dataclass
class Request:
    method: str
    path: str  # below the base URL's path, e.g. "/reports/r_1/actions"
    query: Mapping[str, list[str]]
    headers: Mapping[str, str] | Message[str, str]  # case-insensitive (email.message.Message from http.server)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        value = self.headers.get(name)
        return value.strip() if isinstance(value, str) else None


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    compressible: bool = True  # images are not worth gzipping


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(status, dumps(data).encode("utf-8"), JSON, headers or {})


def problem_response(problem: Problem) -> Response:
    answer = Answer.problem(problem)
    headers = {"WWW-Authenticate": 'Bearer realm="triage"'} if problem.status == 401 else {}
    if "retry_after" in problem.extra:
        headers["Retry-After"] = str(problem.extra["retry_after"])
    return Response(answer.status, answer.body, answer.content_type, headers)


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


def cacheable(request: Request, data: Any) -> Response:
    """Reference data: ETag on every answer, 304 when If-None-Match still matches."""
    body = dumps(data).encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if _etag_matches(request.header("If-None-Match"), etag):
        return Response(304, headers=headers)
    return Response(200, body, JSON, headers)


# user: the caller's record on a route that needs a token, None on the others; Any, so each handler can name what
# its own route passes.
Handler = Callable[[Request, Any, re.Match[str]], Response]


class PageSizes:
    """Uneven feed pages, as the contract allows (`limit` is a wish): each page holds a random 1..`most`
    changes, drawn from a seeded generator, whatever the client asked for."""

    def __init__(self, most: int, seed: int | None = None) -> None:
        if most < 1:
            raise ValueError("pages hold at least one change")
        self.most = most
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def draw(self, wished: int) -> int:
        with self._lock:
            return min(wished, self._rng.randint(1, self.most))


class Api:
    def __init__(self, backend: Backend, page_sizes: PageSizes | None = None) -> None:
        self.backend = backend
        self.page_sizes = page_sizes
        # (method, path pattern, handler, needs a Bearer token)
        self.routes: list[tuple[str, re.Pattern[str], Handler, bool]] = [
            ("GET", re.compile(r"/meta"), self.meta, False),
            ("POST", re.compile(r"/auth/login"), self.login, False),
            ("POST", re.compile(r"/auth/refresh"), self.refresh, False),
            ("POST", re.compile(r"/auth/logout"), self.logout, True),
            ("GET", re.compile(r"/me"), lambda r, u, m: cacheable(r, u), True),
            ("GET", re.compile(r"/members"), self.members, True),
            ("GET", re.compile(r"/units"), lambda r, u, m: cacheable(r, seeding.UNITS), True),
            ("GET", re.compile(r"/categories"), lambda r, u, m: cacheable(r, seeding.CATEGORIES), True),
            ("GET", re.compile(r"/procedures"), lambda r, u, m: cacheable(r, seeding.PROCEDURES), True),
            ("GET", re.compile(r"/templates"), lambda r, u, m: cacheable(r, seeding.TEMPLATES), True),
            ("GET", re.compile(r"/calendar"), self.calendar, True),
            ("GET", re.compile(r"/changes"), self.changes, True),
            ("POST", re.compile(r"/(reports|dossiers)/([^/]+)/actions"), self.action, True),
            ("GET", re.compile(r"/attachments/([^/]+)"), self.attachment, True),
            ("POST", re.compile(r"/uploads"), self.upload, True),
        ]

    def handle(self, request: Request) -> Response:
        try:
            return self._route(request)
        except Problem as problem:
            return problem_response(problem)
        except Exception:  # a bug in the sandbox: say so in the contract's shape, keep serving
            log.exception("sandbox: %s %s failed", request.method, request.path)
            return problem_response(Problem(500, "internal", "lỗi nội bộ của máy chủ thử nghiệm"))

    def _route(self, request: Request) -> Response:
        allowed = []
        for method, pattern, handler, needs_auth in self.routes:
            match = pattern.fullmatch(request.path)
            if match is None:
                continue
            if method != request.method:
                allowed.append(method)
                continue
            user = None
            if needs_auth:
                user, _ = self.backend.auth.authenticate(request.header("Authorization"))
            return handler(request, user, match)
        if allowed:
            response = problem_response(Problem(405, "method-not-allowed", f"dùng {', '.join(allowed)}"))
            response.headers["Allow"] = ", ".join(allowed)
            return response
        raise Problem(404, "not-found", "không có địa chỉ này")

    # -- metadata and auth ------------------------------------------------------------------------------
    def meta(self, request: Request, user: Any, match: Any) -> Response:
        return json_response({
            "api_version": API_VERSION, "server_time": seeding.iso(self.backend.now()),
            "min_client_version": self.backend.min_client_version, "province": seeding.PROVINCE,
            "limits": {"max_page": MAX_PAGE, "max_upload_bytes": self.backend.max_upload_bytes,
                       "idempotency_retention_days": IDEMPOTENCY_RETENTION_DAYS},
        })

    def login(self, request: Request, user: Any, match: Any) -> Response:
        body = _json_object(request)
        username, password = body.get("username"), body.get("password")
        errors = [{"field": name, "message": "bắt buộc"} for name, value in (("username", username),
                                                                            ("password", password))
                  if not isinstance(value, str) or not value]
        if errors:
            raise validation(errors)
        return json_response(self.backend.auth.login(str(username), str(password)), headers=_NO_STORE)

    def refresh(self, request: Request, user: Any, match: Any) -> Response:
        token = _json_object(request).get("refresh_token")
        if not isinstance(token, str) or not token:
            raise validation([{"field": "refresh_token", "message": "bắt buộc"}])
        return json_response(self.backend.auth.refresh(token), headers=_NO_STORE)

    def logout(self, request: Request, user: Any, match: Any) -> Response:
        _, token = self.backend.auth.authenticate(request.header("Authorization"))
        self.backend.auth.logout(token)
        return Response(204)

    # -- reference data ---------------------------------------------------------------------------------
    def members(self, request: Request, user: dict[str, Any], match: Any) -> Response:
        return cacheable(request, self.backend.auth.members(user["unit_id"]))

    def calendar(self, request: Request, user: Any, match: Any) -> Response:
        raw = (request.query.get("year") or [""])[0]
        if not raw.isascii() or not raw.isdigit():
            raise validation([{"field": "year", "message": "năm, ví dụ 2026"}])
        data = workdays.calendar_json(int(raw))
        if data is None:
            raise Problem(404, "not-found", f"chưa công bố lịch năm {raw}")
        return cacheable(request, data)

    # -- feed ---------------------------------------------------------------------------------------------
    def changes(self, request: Request, user: dict[str, Any], match: Any) -> Response:
        since = request.query["since"][0] if "since" in request.query else None
        errors: list[dict[str, str]] = []
        limit = _number(request.query, "limit", DEFAULT_PAGE, errors, integer=True)
        wait = _number(request.query, "wait", 0, errors, integer=False)
        if limit is not None and limit < 1:
            errors.append({"field": "limit", "message": "ít nhất 1"})
        if wait is not None and wait < 0:
            errors.append({"field": "wait", "message": "từ 0 đến 30"})
        if errors:
            raise validation(errors)
        size = min(int(limit or 0), MAX_PAGE)
        if self.page_sizes is not None:
            size = self.page_sizes.draw(size)
        page = self.backend.feed.page(user["unit_id"], since, size, min(float(wait or 0), MAX_WAIT))
        return Response(200, page.to_json().encode("utf-8"), JSON)

    # -- actions, attachments, uploads ----------------------------------------------------------------------
    def action(self, request: Request, user: dict[str, Any], match: re.Match[str]) -> Response:
        kind = "report" if match.group(1) == "reports" else "dossier"
        answer = self.backend.act(user, kind, match.group(2), request.body, request.header("If-Match"),
                                  request.header("Idempotency-Key"), request.path)
        return _from_answer(answer)

    def attachment(self, request: Request, user: dict[str, Any], match: re.Match[str]) -> Response:
        found = self.backend.attachment_bytes(user["unit_id"], match.group(1))
        if found is None:
            raise Problem(404, "not-found", "không có tệp này")
        meta, data = found
        headers = {"ETag": f'"{meta["sha256"]}"', "Content-Disposition": content_disposition(meta["filename"]),
                   "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=86400"}
        if _etag_matches(request.header("If-None-Match"), headers["ETag"]):
            return Response(304, headers=headers)
        return Response(200, data, meta["content_type"], headers, compressible=False)

    def upload(self, request: Request, user: dict[str, Any], match: Any) -> Response:
        answer = self.backend.upload(user, request.header("Idempotency-Key"), request.header("Content-Type"),
                                     request.header("X-Filename"), request.body)
        return _from_answer(answer)


_NO_STORE = {"Cache-Control": "no-store"}


def _from_answer(answer: Answer) -> Response:
    headers = {"Idempotent-Replayed": "true"} if answer.replayed else {}
    return Response(answer.status, answer.body, answer.content_type, headers)


def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        body = None
    if not isinstance(body, dict):
        raise validation([{"field": "body", "message": "phải là một đối tượng JSON"}])
    return body


def _number(query: Mapping[str, list[str]], name: str, default: float, errors: list[dict[str, str]],
            integer: bool) -> float | None:
    if name not in query:
        return default
    raw = query[name][0].strip()
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        errors.append({"field": name, "message": "phải là số"})
        return None
    if value != value or value in (float("inf"), float("-inf")):  # NaN, infinities
        errors.append({"field": name, "message": "phải là số"})
        return None
    return value


def content_disposition(filename: str) -> str:
    """RFC 6266 with an ASCII fallback; the name is the citizen's, so nothing in it may break the header."""
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in filename) or "tep"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
