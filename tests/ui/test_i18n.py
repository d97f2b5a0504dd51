"""Languages: Vietnamese sources by default, English from the shipped translation, placeholders intact."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel

from triage_desktop.core.entities import ActionState, Item, OutboxAction
from triage_desktop.ui import labels
from triage_desktop.ui.conflict_panel import ConflictPanel
from triage_desktop.ui.detail_panel import DetailPanel
from triage_desktop.ui.dialogs.action_dialogs import NoteDialog
from triage_desktop.ui.formatting import format_datetime
from triage_desktop.ui.i18n import install_translators, remove_translators, translation_file
from triage_desktop.ui.sync_indicator import SyncIndicator

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "triage_desktop_en.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def messages() -> list[tuple[str, str, str | None, bool]]:
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            unfinished = translation is None or translation.get("type") == "unfinished"
            # A plural message's forms each stand alone: every one must carry the placeholders.
            forms = [form.text or "" for form in translation.iter("numerusform")] if translation is not None else []
            text = translation.text if translation is not None else None
            for one in forms or [text]:
                found.append((name, message.findtext("source") or "", one, unfinished))
    return found


def test_english_translations_keep_their_placeholders() -> None:
    checked = 0
    for context, source, translation, unfinished in messages():
        if unfinished or not translation:
            continue
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)), (context, source)
        checked += 1
    assert checked > 200


def test_every_string_has_an_english_translation() -> None:
    missing = [(c, s) for c, s, _t, unfinished in messages() if unfinished]
    assert missing == []


def test_the_translation_sources_hold_every_string_in_the_code(tmp_path) -> None:
    """A string added to the code but never extracted would stay Vietnamese in English: `make translations`."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    copy = tmp_path / "en.ts"
    shutil.copy(root / "resources/i18n/triage_desktop_en.ts", copy)
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    done = subprocess.run([str(lupdate), "-extensions", "py", "-recursive", str(root / "triage_desktop/ui"),
                           str(root / "triage_desktop/cli.py"), "-ts", str(copy)],
                          capture_output=True, text=True, check=True)
    assert "(0 new and" in done.stdout + done.stderr, done.stdout


def test_vietnamese_needs_no_file_and_english_loads(qtbot, qapp) -> None:
    assert translation_file("vi") is None
    assert translation_file("en") is not None, "build the .qm files first: make qm"
    item = Item("report", "r_1", 1, {"code": "PA-1", "status": "new"})
    installed = install_translators(qapp, "en")
    try:
        dialog = NoteDialog(item, None)
        qtbot.addWidget(dialog)
        # Text defined on the base class is found through the subclass too.
        assert (dialog.windowTitle(), dialog.ok_button.text(), dialog.cancel_button.text()) == \
            ("Internal note", "Save note", "Cancel")
        assert labels.status_label("dossier", "awaiting_supplement") == "Awaiting documents"
        assert QLocale().name() == "en_GB"
    finally:
        remove_translators(qapp, installed)
        install_translators(qapp, "vi")
    assert labels.status_label("dossier", "awaiting_supplement") == "Yêu cầu bổ sung giấy tờ"
    assert QLocale().name() == "vi_VN"


@pytest.mark.parametrize("code", ["no_such_status", ""])
def test_unknown_codes_are_shown_as_they_are(code: str) -> None:
    assert labels.status_label("report", code) == code


@pytest.fixture
def english(qapp):
    installed = install_translators(qapp, "en")
    yield
    remove_translators(qapp, installed)
    install_translators(qapp, "vi")


def test_english_counts_agree_with_their_number(qtbot, english) -> None:
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.show_state("offline", 1, 1, None)
    assert indicator.text() == "Offline — 1 action waiting · 1 conflict"
    indicator.show_state("online", 1234, 2, None)
    assert indicator.text() == "Synced · 1,234 actions waiting · 2 conflicts"


def test_vietnamese_counts_keep_their_digit_grouping(qtbot, qapp) -> None:
    install_translators(qapp, "vi")  # the Vietnamese locale, as the program starts with
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.show_state("offline", 1234, 1, None)
    assert indicator.text() == "Ngoại tuyến — 1.234 thao tác chờ gửi · 1 xung đột"


def test_english_names_one_item_in_the_singular(qtbot, english) -> None:
    item = Item("report", "r_1", 2, {"code": "PA-1", "status": "new", "events": [
        {"id": "e_1", "at": "2026-03-02T02:00:00Z", "author_id": "u_01", "type": "note", "visibility": "internal",
         "body": None, "data": {}}]})
    refused = OutboxAction(7, "report", "r_1", "set_status", {"status": "acknowledged"}, "k", 1,
                           ActionState.CONFLICT, "2026-03-02T01:00:00Z", error_status=412, problem={})
    panel = ConflictPanel(refused, item, {"u_01": "Nguyễn Thị Hồng"})
    qtbot.addWidget(panel)
    when = format_datetime("2026-03-02T02:00:00Z")
    assert panel.findChild(QLabel, "conflictUpdatedBy").text() == \
        f"The report was updated by Nguyễn Thị Hồng at {when}"
    detail = DetailPanel()
    qtbot.addWidget(detail)
    detail.show_item(Item("dossier", "d_1", 1, {"code": "000.00.23.H57-260302-0001", "status": "received"}), None)
    assert detail.findChild(QLabel, "detailCode").text() == "Dossier · 000.00.23.H57-260302-0001"
    dialog = NoteDialog(item, None)
    qtbot.addWidget(dialog)
    assert "Report PA-1" in [label.text() for label in dialog.findChildren(QLabel)]
