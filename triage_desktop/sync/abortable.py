"""Cut a request that is blocked on the network from another thread.

A long poll waits up to 30 s for the server's answer, and neither requests nor urllib3 can interrupt a
blocking read. Closing the window, or the officer's "sync now", must not wait that out. So the pools below
note which connection the current thread is using, and `abortable(cancel)` shuts that socket down when the
token is cancelled: the blocked read returns at once with an error, which the caller turns into Cancelled.

A connection is noted only inside `abortable()` and forgotten when it goes back to the pool, so a late
cancel never touches a connection that another thread has taken since.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from triage_desktop.core.ports import CancelToken

_current = threading.local()  # .scope: the _Scope of the request this thread is making, if abortable


class _Scope:
    """The connection one abortable request is using, and whether it has been cancelled or ran out of time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: Any = None
        self.aborted = False
        self.expired = False

    def expire(self) -> None:
        self.expired = True
        self.abort()

    def attach(self, connection: Any) -> None:
        with self._lock:
            self._connection = connection
            connection._triage_scope = self
            if self.aborted:
                _shut(connection)

    def detach(self, connection: Any) -> None:
        with self._lock:
            if self._connection is connection:
                self._connection = None

    def abort(self) -> None:
        with self._lock:
            self.aborted = True
            if self._connection is not None:
                _shut(self._connection)


def _shut(connection: Any) -> None:
    sock = getattr(connection, "sock", None)
    if sock is not None:  # not connected yet: connect() checks `aborted` when it is
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def abortable(cancel: CancelToken | None, deadline: float | None = None) -> Iterator[_Scope]:
    """While inside, cancelling `cancel` breaks this thread's request off (see the module docstring), and so
    does the passing of `deadline` seconds (then `scope.expired`): a read timeout bounds each wait for a byte,
    not a server that drips one byte every few seconds for minutes."""
    scope = _Scope()
    _current.scope = scope
    remove = cancel.on_cancel(scope.abort) if cancel is not None else None
    timer = threading.Timer(deadline, scope.expire) if deadline is not None else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        yield scope
    finally:
        if timer is not None:
            timer.cancel()
        if remove is not None:
            remove()
        _current.scope = None


def _this_threads_scope() -> _Scope | None:
    return getattr(_current, "scope", None)


class _AbortableConnectionMixin:
    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        scope = _this_threads_scope()
        if scope is not None:
            scope.attach(self)  # shuts it at once when the cancel came while connecting


class _AbortablePoolMixin:
    def _make_request(self, conn: Any, *args: Any, **kwargs: Any) -> Any:
        scope = _this_threads_scope()
        if scope is not None and conn.sock is not None:  # a kept-alive connection: connect() is not called
            scope.attach(conn)
        return super()._make_request(conn, *args, **kwargs)  # type: ignore[misc]

    def _put_conn(self, conn: Any) -> None:
        scope = conn.__dict__.pop("_triage_scope", None) if conn is not None else None
        if scope is not None:
            scope.detach(conn)
        super()._put_conn(conn)  # type: ignore[misc]


class AbortableHTTPConnection(_AbortableConnectionMixin, HTTPConnection):
    pass


class AbortableHTTPSConnection(_AbortableConnectionMixin, HTTPSConnection):
    pass


class AbortableHTTPPool(_AbortablePoolMixin, HTTPConnectionPool):
    ConnectionCls = AbortableHTTPConnection


class AbortableHTTPSPool(_AbortablePoolMixin, HTTPSConnectionPool):
    ConnectionCls = AbortableHTTPSConnection


POOL_CLASSES = {"http": AbortableHTTPPool, "https": AbortableHTTPSPool}
