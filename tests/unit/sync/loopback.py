"""A scripted HTTP server on 127.0.0.1 for ApiClient tests: real sockets, answers chosen per test.

`server.on("GET", "/meta", Reply(...), Reply(...))` queues answers for a route (the last one repeats);
a route may also be a function of the request. `Reply.raw` writes bytes by hand (cut bodies, stalls).
Every request is recorded in `server.seen`.
"""

from __future__ import annotations

import gzip
import json
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit


@dataclass
class Seen:
    method: str
    path: str
    query: str  # as sent, still percent-encoded
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    def param(self, name: str) -> str | None:
        for pair in self.query.split("&"):
            key, _, value = pair.partition("=")
            if unquote(key) == name:
                return unquote(value)
        return None


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # bytes as is; anything else JSON-encoded
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "application/json"
    gzip: bool = False
    raw: Callable[[BaseHTTPRequestHandler], None] | None = None


Route = Reply | Callable[[Seen], Reply]


class Loopback:
    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.seen: list[Seen] = []
        self._routes: dict[tuple[str, str], list[Route]] = {}
        self.release = threading.Event()  # stalled handlers wait on it; set at shutdown
        loop = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in two writes: without this, delayed ACKs add 40 ms per answer.
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                seen = Seen(self.command, parts.path, parts.query, dict(self.headers.items()), body)
                loop.seen.append(seen)
                reply = loop._next(self.command, parts.path, seen)
                if reply.raw is not None:
                    self.close_connection = True
                    reply.raw(self)
                    return
                payload = reply.body
                if payload is None:
                    data = b""
                elif isinstance(payload, bytes):
                    data = payload
                else:
                    data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(reply.status)
                if reply.content_type and data:
                    self.send_header("Content-Type", reply.content_type)
                if reply.gzip:
                    data = gzip.compress(data)
                    self.send_header("Content-Encoding", "gzip")
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._scheme = "http"
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
            self._scheme = "https"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{self._scheme}://{host}:{port}/v1"

    def on(self, method: str, path: str, *routes: Route) -> None:
        self._routes[(method, "/v1" + path)] = list(routes)

    def _next(self, method: str, path: str, seen: Seen) -> Reply:
        queue = self._routes.get((method, path))
        if not queue:
            return Reply(404, {"type": "https://triage.example/problems/not-found", "status": 404},
                         content_type="application/problem+json")
        route = queue.pop(0) if len(queue) > 1 else queue[0]
        return route(seen) if callable(route) else route

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == "/v1" + path]

    def __enter__(self) -> Loopback:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()


def cut_body(status: int = 200, declared: int = 200, sent: bytes = b'{"changes": [') -> Reply:
    """Headers promise `declared` bytes; fewer arrive, then the connection closes."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(declared))
        handler.end_headers()
        handler.wfile.write(sent)
        handler.wfile.flush()

    return Reply(raw=write)


def stall(loop: Loopback) -> Reply:
    """Accept the request and answer nothing until the test ends (a read timeout on the client)."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        loop.release.wait(30)

    return Reply(raw=write)


def hang_up() -> Reply:
    """Close the connection without a status line (the server died mid-request)."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True

    return Reply(raw=write)
