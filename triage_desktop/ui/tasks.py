"""TaskRunner: run blocking work off the GUI thread and hand the result back on it (Anki's TaskManager pattern).

Two single-worker lanes: `write` for the officer's local writes (queue_action, retry, discard, mark_read, saving
a file — in order, one at a time) and `network` for calls that may block on the server (unlock,
attachments), so a slow server never delays a local write. The app gives the `network` lane the
SyncController's thread (`network_executor`, see launcher.make_lanes), so every request of the window goes out
on one thread; without one, the runner makes its own. See docs/threading.md.
Worker code never touches widgets: a finished future queues a closure and emits a no-argument signal of a
GUI-thread QObject; the slot (a bound method, never a lambda) runs the closures on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class TaskRunner(QObject):
    """`run(fn, on_done, on_error)`: fn runs on a worker; exactly one of the callbacks runs on the GUI thread.

    Without `on_error`, errors go to the `failed` signal (the window shows them). `busyChanged(bool)` tells the
    window when work is in flight. Create it on the GUI thread; call `shutdown()` before the app quits.
    """

    failed = Signal(object)  # BaseException from a task that had no on_error
    busyChanged = Signal(bool)
    _pending = Signal()  # emitted from worker threads; queued to the GUI thread

    def __init__(self, parent: QObject | None = None, *, write_executor: Executor | None = None,
                 network_executor: Executor | None = None, fetch_executor: Executor | None = None) -> None:
        super().__init__(parent)
        network = network_executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="triage-net")
        self._lanes: dict[str, Executor] = {
            "write": write_executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="triage-write"),
            "network": network,
            # Network reads that need not wait for a whole sync step (attachments): the same thread, as a rule.
            "fetch": fetch_executor or network,
            # Long reads into a file (the list export): never in front of the officer's own writes.
            "export": ThreadPoolExecutor(max_workers=1, thread_name_prefix="triage-export"),
        }
        self._lock = threading.Lock()  # guards `_done`: workers append, the GUI thread drains
        self._done: list[Future[Any]] = []
        self._callbacks: dict[Future[Any], tuple[DoneCallback | None, ErrorCallback | None]] = {}  # GUI thread
        self._in_flight = 0  # GUI thread only: run() and _finish() both run there
        self._closed = False
        # Queued even when emitted on the GUI thread (a task done before run() attached its callback):
        # an automatic connection would call back inside run(), before the caller has finished.
        self._pending.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    def run(self, fn: Callable[[], Any], on_done: DoneCallback | None = None,
            on_error: ErrorCallback | None = None, *, lane: str = "write") -> Future[Any] | None:
        """Submit `fn`; None when the runner is already shut down (the app is closing)."""
        if self._closed:
            log.warning("task submitted after shutdown; ignored")
            return None
        self._in_flight += 1
        if self._in_flight == 1:
            self.busyChanged.emit(True)
        future = self._lanes[lane].submit(fn)
        # The callbacks stay here, on the GUI thread: a future lives on in the worker, and a widget's bound
        # method released there would delete the widget off the GUI thread (a segfault in a later event).
        self._callbacks[future] = (on_done, on_error)
        # Runs on the worker (or here, when fn already finished): only queue the future, never call back.
        future.add_done_callback(self._queue)
        return future

    def _queue(self, future: Future[Any]) -> None:
        with self._lock:
            self._done.append(future)
        self._pending.emit()

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            done, self._done = self._done, []
        for future in done:
            self._finish(future, *self._callbacks.pop(future))

    def _finish(self, future: Future[Any], on_done: DoneCallback | None, on_error: ErrorCallback | None) -> None:
        self._in_flight -= 1
        if self._in_flight == 0:
            self.busyChanged.emit(False)
        if self._closed or future.cancelled():
            return  # the widgets these callbacks touch may be gone
        error = future.exception()
        if error is None:
            if on_done is not None:
                on_done(future.result())
        elif on_error is not None:
            on_error(error)
        else:
            log.error("background task failed", exc_info=error)
            self.failed.emit(error)

    def shutdown(self) -> None:
        """Wait for running work to finish (a leaked worker thread aborts the interpreter at exit).

        A `network_executor` given to the runner is shut down too: for the SyncController's lane, that stops sync.
        """
        if self._closed:
            return
        self._closed = True
        # Queued local writes still run (they are the officer's work); queued network calls are dropped.
        self._lanes["network"].shutdown(wait=False, cancel_futures=True)
        self._lanes["write"].shutdown(wait=True)
        self._lanes["export"].shutdown(wait=True)  # a running export was cancelled by its owner first
        self._lanes["network"].shutdown(wait=True)
        self._drain()  # results arriving after close are dropped, but the queue is emptied
        self._callbacks.clear()  # released here, on the GUI thread
