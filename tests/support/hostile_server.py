"""A hostile server for the fuzz tests: the contract's own examples (central-api.md), mutated, sent over loopback.

The valid examples are copied from the contract page, with its "..." filled in, never from what the client
reads. A mutation drops fields, puts wrong types, lone surrogates, deep nesting, huge or NaN-ish numbers and
4,300-digit strings anywhere, adds unknown fields and duplicated keys; then the bytes may be cut at any offset,
get invalid UTF-8, lose their Content-Type or come empty. `HostileServer` sends each path's next queued `Answer`
(else that path's good answer) on 127.0.0.1, headers and all, and keeps quiet when a client hangs up on it.
"""

from __future__ import annotations

import copy
import gzip
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from hypothesis import strategies as st

# -- the contract's examples ---------------------------------------------------------------------------------

WHEN = "2026-03-02T08:15:00+07:00"
SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def meta() -> dict[str, Any]:
    """§1, with a minimum every client passes (the example's "1.0.0" would refuse this 0.1.0 client)."""
    return {"api_version": "1.3", "server_time": WHEN, "min_client_version": "0.0.1",
            "province": {"code": "72", "name": "Tây Ninh"},
            "limits": {"max_page": 1000, "max_upload_bytes": 20971520, "idempotency_retention_days": 30}}


def user() -> dict[str, Any]:
    return {"id": "u_17", "username": "canbo1", "full_name": "Lê Đình Tâm", "unit_id": "w_0101", "roles": ["officer"]}


def login_answer() -> dict[str, Any]:
    """§2: the answer to /auth/login and /auth/refresh."""
    return {"access_token": "at-1", "refresh_token": "rt-1", "expires_in": 900, "user": user()}


def attachment() -> dict[str, Any]:
    return {"id": "a_1", "filename": "cay-do.jpg", "content_type": "image/jpeg", "size": 48213, "sha256": SHA,
            "uploaded_at": WHEN, "origin": "citizen"}


def event(event_id: str = "e_1") -> dict[str, Any]:
    return {"id": event_id, "at": WHEN, "author_id": "u_17", "type": "note", "visibility": "internal",
            "body": "Đã liên hệ điện lực", "data": {}}


def report(item_id: str = "r_1", version: int = 7) -> dict[str, Any]:
    return {"id": item_id, "code": "PA-2026-004211", "kind": "report", "version": version,
            "channel": "zalo_mini_app", "category_code": "CAY_XANH",
            "title": "Cây đổ chắn đường", "description": "Cây xanh trước số 12 đổ chắn ngang đường",
            "location": {"lat": 11.3101, "lon": 106.0982, "address": "12 Đường 30/4, Phường 1"},
            "citizen": {"name": "Lê Đình Tâm", "phone": "0905xxx123", "contact_allowed": True},
            "status": "in_progress", "priority": "normal", "assignee_id": "u_17", "unit_id": "w_0101",
            "submitted_at": WHEN, "updated_at": "2026-03-02T09:00:00Z", "due_at": "2026-03-05T17:00:00+07:00",
            "closed_at": None, "citizen_rating": None, "attachments": [attachment()], "events": [event()]}


def dossier(item_id: str = "d_9", version: int = 3) -> dict[str, Any]:
    return {"id": item_id, "code": "000.00.23.H57-260302-0001", "kind": "dossier", "version": version,
            "procedure_code": "HT-KS", "channel": "online",
            "applicant": {"name": "Phạm Thị Đào", "id_number": "072012345678", "phone": "0912345678",
                          "address": "5 Trần Hưng Đạo"},
            "summary": "Đăng ký khai sinh cho con", "status": "processing", "step": "Trình ký lãnh đạo",
            "assignee_id": "u_17", "unit_id": "w_0101", "submitted_at": WHEN, "received_at": WHEN,
            "due_at": "2026-03-06T17:00:00+07:00", "paused_working_days": 0, "returned_at": None, "fee_vnd": 0,
            "dvc_code": 4, "attachments": [], "events": [event("e_2")]}


def changes_page() -> dict[str, Any]:
    """§5's example page: an upsert with its whole aggregate and a delete."""
    return {"changes": [{"kind": "report", "op": "upsert", "id": "r_1", "version": 7, "data": report()},
                        {"kind": "dossier", "op": "upsert", "id": "d_9", "version": 3, "data": dossier()},
                        {"kind": "dossier", "op": "delete", "id": "d_8", "version": 4}],
            "next": "c+1/a=b&c", "more": False}


def action_answer() -> dict[str, Any]:
    """§6's 200: the new state and the event the action made."""
    answer = report(version=8)
    answer["events"].append(event("e_9"))
    return {"aggregate": answer, "event": event("e_9")}


def problem(name: str, status: int, **extra: Any) -> dict[str, Any]:
    """§9: application/problem+json."""
    return {"type": f"https://triage.example/problems/{name}", "title": name.replace("-", " "), "status": status,
            "detail": "…", **extra}


PROBLEMS: list[tuple[int, dict[str, Any]]] = [
    (412, problem("version-conflict", 412, current=report(version=9))),
    (409, problem("invalid-transition", 409, current=report(version=9))),
    (422, problem("validation", 422, errors=[{"field": "body", "message": "quá dài"}])),
    (422, problem("idempotency-key-reused", 422)),
    (403, problem("forbidden", 403)),
    (404, problem("not-found", 404)),
]

REFERENCE: dict[str, Any] = {
    "members": [user()],
    "units": [{"id": "w_0101", "name": "Phường 1", "parent_id": "p_72", "kind": "ward"},
              {"id": "p_72", "name": "Tây Ninh", "parent_id": None, "kind": "province"}],
    "categories": [{"code": "CAY_XANH", "name": "Cây xanh", "sla_working_days": 3, "active": True}],
    "procedures": [{"code": "HT-KS", "name": "Đăng ký khai sinh", "processing_working_days": 1, "fee_vnd": 0,
                    "active": True}],
    "templates": [{"id": "t_1", "kind": "reply", "title": "Trả lời",
                   "body": "Kính gửi {citizen_name}, phản ánh {code} sẽ được xử lý trước {due_date}."}],
    "calendar": {"year": 2026, "days_off": ["2026-01-01", "2026-02-16"], "extra_working_days": ["2026-01-10"],
                 "office_hours": [["07:00", "11:30"], ["13:30", "17:00"]]},
}

# -- writing JSON the way a broken server might ------------------------------------------------------------


class Raw(bytes):
    """Bytes written into the JSON text as they are: deep nesting, 1e400, 5,000-digit numbers, NaN."""


@dataclass
class Pairs:
    """An object written with its keys in this order, duplicates included."""

    items: list[tuple[str, Any]] = field(default_factory=list)


def dump(value: Any, ascii_only: bool) -> bytes:
    """JSON bytes; a str holding lone surrogates comes out as `\\ud800` escapes or as invalid UTF-8 bytes."""
    if isinstance(value, Raw):
        return bytes(value)
    if isinstance(value, Pairs):
        return b"{" + b",".join(dump(k, ascii_only) + b":" + dump(v, ascii_only) for k, v in value.items) + b"}"
    if isinstance(value, dict):
        return dump(Pairs(list(value.items())), ascii_only)
    if isinstance(value, list):
        return b"[" + b",".join(dump(v, ascii_only) for v in value) + b"]"
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def nested(depth: int) -> Raw:
    return Raw(b'{"a":[' * (depth // 2) + (b"[]" if depth % 2 else b"0") + b"]}" * (depth // 2))


# -- values a hostile server puts anywhere ---------------------------------------------------------------------

SURROGATES = st.characters(codec=None, categories=["Cs"])
NASTY_TEXT = st.sampled_from([
    "\ud800", "\udc00", "Cây đổ \ud83d", "\ude00 ở đầu", "\\ud800", "", " ", "\x00", "\n", "9" * 4300,
    "1." + "9" * 4300, "NaN", "Infinity", "-0", "1e400", "null", "true", "2026-02-30T25:61:00+07:00",
    "2026-03-02T08:15:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "a b", "../r", "x" * 65,
    "r_1", "report", "dossier", "upsert", "delete", "🌳" * 1000, "[" * 5000, '\\"{' * 300,
])
NASTY_RAW = st.sampled_from([
    Raw(b"1e400"), Raw(b"-1e400"), Raw(b"-0"), Raw(b"0.1e-99999"), Raw(b"1" * 4300), Raw(b"1" * 4301),
    Raw(b"-" + b"9" * 5000), Raw(b"NaN"), Raw(b"Infinity"), Raw(b"9007199254740992"), Raw(b"1.0"),
    Raw(b'"\\ud800"'), Raw(b'"\\udfff\\ud800"'), Raw(b'"\\\\ud800"'), Raw(b'"\xed\xa0\x80"'), Raw(b'"\xff"'),
])
DEEP = st.sampled_from([62, 63, 64, 65, 66, 200, 1000, 9_990, 9_999, 10_000, 100_000]).map(nested)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(2**53 - 2, 2**64 + 2), st.integers(-(2**63) - 2, -1),
    st.floats(), st.text(max_size=20), st.text(SURROGATES, min_size=1, max_size=3), NASTY_TEXT, NASTY_RAW,
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=5) | NASTY_TEXT, inner, max_size=3), max_leaves=8) | DEEP


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside `value` (the root is ())."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def mutated(draw: st.DrawFn, value: Any) -> Any:
    """One hostile change at one place: drop, replace, add an unknown field, or duplicate a key."""
    value = copy.deepcopy(value)
    path = draw(st.sampled_from(_places(value)))
    op = draw(st.sampled_from(["replace", "replace", "drop", "unknown", "duplicate"]))
    if not path:
        return draw(VALUES) if op == "replace" else value
    parent, last = _get(value, path[:-1]), path[-1]
    if op == "replace":
        parent[last] = draw(VALUES)
    elif op == "drop":
        del parent[last]
    elif op == "unknown" and isinstance(parent, dict):
        parent[draw(st.text(max_size=8) | NASTY_TEXT)] = draw(VALUES)
    elif op == "duplicate" and isinstance(parent, dict):
        # The key twice, the hostile value first or last: a parser keeping either must still be safe.
        items = list(parent.items())
        position = draw(st.integers(0, len(items)))
        items.insert(position, (last, draw(VALUES)))
        container = _get(value, path[:-2]) if len(path) > 1 else None
        if container is None:
            return Pairs(items)
        container[path[-2]] = Pairs(items)
    return value


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str | None
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False
    note: str = ""

    def __repr__(self) -> str:  # Hypothesis prints the failing answer: keep it readable and short
        headers = {name: _short(value) for name, value in self.headers.items()}
        return (f"Answer(status={self.status}, content_type={self.content_type!r}, headers={headers!r}, "
                f"gzip={self.gzip}, damage={self.note!r}, len={len(self.body)}, body={_short(self.body)!r})")

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # Hypothesis pretty-prints dataclasses field by field
        printer.text(repr(self))


def _short(value: str | bytes) -> str | bytes:
    if len(value) <= 400:
        return value
    if isinstance(value, str):
        return f"{value[:200]}…({len(value)} characters)…{value[-200:]}"
    return value[:200] + f"...({len(value)} bytes)...".encode() + value[-200:]


INVALID_UTF8 = [b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe1\xbb", b"\xf4\x90\x80\x80", b"\x80"]
CONTENT_TYPES = [None, "text/html", "text/plain", "application/jsonx", "application/json; charset=iso-8859-1",
                 "APPLICATION/JSON", "application/problem+json", "application/json;", "", "json"]
# Header values go out as latin-1 (as http.server writes them), so each is one a real server can send.
RETRY_AFTER = ["", "-1", "0", "1e400", "9" * 4300, "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
               "Mon, 01 Jan 0001 00:00:00 GMT", "Mon, 01 Jan 0000 00:00:00 GMT", "Fri, 31 Dec 99999 23:59:59 GMT",
               "Wed, 21 Oct 2015 07:28:00 +9999", "NaN", "inf", "  7  ", "\xa0", "\xff",
               "\xb2", "\xb3", "\xb9"]  # latin-1 superscript digits: str.isdigit() says yes, float() says no
# Transport oddities; requests must turn each into a client error (Offline), not let its own exception out.
TRANSPORT = [{"Content-Encoding": "gzip"}, {"Content-Encoding": "deflate"}, {"Content-Encoding": "br"},
             {"Content-Encoding": "zstd"}, {"Content-Encoding": "x-unknown"}, {"Content-Length": "0"},
             {"Content-Length": "-1"}, {"Content-Length": "9" * 30}, {"Transfer-Encoding": "chunked"},
             {"Content-Type": "application/json"}]


@st.composite
def damaged(draw: st.DrawFn, body: bytes) -> tuple[bytes, str]:
    """The bytes as sent, or cut, spliced with invalid UTF-8, emptied or wrapped in junk."""
    how = draw(st.sampled_from(["as is"] * 6 + ["cut", "invalid utf-8", "empty", "bom", "trailing", "flip"]))
    if how == "cut":
        return body[:draw(st.integers(0, max(0, len(body) - 1)))], how
    if how == "invalid utf-8":
        at = draw(st.integers(0, len(body)))
        return body[:at] + draw(st.sampled_from(INVALID_UTF8)) + body[at:], how
    if how == "empty":
        return b"", how
    if how == "bom":
        return b"\xef\xbb\xbf" + body, how
    if how == "trailing":
        return body + draw(st.sampled_from([b" x", b"\x00", b"{}", b"]", b"\n\n", b","])), how
    if how == "flip" and body:
        at = draw(st.integers(0, len(body) - 1))
        return body[:at] + bytes([draw(st.integers(0, 255))]) + body[at + 1:], how
    return body, how


@st.composite
def answers(draw: st.DrawFn, example: Any, status: int = 200, content_type: str = "application/json",
            other_statuses: tuple[int, ...] = ()) -> Answer:
    """A valid answer now and then; mostly one to three mutations, then perhaps damaged bytes and headers."""
    value = example
    for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2, 3]))):
        value = draw(mutated(value))
    body, how = draw(damaged(dump(value, ascii_only=draw(st.booleans()))))
    if draw(st.integers(0, 9)) == 0:
        content_type = draw(st.sampled_from(CONTENT_TYPES))
    if other_statuses and draw(st.integers(0, 9)) == 0:
        status = draw(st.sampled_from(other_statuses))
    headers: dict[str, str] = {}
    busy = status in (408, 429) or status >= 500
    if draw(st.integers(0, 1 if busy else 14)) == 0:  # read on a busy answer: sent with every other one
        headers["Retry-After"] = draw(st.sampled_from(RETRY_AFTER))
    if draw(st.integers(0, 14)) == 0:
        headers["ETag"] = draw(st.sampled_from(['"e1"', "", "W/", '"' + "é" * 10 + '"', "x" * 5000]))
    if draw(st.integers(0, 19)) == 0:
        headers.update(draw(st.sampled_from(TRANSPORT)))
    squeeze = draw(st.integers(0, 19)) == 0
    return Answer(status, body, content_type, headers, gzip=squeeze, note=how)


ERROR_STATUSES = (200, 204, 304, 400, 401, 403, 404, 408, 409, 410, 412, 422, 423, 429, 500, 503, 302)
BUSY_STATUSES = (408, 429, 500, 502, 503, 504)


@st.composite
def busy_answers(draw: st.DrawFn, example: Any) -> Answer:
    """A busy server's answer (408, 429, 5xx) whose Retry-After is always there and seldom sane."""
    answer = draw(answers(example, status=draw(st.sampled_from(BUSY_STATUSES))))
    answer.headers["Retry-After"] = draw(st.sampled_from(RETRY_AFTER))
    return answer


# -- serving them ------------------------------------------------------------------------------------------------

Default = Callable[[dict[str, str]], Answer]  # the query's parameters → the good answer


def good(body: Any, status: int = 200, content_type: str = "application/json") -> Answer:
    return Answer(status, json.dumps(body, ensure_ascii=False).encode(), content_type)


class HostileServer:
    """HTTP/1.1 on 127.0.0.1, port chosen by the OS; base URL `url` (paths below /v1)."""

    def __init__(self) -> None:
        self._defaults: dict[tuple[str, str], Default] = {}
        self._queued: dict[tuple[str, str], list[Answer]] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no 40 ms delayed ACKs

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                server._send(self, server._next(self.command, parts.path.removeprefix("/v1"), query))

            do_GET = do_POST = _handle

        class Quiet(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that hung up on a hostile answer is expected, not news

        self._http = Quiet(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host}:{port}/v1"

    def default(self, method: str, path: str, answer: Answer | Default) -> None:
        self._defaults[(method, path)] = answer if callable(answer) else (lambda _query: answer)

    def queue(self, method: str, path: str, *answers: Answer) -> None:
        with self._lock:
            self._queued[(method, path)] = list(answers)

    def _next(self, method: str, path: str, query: dict[str, str]) -> Answer:
        with self._lock:
            queued = self._queued.get((method, path))
            if queued:
                return queued.pop(0)
        default = self._defaults.get((method, path))
        if default is None:
            return good(problem("not-found", 404), 404, "application/problem+json")
        return default(query)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, answer: Answer) -> None:
        body = gzip.compress(answer.body) if answer.gzip else answer.body
        lines = [f"HTTP/1.1 {answer.status} Hostile"]
        if answer.content_type is not None:
            lines.append(f"Content-Type: {answer.content_type}")
        if answer.gzip:
            lines.append("Content-Encoding: gzip")
        lines += [f"{name}: {value}" for name, value in answer.headers.items()]
        framed = any(name.lower() in ("content-length", "transfer-encoding") for name in answer.headers)
        if not framed:
            lines.append(f"Content-Length: {len(body)}")
        else:  # the answer's own framing may lie: closing the connection ends the body instead
            handler.close_connection = True
            lines.append("Connection: close")
        handler.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        handler.wfile.flush()

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.shutdown()
        self._http.server_close()
