"""One icon family recoloured from the palette, the application icon, and a high-contrast palette that follows the
operating system (issue 12)."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QFrame

from tests.ui.test_main_window import click_row
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui import icons, theme
from triage_desktop.ui.i18n import remove_translators
from triage_desktop.ui.launcher import make_application
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.models.item_table_model import COL_DUE
from triage_desktop.ui.widgets import styling

ROOT = Path(__file__).resolve().parents[2]
ICON_DIR = ROOT / "triage_desktop" / "resources" / "icons"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def light_again(qapp: QApplication) -> Iterator[QApplication]:
    """Each test leaves the process in the light palette, following the OS again, with the font it found
    (apply_theme raises it to the program's minimum: later tests measure layouts at the font they expect)."""
    font, style = qapp.font(), qapp.style().name()
    yield qapp
    qapp.setProperty("triageContrastOverride", False)
    theme.set_high_contrast(qapp, False)
    qapp.setFont(font)
    qapp.setStyle(style)  # not the program's proxy style: its field edges change later tests' measures
    remove_translators(qapp, qapp.findChildren(QTranslator))  # make_application's: the tests' default again


def ink(icon: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> set[str]:
    """The opaque colours an icon is drawn with at 48 px."""
    image = icon.pixmap(48, 48, mode).toImage()
    return {image.pixelColor(x, y).name() for x in range(48) for y in range(48) if image.pixelColor(x, y).alpha() == 255}


def test_the_icons_are_one_family_and_each_draws(qapp) -> None:
    files = sorted(p.stem for p in ICON_DIR.glob("*.svg"))
    assert files == sorted(icons.NAMES)
    for name in icons.NAMES:
        root = ET.fromstring(icons.svg_text(name))
        assert root.get("viewBox") == "0 0 24 24", name
        assert (root.get("fill"), root.get("stroke"), root.get("stroke-width")) == ("none", "currentColor", "2"), name
        assert (root.get("stroke-linecap"), root.get("stroke-linejoin")) == ("round", "round"), name
        for shape in root.iter():  # no shape paints its own colour: the palette decides
            assert shape.get("fill") in (None, "none") and shape.get("stroke") in (None, "currentColor"), name
        assert ink(icons.icon(name)), f"{name} draws nothing"
    with pytest.raises(FileNotFoundError):
        icons.icon("no-such-icon")


def test_no_stock_pixmaps_are_left() -> None:
    """Qt's stock pixmaps differ by platform and ignore the palette; the set replaces every one."""
    used = [str(path.relative_to(ROOT)) for path in (ROOT / "triage_desktop").rglob("*.py")
            if re.search(r"standardIcon|StandardPixmap", path.read_text(encoding="utf-8"))]
    assert used == []


def test_icons_recolour_with_the_palette(light_again) -> None:
    reply = icons.icon("reply")
    assert ink(reply) == {QApplication.palette().color(QPalette.ColorRole.ButtonText).name()}
    theme.set_high_contrast(light_again, True)
    assert ink(reply) == {"#ffffff"}  # the same QIcon, repainted in the new palette
    assert ink(reply, QIcon.Mode.Disabled) == {theme.HIGH_CONTRAST_DISABLED}


def test_high_contrast_switches_palette_tints_and_list_colours(qtbot, window: MainWindow, light_again) -> None:
    app = light_again
    click_row(qtbot, window, "report", "r_featured")
    internal = window.detail.findChild(QFrame, "internalEvent")
    assert internal is not None
    assert internal.palette().color(QPalette.ColorRole.Window).name() == styling.NORMAL["INTERNAL_BG"]
    overdue_light = styling.qcolor("OVERDUE_FG").name()

    window.keys.contrast_action.setChecked(True)  # Xem → Tương phản cao

    palette = app.palette()
    assert palette.color(QPalette.ColorRole.Window).name() == "#000000"
    assert palette.color(QPalette.ColorRole.Highlight).name() == "#ffff00"  # selection and focus ring
    for fg, bg in ((QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
                   (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
                   (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
                   (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
                   (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase)):
        assert styling.contrast_ratio(palette.color(fg).name(), palette.color(bg).name()) >= 7, (fg, bg)
    # The panel already on screen takes the high-contrast tint; its text stays ≥ 7:1.
    assert internal.palette().color(QPalette.ColorRole.Window).name() == styling.HIGH_CONTRAST["INTERNAL_BG"]
    for name in ("INTERNAL", "PUBLIC", "PENDING", "CONFLICT", "ALERT"):
        assert styling.contrast_ratio(styling.HIGH_CONTRAST[f"{name}_FG"], styling.HIGH_CONTRAST[f"{name}_BG"]) >= 7
    assert styling.qcolor("OVERDUE_FG").name() != overdue_light
    row = next(r for r in range(window.model.rowCount())
               if window.model.index(r, COL_DUE).data(Qt.ItemDataRole.ForegroundRole) is not None)
    color = window.model.index(row, COL_DUE).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(color, QColor) and styling.contrast_ratio(color.name(), "#000000") >= 7
    assert window.settings.value("view/high_contrast") == "true"

    window.keys.contrast_action.setChecked(False)
    assert app.palette().color(QPalette.ColorRole.Window).name() != "#000000"
    assert internal.palette().color(QPalette.ColorRole.Window).name() == styling.NORMAL["INTERNAL_BG"]


def test_it_follows_the_operating_system_until_the_officer_chooses(light_again) -> None:
    app = light_again
    theme.apply_theme(app)
    hints = theme._accessibility(app)
    hints.contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)  # as Windows' contrast theme does
    assert theme.is_high_contrast()
    hints.contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)
    assert not theme.is_high_contrast()
    theme.set_high_contrast(app, True, chosen=True)
    hints.contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)
    assert theme.is_high_contrast()  # the officer's choice stands


def test_a_saved_choice_stands_even_when_the_os_agreed_at_start(qtbot, store, workspace, runner, settings,
                                                               light_again) -> None:
    """An officer who chose the normal palette keeps it when Windows turns its contrast theme on later."""
    theme.apply_theme(light_again)  # following the OS, which asks for nothing special now
    settings.setValue("view/high_contrast", "false")
    main = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings)
    qtbot.addWidget(main)
    assert not theme.is_high_contrast() and not main.keys.contrast_action.isChecked()
    theme._accessibility(light_again).contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
    assert not theme.is_high_contrast()


def test_the_environment_can_ask_for_high_contrast(light_again, monkeypatch) -> None:
    monkeypatch.setenv(theme.CONTRAST_ENV, "high")
    theme.apply_theme(light_again)
    assert theme.is_high_contrast()
    assert light_again.palette().color(QPalette.ColorRole.Base).name() == "#000000"


def test_the_application_has_its_icon_in_every_size(light_again) -> None:
    app = make_application([], "vi")
    assert not app.windowIcon().isNull()
    data = (ROOT / "resources" / "app-icon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    sides = [data[6 + 16 * i] or 256 for i in range(count)]
    assert (reserved, kind) == (0, 1) and {16, 32, 48, 256} <= set(sides)
    assert (ROOT / "resources" / "app-icon.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
