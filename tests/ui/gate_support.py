"""What the gate tests share: a SessionGate over the real services, the seeded citizen data to look for, and a walk
of every widget for the text it would show (or hand a screen reader)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from triage_desktop.core.errors import WrongPassword
from triage_desktop.core.ports import OpenedSession
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services
from triage_desktop.ui.sync_controller import SyncController
from triage_desktop.ui.tasks import TaskRunner


class ServicesGate:
    """A SessionGate over real services (LocalWorkspace, Store, SyncEngine over the loopback sandbox): sign in is
    the server's login, unlock compares with the password of this run's sign-in, sign out is the engine's logout."""

    def __init__(self, services: Services, *, encrypted: bool = True) -> None:
        self.services = services
        self.encrypted = encrypted
        self.records: list[tuple[str, Mapping[str, Any] | None]] = []
        self.signed_out: list[bool] = []
        self._password: str | None = None

    def resume(self) -> OpenedSession | None:
        return None

    def sign_in(self, server_url: str, username: str, password: str) -> OpenedSession:
        user = self.services.sync.login(server_url, username, password)
        self._password = password
        return OpenedSession(self.services.workspace, self.services.sync, user, encrypted=self.encrypted)

    def unlock(self, password: str) -> None:
        if self._password is None or password != self._password:
            raise WrongPassword()

    def unsent_count(self) -> int:
        return self.services.workspace.outbox_summary()[0]

    def sign_out(self, *, wipe: bool) -> None:
        self.services.sync.logout()
        self._password = None
        self.signed_out.append(wipe)

    def record(self, action: str, kind: str | None = None, item_id: str | None = None,
               detail: Mapping[str, Any] | None = None) -> None:
        self.records.append((action, detail))


def fast_lanes(sync: Any) -> tuple[SyncController, TaskRunner]:
    """launcher.make_lanes with a short long poll and back-off, for tests."""
    controller = SyncController(sync, wait_seconds=1, min_backoff=0.05, max_backoff=0.2)
    return controller, TaskRunner(network_executor=controller.network_lane, fetch_executor=controller.fetch_lane)


def citizen_strings(sandbox: SandboxServer) -> set[str]:
    """Every code, title, citizen's name, phone and CCCD the sandbox seeded: none may be drawn before sign-in."""
    found: set[str] = set()
    for kind in ("report", "dossier"):
        for item in sandbox.all_aggregates(kind):
            found.update(str(item[k]) for k in ("code", "title", "summary") if item.get(k))
            for person in (item.get("citizen"), item.get("applicant")):
                if isinstance(person, dict):
                    found.update(str(person[k]) for k in ("name", "phone", "id_number") if person.get(k))
    return found


def _model_text(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.AccessibleTextRole):
                value = index.data(role)
                if value is not None:
                    yield str(value)


def widget_text(widgets: Iterable[QWidget]) -> str:
    """All the text these widgets hold, shown or not: labels, fields, buttons, titles, tooltips, models."""
    parts: list[str] = []
    for widget in widgets:
        if not shiboken6.isValid(widget):  # deleted since it was listed
            continue
        parts += [widget.windowTitle(), widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            parts.append(widget.text())
        if isinstance(widget, QLineEdit):
            parts += [widget.text(), widget.placeholderText()]
        if isinstance(widget, QTextEdit | QPlainTextEdit):
            parts.append(widget.toPlainText())
        if isinstance(widget, QAbstractItemView):
            parts.extend(_model_text(widget))
    return "\n".join(parts)


def all_widgets() -> list[QWidget]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # widgets already let go of
    return list(QApplication.allWidgets())


def widgets_of(window: QWidget) -> list[QWidget]:
    """The window and everything in it, shown or hidden (a screen reader or a walk of the tree finds those)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return [window, *window.findChildren(QWidget)]


def leaked(strings: Iterable[str], text: str) -> list[str]:
    return sorted(s for s in strings if s and s in text)
