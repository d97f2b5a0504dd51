"""Before the window opens: can this machine show one? Qt's own answer is a native abort with a thread dump.

On Linux, Qt needs a display (X11's DISPLAY or a Wayland session) and, for X11, the system library
libxcb-cursor0 (Qt ≥ 6.5), which many desktops do not install. Without them QApplication aborts the process.
Checked first, so the officer (or IT) reads one sentence that says what to do instead. Qt-free on purpose: it
runs before any Qt object exists.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # before any translator is installed: the Vietnamese source text

# Platform plugins that draw nowhere (tests, screenshots, remote viewers): they need neither a display nor xcb.
_HEADLESS = ("offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay")


def display_problem(env: Mapping[str, str] | None = None, platform: str = sys.platform,
                    find_library: Callable[[str], str | None] = ctypes.util.find_library) -> str | None:
    """None when a window can open here; otherwise one sentence for the person at the keyboard."""
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return None
    plugin = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if plugin in _HEADLESS:
        return None
    wayland = bool(env.get("WAYLAND_DISPLAY")) and plugin != "xcb"
    if not wayland and not env.get("DISPLAY"):
        return translate("display_check", "Máy này không có màn hình để mở cửa sổ (không có DISPLAY). Hãy chạy trên "
                                          "máy có màn hình, hoặc dùng `make screenshot` để xem cửa sổ dưới dạng ảnh.")
    if not wayland and find_library("xcb-cursor") is None:
        return translate("display_check", "Thiếu thư viện hệ thống libxcb-cursor0 mà Qt cần để mở cửa sổ trên Linux. "
                                          "Cài bằng: sudo apt-get install libxcb-cursor0")
    return None
