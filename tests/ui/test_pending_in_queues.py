"""Issue 8, item 5: the queues and their badges count the officer's own unsent work where it is going, and put
it back where it was when the action is refused (conflict) or discarded."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from triage_desktop.core.entities import ItemQuery
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.main_window import MainWindow

KEY = ("report", "r_0000")  # new, unassigned
VERSION_CONFLICT = {"type": "https://triage.example/problems/version-conflict", "title": "Precondition failed"}


def badge(window: MainWindow, queue: str) -> str:
    return window.queues.item_text("report", queue)


def listed(window: MainWindow) -> list[tuple[str, str] | None]:
    """The keys of the rows the list shows (row_of would ask the cache, which changes before the screen)."""
    return [window.model.key_at(row) for row in range(window.model.rowCount())]


def test_acknowledged_offline_leaves_new_and_a_discard_brings_it_back(qtbot, window: MainWindow,
                                                                     workspace: LocalWorkspace) -> None:
    window.queues.select("report", "new")
    qtbot.waitUntil(lambda: window.model.row_of(KEY) is not None)
    new_badge = badge(window, "new")
    n = workspace.queue_counts("u_01")[("report", "new")]
    assert new_badge.endswith(f"({n})")

    window.queue_action(*KEY, "acknowledge", {})  # offline: it only waits in the outbox
    qtbot.waitUntil(lambda: badge(window, "new").endswith(f"({n - 1})"))
    assert KEY not in listed(window) and len(listed(window)) == n - 1
    [action] = workspace.outbox()
    assert action.state == "pending"

    window.discard_action(action.local_id)
    box = window.active_dialog
    assert isinstance(box, QMessageBox)
    box.buttons()[0].click()  # "Bỏ thao tác"
    qtbot.waitUntil(lambda: badge(window, "new") == new_badge)
    assert KEY in listed(window)


def test_assigned_to_me_offline_shows_in_my_work_until_the_server_refuses(qtbot, window: MainWindow, store: Store,
                                                                         workspace: LocalWorkspace) -> None:
    counts = workspace.queue_counts("u_01")
    window.queues.select("report", "mine")
    qtbot.waitUntil(lambda: window.model.rowCount() == counts[("report", "mine")])
    assert KEY not in listed(window)

    window.queue_action(*KEY, "assign", {"assignee_id": "u_01"})
    qtbot.waitUntil(lambda: badge(window, "mine").endswith(f"({counts[('report', 'mine')] + 1})"))
    assert KEY in listed(window)
    assert badge(window, "unassigned").endswith(f"({counts[('report', 'unassigned')] - 1})")

    [action] = workspace.outbox()
    store.conflict_action(action.local_id, 412, VERSION_CONFLICT, None)
    window._on_items_changed([KEY])  # what the sync controller says after a push
    assert KEY not in listed(window)
    assert badge(window, "mine").endswith(f"({counts[('report', 'mine')]})")
    assert badge(window, "unassigned").endswith(f"({counts[('report', 'unassigned')]})")


def test_the_server_copy_stays_the_servers_while_the_list_shows_the_pending_effect(
        store: Store, workspace: LocalWorkspace) -> None:
    """The overlay changes list columns only: conflict checks and the detail compare against the server's JSON."""
    workspace.queue_action(*KEY, "set_priority", {"priority": "urgent"})
    workspace.queue_action(*KEY, "acknowledge", {})
    listed = workspace.page(ItemQuery(kind="report", text="PA-2026-000000"), 0, 5)
    assert [(r.status, r.priority) for r in listed] == [("acknowledged", "urgent")]
    assert (store.aggregate_raw(*KEY)["status"], store.aggregate_raw(*KEY)["priority"]) == ("new", "normal")
