"""Notices of new work: a tray notification (or, without a system tray, a line in the status bar) for new
reports and dossiers in the unit's "new" queue, items newly assigned to the officer, and each morning her items
due within a working day.

Restrained on purpose (officers ignore a program that chatters):
- one notice per moment, whatever it holds ("5 phản ánh mới: PA-…, PA-…, PA-……"), never one per item;
- silent outside office hours (the province's calendar): what came meanwhile is told, batched, at the next
  office-hours moment; the morning list comes once per working day per officer;
- "Không làm phiền" (menu and tray menu, kept per officer) drops notices; the status bar's "3 phản ánh mới"
  still counts what is unread;
- never for the first sync of an empty cache nor for the officer's own actions (ui/new_work.py).
Clicking a notice opens its item (one) or the queue that holds them (several): `openRequested`.

Plain text only: a citizen's title is shown for a single item, cut to one short line, without control
characters, and with the characters a notification server could read as markup replaced (some Linux
notification daemons render <b>, <a>, <img> in the body). While the window is locked, no title at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QSystemTrayIcon, QWidget

from triage_desktop.core.deadlines import DeadlineBounds
from triage_desktop.core.ports import Workspace
from triage_desktop.core.workdays import VN, WorkCalendar
from triage_desktop.ui import icons
from triage_desktop.ui.icons import app_icon
from triage_desktop.ui.new_work import Key, NewWork, Told
from triage_desktop.ui.safe_text import one_line, plain_tooltip
from triage_desktop.ui.widgets import styling

ARRIVED, ASSIGNED, DUE = "arrived", "assigned", "due"
ORDER: Final = (ASSIGNED, ARRIVED, DUE)  # what is the officer's own first
QUEUE_OF: Final = {ARRIVED: "new", ASSIGNED: "mine", DUE: "mine"}  # where a click on several leads
CODES_SHOWN: Final = 3
KEPT: Final = 50  # rows kept per section while a notice waits (its count stays exact)
TITLE_CHARS: Final = 80
TICK_MS: Final = 60_000  # how often the clock is looked at (office hours opening, the morning list)
# Markup characters → look-alikes: a notification body is plain text on Windows and may be markup on Linux.
_PLAIN = str.maketrans({"<": "‹", ">": "›", "&": "＆"})


def in_office_hours(calendar: WorkCalendar, moment: datetime) -> bool:
    """Within a session of office hours of a working day, in Vietnam time."""
    local = moment.astimezone(VN)
    if not calendar.is_working_day(local.date()):
        return False
    return any(opens <= local.time() < closes for opens, closes in calendar.office_hours)


@dataclass
class Section:
    """Items of one kind told for one reason; `rows` are the first few, `count` all of them."""

    reason: str
    kind: str
    count: int = 0
    rows: list[Told] = field(default_factory=list)

    def add(self, rows: Sequence[Told]) -> None:
        self.count += len(rows)
        self.rows += rows[: max(0, KEPT - len(self.rows))]


@dataclass(frozen=True)
class Notice:
    title: str
    message: str
    kind: str
    queue: str
    item_id: str = ""  # one item: open it; "" opens the queue


class NoticeBar(QPushButton):
    """The status bar's notice, where there is no system tray: the same words, clickable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFlat(True)
        styling.bold(self)
        self.hide()

    def show_notice(self, notice: Notice) -> None:
        """Its lines say what it is ("3 phản ánh mới: …"); the title goes to the tool tip and screen readers."""
        text = notice.message.replace("\n", " · ")
        self.setIcon(icons.icon("info"))
        self.setText(one_line(text, 200))
        self.setToolTip(plain_tooltip(f"{notice.title}: {text}. {self.tr('Bấm để mở.')}"))
        self.setAccessibleName(f"{notice.title}: {text}")
        self.show()

    def clear_notice(self) -> None:
        self.setText("")
        self.setToolTip("")
        self.hide()


class Notices(QObject):
    openRequested = Signal(str, str, str)  # kind, queue, item id ("" for the whole queue)
    showRequested = Signal()  # the tray icon or its menu: bring the window up
    shown = Signal(object)  # every Notice as it is given (tray or status bar)

    def __init__(self, workspace: Workspace, settings: QSettings, *, now: Callable[[], datetime],
                 calendar: Callable[[], WorkCalendar], parent: QWidget, tray: bool | None = None) -> None:
        """`tray`: use the system tray (None: when the desktop has one); `now` and `calendar` are read at each
        look at the clock."""
        super().__init__(parent)
        self._ws = workspace
        self._settings = settings
        self._now = now
        self._calendar = calendar
        self._watch: NewWork | None = None
        self._armed = False  # the cache held a synced state when watching started (else the first step is learnt)
        self._pending: dict[tuple[str, str], Section] = {}
        self._locked = False
        self._last: Notice | None = None
        self.bar = NoticeBar(parent)
        self.bar.clicked.connect(self._on_bar)
        self.quiet_action = QAction(self.tr("Không làm phiền"), self)
        self.quiet_action.setObjectName("doNotDisturb")
        self.quiet_action.setCheckable(True)
        self.quiet_action.setToolTip(self.tr("Không hiện thông báo việc mới (vẫn đếm ở thanh trạng thái)"))
        self.quiet_action.toggled.connect(self._on_quiet)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray:
            self.tray = self._make_tray(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def _make_tray(self, parent: QWidget) -> QSystemTrayIcon:
        icon = parent.windowIcon()
        if icon.isNull():
            icon = app_icon()
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip(self.tr("Tiếp nhận phản ánh, hồ sơ"))
        menu = QMenu(parent)
        menu.addAction(self.tr("Mở cửa sổ"), self.showRequested.emit)
        menu.addAction(self.quiet_action)
        tray.setContextMenu(menu)
        tray.messageClicked.connect(self._on_message_clicked)
        tray.activated.connect(self._on_tray_activated)
        tray.show()
        return tray

    # --- who is watched ----------------------------------------------------------------------------------------

    def set_user(self, user_id: str | None) -> None:
        """The officer logged in (or none): her switch, and what is already there for her (not news)."""
        if self._watch is not None and self._watch.user_id == user_id:
            return
        self._pending.clear()
        self._last = None
        self.bar.clear_notice()
        self._watch = NewWork(self._ws, user_id) if user_id else None
        self.quiet_action.blockSignals(True)
        self.quiet_action.setChecked(bool(user_id) and _truthy(self._settings.value(self._key("quiet"))))
        self.quiet_action.blockSignals(False)
        self._armed = False
        if self._watch is not None and self._ws.last_sync_at():
            self._watch.start()
            self._armed = True

    @property
    def quiet(self) -> bool:
        return self.quiet_action.isChecked()

    def set_quiet(self, quiet: bool) -> None:
        self.quiet_action.setChecked(quiet)

    def set_locked(self, locked: bool) -> None:
        """A locked window shows no citizen text: no title in a notice, and the status bar's notice goes."""
        self._locked = locked
        if locked:
            self.bar.clear_notice()

    def stop(self) -> None:
        self._timer.stop()
        if self.tray is not None:
            self.tray.hide()  # a tray icon left behind after logout would belong to nobody

    # --- what the window tells us ----------------------------------------------------------------------------

    def after_sync(self, changed: Sequence[Key]) -> None:
        """A sync step touched `changed` ([] when too many to list: a snapshot, learnt, not told)."""
        watch = self._watch
        if watch is None:
            return
        if not self._armed:
            watch.start()
            self._armed = True
            return
        if not changed:
            watch.catch_up()
            return
        arrivals, assigned = watch.after_step(set(changed))  # learnt even when quiet: never told later
        for reason, rows in ((ARRIVED, arrivals), (ASSIGNED, assigned)):
            for row in rows:
                self._section(reason, row.kind).add([row])
        self.tick()

    def tick(self) -> None:
        """Look at the clock: in office hours, tell what waits, and the morning list once a working day."""
        if self._watch is None:
            return
        now = self._now()
        calendar = self._calendar()
        if self.quiet:
            self._pending.clear()  # dropped, not kept for later: the status bar still counts what is unread
        if not in_office_hours(calendar, now):
            return
        self._morning(now, calendar)
        if self._pending:
            sections = [self._pending[key] for key in sorted(self._pending, key=_order)]
            self._pending.clear()
            self._give(self._compose(sections))

    def _morning(self, now: datetime, calendar: WorkCalendar) -> None:
        watch = self._watch
        today = now.astimezone(VN).date().isoformat()
        if watch is None or self._settings.value(self._key("morning")) == today or not self._ws.last_sync_at():
            return
        self._settings.setValue(self._key("morning"), today)  # once a day, told or silenced
        if self.quiet:
            return
        for row in watch.due_mine(DeadlineBounds.at(now, calendar)):
            self._section(DUE, row.kind).add([row])

    # --- composing and giving ----------------------------------------------------------------------------------

    def _section(self, reason: str, kind: str) -> Section:
        return self._pending.setdefault((reason, kind), Section(reason, kind))

    def _compose(self, sections: list[Section]) -> Notice:
        first = sections[0]
        lines = []
        for section in sections:
            codes = ", ".join(row.code or row.id for row in section.rows[:CODES_SHOWN])
            more = "…" if section.count > CODES_SHOWN else ""
            lines.append(f"{self._label(section)}: {codes}{more}")
        single = len(sections) == 1 and first.count == 1 and first.rows
        if single and not self._locked and first.rows[0].title:
            lines[0] += " — " + one_line(first.rows[0].title, TITLE_CHARS)
        title = self._title(first.reason) if len(sections) == 1 else self.tr("Việc mới cho bạn")
        return Notice(title, "\n".join(lines), first.kind, QUEUE_OF[first.reason],
                      first.rows[0].id if single else "")

    def _label(self, section: Section) -> str:
        n, report = section.count, section.kind == "report"
        if section.reason == ARRIVED:
            return self.tr("%Ln phản ánh mới", "", n) if report else self.tr("%Ln hồ sơ mới", "", n)
        if section.reason == ASSIGNED:
            return (self.tr("%Ln phản ánh giao cho bạn", "", n) if report
                    else self.tr("%Ln hồ sơ giao cho bạn", "", n))
        return (self.tr("%Ln phản ánh của bạn sắp đến hạn hoặc quá hạn", "", n) if report
                else self.tr("%Ln hồ sơ của bạn sắp đến hạn hoặc quá hạn", "", n))

    def _title(self, reason: str) -> str:
        if reason == ARRIVED:
            return self.tr("Có việc mới")
        if reason == ASSIGNED:
            return self.tr("Việc mới giao cho bạn")
        return self.tr("Việc cần làm trong ngày")

    def _give(self, notice: Notice) -> None:
        self._last = notice
        if self.tray is not None:
            self.tray.showMessage(*for_tray(notice), QSystemTrayIcon.MessageIcon.Information, 15_000)
        elif not self._locked:  # the status bar stays on the lock page: it says nothing there
            self.bar.show_notice(notice)
        self.shown.emit(notice)

    def last(self) -> Notice | None:
        return self._last

    # --- clicks -------------------------------------------------------------------------------------------------

    def _on_bar(self) -> None:
        self.bar.clear_notice()
        self._open(self._last)

    def _on_message_clicked(self) -> None:
        self._open(self._last)

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.showRequested.emit()

    def _open(self, notice: Notice | None) -> None:
        if notice is not None:
            self.openRequested.emit(notice.kind, notice.queue, notice.item_id)

    def _on_quiet(self, quiet: bool) -> None:
        if self._watch is not None:
            self._settings.setValue(self._key("quiet"), quiet)
        if quiet:
            self._pending.clear()
            self.bar.clear_notice()

    def _key(self, name: str) -> str:
        user = self._watch.user_id if self._watch is not None else ""
        return f"notices/{user}/{name}"


def for_tray(notice: Notice) -> tuple[str, str]:
    """Title and body for the system's notification: no character a notification server could take for markup."""
    return notice.title.translate(_PLAIN), notice.message.translate(_PLAIN)


def _order(key: tuple[str, str]) -> tuple[int, str]:
    return ORDER.index(key[0]), key[1]


def _truthy(value: object) -> bool:
    """QSettings gives "true"/"false" back from an INI file, a bool from the registry."""
    return value is True or str(value).lower() in ("true", "1")
