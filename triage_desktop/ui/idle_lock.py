"""IdleWatcher: `idle` after N minutes without keyboard or mouse input anywhere in the application.

An application-wide event filter restarts one single-shot QTimer on every input event (so a dialog or a menu
counts as activity too); the filter returns False, never swallowing the event. Zero minutes: never idle.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TabletPress, QEvent.Type.ShortcutOverride,
})


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None, *, interval_ms: int | None = None) -> None:
        """`interval_ms` overrides `minutes` (tests use a fraction of a second)."""
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms if interval_ms is not None else int(minutes * 60_000))
        self._timer.timeout.connect(self.idle)
        self._enabled = self._timer.interval() > 0
        self._watching = False

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        """Begin counting (after sign-in or unlock); input restarts the count."""
        if not self._enabled:
            return
        app = QCoreApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)
            self._watching = True
        self._timer.start()

    def stop(self) -> None:
        """While locked or signed out there is nothing to lock: no count, no filter on every event."""
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
        self._watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._timer.start()  # restarts the count
        return False
