"""GateWindow: the empty, locked window shown before an official has signed in in this run, and after logout.

A title bar and a centred SignInForm: no list, no counts, no names. It reads nothing from the cache: it is
built before the cache is even opened (the SessionGate opens it once the password is right).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from triage_desktop.ui.sign_in_form import SignInForm


class GateWindow(QMainWindow):
    def __init__(self, server_url: str = "", *, lock_server_url: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gateWindow")
        self.setWindowTitle(self.tr("Tiếp nhận phản ánh, hồ sơ"))
        self.form = SignInForm(server_url, "", self, lock_server=lock_server_url)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addStretch(1)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.setCentralWidget(central)
        self.resize(1280, 800)

    def set_zoom(self, factor: float) -> None:
        """The text size the officer chose in the main window ("ui/zoom"), for this window only: the application
        font stays the main window's to scale."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        font = QFont(app.font())
        font.setPointSizeF(app.font().pointSizeF() * max(0.8, min(2.0, factor)))
        self.setFont(font)

    def reset(self, username: str = "", message: str = "") -> None:
        """Ready for the next official: no password, no old error (unless `message` says why we are here)."""
        self.form.set_busy(False)
        self.form.password.clear()
        if username:
            self.form.username.setText(username)
        if message:
            self.form.show_message(message)
        else:
            self.form.clear_message()
        self.form.focus_first_empty()

    def set_waiting(self, text: str) -> None:
        """Opening or signing out: the form is disabled and says what is happening."""
        self.form.set_busy(True)
        self.form.show_message(text)
        self.form.status.setPalette(self.form.palette())  # news, not an error
