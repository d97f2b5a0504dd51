"""The name offered when an officer saves a citizen's attachment: never a path, never a program."""

from __future__ import annotations

import pytest

from triage_desktop.ui.file_names import suggested_file_name

PDF = "application/pdf"


@pytest.mark.parametrize(("sent", "content_type", "offered"), [
    ("Ảnh hiện trường 7.png", "image/png", "Ảnh hiện trường 7.png"),
    ("IMG_0001.JPEG", "image/jpeg", "IMG_0001.jpg"),
    ("..\\..\\Windows\\System32\\ảnh.jpg", "image/png", "Windows System32 ảnh.jpg.png"),
    ("../../etc/passwd", "image/png", "etc passwd.png"),
    ("biên bản.pdf.exe", PDF, "biên bản.pdf.exe.pdf"),  # the type decides the extension, not the name
    ("CON", PDF, "CON_.pdf"),  # a reserved device name on Windows
    ("a:b?*|.pdf", PDF, "ab.pdf"),  # ADS colon and characters Windows refuses
    ("  ..  ", "image/png", "tep-dinh-kem.png"),
    ("tờ khai", "text/html", "tờ khai.bin"),  # a type outside the contract is never given a runnable extension
])
def test_suggested_names(sent: str, content_type: str, offered: str) -> None:
    assert suggested_file_name(sent, content_type) == offered


def test_a_very_long_name_keeps_its_extension() -> None:
    offered = suggested_file_name("đơn " * 200 + ".pdf", PDF)
    assert offered.endswith(".pdf") and len(offered) <= 110
