"""`python -m triage_desktop.screenshot` end to end: sandbox, real login and sync, a PNG of the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def test_screenshot_command_writes_the_window(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "triage_desktop.screenshot", str(out), "--size", "1200x800"],
                          env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)


def test_the_detail_photos_screen_shows_thumbnails_and_the_map_link(tmp_path: Path) -> None:
    out = tmp_path / "detail.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "triage_desktop.screenshot", str(out), "--screen", "detail-photos"],
                          env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr  # it waits for every thumbnail to be shown before the grab
    assert not QImage(str(out)).isNull()
