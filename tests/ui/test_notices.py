"""Issue 11, notices of new work: one notice for many, only in office hours, never with "Không làm phiền", never
for the first sync or the officer's own taking; a click opens the item or its queue. Offscreen there is no
system tray, so the notice is the status bar's line (the fallback officers on some Linux desktops get)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QSystemTrayIcon

from tests.ui.conftest import open_synced_window
from tests.ui.seed import report, upsert
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.workdays import VN
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.services import Services
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.notices import Notice, Notices, for_tray
from triage_desktop.ui.tasks import TaskRunner


def vn(text: str) -> datetime:
    """A moment typed in Vietnam time, "02/03/2026 09:00"."""
    return datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=VN)


def set_clock(window: MainWindow, text: str) -> None:
    moment = vn(text)
    window.clock = lambda: moment


def told(window: MainWindow) -> list[Notice]:
    notices: list[Notice] = []
    window.notices.shown.connect(notices.append)
    return notices


def arrive(window: MainWindow, store: Store, count: int, first: int = 7000) -> list[str]:
    """`count` new reports come in through the feed (unread for the officer logged in), then the step ends."""
    ids = [f"r_new{first + n}" for n in range(count)]
    at = (datetime(2026, 3, 30, 9, tzinfo=VN) + timedelta(seconds=first)).isoformat()  # the server's clock moves on
    store.apply_page([upsert(report(item_id, first + n, submitted_at=at, updated_at=at))
                      for n, item_id in enumerate(ids)], f"cursor-{first}")
    window._on_items_changed([("report", item_id) for item_id in ids])  # what the sync controller says
    return ids


def click(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(window.notices.bar, Qt.MouseButton.LeftButton)


def test_several_arrivals_make_one_notice_in_the_status_bar_and_a_click_opens_their_queue(
        qtbot, window: MainWindow, store: Store) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable() and window.notices.tray is None  # offscreen: no tray
    set_clock(window, "02/03/2026 09:00")  # a Monday morning
    notices = told(window)
    arrive(window, store, 5)
    assert len(notices) == 1
    notice = notices[0]
    assert notice.title == "Có việc mới"
    assert notice.message.startswith("5 phản ánh mới: PA-2026-00") and notice.message.endswith("…")
    assert notice.message.count("PA-2026-") == 3  # a few codes, not all five
    bar = window.notices.bar
    assert bar.isVisible() and bar.text() == notice.message and bar.accessibleName().startswith("Có việc mới: ")
    click(qtbot, window)
    assert window.queues.current() == ("report", "new")
    assert not bar.isVisible()
    arrive(window, store, 1, first=7100)  # told once each: the five are not told again
    assert len(notices) == 2 and notices[1].message.startswith("1 phản ánh mới: PA-2026-007100 — ")


def test_a_catch_up_is_not_news_even_when_one_of_its_items_comes_again(qtbot, window: MainWindow,
                                                                       store: Store) -> None:
    """Sixty reports in one step (a long sync's page) are a catch-up: no notice, then or when one of them is sent
    again unchanged in a small step; a report that arrives after it is news."""
    set_clock(window, "02/03/2026 09:00")
    notices = told(window)
    caught_up = arrive(window, store, 60)
    assert notices == []
    window._on_items_changed([("report", caught_up[0])])  # the feed may send a change again (§5)
    assert notices == []
    store.apply_page([upsert(report("r_new7200", 7200, updated_at="2026-03-30T12:00:00+07:00"))], "cursor-7200")
    window._on_items_changed([("report", "r_new7200")])
    assert len(notices) == 1 and notices[0].message.startswith("1 phản ánh mới: PA-2026-007200")


def test_one_arrival_names_it_and_a_click_opens_it(qtbot, window: MainWindow, store: Store) -> None:
    set_clock(window, "02/03/2026 14:00")
    window.search.setText("không có gì khớp")  # a search in the way is cleared by the click
    notices = told(window)
    arrive(window, store, 1)
    assert notices[0].message == "1 phản ánh mới: PA-2026-007000 — Cây đổ chắn đường số 7000"
    click(qtbot, window)
    assert window.queues.current() == ("report", "new")
    assert window.list_view.current_key() == ("report", "r_new7000")
    assert window.detail.item().id == "r_new7000" and window.search.text() == ""


def test_a_hostile_title_stays_plain_text_in_a_notice(qtbot, window: MainWindow, store: Store) -> None:
    set_clock(window, "02/03/2026 14:00")
    notices = told(window)
    store.apply_page([upsert(report("r_evil", 7200, title="<img src=x>\u202eAlert\n" + "x" * 500,
                                    updated_at="2026-03-30T09:00:00+07:00"))], "cursor-evil")
    window._on_items_changed([("report", "r_evil")])
    message = notices[0].message
    assert "\u202e" not in message and "\n" not in message and len(message) < 140
    # A notification daemon may read the body as markup: the tray gets look-alikes for its characters.
    title, body = for_tray(notices[0])
    assert "<" not in body and ">" not in body and "‹img src=x›Alert" in body


def test_a_locked_window_tells_no_title_and_keeps_its_status_bar_quiet(qtbot, window: MainWindow,
                                                                        store: Store) -> None:
    set_clock(window, "02/03/2026 14:00")
    notices = told(window)
    window.lock()
    arrive(window, store, 1)
    assert notices[0].message == "1 phản ánh mới: PA-2026-007000"  # the code only: the title is citizen text
    assert not window.notices.bar.isVisible()


def test_nothing_outside_office_hours_then_one_notice_at_the_next_opening(qtbot, window: MainWindow,
                                                                         store: Store) -> None:
    notices = told(window)
    set_clock(window, "02/03/2026 19:30")  # Monday evening
    arrive(window, store, 2)
    set_clock(window, "03/03/2026 06:45")
    arrive(window, store, 1, first=7100)
    window.notices.tick()
    set_clock(window, "03/03/2026 12:00")  # lunch break is not office hours either
    window.notices.tick()
    assert notices == [] and not window.notices.bar.isVisible()
    set_clock(window, "03/03/2026 07:00")  # office opens: what came meanwhile, in one notice
    window.notices.tick()
    assert len(notices) == 1 and notices[0].message.startswith("3 phản ánh mới: ")
    window.notices.tick()
    assert len(notices) == 1


def test_do_not_disturb_silences_and_is_kept_per_officer(qtbot, window: MainWindow, store: Store,
                                                        workspace: LocalWorkspace, runner: TaskRunner,
                                                        settings: QSettings) -> None:
    set_clock(window, "02/03/2026 09:00")
    notices = told(window)
    quiet = window.notices.quiet_action
    assert quiet in window.menuBar().actions()[2].menu().actions()  # "Xem" → "Không làm phiền"
    quiet.trigger()
    arrive(window, store, 3)
    window.notices.tick()
    assert notices == [] and not window.notices.bar.isVisible()
    assert window.arrivals.text() == "3 phản ánh mới"  # the status bar still counts them
    window.shutdown()

    again = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings)
    qtbot.addWidget(again)
    assert again.notices.quiet  # kept for this officer…
    assert settings.value("notices/u_01/quiet") in (True, "true")
    assert settings.value("notices/u_17/quiet") is None  # …and for her only
    again.notices.set_quiet(False)
    set_clock(again, "02/03/2026 09:05")
    later = told(again)
    arrive(again, store, 1, first=7100)
    assert len(later) == 1 and later[0].message.startswith("1 phản ánh mới")  # the quiet time is not replayed
    again.shutdown()


def test_the_morning_list_comes_once_per_working_day(qtbot, window: MainWindow, workspace: LocalWorkspace,
                                                    store: Store, runner: TaskRunner, settings: QSettings) -> None:
    # The leader (u_01) has ten acknowledged reports due Monday 09/03/2026 17:00.
    notices = told(window)
    set_clock(window, "06/03/2026 07:30")  # Friday: due in 1 day 7 hours of office time, not within a day
    window.notices.tick()
    assert notices == []
    set_clock(window, "09/03/2026 06:50")  # Monday before opening
    window.notices.tick()
    assert notices == []
    set_clock(window, "09/03/2026 07:10")
    window.notices.tick()
    assert len(notices) == 1
    morning = notices[0]
    assert morning.title == "Việc cần làm trong ngày"
    assert morning.message.startswith("10 phản ánh của bạn sắp đến hạn hoặc quá hạn: PA-2026-")
    assert (morning.kind, morning.queue, morning.item_id) == ("report", "mine", "")
    click(qtbot, window)
    assert window.queues.current() == ("report", "mine")
    set_clock(window, "09/03/2026 09:00")
    window.notices.tick()
    assert len(notices) == 1  # once a day…
    window.close()
    again = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings)
    qtbot.addWidget(again)
    later = told(again)
    set_clock(again, "09/03/2026 10:00")
    again.notices.tick()
    assert later == []  # …even across a restart
    set_clock(again, "10/03/2026 07:00")  # Tuesday: the same ten, overdue now
    again.notices.tick()
    assert len(later) == 1 and later[0].message.startswith("10 phản ánh của bạn")
    again.shutdown()


@pytest.mark.qt_log_ignore("systemTrayWindowChanged")  # the offscreen platform has no tray to watch
def test_a_tray_notice_click_opens_the_item(qtbot, window: MainWindow, store: Store,
                                            workspace: LocalWorkspace, settings: QSettings) -> None:
    """Where the desktop has a tray: the notice goes there, and its messageClicked opens the item."""
    set_clock(window, "02/03/2026 09:00")
    notices = Notices(workspace, settings, now=window.now, calendar=window.deadline_clock.calendar, parent=window, tray=True)
    notices.openRequested.connect(window._open_notice)
    notices.set_user("u_01")
    given: list[Notice] = []
    notices.shown.connect(given.append)
    store.apply_page([upsert(report("r_tray", 7300, updated_at="2026-03-30T09:00:00+07:00"))], "cursor-t")
    notices.after_sync([("report", "r_tray")])
    assert len(given) == 1 and notices.tray is not None and not notices.bar.isVisible()
    notices.tray.messageClicked.emit()
    assert window.list_view.current_key() == ("report", "r_tray")
    notices.stop()


# --- against the sandbox server, over the real sync stack ------------------------------------------------------

@pytest.fixture
def officer_window(qtbot, sandbox: SandboxServer, services: Services, runner: TaskRunner,
                   tmp_path: Path) -> Iterator[MainWindow]:
    """An officer (canbo1, u_02) on an empty cache, in office hours, after the first sync (a snapshot)."""
    def record(main: MainWindow) -> None:  # the notices of the first sync too
        main.setProperty("notices", [])
        main.notices.shown.connect(lambda notice: main.setProperty("notices", [*main.property("notices"), notice]))

    main = open_synced_window(qtbot, sandbox, services, runner, tmp_path / "officer.ini", "canbo1", record,
                              clock=lambda: vn("02/03/2026 09:00"))
    yield main
    main.shutdown()


def shown_in(window: MainWindow) -> list[Notice]:
    return list(window.property("notices"))


def test_the_first_sync_is_not_news_and_a_new_report_on_the_server_is(qtbot, officer_window: MainWindow,
                                                                      sandbox: SandboxServer) -> None:
    window = officer_window
    mine = window.workspace.count(ItemQuery(kind="report", queue="mine", user_id="u_02"))
    assert mine > 0 and shown_in(window) == []  # her queue came with the snapshot: not "newly assigned"
    arrived = sandbox.add_report()
    qtbot.waitUntil(lambda: len(shown_in(window)) == 1, timeout=20_000)
    notice = shown_in(window)[0]
    assert notice.message.startswith(f"1 phản ánh mới: {arrived['code']} — ")
    click(qtbot, window)
    assert window.queues.current() == ("report", "new")
    assert window.detail.item() is not None and window.detail.item().id == arrived["id"]


def test_an_item_given_to_me_is_news_and_one_i_take_is_not(qtbot, officer_window: MainWindow,
                                                          sandbox: SandboxServer) -> None:
    window = officer_window
    free = [r for r in sandbox.all_aggregates("report") if r["status"] == "new" and not r.get("assignee_id")]
    given, taken = free[0], free[1]
    already = window.workspace.page(ItemQuery(kind="report", queue="mine", user_id="u_02"), 0, 1)[0]
    sandbox.server_act("report", already.id, "note", body="Lãnh đạo: ưu tiên xử lý trong tuần.")  # hers before
    sandbox.server_act("report", given["id"], "assign", assignee_id="u_02")  # the leader gives her one
    qtbot.waitUntil(lambda: len(shown_in(window)) == 1, timeout=20_000)
    notice = shown_in(window)[0]
    assert notice.title == "Việc mới giao cho bạn"
    assert notice.message.startswith(f"1 phản ánh giao cho bạn: {given['code']} — ")
    assert (notice.kind, notice.queue, notice.item_id) == ("report", "mine", given["id"])

    window.queue_action("report", taken["id"], "assign", {"assignee_id": "u_02"})  # "Nhận xử lý"
    qtbot.waitUntil(lambda: (sandbox.aggregate("report", taken["id"]) or {}).get("assignee_id") == "u_02",
                    timeout=20_000)
    arrived = sandbox.add_report()  # a later step: by then hers has come back from the server
    qtbot.waitUntil(lambda: len(shown_in(window)) == 2, timeout=20_000)
    assert shown_in(window)[1].message.startswith(f"1 phản ánh mới: {arrived['code']}")
    assert all(taken["code"] not in n.message and already.code not in n.message for n in shown_in(window))
