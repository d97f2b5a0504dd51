"""Closing the window with unsent work (issue 12): say how many actions wait and that they go out at the next
start, and let the officer stay. Asked when she closes the window herself (the title bar, "Thoát"), not when
the program closes it (a logout asks its own question; a relogin keeps the work)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

translate = QCoreApplication.translate  # called by this bare name so pyside6-lupdate extracts the strings


def unsent_close_box(parent: QWidget, unsent: int) -> tuple[QMessageBox, QPushButton]:
    """The question, not yet shown, and its "Thoát" button ("Ở lại" is the default and Esc)."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("CloseGuard", "Còn thao tác chưa gửi"),
                      translate("CloseGuard", "%n thao tác đang chờ gửi lên máy chủ. Chúng được giữ trên máy này và "
                                              "sẽ được gửi vào lần mở chương trình tới.", "", unsent),
                      parent=parent)
    box.setObjectName("unsentOnClose")
    box.setTextFormat(Qt.TextFormat.PlainText)
    leave = box.addButton(translate("CloseGuard", "Thoát"), QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton(translate("CloseGuard", "Ở lại"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    return box, leave
