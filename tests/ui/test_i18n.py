"""Languages: Vietnamese sources by default, English from the shipped translation, placeholders intact."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from triage_desktop.core.entities import Item
from triage_desktop.ui import labels
from triage_desktop.ui.dialogs.action_dialogs import NoteDialog
from triage_desktop.ui.i18n import install_translators, remove_translators, translation_file

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "triage_desktop_en.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def messages() -> list[tuple[str, str, str | None, bool]]:
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            unfinished = translation is None or translation.get("type") == "unfinished"
            found.append((name, message.findtext("source") or "", translation.text if translation is not None
                          else None, unfinished))
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
