"""Cut a request that is blocked on the network from another thread.

A long poll waits up to 30 s for the server's answer, and neither requests nor urllib3 can interrupt a
blocking read. Closing the window, or the officer's "sync now", must not wait that out. So the pools below
note which connection the current thread is using, and `abortable(cancel)` shuts that socket down when the
token is cancelled: the blocked read returns at once with an error, which the caller turns into Cancelled.

A connection is noted only inside `abortable()` and forgotten when it goes back to the pool, so a late
cancel never touches a connection that another thread has taken since.
"""

from __future__ import annotations

import heapq
import itertools
import socket
import threading
import time
from collections.abc import Callable, Iterator
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
    unwatch = _WATCHDOG.watch(scope, deadline) if deadline is not None else None
    try:
        yield scope
    finally:
        if unwatch is not None:
            unwatch()
        if remove is not None:
            remove()
        _current.scope = None


class _Watchdog:
    """One daemon thread that expires the scopes whose deadline has passed.

    A timer thread per request meant a thread start per request (hundreds a minute in a sync), which is both
    waste and, under load, a way to meet rare crashes in thread start-up; one thread and a heap do the job.
    """

    def __init__(self) -> None:
        self._wake = threading.Condition()
        self._heap: list[tuple[float, int, _Entry]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, scope: _Scope, seconds: float) -> Callable[[], None]:
        """Expire `scope` in `seconds` unless the returned function is called first."""
        entry = _Entry(scope)
        with self._wake:
            heapq.heappush(self._heap, (time.monotonic() + seconds, next(self._order), entry))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="triage-deadlines", daemon=True)
                self._thread.start()
            self._wake.notify()
        return entry.forget

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._heap:
                    self._wake.wait()
                when, _, entry = self._heap[0]
                left = when - time.monotonic()
                if left > 0:
                    self._wake.wait(left)
                    continue
                heapq.heappop(self._heap)
            entry.fire()


class _Entry:
    def __init__(self, scope: _Scope) -> None:
        self._scope: _Scope | None = scope

    def forget(self) -> None:
        self._scope = None

    def fire(self) -> None:
        scope = self._scope
        if scope is not None:
            scope.expire()


_WATCHDOG = _Watchdog()


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
