"""TaskRunner: work runs on a worker thread, callbacks run on the GUI thread, shutdown waits for writes."""

from __future__ import annotations

import threading

import pytest

from triage_desktop.core.errors import InvalidAction
from triage_desktop.ui.tasks import TaskRunner


def test_result_is_delivered_on_the_gui_thread(qtbot, runner: TaskRunner) -> None:
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback"] = threading.current_thread()

    runner.run(work, done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["callback"] is threading.main_thread()


@pytest.mark.logs_errors  # a task without an error handler is a bug: it is logged at ERROR on purpose here
def test_errors_go_to_on_error_or_the_failed_signal(qtbot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def fail() -> None:
        raise InvalidAction("missing:body")

    runner.run(fail, lambda _r: pytest.fail("on_done must not run"), errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], InvalidAction)

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.run(fail)
    assert isinstance(blocker.args[0], InvalidAction)


def test_writes_run_in_order_and_busy_is_reported(qtbot, runner: TaskRunner) -> None:
    order: list[int] = []
    busy: list[bool] = []
    runner.busyChanged.connect(busy.append)
    for n in range(5):
        runner.run(lambda n=n: order.append(n))
    qtbot.waitUntil(lambda: busy[-1:] == [False])
    assert order == [0, 1, 2, 3, 4]
    assert busy[0] is True and not runner.busy


def test_shutdown_finishes_queued_writes_and_drops_their_callbacks(qapp) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    written: list[str] = []
    called: list[str] = []
    runner.run(lambda: gate.wait(5), called.append)
    runner.run(lambda: written.append("officer's note"), called.append)
    gate.set()
    runner.shutdown()
    assert written == ["officer's note"]  # a queued local write is never lost on close
    assert called == []  # widgets may be gone: no callback after shutdown
    assert runner.run(lambda: None) is None


def test_a_long_export_never_holds_up_the_officers_writes(qtbot, runner: TaskRunner) -> None:
    exporting = threading.Event()
    release = threading.Event()

    def export() -> str:
        exporting.set()
        release.wait(10)
        return "exported"

    results: list[str] = []
    runner.run(export, results.append, lane="export")
    assert exporting.wait(5)
    runner.run(lambda: "queued", results.append)  # a reply queued while the export runs
    qtbot.waitUntil(lambda: results == ["queued"])
    release.set()
    qtbot.waitUntil(lambda: results == ["queued", "exported"])
