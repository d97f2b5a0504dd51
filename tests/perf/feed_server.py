"""A tiny stdlib Central API for the sync benchmarks: pre-encoded /changes pages, so the server costs ~nothing.

Only what a sync needs: /meta, /auth/login, reference data with ETags (304 when unchanged), /calendar (404),
and /changes whose cursors are "p-<page number>"; an unknown cursor reads from `start_page`. `append` adds a
page to the end of the feed (new reports arriving).

`python -m tests.perf.feed_server N` serves N generated reports from its own process (so the server never
takes the GIL from the client being measured) and prints its URL; POST /bench/append?first=F&count=C
appends reports F… as one page, GET /bench/served answers how many changes were sent so far.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
from collections.abc import Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.perf import cache, gen

META = {"api_version": "1.3", "server_time": "2026-03-09T08:00:00+07:00", "min_client_version": "0.1.0",
        "province": {"code": "72", "name": "Tây Ninh"},
        "limits": {"max_page": 1000, "max_upload_bytes": 20971520, "idempotency_retention_days": 30}}
JSON = "application/json; charset=utf-8"


def _encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


class FeedServer:
    def __init__(self, pages: Iterable[list[Mapping[str, Any]]] = ()) -> None:
        self._pages: list[list[Mapping[str, Any]]] = []
        self._encoded: list[bytes] = []
        self.start_page = 0  # where an unknown cursor starts
        self.changes_served = 0
        self.requests: list[str] = []
        self._lock = threading.Condition()
        for changes in pages:
            self.append(changes)
        self._reference = {name: _encode(value) for name, value in (
            ("/me", cache.user_json()), ("/members", cache.members()), ("/units", [
                {"id": "w_0101", "name": "Phường 1", "parent_id": "p_72", "kind": "ward"}]),
            ("/categories", cache.categories()), ("/procedures", []), ("/templates", []))}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server._serve(self)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                server._serve(self)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def append(self, changes: list[Mapping[str, Any]]) -> None:
        """A new last page; the previous last page now says more=true and points at it."""
        with self._lock:
            self._pages.append(list(changes))
            number = len(self._pages) - 1
            self._encoded.append(self._page_bytes(number))
            if number:
                self._encoded[number - 1] = self._page_bytes(number - 1)
            self._lock.notify_all()

    def _page_bytes(self, number: int) -> bytes:
        more = number + 1 < len(self._pages)
        return _encode({"changes": self._pages[number], "next": f"p-{number + 1}", "more": more})

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        path = parts.path
        self.requests.append(path)
        if path == "/meta":
            self._send(handler, 200, _encode(META))
        elif path == "/auth/login" or path == "/auth/refresh":
            self._send(handler, 200, _encode({"access_token": "a", "refresh_token": "r", "expires_in": 3600,
                                              "user": cache.user_json()}))
        elif path in self._reference:
            if handler.headers.get("If-None-Match") == '"1"':
                self._send(handler, 304, b"", etag='"1"')
            else:
                self._send(handler, 200, self._reference[path], etag='"1"')
        elif path == "/bench/append":
            query = parse_qs(parts.query)
            first, count = int(query["first"][0]), int(query["count"][0])
            self.append([gen.change(i) for i in range(first, first + count)])
            self._send(handler, 200, b"{}")
        elif path == "/bench/served":
            self._send(handler, 200, _encode({"served": self.changes_served}))
        elif path == "/changes":
            query = parse_qs(parts.query)
            wait = min(int(query.get("wait", ["0"])[0]), 30)
            self._send(handler, 200, self._changes(query.get("since", [None])[0], wait))
        else:
            body = _encode({"type": "https://triage.example/problems/not-found", "title": "not found",
                            "status": 404})
            self._send(handler, 404, body, content_type="application/problem+json")

    def _changes(self, since: str | None, wait: int = 0) -> bytes:
        with self._lock:
            if since is None:
                number = 0
            elif since.startswith("p-") and since[2:].isdigit():
                number = int(since[2:])
            else:
                number = self.start_page
            if number >= len(self._pages) and wait:  # a long poll: hold it until a page comes or time is up
                self._lock.wait_for(lambda: number < len(self._pages), timeout=wait)
            if number >= len(self._pages):
                return _encode({"changes": [], "next": f"p-{len(self._pages)}", "more": False})
            self.changes_served += len(self._pages[number])
            return self._encoded[number]

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, *, etag: str | None = None,
              content_type: str = JSON) -> None:
        try:
            handler.send_response(status)
            if status != 304:
                handler.send_header("Content-Type", content_type)
            if etag:
                handler.send_header("ETag", etag)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if body:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # a client that quit during its long poll
            handler.close_connection = True

def main() -> None:
    size = int(sys.argv[1])
    pages = [[gen.change(i) for i in range(start, min(start + 500, size))] for start in range(0, size, 500)]
    with FeedServer(pages) as server:
        print(server.url, flush=True)
        sys.stdin.read()  # until the parent closes our stdin


if __name__ == "__main__":
    main()
