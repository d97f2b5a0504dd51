"""MainWindow: queues | list (with search) | detail, a menu, and an always-visible sync indicator.

The window reads page-sized data from the Workspace on the GUI thread (short reads), sends every write
through the TaskRunner's write lane and every network call through its network lane, and lets a SyncController
keep the cache live (docs/threading.md). An officer's action is queued locally (so it shows at once as
"đang chờ gửi") and the controller is kicked to push it promptly, as it is when the operating system says the network is back (NetworkWatcher). Refused actions show as conflict panels
in the detail pane, a badge in the list and "N xung đột" in the status bar; the officer re-applies or discards
each one (a discard only after a confirmation).

The window exists only once the SessionGate let an official in (ui/session_shell.py builds it). It can lock
itself (`lock`: idle, or the OS session locked): the list model, outbox and detail panel are emptied, open
dialogs hidden, menus and shortcuts disabled, and a LockPage shown; `unlocked` brings back the same view.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QPoint, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFontMetrics, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core import views
from triage_desktop.core.deadlines import DeadlineBounds
from triage_desktop.core.drafts import draft_fields, has_words, hold_for
from triage_desktop.core.entities import CacheRecovery, Item, ItemQuery, ItemRow, OutboxAction, SavedView, User
from triage_desktop.core.names import reference_names
from triage_desktop.core.ports import SyncService, Workspace
from triage_desktop.core.queues import default_order
from triage_desktop.core.record import RecordCell
from triage_desktop.core.vocabulary import SEARCH_LIMIT
from triage_desktop.core.work_settings import DEFAULT_WORK, WorkSettings
from triage_desktop.ui import shortcuts
from triage_desktop.ui.action_registry import ACTION_ENTRIES, DialogFactory, DialogSources, action_name
from triage_desktop.ui.attachment_opener import AttachmentOpener
from triage_desktop.ui.bulk_assign import BulkAssignment, Outcome, queue_assignments
from triage_desktop.ui.close_guard import unsent_close_box
from triage_desktop.ui.composers import Composers
from triage_desktop.ui.deadline_clock import DeadlineClock
from triage_desktop.ui.deadlines import deadline_state
from triage_desktop.ui.detail_panel import OPEN, DetailPanel
from triage_desktop.ui.dialogs.action_dialogs import ActionDialog, template_context
from triage_desktop.ui.dialogs.bulk_assign_dialog import BulkAssignDialog, assignable
from triage_desktop.ui.dialogs.dossier_action_dialogs import ExtendDialog
from triage_desktop.ui.dialogs.login_dialog import LoginDialog
from triage_desktop.ui.dialogs.report_action_dialogs import MERGE_CANDIDATES
from triage_desktop.ui.filter_bar import FilterBar, Filters
from triage_desktop.ui.item_list_view import ItemListView
from triage_desktop.ui.list_export import ListExporter
from triage_desktop.ui.lock_page import LockPage
from triage_desktop.ui.messages import error_message
from triage_desktop.ui.models.item_table_model import ItemTableModel, needs_clock
from triage_desktop.ui.network_watcher import NetworkWatcher
from triage_desktop.ui.new_arrivals import NewArrivals
from triage_desktop.ui.notices import Notices
from triage_desktop.ui.offline_photos import OfflinePhotos
from triage_desktop.ui.outbox_view import OutboxView
from triage_desktop.ui.papers.desk import PaperDesk
from triage_desktop.ui.queue_panel import OUTBOX, QueuePanel
from triage_desktop.ui.record_filter_line import RecordFilterLine
from triage_desktop.ui.record_view import RecordWindow
from triage_desktop.ui.sync_controller import SyncController
from triage_desktop.ui.sync_indicator import SyncIndicator
from triage_desktop.ui.table_export import TableExporter
from triage_desktop.ui.tasks import TaskRunner
from triage_desktop.ui.undo_window import UndoBar
from triage_desktop.ui.view_picker import ViewPicker
from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.styling import bold, tint

log = logging.getLogger(__name__)

ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
FOLD_FILTERS_FROM_ZOOM = 1.5  # the filter row starts folded from this text size on, until the officer chooses


class MainWindow(QMainWindow):
    logoutRequested = Signal()  # "Đăng xuất" (menu, toolbar, lock page): the session shell confirms and does it
    unlockRequested = Signal(str)  # the password typed on the lock page
    reloginRequested = Signal()  # the session expired (or "Đăng nhập lại…"): through the gate, when there is one

    def __init__(self, workspace: Workspace, sync_service: SyncService, runner: TaskRunner, *,
                 settings: QSettings | None = None, controller: SyncController | None = None,
                 network: NetworkWatcher | None = None, default_server_url: str = "",
                 lock_server_url: bool = False, relogin_through_gate: bool = False,
                 deadline_clock: DeadlineClock | None = None,
                 work: WorkSettings = DEFAULT_WORK,
                 clock: Callable[[], datetime] | None = None, parent: QWidget | None = None) -> None:
        """`relogin_through_gate`: an expired session is renewed by the session shell (`reloginRequested`: it
        closes this window and signs in through the SessionGate again), not by this window's login dialog.
        `work`: the deployment's knobs (amber "Sắp đến hạn" share, photo budget, map link, undo window). `clock`: the moment deadlines and
        office hours are judged at (tests set it, or `window.clock = …`); a `deadline_clock` (tests) brings its
        own time source, which then is the window's too."""
        super().__init__(parent)
        self.clock: Callable[[], datetime] = clock or (deadline_clock.now if deadline_clock is not None else _utc_now)
        self._relogin_through_gate = relogin_through_gate
        self.work = work
        self._locked = False
        self._saved_view: tuple[ItemQuery | None, tuple[str, str] | None, tuple[str, str] | None, str, bool] | None
        self._saved_view = None
        # Windows hidden by the lock, each with whether it reopens modal (a composer, the papers and Thống kê don't).
        self._hidden_dialogs: list[tuple[QWidget, bool]] = []
        self._disabled_actions: list[QAction] = []
        self._stale = False  # sync changed things while locked: refresh everything at unlock
        self.workspace = workspace
        self.sync_service = sync_service
        self.runner = runner
        self.settings = settings if settings is not None else QSettings()
        self.controller = controller if controller is not None else SyncController(sync_service, self)
        self.network = network if network is not None else NetworkWatcher(self)
        self._default_server_url = default_server_url
        self._lock_server_url = lock_server_url
        self.user: User | None = self._read_user()
        self.active_dialog: QDialog | None = None
        self._sync_state = "idle"  # until the controller reports: show the cache's last sync
        self._login_prompted = False
        self._pending_discard: int | None = None
        self._outbox_item: tuple[str, str] | None = None  # the item opened from the outbox, if any
        self._unsent = self._conflicts = 0
        self._pending_view: SavedView | None = None  # a view being opened: its queue's list is built from it
        self._bulk: BulkAssignment | None = None  # the last bulk assignment, until every action has an answer
        self._shut_down = False  # after shutdown, late signals from the network lane still ending are ignored
        self.record_window: RecordWindow | None = None  # "Thống kê" (issue 13), made when first asked for
        app = QApplication.instance()
        self._base_point_size = app.font().pointSizeF() if isinstance(app, QApplication) else 10.0
        self._zoom = 1.0

        self.queues = QueuePanel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Tìm theo mã, tiêu đề, tên, địa chỉ… (gõ không dấu cũng được)"))
        self.search.setAccessibleName(self.tr("Tìm kiếm"))
        self.model = ItemTableModel(workspace, None, self)
        self.list_view = ItemListView(self)
        self.list_view.setModel(self.model)
        # Deadline states and the deadline queues' counts follow this clock (issue 11): it ticks by itself.
        self.deadline_clock = (deadline_clock if deadline_clock is not None
                               else DeadlineClock(soon_working_days=work.due_soon_working_days, now=self.now, parent=self))
        self.deadline_clock.setParent(self)
        self.model.set_bounds(self.deadline_clock.bounds())
        self.deadline_clock.boundsChanged.connect(self._on_deadline_tick)
        self._queue_orders: dict[tuple[str, str], tuple[str, bool]] = {}  # the officer's sort of each queue
        # Several rows for a bulk assignment (Ctrl/Shift+click); the detail pane follows the current row.
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view_picker = ViewPicker(self)
        self.filters = FilterBar(self, leading=self.view_picker.widgets())
        self._filters_chosen = False  # the officer folded or unfolded the filter row herself (kept in settings)
        self.filters.toggle_button.clicked.connect(self._on_filters_folded)
        self.outbox_view = OutboxView(self)
        self.detail = DetailPanel(self, code_of=self._code_of, now=self.now)
        self._middle_stack = QStackedWidget(self)
        self._middle_stack.addWidget(self.list_view)
        self._middle_stack.addWidget(self.outbox_view)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        self.search_summary = QLabel(self)
        self.search_summary.setObjectName("searchSummary")
        self.search_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.search_summary.setWordWrap(True)
        self.search_summary.hide()
        middle_layout.addWidget(self.filters)
        middle_layout.addWidget(self.search)
        middle_layout.addWidget(self.search_summary)
        self.record_line = RecordFilterLine(self)  # "Từ Thống kê: … ×" (issue 13)
        middle_layout.addWidget(self.record_line)
        middle_layout.addWidget(self._middle_stack, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in (self.queues, middle, self.detail):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.lock_page = LockPage(self)
        self.lock_page.unlockRequested.connect(self.unlockRequested)
        self.lock_page.logoutRequested.connect(self.logoutRequested)
        self._central_stack = QStackedWidget(self)
        self._central_stack.addWidget(self.splitter)
        self._central_stack.addWidget(self.lock_page)
        self.unencrypted_band = QLabel(self.tr("Cảnh báo: dữ liệu trên máy này KHÔNG được mã hóa (theo cấu hình "
                                               "của bộ phận CNTT). Không để người khác dùng máy khi chưa đăng xuất."),
                                       self)
        self.unencrypted_band.setObjectName("unencryptedWarning")
        self.unencrypted_band.setTextFormat(Qt.TextFormat.PlainText)
        self.unencrypted_band.setWordWrap(True)
        self.unencrypted_band.setMargin(6)
        tint(self.unencrypted_band, styling.ALERT_BG)
        styling.text_color(self.unencrypted_band, styling.ALERT_FG)
        bold(self.unencrypted_band)
        self.unencrypted_band.hide()
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.unencrypted_band)
        central_layout.addWidget(self._central_stack, 1)
        self.setCentralWidget(central)

        self.notices = Notices(workspace, self.settings, now=self.now, calendar=self.deadline_clock.calendar,
                               parent=self)  # the calendar the list reads, not a fresh read of the cache each tick
        self.notices.openRequested.connect(self._open_notice)
        self.notices.showRequested.connect(self._bring_up)
        self.statusBar().addPermanentWidget(self.notices.bar)
        self.arrivals = NewArrivals(self)
        self.arrivals.kindRequested.connect(self._show_arrivals)
        self.statusBar().addPermanentWidget(self.arrivals)
        self.indicator = SyncIndicator(self)
        self.indicator.clicked.connect(self._on_indicator)
        self.statusBar().addPermanentWidget(self.indicator)
        self.composers = Composers(workspace, runner, self)  # open composers and their drafts (issue 12)
        self.composers.draftsChanged.connect(self._on_drafts_changed)
        self.undo_bar = UndoBar(workspace, runner, self)  # "Đã xếp gửi — Hoàn tác" while a held action waits
        self.statusBar().insertPermanentWidget(0, self.undo_bar)
        self.undo_bar.undone.connect(self._on_undone)
        self.undo_bar.holdEnded.connect(self._on_network_returned)  # its action may leave: sync now
        self.undo_bar.failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._quit_asked = self._leave_confirmed = False  # "Thoát" with unsent work asks first (closeEvent)
        self.list_export = ListExporter(workspace, runner, self, query=self._shown_query, open_dialog=self._open_dialog,
                                        show_error=self._show_message, show_status=self.statusBar().showMessage,
                                        now=self.now, full_numbers=work.full_exports)  # "Xuất danh sách…" (issue 13)
        self._build_actions()
        self.keys = shortcuts.install(self)  # "Thao tác" and "Trợ giúp" menus, item keys, Enter, tab order, icons

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._on_search_text)
        self.model.modelReset.connect(self._show_search_summary)
        self.model.rowsInserted.connect(self._show_search_summary)
        self.model.rowsRemoved.connect(self._show_search_summary)
        self.queues.queueSelected.connect(self._on_queue)
        self.list_view.currentItemChanged.connect(self._on_current_item)
        self.list_view.selectionModel().selectionChanged.connect(self._update_bulk_action)
        self.list_view.customContextMenuRequested.connect(self._on_list_menu)
        self.filters.changed.connect(self._on_filters)
        self.view_picker.viewChosen.connect(self.apply_view)
        self.view_picker.saveRequested.connect(self._ask_view_name)
        self.view_picker.deleteRequested.connect(self.delete_view)
        for signal in (self.model.modelReset, self.model.layoutChanged):
            signal.connect(self._show_view_name)
        self.model.modelReset.connect(lambda: self.record_line.show_query(self.model.query()))
        self.record_line.removeRequested.connect(self._drop_record_filter)
        self.detail.actionRequested.connect(self._on_action)
        self.detail.extensionRequested.connect(self._propose_extension)
        self.detail.retryRequested.connect(self.retry_action)
        self.detail.discardRequested.connect(self.discard_action)
        self.photos = OfflinePhotos(workspace, sync_service, runner, self.controller, budget=work.photo_cache_bytes,
                                    user_id=lambda: self.user.id if self.user else None, parent=self)
        self.detail.set_photos(self.photos.strip, work.map_url)
        self.detail.removeFileRequested.connect(self.remove_action_file)
        self.attachments = AttachmentOpener(sync_service, self.photos, runner, self, open_dialog=self._open_dialog,
                                            show_error=self._show_message, show_status=self.statusBar().showMessage)
        self.detail.attachmentRequested.connect(self._on_attachment)
        self.detail.revealRequested.connect(self._on_reveal)
        self.papers = PaperDesk(workspace, runner, self, clock=lambda: self.clock())  # issue 13: forms, print, PDF
        self.detail.paperRequested.connect(self.open_papers)
        self.outbox_view.retryRequested.connect(self.retry_action)
        self.outbox_view.discardRequested.connect(self.discard_action)
        self.outbox_view.openItemRequested.connect(self.open_item)
        self.controller.stateChanged.connect(self._on_sync_state)
        self.controller.itemsChanged.connect(self._on_items_changed)
        self.controller.progress.connect(self._on_progress)
        self.network.networkReturned.connect(self._on_network_returned)
        self.runner.failed.connect(self._show_error)

        self._update_title()
        self.reload_reference()
        self._restore_settings()
        self.refresh_counts()
        self._render_indicator()
        self.deadline_clock.start()
        self.notices.set_user(self.user.id if self.user else None)

    # --- construction --------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.sync_action = QAction(self.tr("Đồng bộ ngay"), self)
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F9))
        self.sync_action.setToolTip(self.tr("Đồng bộ ngay (F9)"))
        self.sync_action.triggered.connect(self.sync_now)
        self.outbox_action = QAction(self.tr("Hộp thư đi"), self)
        self.outbox_action.triggered.connect(lambda: self.queues.select(OUTBOX))
        self.login_action = QAction(self.tr("Đăng nhập lại…"), self)
        self.login_action.triggered.connect(self.show_login)
        self.logout_action = QAction(self.tr("Đăng xuất"), self)
        self.logout_action.triggered.connect(self.logoutRequested)
        self.quit_action = QAction(self.tr("Thoát"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self._quit)
        self.find_action = QAction(self.tr("Tìm kiếm"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        self.zoom_in_action = QAction(self.tr("Chữ to hơn"), self)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence(QKeySequence.StandardKey.ZoomIn)])
        self.zoom_in_action.triggered.connect(lambda: self.step_zoom(1))
        self.zoom_out_action = QAction(self.tr("Chữ nhỏ hơn"), self)
        self.zoom_out_action.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_action.triggered.connect(lambda: self.step_zoom(-1))
        self.zoom_reset_action = QAction(self.tr("Cỡ chữ mặc định"), self)
        self.zoom_reset_action.setShortcut(QKeySequence("Ctrl+0"))
        self.zoom_reset_action.triggered.connect(lambda: self.set_zoom(1.0))
        self.bulk_assign_action = QAction(self.tr("Phân công nhiều mục…"), self)
        self.bulk_assign_action.setObjectName("bulkAssign")
        self.bulk_assign_action.setEnabled(False)
        self.bulk_assign_action.triggered.connect(self.bulk_assign)
        self.clear_filters_action = QAction(self.tr("Bỏ lọc"), self)
        self.clear_filters_action.triggered.connect(self.filters.clear)
        self.save_view_action = QAction(self.tr("Lưu chế độ xem…"), self)
        self.save_view_action.triggered.connect(self._ask_view_name)
        self.record_action = QAction(self.tr("Thống kê"), self)
        self.record_action.setObjectName("recordAction")
        self.record_action.setToolTip(self.tr("Thống kê kết quả giải quyết đúng hạn, trễ hạn"))
        self.record_action.triggered.connect(self.show_record)

        file_menu = self.menuBar().addMenu(self.tr("&Tài khoản"))
        file_menu.addAction(self.login_action)
        file_menu.addAction(self.logout_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        sync_menu = self.menuBar().addMenu(self.tr("Đồng &bộ"))
        sync_menu.addAction(self.sync_action)
        sync_menu.addAction(self.outbox_action)
        view_menu = self.menuBar().addMenu(self.tr("&Xem"))
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.record_action)
        view_menu.addSeparator()
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.zoom_reset_action)
        view_menu.addSeparator()
        self.columns_menu = self.list_view.columns_menu(view_menu)  # "Cột hiển thị"
        view_menu.addMenu(self.columns_menu)
        list_menu = self.menuBar().addMenu(self.tr("&Danh sách"))
        list_menu.addAction(self.bulk_assign_action)
        list_menu.addAction(self.list_export.action)
        list_menu.addSeparator()
        list_menu.addAction(self.clear_filters_action)
        list_menu.addAction(self.save_view_action)
        view_menu.addAction(self.notices.quiet_action)

        toolbar = self.addToolBar(self.tr("Thanh công cụ"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.sync_action)
        toolbar.addAction(self.outbox_action)
        toolbar.addAction(self.bulk_assign_action)
        toolbar.addAction(self.list_export.action)
        toolbar.addAction(self.record_action)
        toolbar.addAction(self.logout_action)

    # --- starting and stopping -------------------------------------------------------------------------------

    def start_sync(self) -> None:
        """Start live sync (call once the window is shown)."""
        self.controller.start()

    def shutdown(self) -> None:
        """Save the layout and stop the network lane (the controller's thread: sync, and network calls not yet
        started); unsent work stays in the outbox.

        Stopping breaks off a long poll on the wire (sync/abortable.py), so this returns at once; the bound
        only matters for a request that is let finish (an action being sent, a login). The thread is a daemon
        and holds no transaction while it waits on the network. Queued local writes are the runner's to finish.
        """
        self._save_settings()
        if not self._shut_down:
            self._restore_font()
            self.composers.close_all()  # what is typed is kept as drafts (write lane: finished before the cache closes)
        self._shut_down = True
        if self.record_window is not None:
            self.record_window.shutdown()
        self.deadline_clock.stop()
        self.notices.stop()
        self.photos.stop()
        self.list_export.stop()
        self.controller.stop(timeout=3.0)

    def _restore_font(self) -> None:
        """Give the application its own text size back: the next official's window (after a logout) starts from
        it, and would otherwise scale an already scaled font."""
        app = QApplication.instance()
        if isinstance(app, QApplication) and self._zoom != 1.0:
            font = app.font()
            font.setPointSizeF(self._base_point_size)
            app.setFont(font)

    def _quit(self) -> None:
        self._quit_asked = True
        self.close()
        self._quit_asked = False

    def closeEvent(self, event: QCloseEvent) -> None:
        # The officer's own close (title bar, "Thoát") with unsent work says so first; the program's (logout,
        # relogin, tests) does not.
        if (event.spontaneous() or self._quit_asked) and not (self._leave_confirmed or self._shut_down):
            try:
                unsent = self.workspace.outbox_summary()[0]
            except Exception:
                log.exception("reading the outbox before closing failed")
                unsent = 0
            if unsent:
                event.ignore()
                box, leave = unsent_close_box(self, unsent)
                leave.clicked.connect(self._leave)
                box.finished.connect(box.deleteLater)
                box.open()  # locked too: a count shows no citizen's data, and the officer must be able to leave
                return
        self.shutdown()
        super().closeEvent(event)

    def _leave(self) -> None:
        self._leave_confirmed = True
        QTimer.singleShot(0, self.close)  # once the question has closed

    # --- reading the workspace ------------------------------------------------------------------------------

    def _read_user(self) -> User | None:
        try:
            return self.workspace.current_user()
        except Exception:
            log.exception("current_user failed")
            return None

    def reload_reference(self) -> None:
        try:
            members = {u.id: u.display_name for u in self.workspace.members()}
            categories = reference_names(self.workspace.reference("categories"))
            procedures = reference_names(self.workspace.reference("procedures"))
            units = reference_names(self.workspace.reference("units"), key="id")
            calendar = self.workspace.work_calendar()  # last, this and next year's, as the last sync cached them
        except Exception:
            log.exception("reading reference data failed")
            return
        self.detail.set_reference(members, categories, procedures, units, calendar)
        self.model.set_calendar(calendar)
        self.model.reload_reference()
        self.deadline_clock.set_calendar(calendar)  # a new calendar moves the bounds: the tick refreshes
        self._fill_filters(self._list_kind())

    def _on_deadline_tick(self, bounds: DeadlineBounds) -> None:
        """The clock moved on (a minute, 17:00, midnight): states and deadline queues roll over in place."""
        if self._shut_down:
            return
        before = self._current_deadline_state(self.model.bounds())
        self.model.set_bounds(bounds)
        if not self._locked:
            self.refresh_counts()
            if self._current_deadline_state(bounds) != before:
                self.show_current_item()  # the open item's "Hạn xử lý" and its extension proposal follow

    def _current_deadline_state(self, bounds: DeadlineBounds) -> str | None:
        """The deadline state of the item open in the list, at `bounds` (None when none is open)."""
        key = self.list_view.current_key()
        row = self.model.row_of(key) if key is not None else None
        item = self.model.row_at(row) if row is not None else None
        return deadline_state(item.kind, item.status, item.due_at, bounds) if item is not None else None

    def refresh_counts(self) -> None:
        user_id = self.user.id if self.user else None
        try:
            counts = self.workspace.queue_counts(user_id, self.deadline_clock.bounds())
            unsent, conflicts = self.workspace.outbox_summary()
            self.arrivals.set_counts(self.workspace.unread_counts(user_id))
        except Exception:
            log.exception("reading counts failed")
            return
        self.queues.set_counts(counts, unsent, conflicts)
        self._unsent, self._conflicts = unsent, conflicts
        self._render_indicator()

    def refresh_outbox(self) -> None:
        actions = self.workspace.outbox()
        codes: dict[tuple[str, str], str] = {}
        for action in actions:
            key = (action.kind, action.aggregate_id)
            if key not in codes:
                item = self.workspace.item(*key)
                codes[key] = (item.code or item.id) if item else action.aggregate_id
        self.outbox_view.set_actions(actions, codes, self._held_notes())

    def _held_notes(self) -> dict[int, str]:
        """Unsent actions another officer made on this PC: whose, and that only that officer's login sends them."""
        held = self.workspace.held_actions()
        if not held:
            return {}
        names = {u.id: u.display_name for u in self.workspace.members()}
        return {action.local_id: (self.tr("Của {name} — chờ người này đăng nhập để gửi").format(
                    name=names.get(action.author_id, action.author_id)) if action.author_id
                 else self.tr("Không rõ người tạo — chỉ có thể bỏ")) for action in held}

    def show_current_item(self) -> None:
        key = self.list_view.current_key() if self._middle_stack.currentWidget() is self.list_view else None
        self._show(key or self._outbox_item)

    def _show(self, key: tuple[str, str] | None) -> None:
        """The item in the detail pane; one that left the unit still shows while actions on it wait."""
        item = self.workspace.item(*key) if key else None
        if item is not None or key is None:
            self.detail.show_item(item, self.user)
            self.detail.set_drafts(self.workspace.drafts_of(*key) if key else [])
            return
        waiting = [a for a in self.workspace.outbox() if (a.kind, a.aggregate_id) == key]
        if waiting:
            self.detail.show_gone(key[0], key[1], waiting, self.user)
        else:
            self.detail.show_item(None, self.user)

    # --- queues, list, search ----------------------------------------------------------------------------

    def _on_queue(self, kind: str, queue: str) -> None:
        if kind == OUTBOX:
            self._middle_stack.setCurrentWidget(self.outbox_view)
            self.search.setEnabled(False)
            self.filters.setEnabled(False)
            self.refresh_outbox()
            self._outbox_item = None
            self.detail.show_item(None, self.user)
            return
        self._middle_stack.setCurrentWidget(self.list_view)
        self.search.setEnabled(True)
        self.filters.setEnabled(True)
        self._outbox_item = None
        current = self.model.query()
        view, self._pending_view = self._pending_view, None
        if current is None or current.kind != kind:
            self._fill_filters(kind)
            self._reload_views(kind)
        if current is not None:  # each queue keeps the order the officer gave it; "Việc của tôi" starts by time left
            self._queue_orders[(current.kind, current.queue)] = (current.sort_key, current.descending)
        sort_key, descending = self._queue_orders.get((kind, queue), default_order(queue))
        query = ItemQuery(kind=kind, queue=queue, user_id=self.user.id if self.user else None,
                          text=self.search.text().strip(), sort_key=sort_key, descending=descending)
        if view is not None and (view.kind, view.queue) == (kind, queue):
            query = views.apply_view(view, query)
            self.filters.set_filters(_filters_of(query))
        else:
            query = _with_filters(query, self.filters.filters())
        self._set_list_query(query)
        self.show_current_item()

    # --- filters, saved views, bulk assignment (issue 11) ----------------------------------------------------

    def _set_list_query(self, query: ItemQuery) -> None:
        """Every list query the filter row and the views make goes through here: given its clock, then shown."""
        self.model.set_query(self._with_bounds(query))
        self._show_view_name()

    def _with_bounds(self, query: ItemQuery) -> ItemQuery:
        """A deadline filter or queue needs the moment's DeadlineBounds (ItemQuery.bounds); others go without."""
        return dataclasses.replace(query, bounds=self.deadline_bounds() if needs_clock(query) else None)

    def deadline_bounds(self) -> DeadlineBounds:
        """The moment the list's deadline states, queues and filters are read at: the window's DeadlineClock."""
        return self.deadline_clock.bounds()

    def _shown_query(self) -> ItemQuery | None:
        """The list's query while the list is shown (not the outbox): what "Xuất danh sách…" writes."""
        return self.model.query() if self._middle_stack.currentWidget() is self.list_view else None

    def _list_kind(self) -> str:
        query = self.model.query()
        return query.kind if query is not None else "report"

    def _fill_filters(self, kind: str) -> None:
        """The filter row's options for `kind` (statuses, categories or procedures, members, channels)."""
        try:
            categories = reference_names(self.workspace.reference("procedures" if kind == "dossier" else "categories"))
            members = self.workspace.members()
        except Exception:
            log.exception("reading the filter options failed")
            categories, members = {}, []
        self.filters.set_kind(kind, categories, members)

    def _on_filters_folded(self) -> None:
        self._filters_chosen = True

    def _on_filters(self) -> None:
        query = self.model.query()
        if query is not None:
            self._set_list_query(_with_filters(query, self.filters.filters()))

    def _show_view_name(self) -> None:
        self.view_picker.show_query(self.model.query())

    def _reload_views(self, kind: str | None = None) -> None:
        """The picker's views: the built-in ones and the officer's own, read from the cache."""
        own: list[SavedView] = []
        if self.user is not None:
            try:
                own = self.workspace.saved_views(self.user.id)
            except Exception:
                log.exception("reading saved views failed")
        self.view_picker.set_views(kind or self._list_kind(), own, self.model.query())

    def apply_view(self, view: SavedView) -> None:
        """Show `view`: its queue selected in the panel, its filters in the row, its order in the list."""
        self._pending_view = view
        self.queues.select(view.kind, view.queue)
        if self._pending_view is not None:  # the panel was already on that queue: no queueSelected came
            self._pending_view = None
            query = self.model.query()
            if query is None:
                return
            if query.kind != view.kind:
                self._fill_filters(view.kind)
                self._reload_views(view.kind)
            query = views.apply_view(view, query)
            self.filters.set_filters(_filters_of(query))
            self._set_list_query(query)

    def _ask_view_name(self) -> None:
        if self.user is None or self.model.query() is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Lưu chế độ xem"))
        dialog.setLabelText(self.tr("Tên chế độ xem (hàng việc, bộ lọc và thứ tự đang dùng):"))
        dialog.setOkButtonText(self.tr("Lưu"))
        dialog.setCancelButtonText(self.tr("Hủy"))
        current = self.view_picker.current()
        if current is not None and not current.builtin:
            dialog.setTextValue(current.name)
        dialog.textValueSelected.connect(self.save_view)
        self._open_dialog(dialog)

    def save_view(self, name: str) -> None:
        """Keep the list as it is now under `name` (the officer's own; the same name is replaced)."""
        name = " ".join(name.split())
        query = self.model.query()
        if not name or query is None or self.user is None:
            return
        view = views.view_of(name, query)
        self.runner.run(functools.partial(self.workspace.save_view, self.user.id, view),
                        lambda _none: self._on_views_changed(self.tr("Đã lưu chế độ xem “{name}”").format(name=name)),
                        self._show_error)

    def delete_view(self, name: str) -> None:
        if self.user is None:
            return
        self.runner.run(functools.partial(self.workspace.delete_view, self.user.id, name),
                        lambda _none: self._on_views_changed(self.tr("Đã xóa chế độ xem “{name}”").format(name=name)),
                        self._show_error)

    def _on_views_changed(self, message: str) -> None:
        self._reload_views()
        self.statusBar().showMessage(message, 8000)

    def selected_keys(self) -> list[tuple[str, str]]:
        """The items selected in the list, in list order."""
        rows = sorted(index.row() for index in self.list_view.selectionModel().selectedRows())
        return [key for key in (self.model.key_at(row) for row in rows) if key is not None]

    def _update_bulk_action(self) -> None:
        count = len(self.list_view.selectionModel().selectedRows())
        self.bulk_assign_action.setText(self.tr("Phân công %n mục…", "", count) if count >= 2
                                        else self.tr("Phân công nhiều mục…"))
        self.bulk_assign_action.setEnabled(count >= 2 and not self._locked and self._can_assign())

    def _can_assign(self) -> bool:
        try:
            return bool(assignable(self.user, self.workspace.members()))
        except Exception:
            log.exception("reading members failed")
            return False

    def bulk_assign(self) -> None:
        """"Phân công N mục…": one assignee for the selected items, each then queued as its own action."""
        keys = self.selected_keys()
        if len(keys) < 2:
            return
        codes = {}
        for key in keys:
            row = self.model.row_of(key)
            item = self.model.row_at(row) if row is not None else None
            codes[key] = (item.code or item.id) if item is not None else key[1]
        dialog = BulkAssignDialog(len(keys), self.user, self.workspace.members(), self)
        dialog.accepted.connect(functools.partial(self._on_bulk_accepted, dialog, keys, codes))
        self._open_dialog(dialog)

    def _on_bulk_accepted(self, dialog: BulkAssignDialog, keys: list[tuple[str, str]],
                          codes: dict[tuple[str, str], str]) -> None:
        assignee = dialog.assignee_id()
        if assignee is not None:
            self.runner.run(functools.partial(queue_assignments, self.workspace, keys, assignee),
                            functools.partial(self._on_bulk_queued, codes), self._show_error)

    def _on_bulk_queued(self, codes: dict[tuple[str, str], str],
                        result: tuple[list[OutboxAction], list[tuple[str, str]]]) -> None:
        queued, refused = result
        self._bulk = BulkAssignment.of(queued, codes, (codes.get(key, key[1]) for key in refused))
        self.statusBar().showMessage(self.tr("Đã lưu phân công %n mục — đang chờ gửi", "", len(queued)))
        self._local_change([(a.kind, a.aggregate_id) for a in queued])
        self.controller.kick()

    def _check_bulk(self) -> None:
        """Once every action of the bulk assignment has the server's answer, sum it up in the status bar."""
        if self._bulk is None:
            return
        try:
            outcome = self._bulk.outcome(self.workspace.outbox())
        except Exception:
            log.exception("reading the outbox failed")
            return
        if outcome is not None:
            self._bulk = None
            self.statusBar().showMessage(self._bulk_summary(outcome))

    def _bulk_summary(self, outcome: Outcome) -> str:
        """"Đã phân công 19 mục · 1 xung đột (mã PA-2026-000123)"."""
        text = self.tr("Đã phân công %n mục", "", outcome.assigned)
        for codes, words in ((outcome.problems, self.tr("%n xung đột", "", len(outcome.problems))),
                             (outcome.not_queued, self.tr("%n mục không phân công được", "", len(outcome.not_queued)))):
            if codes:
                shown = ", ".join(codes[:5]) + ("…" if len(codes) > 5 else "")
                text += " · " + words + " " + self.tr("(mã {codes})").format(codes=shown)
        return text

    def _on_list_menu(self, pos: QPoint) -> None:
        menu = self.list_menu(pos)
        menu.popup(self.list_view.viewport().mapToGlobal(pos))

    def list_menu(self, pos: QPoint) -> QMenu:
        """The list's context menu at `pos`: the bulk assignment, and "what this row's officer has, overdue
        first" (a leader's second click from the list)."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.bulk_assign_action)
        menu.addAction(self.list_export.action)
        index = self.list_view.indexAt(pos)
        item = self.model.row_at(index.row()) if index.isValid() else None
        if item is not None and item.assignee_id:
            names = {u.id: u.display_name for u in self.workspace.members()}
            action = menu.addAction(self.tr("Việc của {name} — quá hạn trước").format(
                name=names.get(item.assignee_id, item.assignee_id)))
            action.setObjectName("memberView")
            action.triggered.connect(functools.partial(self.apply_view, views.member_view(item.kind, item.assignee_id)))
        return menu

    # --- the ward's record (issue 13) -------------------------------------------------------------------------

    def show_record(self) -> RecordWindow:
        """The "Thống kê" window (made once, non-modal): a clicked number lists its items here."""
        if self.record_window is None:
            exporter = TableExporter(self.runner, self, record=self.workspace.record, show_error=self._show_message,
                                     show_status=lambda text: self.statusBar().showMessage(text, 8000))
            self.record_window = RecordWindow(self.workspace, exporter, self, now=self.now)
            self.record_window.openRequested.connect(self.open_record_cell)
        if self.record_window.isVisible():  # behind the main window: bring it forward
            self.record_window.raise_()
            self.record_window.activateWindow()
        self.record_window.show()
        return self.record_window

    def open_record_cell(self, cell: RecordCell) -> None:
        """List exactly the items a number of the record counted: its kind's whole list, no other filter."""
        if self._locked:  # the list must stay empty behind the lock page
            return
        self.queues.select(cell.kind, "all")
        self.filters.clear()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        query = self.model.query()
        if query is not None:
            self._set_list_query(dataclasses.replace(query, text="", record=cell))
        self.activateWindow()  # the list is here: the officer looks at it next

    def _drop_record_filter(self) -> None:
        query = self.model.query()
        if query is not None:
            self._set_list_query(dataclasses.replace(query, record=None))

    def _on_search_text(self, _text: str) -> None:
        self._search_timer.start()  # debounce: query once the officer pauses typing

    def _apply_search(self) -> None:
        query = self.model.query()
        if query is not None:
            self.model.set_query(dataclasses.replace(query, text=self.search.text().strip()))

    def _show_search_summary(self) -> None:
        """How many a search found, and when it kept only the newest SEARCH_LIMIT: the officer must know that
        the list is not everything that matches."""
        query = self.model.query()
        if query is None or not query.text:
            self.search_summary.hide()
            return
        found = self.model.rowCount()
        if found >= SEARCH_LIMIT:
            text = self.tr("Hiện %n kết quả mới nhất — gõ thêm để thu hẹp", "", found)
        elif found:
            text = self.tr("Tìm thấy %n kết quả", "", found)
        else:
            text = self.tr("Không tìm thấy kết quả nào")
        self.search_summary.setText(text)
        self.search_summary.show()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_current_item(self, kind: str, item_id: str) -> None:
        self.show_current_item()
        row = self.model.row_of((kind, item_id)) if kind else None
        item = self.model.row_at(row) if row is not None else None
        if item is not None and item.unread and self.user is not None:
            self.runner.run(functools.partial(self.workspace.mark_read, self.user.id, kind, item_id),
                            lambda _was_new: self._local_change([(kind, item_id)]), self._show_error)

    def _show_arrivals(self, kind: str) -> None:
        """The status bar's "3 phản ánh mới": that kind's whole list, where the bold rows are."""
        self.queues.select(kind, "all")

    def open_item(self, kind: str, item_id: str) -> None:
        """Show one item (from the outbox) in the detail pane."""
        self._outbox_item = (kind, item_id)
        self._show((kind, item_id))

    def now(self) -> datetime:
        """The window's clock (injected in tests)."""
        return self.clock()

    def _bring_up(self) -> None:
        """Show the window in front (a notice or the tray icon was clicked while the officer was elsewhere)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        if not self.isActiveWindow():
            self.raise_()
            self.activateWindow()

    def _open_notice(self, kind: str, queue: str, item_id: str) -> None:
        """A notice was clicked: its item in its queue (or the queue, for several), the window brought up."""
        self._bring_up()
        if self._locked:
            return  # the lock page first; the notice's items are in their queues after unlocking
        if self.search.text():
            self._search_timer.stop()
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self.queues.select(kind, queue)
        query = self.model.query()
        if query is not None and query.text:
            self._apply_search()
        if item_id and not self.select_item(kind, item_id):
            self.open_item(kind, item_id)  # no longer in that queue (taken meanwhile): shown all the same

    def select_item(self, kind: str, item_id: str) -> bool:
        """Select an item in the current list (tests, screenshots, links)."""
        return self.list_view.select_key((kind, item_id))

    # --- sync ------------------------------------------------------------------------------------------------

    def sync_now(self) -> None:
        if self._sync_state == "login_required":
            self.show_login()
            return
        if not self.controller.running:
            self.controller.start()
        self.controller.kick()

    def _on_network_returned(self) -> None:
        """The OS says we are connected again: sync now instead of sleeping out the back-off."""
        if self.controller.running and self._sync_state != "login_required" and not self._shut_down:
            self.controller.kick()

    def _on_indicator(self) -> None:
        if self._sync_state == "online" and self._conflicts:
            self.queues.select(OUTBOX)
            return
        self.sync_now()

    def _on_sync_state(self, state: str, unsent: int, conflicts: int) -> None:
        if self._shut_down:  # the cache may already be closed
            return
        previous, self._sync_state = self._sync_state, state
        if state == "online" and previous == "syncing":
            self._after_sync()
            self._check_bulk()
        self.refresh_counts()
        if state == "login_required" and not self._login_prompted and self.isVisible() and not self._locked:
            self._login_prompted = True
            self.show_login()

    def _after_sync(self) -> None:
        if self._locked:
            self._stale = True
            return
        user = self._read_user()
        if user != self.user:
            self.user = user
            self._update_title()
            self._reload_views()
            self.notices.set_user(user.id if user else None)
            query = self.model.query()
            if query is not None and self.user is not None and query.user_id != self.user.id:
                self.model.set_query(dataclasses.replace(query, user_id=self.user.id))
        self.reload_reference()
        if self._middle_stack.currentWidget() is self.outbox_view:
            self.refresh_outbox()
        self.show_current_item()
        self.notices.tick()  # the morning list as soon as the cache is fresh, not at the next minute

    def _on_items_changed(self, changed: list[Any]) -> None:
        if self._shut_down:
            return
        self.notices.after_sync([tuple(key) for key in changed])  # locked too: counts and codes, no titles
        if self._locked:  # nothing of it may show: the whole view is read again at unlock
            self._stale = True
            return
        keys = [tuple(key) for key in changed]
        self.model.refresh_ids(keys)
        self.refresh_counts()
        self.show_current_item()
        self._check_bulk()
        if self._middle_stack.currentWidget() is self.outbox_view:
            self.refresh_outbox()

    def _on_progress(self, phase: str, done: int, total: int) -> None:
        if phase in ("pull", "push"):
            self.indicator.show_progress(done, total)

    def _render_indicator(self) -> None:
        last = None
        try:
            last = self.workspace.last_sync_at()
        except Exception:
            log.exception("last_sync_at failed")
        self.indicator.show_state(self._sync_state, self._unsent, self._conflicts, last)

    # --- login / logout ------------------------------------------------------------------------------------

    def show_login(self) -> None:
        if self._relogin_through_gate:
            self.reloginRequested.emit()
            return
        if isinstance(self.active_dialog, LoginDialog):
            self.active_dialog.raise_()
            return
        url = ""
        try:
            # Locked by IT (deployment.toml): its server, even if this cache last talked to another one.
            url = "" if self._lock_server_url else self.workspace.server_url() or ""
        except Exception:
            log.exception("server_url failed")
        dialog = LoginDialog(self.sync_service, self.runner, url or self._default_server_url,
                             self.user.username if self.user else "", self, lock_server=self._lock_server_url)
        dialog.loggedIn.connect(self._on_logged_in)
        self._open_dialog(dialog)

    def _on_logged_in(self, user: User) -> None:
        self.user = user
        self._reload_views()
        self._login_prompted = False
        self._update_title()
        self.notices.set_user(user.id)
        query = self.model.query()
        if query is not None and query.user_id != user.id:
            self.model.set_query(dataclasses.replace(query, user_id=user.id))
        self.refresh_counts()
        if not self.controller.running:
            self.controller.start()
        self.controller.kick()

    def tell_cache_recovered(self, recovery: CacheRecovery) -> QMessageBox:
        """The cache was damaged and set aside at start-up. Say once, plainly and exactly, what was kept and what
        the damaged file did not give back (never "everything was kept" unless it was)."""
        parts = [self.tr("Tệp dữ liệu trên máy bị hỏng nên đã được cất riêng ({file}).").format(file=recovery.file_name),
                 self.tr("Đã giữ lại %Ln thao tác chưa gửi.", "", recovery.kept)]
        if not recovery.nothing_lost:
            shown = ", ".join(str(n) for n in recovery.not_found[:10]) + ("…" if len(recovery.not_found) > 10 else "")
            parts.append(self.tr("Không đọc lại được %Ln thao tác: có thể chúng đã được gửi trước khi tệp hỏng; nếu "
                                 "chưa, xin làm lại.", "", len(recovery.not_found)) + f" ({shown})"
                         if recovery.not_found else
                         self.tr("Không chắc đã đọc lại được mọi thao tác chưa gửi: xin xem lại Hộp thư đi."))
        parts.append(self.tr("Toàn bộ phản ánh và hồ sơ đang được tải lại từ máy chủ."))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Dữ liệu trên máy đã được khôi phục"), " ".join(parts),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Đã hiểu"))
        box.open()
        return box

    def show_unencrypted_warning(self) -> None:
        """The deployment allowed a plain cache: say so, always, with no way to close it."""
        self.unencrypted_band.show()

    # --- locking -------------------------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self._locked

    def lock(self) -> None:
        """Hide everything behind the lock page, and drop it from the widgets (not merely covered: a screen
        reader or a grab finds no citizen text). Sync goes on; what it changes is read again at unlock."""
        if self._locked:
            return
        self._locked = True
        self.notices.set_locked(True)
        on_outbox = self._middle_stack.currentWidget() is self.outbox_view
        current = None if on_outbox else self.list_view.current_key()
        self._saved_view = (self.model.query(), current, self._outbox_item, self.search.text(), on_outbox)
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        self.composers.save_all()  # kept in the cache too, should the program not come back from the lock
        for shown in self.findChildren(QWidget):  # dialogs and our own windows (Thống kê): nothing stays on screen
            if shown.isWindow() and shown.isVisible():
                shown.hide()
                self._hidden_dialogs.append((shown, shown.windowModality() != Qt.WindowModality.NonModal))
        self._disabled_actions = [a for a in self.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled_actions:
            action.setEnabled(False)  # their shortcuts too
        self.menuBar().setEnabled(False)  # the toolbar stays, greyed: hidden, it would be saved hidden at exit
        self._search_timer.stop()
        self.search.blockSignals(True)
        self.search.clear()  # what was searched for may be a citizen's name
        self.search.blockSignals(False)
        self.search_summary.clear()
        self.search_summary.hide()
        self.model.set_query(None)
        self.outbox_view.set_actions([], {}, {})
        self._outbox_item = None
        self.detail.show_item(None, self.user)
        self.photos.forget_thumbnails()  # decoded citizens' photos leave memory too
        self.lock_page.reset(self.user.display_name if self.user else "")
        self._central_stack.setCurrentWidget(self.lock_page)
        self.lock_page.password.setFocus()

    def unlocked(self) -> None:
        """The gate accepted the password: the same list, search and selection as before the lock."""
        if not self._locked:
            return
        self._locked = False
        self.notices.set_locked(False)
        self._central_stack.setCurrentWidget(self.splitter)
        self.lock_page.reset("")
        self.menuBar().setEnabled(True)
        for action in self._disabled_actions:
            action.setEnabled(True)
        self._disabled_actions = []
        self._update_bulk_action()  # enabled at the lock with rows selected; the selection is one row now
        query, current, outbox_item, text, on_outbox = self._saved_view or (None, None, None, "", False)
        self._saved_view = None
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        if self._stale:
            self._stale = False
            self._after_sync()
        self.model.set_query(query)
        self._show_search_summary()
        if on_outbox:
            self.refresh_outbox()
            self._outbox_item = outbox_item
        elif current is not None:
            self.list_view.select_key(current)
        self.show_current_item()
        self.refresh_counts()
        dialogs, self._hidden_dialogs = self._hidden_dialogs, []
        for dialog, modal in dialogs:
            try:
                if modal and isinstance(dialog, QDialog):
                    dialog.open()  # as it was, or as it would have opened had the window not been locked
                else:
                    dialog.show()  # a composer, the papers, Thống kê: not modal
            except RuntimeError:  # deleted meanwhile
                log.debug("a dialog hidden by the lock is gone")
        if self._sync_state == "login_required" and not self._login_prompted:
            self._login_prompted = True
            self.show_login()

    def _update_title(self) -> None:
        title = self.tr("Tiếp nhận phản ánh, hồ sơ")
        if self.user is not None:
            title = f"{title} — {self.user.display_name}"
        self.setWindowTitle(title)

    # --- actions ---------------------------------------------------------------------------------------------

    def _propose_extension(self, new_due: datetime) -> None:
        """The detail pane's "Đề xuất gia hạn": the extension dialog with the proposed date and the unit's apology
        letter filled in; the officer reads, edits and sends it like any extension."""
        item = self.detail.item()
        if item is None:
            return
        dialog = ExtendDialog(item, self.user, self._reference("templates"), self._template_context(item), self,
                              calendar=self.deadline_clock.calendar(), clock=self.now, new_due=new_due, apology=True)
        dialog.accepted.connect(self._on_dialog_accepted)
        self._open_dialog(dialog)

    def _on_action(self, action: str) -> None:
        """A button or menu entry of the detail panel: open its dialog, or queue it at once (action_registry)."""
        item = self.detail.item()
        entry = ACTION_ENTRIES.get(action)
        if item is None or entry is None:
            return
        if entry.dialog is None:
            fields = entry.direct(self.user) if entry.direct is not None else None
            if fields is not None:
                self.queue_action(item.kind, item.id, entry.action_type, fields)
            return
        self._open_composer(item, entry.action_type, entry.dialog)

    def _open_composer(self, item: Item, action_type: str, factory: DialogFactory) -> ActionDialog:
        """The item's composer for `action_type`: the open one brought forward (one per item and action), else a
        new one (its draft restored)."""
        existing = self.composers.open_one((item.kind, item.id, action_type))
        if existing is not None:  # not built again: that reads templates, members and limits on this thread
            self._bring_forward(existing)
            return existing
        # Made for this dialog only: kept on the window, its bound methods would tie the window in a cycle.
        sources = DialogSources(reference=self._reference, template_context=self._template_context,
                                members=self.workspace.members, find_reports=self._find_reports,
                                calendar=self.deadline_clock.calendar)
        dialog = factory(item, self.user, sources, self)
        dialog.accepted.connect(self._on_dialog_accepted)
        self._open_dialog(dialog)
        return dialog

    def _bring_forward(self, composer: ActionDialog) -> None:
        if not self._locked:
            composer.raise_()
            composer.activateWindow()

    def _open_dialog(self, dialog: QDialog) -> None:
        if isinstance(dialog, ActionDialog):
            existing = self.composers.existing(dialog)
            if existing is not None:  # one composer per item and action (the extension proposal's way in)
                dialog.deleteLater()
                self._bring_forward(existing)
                return
            self.composers.adopt(dialog)
        self.active_dialog = dialog
        dialog.finished.connect(self._on_dialog_finished)
        if self._locked:  # e.g. a photo that finished downloading after the lock: opened at unlock
            self._hidden_dialogs.append((dialog, not isinstance(dialog, ActionDialog)))
            return
        if isinstance(dialog, ActionDialog):
            dialog.show()  # not modal: the officer may look at other items while writing
        else:
            dialog.open()

    def _on_dialog_accepted(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, ActionDialog) and dialog.payload is not None:
            fields = {k: v for k, v in dialog.payload.items() if k != "type"}
            self.queue_action(dialog.item.kind, dialog.item.id, dialog.action_type, fields, dialog.attached_files())

    def _on_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.active_dialog:
            self.active_dialog = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    def _code_of(self, kind: str, item_id: str) -> str | None:
        try:
            item = self.workspace.item(kind, item_id)
        except Exception:
            log.exception("reading an item's code failed")
            return None
        if item is None:
            return None
        return item.code or None

    def _find_reports(self, text: str, category: str | None) -> list[ItemRow]:
        try:
            return self.workspace.page(ItemQuery(kind="report", text=text, category=category), 0, MERGE_CANDIDATES + 1)
        except Exception:
            log.exception("searching reports to merge into failed")
            return []

    def _reference(self, name: str) -> Any:
        try:
            return self.workspace.reference(name)
        except Exception:
            log.exception("reference %s failed", name)
            return None

    def _template_context(self, item: Any) -> dict[str, str]:
        unit_name = ""
        units = self._reference("units")
        if self.user is not None and isinstance(units, Iterable):
            for unit in units:
                if isinstance(unit, Mapping) and unit.get("id") == self.user.unit_id:
                    unit_name = str(unit.get("name") or "")
        return template_context(item, self.user, unit_name)

    def queue_action(self, kind: str, item_id: str, action_type: str, fields: Mapping[str, Any],
                     files: Sequence[Path] = ()) -> None:
        """Store the action locally (write lane: its files are read and copied in there), show it at once, then
        push it (a kick of the network lane). A reply, an assignment or a status change waits the deployment's
        undo window first (core.drafts)."""
        work = functools.partial(self.workspace.queue_action, kind, item_id, action_type, dict(fields), list(files),
                                 hold_seconds=hold_for(action_type, self.work.undo_seconds))
        self.runner.run(work, functools.partial(self._on_queued, list(files)), self._show_error)

    def _on_queued(self, files: list[Path], action: OutboxAction) -> None:
        if self.undo_bar.track(action, files):  # "Đã xếp gửi … — Hoàn tác" says it
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(self.tr("Đã lưu “{action}” — đang chờ gửi").format(
                action=action_name(action.type)), 8000)
        self._local_change([(action.kind, action.aggregate_id)])
        self.controller.kick()

    def _on_drafts_changed(self, kind: str, item_id: str) -> None:
        if self.detail.item() is not None and self.detail.shown_key() == (kind, item_id):
            self.detail.set_drafts(self.workspace.drafts_of(kind, item_id))

    def _on_undone(self, action: OutboxAction, files: list[Path]) -> None:
        """An action taken back in its undo window: gone from the outbox; its words back in their composer."""
        self.statusBar().showMessage(self.tr("Đã hoàn tác “{action}” — không gửi").format(
            action=action_name(action.type)), 8000)
        self._local_change([(action.kind, action.aggregate_id)])
        item = self.workspace.item(action.kind, action.aggregate_id)
        factory = next((e.dialog for e in ACTION_ENTRIES.values() if e.action_type == action.type and e.dialog), None)
        if item is not None and factory is not None and has_words(draft_fields(action.payload)):
            composer = self._open_composer(item, action.type, factory)  # the draft the undo kept fills it
            if files:
                composer.attach_again(files)

    def retry_action(self, local_id: int) -> None:
        self.runner.run(functools.partial(self.workspace.retry_action, local_id), self._on_retried, self._show_error)

    def _on_retried(self, action: OutboxAction) -> None:
        self.statusBar().showMessage(self.tr("Đã áp dụng lại “{action}” trên phiên bản mới — đang chờ gửi").format(
            action=action_name(action.type)), 8000)
        self._local_change([(action.kind, action.aggregate_id)])
        self.controller.kick()

    def remove_action_file(self, local_id: int, file_id: int) -> None:
        """A file the server refused comes off the failed action (the panel asked first); then re-apply."""
        self.runner.run(functools.partial(self.workspace.remove_action_file, local_id, file_id),
                        lambda _action: self._local_change([]), self._show_error)

    def discard_action(self, local_id: int) -> None:
        """Ask first: discarding drops the officer's own work (a reply, a decision) for good."""
        action = next((a for a in self.workspace.outbox() if a.local_id == local_id), None)
        name = action_name(action.type) if action is not None else ""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Bỏ thao tác"),
                          self.tr("Bỏ thao tác “{action}”? Thao tác sẽ không được gửi lên máy chủ và không thể "
                                  "khôi phục.").format(action=name), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton(self.tr("Bỏ thao tác"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Giữ lại"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Enter keeps the work; dropping it takes a deliberate click
        box.setEscapeButton(keep)
        self._pending_discard = local_id
        box.accepted.connect(self._confirm_discard)
        self._open_dialog(box)

    def _confirm_discard(self) -> None:
        local_id, self._pending_discard = self._pending_discard, None
        if local_id is not None:
            self.runner.run(functools.partial(self.workspace.discard_action, local_id),
                            lambda _r: self._local_change([]), self._show_error)

    def _local_change(self, keys: list[tuple[str, str]]) -> None:
        if self._locked:  # a write finished after the lock: shown at unlock
            self._stale = True
            return
        self.model.refresh_ids(keys)
        self.refresh_counts()
        if self._middle_stack.currentWidget() is self.outbox_view:
            self.refresh_outbox()
        self._show(self.detail.shown_key())

    def _on_attachment(self, attachment_id: str, purpose: str) -> None:
        item = self.detail.item()
        attachment = next((a for a in item.attachments if a.id == attachment_id), None) if item else None
        if attachment is None:
            return
        if purpose == OPEN:
            self.attachments.view(attachment, item.attachments if item else ())
        else:
            self.attachments.save(attachment)

    def _on_reveal(self, kind: str, item_id: str, field: str) -> None:
        """The officer asked to see a masked number: the audit entry first (write lane), then the number."""
        self.runner.run(functools.partial(self.workspace.record, "revealed", kind, item_id, {"field": field}),
                        functools.partial(self._revealed, kind, item_id, field), self._show_error)

    def open_papers(self, form_id: str = "") -> None:
        """The "Giấy tờ" dialog of the item the pane shows, on `form_id` ("": the suggested or first fitting)."""
        item = self.detail.item()
        if item is not None and not self._locked:
            self.papers.open(item, self.user, form_id)

    def _revealed(self, kind: str, item_id: str, field: str, _recorded: object) -> None:
        self.detail.reveal(kind, item_id, field)

    def _show_error(self, error: BaseException) -> None:
        self._show_message(error_message(error))

    def _show_message(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Không thực hiện được"), text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton(self.tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        self._open_dialog(box)

    # --- zoom and settings ---------------------------------------------------------------------------------

    def set_zoom(self, factor: float) -> None:
        """Scale the whole application's text (officers over 45: up to 200%)."""
        self._zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], factor))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            font = app.font()
            font.setPointSizeF(self._base_point_size * self._zoom)
            app.setFont(font)
            side = max(16, QFontMetrics(font).height())  # the toolbar's icons grow with its words
            for toolbar in self.findChildren(QToolBar):
                toolbar.setIconSize(QSize(side, side))
        self.settings.setValue("ui/zoom", self._zoom)
        if not self._filters_chosen:  # at 200% text the filter row would take half a 768 px list
            self.filters.set_unfolded(self._zoom < FOLD_FILTERS_FROM_ZOOM)
        QTimer.singleShot(0, self._fit_list_pane)  # once the panes have taken their new minimum widths

    def _fit_list_pane(self) -> None:
        """A small screen or large text: widen the list, from the detail pane, until its columns show — or at
        least its deadline column (ItemListView.wanted_width / deadline_width). The detail pane keeps 80
        characters for the first (a conflict panel's two columns side by side), 18 for the deadline. Only at a
        zoom, a window resize or a first start: a splitter the officer drags (and saved) stays as she put it."""
        sizes = self.splitter.sizes()
        if self._shut_down or len(sizes) != 3 or not self.isVisible():
            return
        # The queue pane may not have grown to its new minimum yet: count it at that width already.
        queues = max(sizes[0], self.queues.minimumSizeHint().width())
        rest = sum(sizes) - queues
        middle = round(rest * sizes[1] / max(1, sizes[1] + sizes[2]))
        detail = rest - middle
        char = self.fontMetrics().averageCharWidth()
        floor = self.detail.minimumSizeHint().width()
        take_all = min(self.list_view.wanted_width() - middle, detail - max(floor, char * 80))
        take_due = min(self.list_view.deadline_width() - middle, detail - max(floor, char * 18))
        take = max(take_all, take_due, 0)
        if [queues, middle + take, detail - take] != sizes:
            self.splitter.setSizes([queues, middle + take, detail - take])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().isValid() and event.oldSize().width() != event.size().width():  # not the first show
            QTimer.singleShot(0, self._fit_list_pane)

    def step_zoom(self, direction: int) -> None:
        steps = list(ZOOM_STEPS)
        nearest = min(range(len(steps)), key=lambda i: abs(steps[i] - self._zoom))
        self.set_zoom(steps[max(0, min(len(steps) - 1, nearest + direction))])

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            width = max(self.width(), 800)
            self.splitter.setSizes([int(width * 0.18), int(width * 0.42), int(width * 0.40)])
            QTimer.singleShot(0, self._fit_list_pane)  # once shown: the first start on a small screen
        self.list_view.restore_columns(s, self.user.id if self.user else None)
        shown = s.value("list/filters_shown")
        self._filters_chosen = shown is not None  # else they fold by themselves at large text (set_zoom)
        if self._filters_chosen:
            self.filters.set_unfolded(shown not in (False, "false"))
        zoom = s.value("ui/zoom")
        try:
            if zoom is not None and float(zoom) != 1.0:
                self.set_zoom(float(zoom))
        except (TypeError, ValueError):
            pass
        kind = str(s.value("list/kind") or "report")
        queue = str(s.value("list/queue") or "all")
        self.queues.select(kind if kind in ("report", "dossier") else "report", queue)
        if self.queues.current() is None:
            self.queues.select("report", "all")

    def _save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        self.list_view.save_columns(s, self.user.id if self.user else None)
        if self._filters_chosen:
            s.setValue("list/filters_shown", self.filters.unfolded())
        query = self.model.query()
        if query is not None:
            s.setValue("list/kind", query.kind)
            s.setValue("list/queue", query.queue)
        s.sync()


def _with_filters(query: ItemQuery, filters: Filters) -> ItemQuery:
    return dataclasses.replace(query, status=filters.status, category=filters.category,
                               assignee_id=filters.assignee_id, channel=filters.channel, deadline=filters.deadline)


def _filters_of(query: ItemQuery) -> Filters:
    return Filters(query.status, query.category, query.assignee_id, query.channel, query.deadline)


def _utc_now() -> datetime:
    return datetime.now(UTC)
