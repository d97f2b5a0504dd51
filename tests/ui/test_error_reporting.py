"""Issue 8, item 8: a bug never vanishes. It is logged with its traceback and the officer sees "Đã xảy ra lỗi"
with details to copy, the log folder and the version; the command line exits 4 with one line."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton

from triage_desktop import __version__, cli
from triage_desktop.ui.error_dialog import ErrorReporter, install_error_reporting

pytestmark = pytest.mark.logs_errors


@pytest.fixture
def reporter(qapp: QApplication, tmp_path: Path) -> Iterator[ErrorReporter]:
    hooks = sys.excepthook, threading.excepthook
    installed = install_error_reporting(qapp, tmp_path / "logs")
    yield installed
    sys.excepthook, threading.excepthook = hooks
    qInstallMessageHandler(None)
    if installed.dialog is not None:
        installed.dialog.close()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown(qtbot, reporter: ErrorReporter,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    button = QPushButton("Phân công…")
    qtbot.addWidget(button)

    def assign() -> None:
        raise RuntimeError("database is locked")

    button.clicked.connect(assign)
    with caplog.at_level(logging.ERROR):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Đã xảy ra lỗi"
    assert "RuntimeError: database is locked" in dialog.details.toPlainText()
    assert "in assign" in dialog.details.toPlainText()  # the traceback, not only the message
    assert any("database is locked" in r.getMessage() and "Traceback" in r.getMessage() for r in caplog.records)
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert __version__ in copied and "database is locked" in copied


def test_an_exception_on_a_worker_thread_reaches_the_gui_thread(qtbot, reporter: ErrorReporter) -> None:
    worker = threading.Thread(target=lambda: 1 / 0, name="triage-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "ZeroDivisionError" in reporter.dialog.details.toPlainText()


def test_qt_warnings_go_to_the_log(qtbot, reporter: ErrorReporter, caplog: pytest.LogCaptureFixture) -> None:
    from PySide6.QtCore import qWarning

    with caplog.at_level(logging.WARNING, logger="qt"):
        qWarning("QFont::setPointSize: Point size <= 0 (0), must be greater than 0")
    assert [r.getMessage() for r in caplog.records if r.name == "qt"] == [
        "QFont::setPointSize: Point size <= 0 (0), must be greater than 0"]


def test_a_bug_in_a_command_exits_4_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def broken(args: object, profile: Path) -> int:
        raise KeyError("a bug, not the officer's fault")

    monkeypatch.setattr(cli, "cmd_outbox", broken)  # a bug cannot be provoked on purpose without planting one
    code = cli.main(["outbox", "--profile", str(tmp_path / "profile")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_BUG == 4
    assert len(err.strip().splitlines()) == 1 and str(tmp_path / "profile" / "logs") in err
    log_text = (tmp_path / "profile" / "logs" / "triage-desktop.log").read_text(encoding="utf-8")
    assert "Traceback" in log_text and "a bug, not the officer's fault" in log_text


@pytest.mark.qt_no_exception_capture
def test_the_details_to_copy_are_masked_as_the_log_is(qtbot, reporter: ErrorReporter) -> None:
    """Issue 10: "Sao chép chi tiết" goes into a chat with IT; a bug quoting a citizen must not carry her data."""
    from triage_desktop.security import redact

    redact.remember_names(["Lê Đình Tâm"])
    button = QPushButton("Lưu")
    qtbot.addWidget(button)

    def save() -> None:
        raise KeyError("Lê Đình Tâm 0905123456 tam.le@gmail.com 072190001234")

    button.clicked.connect(save)
    try:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    finally:
        redact.forget_names()
    assert reporter.dialog is not None
    reporter.dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "KeyError" in copied and "in save" in copied
    for leaked in ("Tâm", "0905123456", "tam.le@gmail.com", "072190001234"):
        assert leaked not in copied
