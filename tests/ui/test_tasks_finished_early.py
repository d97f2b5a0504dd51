"""A task that is done before `run()` returns still calls back later, from the event loop, never inside `run()`.

Found by the parallel suite: on a busy machine a refused connection finished before `run()` attached its
callback, so the callback ran at once on the GUI thread and the login dialog was never seen busy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from triage_desktop.ui.tasks import TaskRunner


class DoneAtOnce(Executor):
    """Runs each task inside submit(): the future is done before the caller can attach a callback."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future


@pytest.fixture
def early_runner(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner(write_executor=DoneAtOnce(), network_executor=DoneAtOnce())
    yield runner
    runner.shutdown()


def test_a_finished_result_waits_for_the_event_loop(qtbot, early_runner: TaskRunner) -> None:
    seen: list[int] = []
    early_runner.run(lambda: 42, seen.append)
    assert seen == [] and early_runner.busy  # the caller sees its own state change before any callback
    qtbot.waitUntil(lambda: seen == [42])
    assert not early_runner.busy


def test_a_finished_error_waits_for_the_event_loop(qtbot, early_runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def fail() -> None:
        raise ConnectionRefusedError

    early_runner.run(fail, None, errors.append, lane="network")
    assert errors == []
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], ConnectionRefusedError)
