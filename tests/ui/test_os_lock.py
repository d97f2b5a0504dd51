"""The OS session lock locks the window: D-Bus signals on a private bus started here, and the Windows message
parsing fed a real MSG structure (WTSRegisterSessionNotification itself cannot run on Linux)."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QWidget

from triage_desktop.ui.os_lock import (
    MSG,
    WINDOWS_MSG,
    WM_WTSSESSION_CHANGE,
    WTS_SESSION_LOCK,
    OsLockWatcher,
    _WindowsFilter,
    is_session_lock,
    login1_session_path,
)

WTS_SESSION_UNLOCK = 0x8


@pytest.fixture
def private_bus(qapp) -> Iterator[tuple[QDBusConnection, str]]:
    if shutil.which("dbus-daemon") is None or shutil.which("dbus-send") is None:
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        bus = QDBusConnection.connectToBus(address, f"triage-test-{daemon.pid}")
        assert bus.isConnected()
        yield bus, address
        QDBusConnection.disconnectFromBus(f"triage-test-{daemon.pid}")
    finally:
        daemon.terminate()
        daemon.wait(5)
        if daemon.stdout is not None:
            daemon.stdout.close()


def send_signal(address: str, path: str, member: str, *args: str) -> None:
    subprocess.run(["dbus-send", f"--bus={address}", "--type=signal", path, member, *args], check=True, timeout=10)


def watcher_on(bus: QDBusConnection, monkeypatch: pytest.MonkeyPatch, session_id: str = "") -> OsLockWatcher:
    monkeypatch.setenv("XDG_SESSION_ID", session_id)
    watcher = OsLockWatcher(session_bus=bus, system_bus=bus, platform="linux")
    watcher.attach(QWidget())
    assert watcher.listening
    return watcher


def test_a_screen_saver_turning_on_locks(qtbot, private_bus, monkeypatch) -> None:
    bus, address = private_bus
    watcher = watcher_on(bus, monkeypatch)
    with qtbot.assertNotEmitted(watcher.locked, wait=300):
        send_signal(address, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged",
                    "boolean:false")  # the screen saver going away is no lock
    with qtbot.waitSignal(watcher.locked, timeout=5_000):
        send_signal(address, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged",
                    "boolean:true")
    with qtbot.waitSignal(watcher.locked, timeout=5_000):  # GNOME's own, on another path
        send_signal(address, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", "boolean:true")
    watcher.detach()
    with qtbot.assertNotEmitted(watcher.locked, wait=300):
        send_signal(address, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged",
                    "boolean:true")


def test_logind_locking_our_session_locks_and_another_session_does_not(qtbot, private_bus, monkeypatch) -> None:
    bus, address = private_bus
    watcher = watcher_on(bus, monkeypatch, session_id="3")
    with qtbot.assertNotEmitted(watcher.locked, wait=300):
        send_signal(address, "/org/freedesktop/login1/session/_34", "org.freedesktop.login1.Session.Lock")
    with qtbot.waitSignal(watcher.locked, timeout=5_000):
        send_signal(address, "/org/freedesktop/login1/session/_33", "org.freedesktop.login1.Session.Lock")
    watcher.detach()


def test_without_a_session_id_any_logind_lock_locks(qtbot, private_bus, monkeypatch) -> None:
    bus, address = private_bus
    watcher = watcher_on(bus, monkeypatch)
    with qtbot.waitSignal(watcher.locked, timeout=5_000):
        send_signal(address, "/org/freedesktop/login1/session/c2", "org.freedesktop.login1.Session.Lock")
    watcher.detach()


def test_systemd_session_paths() -> None:
    assert login1_session_path("3") == "/org/freedesktop/login1/session/_33"
    assert login1_session_path("c2") == "/org/freedesktop/login1/session/c2"
    assert login1_session_path("a-b") == "/org/freedesktop/login1/session/a_2db"


def _msg(message: int, wparam: int) -> MSG:
    return MSG(hwnd=None, message=message, wParam=wparam, lParam=0)


def test_the_windows_session_lock_message_is_recognised() -> None:
    lock = _msg(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    assert is_session_lock(WINDOWS_MSG, ctypes.addressof(lock))
    assert not is_session_lock(WINDOWS_MSG, ctypes.addressof(_msg(WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK)))
    assert not is_session_lock(WINDOWS_MSG, ctypes.addressof(_msg(0x0100, WTS_SESSION_LOCK)))  # WM_KEYDOWN
    assert not is_session_lock(b"xcb_generic_event_t", ctypes.addressof(lock))
    assert not is_session_lock(WINDOWS_MSG, 0)


def test_the_native_event_filter_signals_the_lock_and_lets_the_message_through(qtbot) -> None:
    watcher = OsLockWatcher(platform="win32")
    native = _WindowsFilter(watcher)
    lock = _msg(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    with qtbot.waitSignal(watcher.locked, timeout=1_000):
        assert native.nativeEventFilter(WINDOWS_MSG, ctypes.addressof(lock)) == (False, 0)
