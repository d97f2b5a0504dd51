"""OsLockWatcher: `locked` when the operating system locks the session (Win+L, a screen saver with a password,
a lid closed), so the window locks too: an unlocked Windows session of a colleague must not show our data.

- Windows: WTSRegisterSessionNotification on the window's handle, then WM_WTSSESSION_CHANGE / WTS_SESSION_LOCK
  read by an application-wide native event filter.
- Linux: D-Bus signals, whichever the desktop sends: org.freedesktop.login1.Session "Lock" on the system bus
  (our session's object, or any when XDG_SESSION_ID is unknown: locking too often is safe), and the screen
  savers' "ActiveChanged(true)" (freedesktop, GNOME) on the session bus.
A missing bus or API is logged and ignored: the idle lock still works.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys

from PySide6.QtCore import SLOT, QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
NOTIFY_FOR_THIS_SESSION = 0
WINDOWS_MSG = b"windows_generic_MSG"
SCREEN_SAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")
LOGIN1 = "org.freedesktop.login1"


class MSG(ctypes.Structure):
    """The head of Win32's MSG (winuser.h): all this reads. Declared here so that Linux can test the parsing."""

    _fields_ = [("hwnd", ctypes.c_void_p), ("message", ctypes.c_uint), ("wParam", ctypes.c_size_t),
                ("lParam", ctypes.c_ssize_t)]


def is_session_lock(event_type: bytes, message: int) -> bool:
    """True for a Windows message saying this session was just locked."""
    if event_type != WINDOWS_MSG or not message:
        return False
    msg = MSG.from_address(message)
    return bool(msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK)


def login1_session_path(session_id: str) -> str:
    """systemd's object path for a session id (sd_bus_path_encode: [A-Za-z0-9] kept except a leading digit,
    anything else as _xx)."""
    encoded = "".join(c if c.isascii() and c.isalnum() and (i or not c.isdigit()) else f"_{ord(c):02x}"
                      for i, c in enumerate(session_id))
    return f"/org/freedesktop/login1/session/{encoded}"


class _WindowsFilter(QAbstractNativeEventFilter):
    def __init__(self, watcher: OsLockWatcher) -> None:
        super().__init__()
        self._watcher = watcher

    def nativeEventFilter(self, eventType: QByteArray | bytes | bytearray | memoryview,  # noqa: N803 (Qt's name)
                          message: int) -> object:
        kind = bytes(eventType.data()) if isinstance(eventType, QByteArray) else bytes(eventType)
        if is_session_lock(kind, int(message)):
            self._watcher.locked.emit()
        return False, 0  # never consumed


class OsLockWatcher(QObject):
    locked = Signal()

    def __init__(self, parent: QObject | None = None, *, session_bus: QDBusConnection | None = None,
                 system_bus: QDBusConnection | None = None, platform: str = sys.platform) -> None:
        """The buses default to the desktop's own; tests pass a private bus."""
        super().__init__(parent)
        self._platform = platform
        self._session_bus = session_bus
        self._system_bus = system_bus
        self._filter: _WindowsFilter | None = None
        self._hwnd: int | None = None
        self._connected: list[tuple[QDBusConnection, str, str, str, str, str]] = []

    @property
    def listening(self) -> bool:
        return bool(self._connected) or self._filter is not None

    def attach(self, window: QWidget) -> None:
        """Start listening for the session lock on behalf of `window` (Windows needs its handle)."""
        if self._platform == "win32":
            self._attach_windows(window)
        else:
            self._attach_dbus()

    def detach(self) -> None:
        app = QCoreApplication.instance()
        if self._filter is not None and app is not None:
            app.removeNativeEventFilter(self._filter)
        self._filter = None
        if self._hwnd is not None:
            try:
                ctypes.windll.wtsapi32.WTSUnRegisterSessionNotification(self._hwnd)  # type: ignore[attr-defined]
            except (AttributeError, OSError):
                log.warning("WTSUnRegisterSessionNotification failed", exc_info=True)
            self._hwnd = None
        for bus, service, path, interface, name, slot in self._connected:
            bus.disconnect(service, path, interface, name, self, slot)  # type: ignore[call-overload]
        self._connected.clear()

    # --- Windows ---------------------------------------------------------------------------------------------

    def install_windows_filter(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._filter is None:
            self._filter = _WindowsFilter(self)
            app.installNativeEventFilter(self._filter)

    def _attach_windows(self, window: QWidget) -> None:
        self.install_windows_filter()
        hwnd = int(window.winId())
        try:
            ok = ctypes.windll.wtsapi32.WTSRegisterSessionNotification(  # type: ignore[attr-defined]
                hwnd, NOTIFY_FOR_THIS_SESSION)
        except (AttributeError, OSError):
            log.warning("WTSRegisterSessionNotification unavailable; the window locks when idle only",
                        exc_info=True)
            return
        if ok:
            self._hwnd = hwnd
        else:
            log.warning("WTSRegisterSessionNotification failed; the window locks when idle only")

    # --- Linux (D-Bus) ---------------------------------------------------------------------------------------

    def _attach_dbus(self) -> None:
        if self._connected:
            return
        session = self._session_bus if self._session_bus is not None else QDBusConnection.sessionBus()
        system = self._system_bus if self._system_bus is not None else QDBusConnection.systemBus()
        for interface in SCREEN_SAVERS:  # any object path: KDE uses /ScreenSaver, others /org/freedesktop/…
            self._listen(session, "", interface, "ActiveChanged", SLOT("_on_active_changed(bool)"))
        session_id = os.environ.get("XDG_SESSION_ID", "")
        path = login1_session_path(session_id) if session_id else ""
        self._listen(system, path, f"{LOGIN1}.Session", "Lock", SLOT("_on_session_lock()"))
        if not self._connected:
            log.info("no D-Bus session lock signal available; the window locks when idle only")

    def _listen(self, bus: QDBusConnection, path: str, interface: str, name: str, slot: str) -> None:
        if not bus.isConnected():
            return
        # The stubs want bytes for the slot; PySide6 6.12 accepts only the str SLOT() gives (bytes: ValueError).
        if bus.connect("", path, interface, name, self, slot):  # type: ignore[call-overload]
            self._connected.append((bus, "", path, interface, name, slot))
        else:
            log.info("could not listen to %s.%s on D-Bus", interface, name)

    @Slot(bool)
    def _on_active_changed(self, active: bool) -> None:
        if active:
            self.locked.emit()

    @Slot()
    def _on_session_lock(self) -> None:
        self.locked.emit()
