"""Mark-of-the-Web on a saved attachment. Windows cannot run here: the platform check is a module constant the
test switches on, and on Linux the "stream" `file:Zone.Identifier` is an ordinary file beside it, holding exactly
the text Windows would find in the alternate data stream."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage_desktop.ui import mark_of_the_web
from triage_desktop.ui.attachment_opener import write_file
from triage_desktop.ui.mark_of_the_web import zone_identifier


def test_the_stream_says_internet_zone() -> None:
    assert zone_identifier() == "[ZoneTransfer]\r\nZoneId=3\r\n"
    assert zone_identifier("https://api.example.vn/v1/attachments/a_1", "https://api.example.vn/") == (
        "[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://api.example.vn/\r\n"
        "HostUrl=https://api.example.vn/v1/attachments/a_1\r\n")


def test_saving_an_attachment_on_windows_marks_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mark_of_the_web, "ON_WINDOWS", True)
    saved = tmp_path / "biên bản.pdf"
    write_file(saved, b"%PDF-1.7")
    assert saved.read_bytes() == b"%PDF-1.7"
    stream = Path(f"{saved}:Zone.Identifier")
    assert stream.read_bytes() == b"[ZoneTransfer]\r\nZoneId=3\r\n"


def test_elsewhere_no_stream_is_written(tmp_path: Path) -> None:
    saved = tmp_path / "ảnh.png"
    write_file(saved, b"png")
    assert [p.name for p in tmp_path.iterdir()] == ["ảnh.png"]


def test_a_volume_without_streams_still_gets_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mark_of_the_web, "ON_WINDOWS", True)
    saved = tmp_path / "tờ khai.docx"
    Path(f"{saved}:Zone.Identifier").mkdir()  # the stream cannot be written, as on FAT
    write_file(saved, b"docx")
    assert saved.read_bytes() == b"docx"
