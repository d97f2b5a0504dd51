"""When a bug shows itself: "Đã xảy ra lỗi", with copyable details, the log folder and the version.

`install_error_reporting(log_dir)` wires triage_desktop.crash (uncaught exceptions of every thread) and Qt's
message handler (Qt's own warnings, into the log) to the window. A bug on a worker thread is marshalled to the
GUI thread by a queued signal; several in a burst share one dialog rather than a stack of them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QObject, Qt, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from triage_desktop import __version__, crash

qt_log = logging.getLogger("qt")
_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


class ErrorDialog(QDialog):
    """Says that something went wrong and that the officer's work is safe; the details are for IT."""

    def __init__(self, details: str, log_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Đã xảy ra lỗi"))
        intro = QLabel(self.tr("Chương trình gặp một lỗi không mong đợi. Các thao tác đã lưu trên máy vẫn được giữ. "
                               "Nếu lỗi lặp lại, hãy sao chép chi tiết dưới đây và gửi bộ phận CNTT."), self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        where = QLabel(self.tr("Phiên bản {version}. Nhật ký: {folder}").format(
            version=__version__, folder=str(log_dir) if log_dir else self.tr("(không có)")), self)
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlainText(details)
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Sao chép chi tiết"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Đóng"))
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("0") * 80, self.fontMetrics().height() * 24)

    def add(self, details: str) -> None:
        self.details.appendPlainText("\n" + details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(f"triage-desktop {__version__}\n{self.details.toPlainText()}")


class ErrorReporter(QObject):
    """Receives bug reports from any thread and shows them on the GUI thread."""

    reported = Signal(str)

    def __init__(self, log_dir: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_dir = log_dir
        self.dialog: ErrorDialog | None = None
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add(details)
            return
        # No parent: the window that was active may be closed and deleted while the dialog is still open.
        self.dialog = ErrorDialog(details, self.log_dir)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.show()

    def _forget(self) -> None:
        self.dialog = None


def log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to our log (they vanished into a console a Windows GUI program does not have)."""
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def install_error_reporting(app: QApplication, log_dir: Path | None) -> ErrorReporter:
    """Bugs of any thread → log + dialog; Qt's warnings → log. Lasts as long as the application."""
    reporter = ErrorReporter(log_dir, app)
    crash.install(reporter.reported.emit)
    qInstallMessageHandler(log_qt_message)
    return reporter
