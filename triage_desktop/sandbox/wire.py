"""HTTP/1.1 framing for the sandbox on the standard library's threading server: keep-alive, Content-Length on
every answer with a body, gzip when asked, and a registry of open connections so that `stop()` can drop
them like a pulled network cable.

Every request passes through `Handler._serve` and every answer through `Handler._send`: the one place where
a fault hook (sandbox.faults) cuts bodies short, resets connections or loses answers after the commit.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import socket
import struct
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from triage_desktop.sandbox.api import Api, Request, Response, problem_response
from triage_desktop.sandbox.backend import MAX_UPLOAD_BYTES
from triage_desktop.sandbox.rules import Problem

log = logging.getLogger(__name__)

MAX_JSON_BYTES = 2 * 1024 * 1024
_DRAIN_CAP = 256 * 1024 * 1024  # read and discard oversized bodies up to this, so the client sees the 413
_GZIP_MIN = 512


@dataclass(frozen=True)
class Cut:
    """An answer a fault hook wants damaged on the wire.

    `lost`: nothing leaves, the line drops. `short`: the headers (with the full Content-Length) and `keep`
    of the body leave, then the connection closes. `reset`: the same, then a TCP reset instead of a close.
    An answer without a body is lost whole.
    """

    response: Response
    mode: Literal["lost", "short", "reset"]
    keep: float = 0.5


class FaultHook(Protocol):
    """Fault injection (sandbox.faults). Either method may return a replacement response, or None;
    `on_response` may also return a Cut."""

    def on_request(self, handler: Handler, request: Request) -> Response | None: ...
    def on_response(self, handler: Handler, request: Request, response: Response) -> Response | Cut | None: ...


def accepts_gzip(header: str | None) -> bool:
    for part in (header or "").split(","):
        name, _, params = part.partition(";")
        if name.strip().lower() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=").strip() if params.strip().startswith("q=") else "1"
            try:
                return float(q) > 0
            except ValueError:
                return False
    return False


class WireServer(ThreadingHTTPServer):
    daemon_threads = True  # Ctrl-C on `triage-desktop sandbox` must not wait for idle keep-alive sockets
    block_on_close = True  # but stop() joins them after dropping their sockets

    def __init__(self, address: tuple[str, int], api: Api, base_path: str,
                 faults: Callable[[], FaultHook | None]) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.api, self.base_path, self.faults = api, base_path.rstrip("/"), faults
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._closing = False
        super().__init__(address, Handler)

    def track(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections.add(connection)
            closing = self._closing
        if closing:  # accepted just before stop(): drop it too
            _cut(connection)

    def untrack(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections.discard(connection)

    def drop_connections(self) -> None:
        """Shut every open connection down (the handler threads then see EOF and end)."""
        with self._lock:
            self._closing = True
            connections = list(self._connections)
        for connection in connections:
            _cut(connection)

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, OSError):  # the client went away, or stop() cut the line: nothing to report
            log.debug("sandbox connection %s ended: %r", client_address, error)
            return
        log.exception("sandbox: error while serving %s", client_address)


def _cut(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the other side
        connection.shutdown(socket.SHUT_RDWR)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    server_version = "TriageSandbox/1.0"
    timeout = 300  # an idle keep-alive connection is closed after this
    server: WireServer

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in two writes; without NODELAY, delayed ACKs add ~40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.untrack(self.connection)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("sandbox %s - " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_GET

    # -- the one way in ------------------------------------------------------------------------------
    def _serve(self) -> None:
        split = urlsplit(self.path)
        body = self._read_body(split.path)
        if body is None:
            return
        base = self.server.base_path
        if split.path != base and not split.path.startswith(base + "/"):
            request = Request(self.command, split.path, {}, self.headers, body)
            self._send(request, problem_response(Problem(404, "not-found", f"API nằm dưới {base}")))
            return
        request = Request(self.command, unquote(split.path[len(base):]) or "/",
                          parse_qs(split.query, keep_blank_values=True), self.headers, body)
        hook = self.server.faults()
        response = hook.on_request(self, request) if hook is not None else None
        if response is None:
            response = self.server.api.handle(request)
        answer = hook.on_response(self, request, response) if hook is not None else None
        if isinstance(answer, Cut):
            self._send(request, answer.response, answer)
        else:
            self._send(request, answer or response)

    def _read_body(self, path: str) -> bytes | None:
        """The request body, or None when an error answer was already sent."""
        limit = MAX_UPLOAD_BYTES if path.endswith("/uploads") else MAX_JSON_BYTES
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked(limit)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            self._send(None, problem_response(Problem(400, "bad-request", "Content-Length không hợp lệ")))
            return None
        if length > limit:
            if length > _DRAIN_CAP:
                self.close_connection = True
            else:
                self._drain(length)
            self._send(None, problem_response(Problem(413, "payload-too-large", f"tối đa {limit} byte")))
            return None
        return self.rfile.read(length) if length else b""

    def _drain(self, length: int) -> None:
        while length > 0:
            chunk = self.rfile.read(min(length, 65536))
            if not chunk:
                break
            length -= len(chunk)

    def _read_chunked(self, limit: int) -> bytes | None:
        parts, total = [], 0
        while True:
            size_line = self.rfile.readline(1024)
            try:
                size = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                self.close_connection = True
                self._send(None, problem_response(Problem(400, "bad-request", "chunked body hỏng")))
                return None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                break
            total += size
            if total > limit:
                self.close_connection = True
                self._send(None, problem_response(Problem(413, "payload-too-large", f"tối đa {limit} byte")))
                return None
            parts.append(self.rfile.read(size))
            self.rfile.readline(8)  # CRLF after each chunk
        return b"".join(parts)

    # -- the one way out -----------------------------------------------------------------------------
    def _send(self, request: Request | None, response: Response, cut: Cut | None = None) -> None:
        body = response.body
        headers = dict(response.headers)
        bodyless = response.status in (204, 304) or response.status < 200
        if response.content_type and not bodyless:
            headers["Content-Type"] = response.content_type
        if response.compressible:
            headers["Vary"] = "Accept-Encoding"
            if not bodyless and len(body) >= _GZIP_MIN and accepts_gzip(self.headers.get("Accept-Encoding")):
                body = gzip.compress(body, compresslevel=5)
                headers["Content-Encoding"] = "gzip"
        if cut is not None and (cut.mode == "lost" or bodyless or not body or self.command == "HEAD"):
            self._hang_up(reset=cut.mode == "reset")
            return
        self.send_response(response.status)
        for name, value in headers.items():
            self.send_header(name, value)
        if not bodyless:
            self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if cut is not None:  # Content-Length promised the whole body; at least one byte never comes
            self.wfile.write(body[:max(0, min(len(body) - 1, int(len(body) * cut.keep)))])
            self.wfile.flush()
            self._hang_up(reset=cut.mode == "reset")
            return
        if not bodyless and self.command != "HEAD":
            self.wfile.write(body)
        self.wfile.flush()

    def _hang_up(self, reset: bool) -> None:
        """End this connection now: a close (FIN), or with `reset` a TCP reset (RST)."""
        self.close_connection = True
        if not reset:
            _cut(self.connection)
            return
        # A zero linger time makes close() send RST instead of FIN: "connection reset by peer". No shutdown
        # first (that would send FIN); the socket really closes when finish() closes its reader.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
