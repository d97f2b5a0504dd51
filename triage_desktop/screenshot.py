"""`python -m triage_desktop.screenshot OUT.png [--screen NAME]`: a picture of the real window over real data.

Starts a sandbox server in a temporary folder, logs in as `lanhdao` through the real sync service, syncs,
opens the main window offscreen, selects a report with photos and a rich timeline, and saves
`window.grab()`. Nothing is kept: the profile, the server data and the login live in the temporary folder
and in memory (the OS keyring is never touched).

`--screen` stages one of the screens issue 8 changed, through the same window and the sandbox's own rules:
`timeline` (a dossier the leader assigned, asked a fee for and extended), `status-dialog`, `extension-letter`,
`conflict-panel` (canbo1's status change refused after the leader reassigned the report, while her own
note went through), and the detail pane of a dossier with its phone and CCCD masked (`masked-phone`) or after
"Hiện" beside the phone was clicked (`revealed-phone`, which writes the audit entry as the window does).
Issue 11: `bulk-select` (the filter row narrowed to the unit's unassigned reports, five of them selected for
"Phân công 5 mục…"), `extension-proposal` (the detail pane of a dossier with two hours of office time left,
proposing its extension and apology) and `notice` (three reports arrive in office hours: the status bar's
notice, where offscreen has no system tray).
Issue 10's gate, through the real session shell (ui/session_shell.py): `gate` (the empty window before sign-in),
`locked` (the idle lock page) and `logout` (the confirmation, two actions unsent).
Issue 12's `detail-photos`: the detail pane of a report with photos and a place, after the window's first sync
fetched its thumbnails, with "Mở bản đồ" and "Sao chép tọa độ" under its coordinates.
Issue 11's `worklist`: canbo1's "Việc của tôi" of dossiers by time left, two of them extended on the server to
within a working day (amber), others past due (red) or waiting for the citizen (grey); give `--size 1366x768`
and `--zoom 2` for the small screen at 200% text.
Issue 12: `shortcut-sheet` (the "Phím tắt" sheet, F1, as the window builds it from its actions) and
`high-contrast` (the window in the high-contrast palette, as when the OS asks for it).
Issue 13: `paper-preview` (the print preview of the receipt, Mẫu 01, of a dossier the leader assigned, asked a
fee for and extended, opened from its "Giấy tờ" dialog) and `paper-pdf` (the first page of that dossier's control
slip, Mẫu 06, laid out exactly as its PDF and rendered to PNG).
Issue 12's `reply-attachments`: the reply dialog with a template filled in and two files attached (a photo and
a scanned PDF, written to the temporary folder), as the officer is about to send them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage_desktop.core.entities import Item, ItemQuery
from triage_desktop.core.ports import Workspace
from triage_desktop.core.vocabulary import FINAL_STATUSES
from triage_desktop.ui.file_names import is_photo  # no Qt: safe before QT_QPA_PLATFORM is set

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from triage_desktop.sandbox.server import SandboxServer
    from triage_desktop.services import Services
    from triage_desktop.ui.main_window import MainWindow

USERNAME, PASSWORD = "lanhdao", "demo123"
OFFICER = "canbo1"  # the conflict is hers: the leader's change is the colleague's
OFFICER_ID = "u_02"
COLLEAGUE_ID = "u_03"  # canbo2, whom the leader assigns the report to
SCREENS = ("window", "timeline", "status-dialog", "extension-letter", "conflict-panel", "new-arrivals",
           "error-dialog", "masked-phone", "revealed-phone", "worklist", "bulk-select", "extension-proposal",
           "notice", "gate", "locked", "logout", "shortcut-sheet", "high-contrast", "detail-photos",
           "reply-attachments", "paper-preview", "paper-pdf", "record",
           "record-reports")
GATE_SCREENS = ("gate", "locked", "logout")  # through the session shell: its windows, not a bare MainWindow


def pick_report(workspace: Workspace, scan: int = 500) -> Item | None:
    """The report that shows the most: photos, an internal note and a public reply, a long timeline."""
    best: tuple[int, Item] | None = None
    for row in workspace.page(ItemQuery(kind="report", queue="all"), 0, scan):
        item = workspace.item(row.kind, row.id)
        if item is None:
            continue
        photos = sum(1 for a in item.attachments if is_photo(a.content_type))
        types = {e.type for e in item.events}
        still_open = item.status not in FINAL_STATUSES["report"]  # so the action buttons show enabled
        score = (min(photos, 2) * 10 + ("note" in types) * 10 + ("reply" in types) * 10 + still_open * 15
                 + min(len(item.events), 8))
        if best is None or score > best[0]:
            best = (score, item)
    return best[1] if best else None


def _wait_for(app: object, done: Callable[[], bool], seconds: float = 20.0) -> None:
    """Run the event loop until `done()` (the sync thread delivers through it), or fail loudly."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the state to photograph")
        _settle(app, 0.05)


def _server_dossier(server: SandboxServer) -> dict[str, Any]:
    """A dossier that can still be extended, on the server, before the first sync."""
    return next(d for d in server.all_aggregates("dossier") if d["status"] in ("received", "processing"))


def _stage_timeline_on_server(server: SandboxServer) -> tuple[str, str]:
    """The leader assigns a dossier, asks for the fee, the citizen pays, and the leader extends it."""
    from triage_desktop.core.workdays import WorkCalendar
    from triage_desktop.ui.dialogs.dossier_action_dialogs import default_new_due

    dossier = _server_dossier(server)
    if dossier["status"] == "received":
        server.server_act("dossier", dossier["id"], "set_status", status="processing")
    server.server_act("dossier", dossier["id"], "assign", assignee_id=COLLEAGUE_ID)
    server.server_act("dossier", dossier["id"], "request_fee", amount_vnd=150_000,
                      body="Đề nghị Ông/Bà nộp lệ phí 150.000 đồng tại Bộ phận Một cửa.")
    server.server_act("dossier", dossier["id"], "fee_paid")
    # The date the extension dialog would offer: a few working days ahead, never in the past.
    current = server.aggregate("dossier", dossier["id"])
    assert current is not None  # the dossier just acted on
    due = datetime.fromisoformat(current["due_at"])
    new_due = default_new_due(WorkCalendar(), due, datetime.now(UTC))
    server.server_act("dossier", dossier["id"], "extend", new_due_at=new_due.isoformat(),
                      apology_letter="Thành thật xin lỗi Ông/Bà vì hồ sơ chưa được giải quyết đúng hạn.")
    return "dossier", dossier["id"]


def _stage_worklist_on_server(server: SandboxServer) -> tuple[str, str]:
    """Two of canbo1's late dossiers are extended (the leader agreed) to within a working day: amber rows beside
    the red ones. Returns the first, which the screen opens."""
    from triage_desktop.core.workdays import WorkCalendar, add_working_time

    now = datetime.now(UTC)
    late = [d for d in server.all_aggregates("dossier")
            if d.get("assignee_id") == OFFICER_ID and d["status"] in ("received", "processing")
            and d.get("due_at") and datetime.fromisoformat(d["due_at"]) < now]
    if len(late) < 3:
        raise RuntimeError("the sandbox data has too few late dossiers of canbo1 to stage the work list")
    calendar = WorkCalendar()
    for dossier, share in zip(late[:2], (0.3, 0.7), strict=True):
        new_due = add_working_time(now, share, calendar)
        server.server_act("dossier", dossier["id"], "extend", new_due_at=new_due.isoformat(),
                          apology_letter="Thành thật xin lỗi Ông/Bà vì hồ sơ chưa được giải quyết đúng hạn.")
    return "dossier", late[0]["id"]


def _settle(app: object, seconds: float) -> None:
    """Run the event loop for a while. Not QTest.qWait: it keeps the GIL, starving worker threads."""
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def take_screenshot(out: Path, *, reports: int = 60, dossiers: int = 20, width: int = 1440, height: int = 900,
                    language: str = "vi", zoom: float = 1.0, open_photo: bool = False, screen: str = "window") -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # a throwaway login, memory only

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from triage_desktop.sandbox.server import SandboxServer
    from triage_desktop.services import build_services
    from triage_desktop.ui.i18n import install_translators
    from triage_desktop.ui.main_window import MainWindow
    from triage_desktop.ui.tasks import TaskRunner
    from triage_desktop.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    apply_theme(app)
    if screen == "high-contrast":
        from triage_desktop.ui.theme import set_high_contrast

        set_high_contrast(app, True)
    translators = install_translators(app, language)
    del translators  # parented to the app: they live as long as it does
    if screen.startswith("record"):  # the ward's record: enough dossiers for a year's bars per officer and procedure
        dossiers = max(dossiers, 160)
    with tempfile.TemporaryDirectory(prefix="triage-shot-") as tmp:
        folder = Path(tmp)
        with SandboxServer(db=folder / "server.sqlite3", reports=reports, dossiers=dossiers, seed=1) as server:
            if screen in GATE_SCREENS:
                _shoot_gate(screen, app, folder, server, out, width, height, zoom)
                return out
            staged = _stage_timeline_on_server(server) if screen in ("timeline", "paper-preview", "paper-pdf") \
                else None
            if screen == "worklist":
                staged = _stage_worklist_on_server(server)
            services = build_services(folder / "profile")
            runner = TaskRunner()
            try:
                officer = screen in ("conflict-panel", "worklist")
                services.sync.login(server.url, OFFICER if officer else USERNAME, PASSWORD)
                services.sync.sync_once()
                settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
                window = MainWindow(services.workspace, services.sync, runner, settings=settings)
                window.resize(width, height)
                window.show()
                if zoom != 1.0:
                    window.set_zoom(zoom)
                window.queues.select("report", "all")
                item = pick_report(services.workspace)
                if item is not None:
                    window.select_item(item.kind, item.id)
                _settle(app, 0.3)  # let the detail pane lay itself out
                shown: QWidget = window
                if open_photo and item is not None:
                    photo = next((a for a in item.attachments if is_photo(a.content_type)), None)
                    if photo is not None:
                        window.attachments.view(photo, item.attachments)  # the viewer pages through them
                        _settle(app, 1.0)  # fetched on the network lane, then shown
                        shown = window.active_dialog or window
                elif screen != "window":
                    shown = _stage(screen, app, window, server, services, staged)
                out.parent.mkdir(parents=True, exist_ok=True)
                if not shown.grab().save(str(out)):
                    raise OSError(f"could not write {out}")
                window.shutdown()
                window.close()
            finally:
                runner.shutdown()
                services.close()
    return out


def _shoot_gate(screen: str, app: QApplication, folder: Path, server: SandboxServer, out: Path, width: int,
                height: int, zoom: float) -> None:
    """The gate's screens: the cache is synced first (so there is data the gate must not show), then the shell
    starts with nobody signed in."""
    from PySide6.QtCore import QSettings

    from triage_desktop.ui.launcher import make_lanes
    from triage_desktop.ui.session_shell import SessionShell

    gate, close = _gate(folder, server)
    shell = SessionShell(gate, make_lanes, server_url=server.url, idle_lock_minutes=0,
                         settings=QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    font = app.font()
    font.setPointSizeF(font.pointSizeF() * zoom)
    app.setFont(font)
    try:
        shell.gate_window.resize(width, height)
        shell.start()
        _wait_for(app, lambda: not shell.gate_window.form.busy)
        shown: QWidget = shell.gate_window
        if screen != "gate":
            shell.sign_in(server.url, USERNAME, PASSWORD)
            _wait_for(app, lambda: shell.window is not None and shell.window.model.rowCount() > 0)
            window = shell.window
            assert window is not None
            window.resize(width, height)
            item = pick_report(window.workspace)
            if item is not None:
                window.select_item(item.kind, item.id)
            _settle(app, 0.3)
            shown = window
            if screen == "locked":
                shell.lock()
                _settle(app, 0.3)
            else:  # two actions that cannot leave: the server is busy
                server.set_faults(1.0, ["http_503"])
                assert item is not None
                for body in ("Đã gọi điện cho công dân, hẹn kiểm tra hiện trường.", "Đã chuyển tổ dân phố xác minh."):
                    window.queue_action(item.kind, item.id, "note", {"body": body})
                _wait_for(app, lambda: window.workspace.outbox_summary()[0] == 2)
                shell.request_logout()
                _wait_for(app, lambda: shell._logout_dialog is not None)
                assert shell._logout_dialog is not None
                shown = _dialog(app, shell._logout_dialog)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not shown.grab().save(str(out)):
            raise OSError(f"could not write {out}")
    finally:
        shell.shutdown()
        close()


def _gate(folder: Path, server: SandboxServer) -> tuple[Any, Callable[[], None]]:
    """The session gate over a profile in `folder` whose encrypted cache already holds the unit's data, signed out
    (the window starts at the gate); and its closer. The keyring is memory-only: the password unwraps the key."""
    from triage_desktop.security.credentials import CredentialStore
    from triage_desktop.session import ProfileSession
    from triage_desktop.settings import Deployment

    session = ProfileSession(folder / "profile", Deployment(), CredentialStore.memory_only())
    session.sign_in(server.url, USERNAME, PASSWORD).sync.sync_once()
    session.close()
    return session, session.close


def _stage(screen: str, app: QApplication, window: MainWindow, server: SandboxServer, services: Services,
           staged: tuple[str, str] | None) -> QWidget:
    """Bring the window to `screen` as an officer would; return the widget to photograph."""
    from triage_desktop.ui import action_rules as rules
    from triage_desktop.ui.dialogs.action_dialogs import StatusDialog
    from triage_desktop.ui.dialogs.dossier_action_dialogs import ExtendDialog

    if screen == "timeline" and staged is not None:
        _open(app, window, *staged)
        window.detail.scroll_to_timeline()
        _settle(app, 0.2)
        return window
    if screen == "status-dialog":
        report = next(r for r in server.all_aggregates("report") if r["status"] == "in_progress")
        _open(app, window, "report", report["id"])
        window.detail.button(rules.SET_STATUS).click()
        dialog = window.active_dialog
        assert isinstance(dialog, StatusDialog)
        dialog.target.setCurrentIndex(dialog.target.findData("resolved"))
        dialog.reason_text.setPlainText("Đã phối hợp Công ty Công trình đô thị cắt tỉa và dọn cây đổ, "
                                        "đường đã thông thoáng.")
        return _dialog(app, dialog)
    if screen == "extension-letter":
        dossier = _server_dossier(server)
        _open(app, window, "dossier", dossier["id"])
        window.detail.more_action(rules.EXTEND).trigger()
        extend = window.active_dialog
        assert isinstance(extend, ExtendDialog)
        extend.template.setCurrentIndex(1)
        return _dialog(app, extend)
    if screen == "conflict-panel":
        report = next(r for r in server.all_aggregates("report") if r["status"] == "new")
        _open(app, window, "report", report["id"])
        # Queued while the window's sync loop is not running yet: the status change first, then a note.
        window.queue_action("report", report["id"], "set_status", {"status": "acknowledged"})
        _wait_for(app, lambda: len(services.workspace.outbox()) == 1)
        window.queue_action("report", report["id"], "note", {"body": "Đã gọi điện cho công dân, hẹn kiểm tra "
                                                                      "hiện trường sáng mai."})
        _wait_for(app, lambda: len(services.workspace.outbox()) == 2)
        server.server_act("report", report["id"], "assign", assignee_id=COLLEAGUE_ID)  # the leader, meanwhile
        window.start_sync()
        _wait_for(app, lambda: [a.state for a in services.workspace.outbox()] == ["conflict"]
                  and bool(window.detail.conflict_panels()) and "Đã gọi điện" in _timeline_text(window))
        _settle(app, 0.3)
        return window
    if screen == "new-arrivals":
        _settle(app, 0.2)
        window.list_view.scrollToTop()  # the officer watches the top of the list
        _settle(app, 0.2)
        for title in ("Cột điện nghiêng sau mưa lớn", "Rác thải tồn đọng đầu hẻm 12", "Cây đổ chắn lối vào chợ"):
            server.add_report(title=title)  # citizens report while the officer watches the list
        window.start_sync()
        _wait_for(app, lambda: window.arrivals.isVisible())
        _settle(app, 0.3)
        return window
    if screen == "error-dialog":
        return _error_dialog(app, services)
    if screen == "worklist" and staged is not None:
        window.queues.select(staged[0], "mine")
        _wait_for(app, lambda: window.select_item(*staged))
        window.list_view.scrollToTop()
        _settle(app, 0.5)  # the splitter and the columns fit themselves to the zoom
        return window
    if screen == "bulk-select":
        from PySide6.QtCore import QItemSelectionModel

        from triage_desktop.core.views import UNASSIGNED

        assignee = window.filters.combo("assignee_id")
        assignee.setCurrentIndex(assignee.findData(UNASSIGNED))
        window.queues.select("report", "open")
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        window.list_view.setCurrentIndex(window.model.index(0, 0))
        for row in range(1, min(5, window.model.rowCount())):
            window.list_view.selectionModel().select(window.model.index(row, 0), flags)
        _settle(app, 0.3)
        return window
    if screen == "extension-proposal":
        from datetime import timedelta

        dossier = _server_dossier(server)
        two_hours_left = datetime.fromisoformat(dossier["due_at"]) - timedelta(hours=2)
        window.clock = lambda: two_hours_left
        _open(app, window, "dossier", dossier["id"])
        return window.detail
    if screen == "notice":
        opening = _next_office_morning(datetime.now(UTC))
        window.clock = lambda: opening
        for title in ("Cột điện nghiêng sau mưa lớn", "Rác thải tồn đọng đầu hẻm 12", "Cây đổ chắn lối vào chợ"):
            server.add_report(title=title)
        window.start_sync()
        _wait_for(app, lambda: window.notices.bar.isVisible())
        _settle(app, 0.3)
        return window
    if screen == "detail-photos":
        return _detail_photos(app, window, server)
    if screen == "reply-attachments":
        return _reply_with_attachments(app, window, server, services)
    if screen in ("paper-preview", "paper-pdf") and staged is not None:
        return _paper(app, window, staged, preview=screen == "paper-preview")
    if screen in ("masked-phone", "revealed-phone"):
        _open(app, window, "dossier", _server_dossier(server)["id"])
        if screen == "revealed-phone":
            from triage_desktop.core.masking import PHONE

            (phone,) = [value for value in window.detail.masked_values() if value.field == PHONE]
            phone.button.click()
            _wait_for(app, lambda: all(value.is_revealed() for value in window.detail.masked_values()
                                       if value.field == PHONE))
            _settle(app, 0.2)
        return window.detail
    if screen == "shortcut-sheet":
        sheet = window.keys.show_sheet()
        _settle(app, 0.3)
        return sheet
    if screen == "high-contrast":
        window.list_view.setFocus()  # the focus ring and the selection, in yellow
        _settle(app, 0.3)
        return window
    if screen in ("record", "record-reports"):
        record = window.show_record()
        record.resize(window.size())
        record.set_preset("this_year")
        if screen == "record-reports":  # reports by category and status, with their working times
            record.kind.setCurrentIndex(record.kind.findData("report"))
            record.tabs.setCurrentIndex(record.tabs.count() - 1)
        _wait_for(app, lambda: record.record is not None and record.record.kind == record.kind.currentData()
                  and not record.computing)
        _settle(app, 0.3)
        return record
    raise ValueError(f"unknown screen {screen!r}")


def _paper(app: QApplication, window: MainWindow, staged: tuple[str, str], *, preview: bool) -> QWidget:
    """The receipt's print preview, or the control slip's first page as its PDF lays it out (a picture of it)."""
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QLabel

    from triage_desktop.ui.papers import render

    _open(app, window, *staged)
    window.open_papers("receipt" if preview else "control")
    (papers,) = window.papers.dialogs()
    _settle(app, 0.3)
    if preview:
        dialog = papers.preview()
        dialog.resize(980, 1000)
        _settle(app, 0.8)
        return dialog
    paper = papers.paper
    assert paper is not None
    image = render.page_image(papers.edited_html(), paper.resources, dpi=110)
    page = QLabel()
    page.setPixmap(QPixmap.fromImage(image))
    page.resize(image.size())  # not adjustSize(): a window is kept within the (small offscreen) screen
    return page


def _detail_photos(app: QApplication, window: MainWindow, server: SandboxServer) -> QWidget:
    """A report of the leader's working queues with photos and coordinates, after the prefetch a sync starts
    has kept its photos: the thumbnails come from the cache."""
    from PySide6.QtWidgets import QScrollArea

    from triage_desktop.core import queues
    from triage_desktop.core.photo_prefetch import PREFETCH_QUEUES
    from triage_desktop.ui.offline_photos import PhotoStrip

    user_id = window.user.id if window.user else None

    def score(report: dict[str, Any]) -> tuple[bool, bool, int]:
        working = any(queues.holds(q, "report", report["status"], report.get("assignee_id"), user_id)
                      for q in PREFETCH_QUEUES)
        placed = isinstance((report.get("location") or {}).get("lat"), int | float)
        return working, placed, min(3, sum(1 for a in report["attachments"] if is_photo(a["content_type"])))

    report = max(server.all_aggregates("report"), key=score)
    window.photos.prefetch()  # what the window does once a sync step ends in step
    _wait_for(app, lambda: not window.photos.prefetching)
    _open(app, window, "report", report["id"])
    wanted = [a["id"] for a in report["attachments"] if is_photo(a["content_type"])]
    # The pane's body before this item may still await its deletion: the strip is the one with these photos.
    strip = next(s for s in window.detail.findChildren(PhotoStrip) if s.attachment_ids() == wanted)
    _wait_for(app, lambda: all(strip.state(i) == "shown" for i in wanted))
    scroll = window.detail.findChild(QScrollArea)
    assert scroll is not None
    scroll.ensureWidgetVisible(strip, 0, 40)  # the place and its links above, the photos in view
    _settle(app, 0.3)
    return window.detail


def _reply_with_attachments(app: QApplication, window: MainWindow, server: SandboxServer,
                            services: Services) -> QWidget:
    from triage_desktop.sandbox.images import make_png
    from triage_desktop.ui import action_rules as rules
    from triage_desktop.ui.dialogs.action_dialogs import ReplyDialog

    report = next(r for r in server.all_aggregates("report") if r["status"] == "in_progress")
    _open(app, window, "report", report["id"])
    window.detail.button(rules.REPLY).click()
    dialog = window.active_dialog
    assert isinstance(dialog, ReplyDialog) and dialog.attachments is not None
    dialog.template.setCurrentIndex(1)
    files = services.database.path.parent.parent / "tệp của cán bộ"  # the temporary folder, beside the profile
    files.mkdir(exist_ok=True)
    photo, scan = files / "đèn đường đã thay.png", files / "biên bản nghiệm thu.pdf"
    photo.write_bytes(make_png(320, 240, (250, 200, 40), (30, 40, 90)))
    scan.write_bytes(b"%PDF-1.4\n" + b"0" * 180_000 + b"\n%%EOF\n")
    dialog.attachments.add_paths([photo, scan])
    return _dialog(app, dialog)


def _next_office_morning(moment: datetime) -> datetime:
    """09:00 of the next weekday, Vietnam time (a notice is given in office hours only)."""
    from datetime import timedelta

    from triage_desktop.core.workdays import VN

    day = moment.astimezone(VN).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN)


def _error_dialog(app: QApplication, services: Services) -> QWidget:
    """A bug in a slot, as "Phân công…" met `database is locked`: the real hook, logger and dialog."""
    import sqlite3

    from PySide6.QtCore import QTimer

    from triage_desktop.logs import setup_logging
    from triage_desktop.ui.error_dialog import install_error_reporting

    log_file = setup_logging(services.database.path.parent)  # the profile's logs folder, as the program has it
    reporter = install_error_reporting(app, log_file.parent)

    def assign_clicked() -> None:
        raise sqlite3.OperationalError("database is locked")

    QTimer.singleShot(0, assign_clicked)
    _wait_for(app, lambda: reporter.dialog is not None)
    assert reporter.dialog is not None
    _settle(app, 0.3)
    return reporter.dialog  # at the size it opens with (adjustSize would shrink the details to a sliver)


def _open(app: QApplication, window: MainWindow, kind: str, item_id: str) -> None:
    window.queues.select(kind, "all")
    _wait_for(app, lambda: window.select_item(kind, item_id))
    _settle(app, 0.3)


def _dialog(app: QApplication, dialog: QWidget) -> QWidget:
    dialog.adjustSize()
    _settle(app, 0.3)
    return dialog


def _timeline_text(window: MainWindow) -> str:
    from PySide6.QtWidgets import QLabel

    return "\n".join(label.text() for label in window.detail.findChildren(QLabel))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m triage_desktop.screenshot",
                                     description="Save a screenshot of the main window over sandbox data.")
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--size", default="1440x900", help="window size, e.g. 1366x768")
    parser.add_argument("--zoom", type=float, default=1.0, help="text size, e.g. 2 for 200%%")
    parser.add_argument("--open-photo", action="store_true", help="grab the photo viewer over the window instead")
    parser.add_argument("--screen", choices=SCREENS, default="window",
                        help="a changed screen: the timeline, a dialog, or the conflict panel")
    args = parser.parse_args(argv)
    width, _, height = args.size.partition("x")
    take_screenshot(args.out, width=int(width), height=int(height), language=args.lang, zoom=args.zoom,
                    open_photo=args.open_photo, screen=args.screen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
