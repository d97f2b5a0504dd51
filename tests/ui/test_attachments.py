"""Attachments through the window, against the real sandbox: a photo shown in the app, any file saved where
the officer chooses under a clean name, and a clear message when the server cannot be reached."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.ui.dialogs.photo_viewer import PhotoViewer, decode_photo
from triage_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(synced_window: MainWindow) -> MainWindow:
    return synced_window


def report_with(sandbox: SandboxServer, content_type: str) -> tuple[dict[str, Any], dict[str, Any]]:
    for report in sandbox.all_aggregates("report"):
        for attachment in report["attachments"]:
            if attachment["content_type"] == content_type:
                return report, attachment
    raise AssertionError(f"the seed has no {content_type} attachment")


def attachment_button(window: MainWindow, purpose: str, filename: str) -> QPushButton:
    return next(b for b in window.detail.findChildren(QPushButton, f"attachment_{purpose}")
                if b.accessibleName().endswith(filename))


def test_a_photo_opens_inside_the_app(qtbot, sandbox: SandboxServer, window: MainWindow) -> None:
    report, attachment = report_with(sandbox, "image/jpeg")
    assert window.select_item("report", report["id"])
    qtbot.mouseClick(attachment_button(window, "open", attachment["filename"]), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, PhotoViewer), timeout=10_000)
    viewer = window.active_dialog
    _meta, original = sandbox.backend.attachment_bytes(report["unit_id"], attachment["id"])
    # Fitted to the window, never enlarged: the seed's small photo shows at its own size.
    qtbot.waitUntil(lambda: viewer.picture.pixmap().size() == QImage.fromData(original).size(), timeout=5_000)
    assert viewer.picture.accessibleName() == f"Ảnh: {attachment['filename']}"
    viewer.reject()


def test_saving_writes_the_checked_bytes_under_a_clean_name(qtbot, sandbox: SandboxServer, window: MainWindow,
                                                           tmp_path: Path, monkeypatch) -> None:
    hostile = next((r, a) for r in sandbox.all_aggregates("report") for a in r["attachments"]
                   if "\\" in a["filename"] or "/" in a["filename"])
    report, attachment = hostile
    offered: list[str] = []
    target = tmp_path / "đã lưu.png"

    def choose(_parent, _caption, suggested, *_args, **_kwargs) -> tuple[str, str]:
        offered.append(suggested)
        return str(target), ""

    # The native save dialog cannot be clicked offscreen: the officer's choice is given here.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    assert window.select_item("report", report["id"])
    qtbot.mouseClick(attachment_button(window, "save", attachment["filename"]), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == attachment["sha256"]
    name = Path(offered[0]).name
    assert "\\" not in name and ".." not in name and name.endswith(".png")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Đã lưu “đã lưu.png”", timeout=5_000)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_no_server_means_a_clear_message(qtbot, sandbox: SandboxServer, window: MainWindow) -> None:
    report, attachment = report_with(sandbox, "image/png")
    window.photos.stop()  # no prefetch, and nothing kept: the photo must come from the server
    window.photos.budget = 0
    assert window.select_item("report", report["id"])
    sandbox.stop()
    qtbot.mouseClick(attachment_button(window, "open", attachment["filename"]), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, QMessageBox), timeout=10_000)
    assert window.active_dialog.text().startswith("Không tải được tệp đính kèm. Không kết nối được máy chủ.")
    assert window.active_dialog.textFormat() == Qt.TextFormat.PlainText


def test_a_photo_seen_once_opens_again_offline(qtbot, sandbox: SandboxServer, window: MainWindow) -> None:
    report, attachment = report_with(sandbox, "image/png")
    assert window.select_item("report", report["id"])
    button = attachment_button(window, "open", attachment["filename"])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, PhotoViewer), timeout=10_000)
    window.active_dialog.reject()
    sandbox.stop()
    qtbot.mouseClick(attachment_button(window, "open", attachment["filename"]), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, PhotoViewer), timeout=10_000)


def test_bytes_that_are_not_an_image_are_refused() -> None:
    assert decode_photo(b"MZ\x90\x00 not a photo", QSize(800, 600)) is None


def test_a_big_photo_is_decoded_small_enough_to_fit() -> None:
    big = QImage(4000, 3000, QImage.Format.Format_RGB32)
    big.fill(Qt.GlobalColor.darkGreen)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    big.save(buffer, "JPG")
    decoded = decode_photo(bytes(data.data()), QSize(800, 600))
    assert decoded is not None and decoded.size() == QSize(800, 600)
