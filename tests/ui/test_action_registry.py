"""Every action has all its parts: a row in the core table and an entry in the window's table, and the window
builds its buttons, menu, dialogs and names from them."""

from __future__ import annotations

import pytest

from tests.ui.seed import LEADER
from triage_desktop.core.action_specs import ACTION_SPECS
from triage_desktop.core.entities import Item, User
from triage_desktop.core.workdays import WorkCalendar
from triage_desktop.ui import action_registry as registry
from triage_desktop.ui import icons
from triage_desktop.ui.action_registry import ACTION_ENTRIES, DialogSources, action_name, button_text
from triage_desktop.ui.detail_panel import DetailPanel
from triage_desktop.ui.dialogs.action_dialogs import ActionDialog
from triage_desktop.ui.messages import field_name

leader = User.from_json(LEADER)
# Every action either table knows of: each must be in both.
ALL_ACTIONS = sorted(set(ACTION_SPECS) | {entry.action_type for entry in ACTION_ENTRIES.values()})
NO_SOURCES = DialogSources(reference=lambda _name: None, template_context=lambda _item: {}, members=lambda: [],
                           find_reports=lambda _text, _category: [], calendar=WorkCalendar)


@pytest.mark.parametrize("action_type", ALL_ACTIONS)
def test_each_action_has_a_core_row_and_a_window_entry(action_type: str) -> None:
    assert action_type in ACTION_SPECS, f"{action_type}: no row in core.action_specs"
    assert action_type in ACTION_ENTRIES, f"{action_type}: no entry in ui.action_registry"
    entry = ACTION_ENTRIES[action_type]
    assert entry.action_type == action_type
    assert entry.name and entry.button and action_name(action_type) and button_text(action_type)
    assert (entry.dialog is None) != (entry.direct is None), "a dialog, or the fields it queues at once"
    assert entry.icon in icons.NAMES, "every entry needs an icon of the set"
    for field in ACTION_SPECS[action_type].fields:  # an error names the field in words
        assert field_name(field.name) != field.name, f"{action_type}.{field.name}: no words in ui.messages"


@pytest.mark.parametrize("action_type", ALL_ACTIONS)
def test_each_dialog_collects_its_own_action(qtbot, action_type: str) -> None:
    entry = ACTION_ENTRIES[action_type]
    kind = sorted(ACTION_SPECS[action_type].kinds)[0]
    item = Item(kind, "x_1", 1, {"code": "X-1", "status": "new" if kind == "report" else "processing"})
    if entry.dialog is None:
        assert entry.direct is not None and entry.direct(leader) is not None
        return
    parent = DetailPanel()
    qtbot.addWidget(parent)
    dialog = entry.dialog(item, leader, NO_SOURCES, parent)
    assert isinstance(dialog, ActionDialog) and dialog.action_type == action_type


def test_the_panel_has_a_button_or_menu_entry_for_every_entry(qtbot) -> None:
    panel = DetailPanel()
    qtbot.addWidget(panel)
    assert set(registry.BUTTONS) == set(ACTION_ENTRIES)
    for button in registry.MAIN_BUTTONS:
        assert panel.button(button).text() == button_text(button)
    for button in registry.MORE_ACTIONS:
        assert panel.more_action(button).text() == button_text(button)


def test_an_unknown_action_type_is_called_by_its_code() -> None:
    assert action_name("future_action") == "future_action"
    assert action_name(None) == ""
