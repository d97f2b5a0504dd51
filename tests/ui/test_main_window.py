"""The main window over a real cache: queues and counts, plain-text detail, queued actions, 200% text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QFrame, QLabel, QMessageBox

from tests.ui.seed import HOSTILE_TITLE, OFFICER
from triage_desktop.core.entities import CacheRecovery, ItemQuery
from triage_desktop.core.queues import queues_of
from triage_desktop.core.vocabulary import KINDS
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui import action_rules as rules
from triage_desktop.ui.dialogs.action_dialogs import NoteDialog
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.messages import invalid_action_message
from triage_desktop.ui.models.item_table_model import COL_STATUS
from triage_desktop.ui.tasks import TaskRunner


def click_row(qtbot, window: MainWindow, kind: str, item_id: str) -> None:
    view = window.list_view
    row = window.model.row_of((kind, item_id))
    assert row is not None
    index = window.model.index(row, 1)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert view.current_key() == (kind, item_id)


def shown_labels(window: MainWindow) -> list[QLabel]:
    return [label for label in window.detail.findChildren(QLabel) if label.isVisibleTo(window)]


def test_queues_show_their_counts(qtbot, window: MainWindow, workspace: LocalWorkspace) -> None:
    counts = workspace.queue_counts("u_01", window.deadline_clock.bounds())
    for kind in KINDS:
        for queue in queues_of(kind):
            assert window.queues.item_text(kind, queue).endswith(f"({counts[(kind, queue)]})")
    assert window.queues.item_text("outbox") == "Hộp thư đi (0)"
    assert window.model.rowCount() == counts[("report", "all")]
    window.queues.select("dossier", "new")
    assert window.model.rowCount() == counts[("dossier", "new")] > 0
    window.queues.select("report", "mine")
    assert window.model.rowCount() == counts[("report", "mine")] > 0


def test_selected_item_shows_server_text_literally(qtbot, window: MainWindow) -> None:
    click_row(qtbot, window, "report", "r_featured")
    labels = shown_labels(window)
    texts = [label.text() for label in labels]
    assert HOSTILE_TITLE in texts  # the title, shown as typed: no bold, no image
    assert "<img src=x>ảnh hiện trường.jpg" in texts  # an attachment name is display text only
    assert "<b>Công dân</b>" in texts
    for label in labels:
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert "Trần Văn Bình" in texts  # assignee by name
    assert any("Cây xanh" in text for text in texts)  # category name from reference data


def test_timeline_tells_internal_notes_from_public_replies(qtbot, window: MainWindow) -> None:
    window.select_item("report", "r_featured")
    internal = window.detail.findChildren(QFrame, "internalEvent")
    public = window.detail.findChildren(QFrame, "publicEvent")
    plain = window.detail.findChildren(QFrame, "plainEvent")
    assert [f.property("eventType") for f in internal] == ["note"]
    assert [f.property("eventType") for f in public] == ["reply"]
    badge = lambda frame: [w.text() for w in frame.findChildren(QLabel, "visibilityBadge")]  # noqa: E731
    assert badge(internal[0]) == ["Nội bộ"]
    assert badge(public[0]) == ["Công khai — công dân nhìn thấy"]
    assert internal[0].palette().window().color() != public[0].palette().window().color()
    unknown = [f for f in plain if f.property("eventType") == "teleported"]
    assert unknown and "Một loại sự kiện mới" in [w.text() for w in unknown[0].findChildren(QLabel)]


def test_queueing_a_note_shows_it_as_waiting_to_be_sent(qtbot, window: MainWindow,
                                                        workspace: LocalWorkspace) -> None:
    click_row(qtbot, window, "report", "r_0004")
    qtbot.mouseClick(window.detail.button(rules.NOTE), Qt.MouseButton.LeftButton)
    dialog = window.active_dialog
    assert isinstance(dialog, NoteDialog)
    # QTest.keyClicks only types ASCII; Unikey commits whole Vietnamese characters, which is what this does.
    dialog.body.insertPlainText("Đã liên hệ điện lực")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.detail.findChildren(QFrame, "pendingAction")))
    frame = window.detail.findChildren(QFrame, "pendingAction")[0]
    frame_texts = [w.text() for w in frame.findChildren(QLabel)]
    assert "Đang chờ gửi" in frame_texts
    assert "Đã liên hệ điện lực" in frame_texts
    row = window.model.row_of(("report", "r_0004"))
    assert window.model.index(row, COL_STATUS).data().endswith("đang chờ gửi")
    assert window.queues.item_text("outbox") == "Hộp thư đi (1)"
    assert "1 thao tác chờ gửi" in window.indicator.text()
    [action] = workspace.outbox()
    assert (action.type, action.aggregate_id, action.payload["body"]) == ("note", "r_0004", "Đã liên hệ điện lực")


def test_an_empty_note_is_refused_in_the_dialog(qtbot, window: MainWindow, workspace: LocalWorkspace) -> None:
    window.select_item("report", "r_0004")
    qtbot.mouseClick(window.detail.button(rules.NOTE), Qt.MouseButton.LeftButton)
    dialog = window.active_dialog
    assert isinstance(dialog, NoteDialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text() == invalid_action_message("missing:body")
    assert workspace.outbox() == []
    dialog.reject()


def test_a_refused_action_is_explained_in_vietnamese(qtbot, window: MainWindow) -> None:
    window.queue_action("dossier", "d_0000", "reply", {"body": "Không áp dụng cho hồ sơ"})
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, QMessageBox))
    box = window.active_dialog
    assert box.text() == invalid_action_message("type_for_kind:reply:dossier")
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.accept()


def test_a_conflict_shows_the_reason_in_vietnamese_and_can_be_reapplied(qtbot, window: MainWindow, store: Store,
                                                                        workspace: LocalWorkspace) -> None:
    action = workspace.queue_action("report", "r_0007", "set_status", {"status": "acknowledged"})
    store.conflict_action(action.local_id, 412, {"type": "https://triage.example/problems/version-conflict",
                                                 "title": "Precondition failed <b>"}, None)
    window.refresh_counts()
    assert window.queues.item_text("outbox") == "Hộp thư đi (0) · 1 xung đột"
    assert window.indicator.text().endswith("· 1 xung đột")
    window.select_item("report", "r_0007")
    [frame] = window.detail.findChildren(QFrame, "conflictAction")
    texts = [w.text() for w in frame.findChildren(QLabel)]
    assert "Xung đột" in texts
    assert "Phản ánh đã được người khác cập nhật" in texts  # ours, not the server's English title
    reason = frame.findChild(QLabel, "conflictReason")
    assert "Precondition failed &lt;b&gt;" in reason.toolTip()  # the server's words, escaped
    [retry] = [b for b in frame.findChildren(QAbstractButton) if b.objectName() == "retryAction"]
    assert retry.text() == "Áp dụng lại trên phiên bản mới"
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.detail.findChildren(QFrame, "pendingAction")))
    [again] = workspace.outbox()
    assert again.state == "pending" and again.local_id != action.local_id
    assert not window.detail.findChildren(QFrame, "conflictAction")


def test_officer_gets_claim_instead_of_assign(qtbot, store: Store, workspace: LocalWorkspace, runner: TaskRunner,
                                              settings: QSettings) -> None:
    import json

    store.set_state("user", json.dumps(OFFICER))
    window = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.select_item("report", "r_0003")  # new, unassigned
    assert window.detail.button(rules.CLAIM).isVisibleTo(window)
    assert not window.detail.button(rules.ASSIGN).isVisibleTo(window)
    qtbot.mouseClick(window.detail.button(rules.CLAIM), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.detail.button(rules.CLAIM).isEnabled())  # already mine (unsent)
    [action] = workspace.outbox()
    assert (action.type, action.payload["assignee_id"]) == ("assign", OFFICER["id"])
    window.shutdown()


def test_layout_and_queue_are_kept_in_settings(qtbot, window: MainWindow, workspace: LocalWorkspace,
                                               runner: TaskRunner, settings: QSettings, store: Store) -> None:
    window.queues.select("dossier", "all")
    window.splitter.setSizes([300, 600, 500])
    sizes = window.splitter.sizes()
    window.shutdown()
    again = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings)
    qtbot.addWidget(again)
    again.resize(window.size())
    again.show()
    assert again.queues.current() == ("dossier", "all")
    assert again.model.query().kind == "dossier"
    assert again.splitter.sizes() == sizes
    again.shutdown()


def _clipped_buttons(window: MainWindow) -> list[str]:
    clipped = []
    checked = 0
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or button.window() is not window:
            continue
        checked += 1
        hint = button.sizeHint()
        if button.width() < hint.width() or button.height() < hint.height():
            clipped.append(f"{button.text() or button.objectName()}: {button.size().toTuple()} < {hint.toTuple()}")
    assert checked >= 8  # the action bar, the toolbar and the sync indicator at least
    return clipped


@pytest.mark.usefixtures("doubled_font")
def test_window_at_200_percent_text_has_no_clipped_buttons(qtbot, store: Store, workspace: LocalWorkspace,
                                                           runner: TaskRunner, settings: QSettings,
                                                           tmp_path) -> None:
    window = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)  # the small office screen
    window.show()
    qtbot.waitExposed(window)
    window.select_item("report", "r_featured")
    # Layouts settle over a few event-loop turns (slower on a busy machine); wait for it, not a fixed time.
    qtbot.waitUntil(lambda: _clipped_buttons(window) == [], timeout=5_000)
    assert window.detail.button(rules.NOTE).font().pointSizeF() >= 2 * 8
    assert window.minimumSizeHint().width() <= window.width()
    assert window.minimumSizeHint().height() <= window.height()
    window.grab().save(str(tmp_path / "window-200.png"))
    window.shutdown()


def test_zooming_at_run_time_resizes_everything(qtbot, window: MainWindow) -> None:
    window.select_item("report", "r_featured")
    before = window.detail.button(rules.NOTE).sizeHint().height()
    window.set_zoom(2.0)
    try:
        qtbot.waitUntil(lambda: window.detail.button(rules.NOTE).sizeHint().height() > before * 1.5, timeout=5_000)
        qtbot.waitUntil(lambda: _clipped_buttons(window) == [], timeout=5_000)
    finally:
        window.set_zoom(1.0)


def test_search_without_accents_finds_vietnamese_text(qtbot, window: MainWindow, workspace: LocalWorkspace) -> None:
    qtbot.keyClicks(window.search, "cay do chan duong so 7")  # typed without marks: "Cây đổ chắn đường số 7"
    qtbot.waitUntil(lambda: window.model.query().text == "cay do chan duong so 7")
    codes = {window.model.index(r, 0).data() for r in range(window.model.rowCount())}
    assert "PA-2026-000007" in codes
    assert 0 < window.model.rowCount() < workspace.count(ItemQuery(kind="report"))


def test_a_recovered_cache_is_explained_once_in_plain_words(qtbot, window: MainWindow) -> None:
    box = window.tell_cache_recovered(CacheRecovery("cache.sqlite3.corrupt-20261125T0800Z", kept=20))
    qtbot.waitUntil(box.isVisible)
    assert "cache.sqlite3.corrupt-20261125T0800Z" in box.text()
    assert "Đã giữ lại 20 thao tác chưa gửi." in box.text()
    assert "Không đọc lại được" not in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.accept()


def test_a_recovery_that_missed_actions_says_which(qtbot, window: MainWindow) -> None:
    """Issue 7: the window used to say the unsent actions were kept whatever the salvage found."""
    box = window.tell_cache_recovered(CacheRecovery("cache.sqlite3.corrupt-x", kept=17, not_found=(4, 5, 9),
                                                    nothing_lost=False))
    qtbot.waitUntil(box.isVisible)
    assert "Đã giữ lại 17 thao tác chưa gửi." in box.text()
    assert "Không đọc lại được 3 thao tác" in box.text() and "(4, 5, 9)" in box.text()
    box.accept()
