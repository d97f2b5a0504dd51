"""RecordWindow: "Thống kê", the ward's record for a period and a kind (issue 13), beside the main window.

A non-modal window: period (this month, last month, this year, or from–to), kind; summary cards; per officer,
per procedure (per category for reports) and, for reports, by category and status, each as a bar chart drawn
with QPainter (ui.record_chart) above a sortable table (ui.models.record_table_model). The numbers are
computed on this window's own worker thread (a TaskRunner whose single lane is its own, so neither the officer's
writes nor the network wait behind a year's count), and a newer request makes an older answer be dropped: the
window never blocks. Clicking a card or a count emits `openRequested(RecordCell)`: the main window lists exactly
those items. "Xuất Excel"/"Xuất CSV" save the tables through ui.table_export (the window's write lane).
The definitions (core.record) are in the help text ("Cách tính").
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.ports import Workspace
from triage_desktop.core.record import Counts, Period, RecordCell, WardRecord
from triage_desktop.core.tables import CellType
from triage_desktop.ui import record_tables
from triage_desktop.ui.models.record_table_model import RecordTableModel, cell_text
from triage_desktop.ui.record_chart import Bar, BarChart, Series
from triage_desktop.ui.record_tables import Names, RecordTable
from triage_desktop.ui.table_export import TableExporter
from triage_desktop.ui.tasks import TaskRunner
from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.flow_layout import FlowLayout

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # by this bare name, so pyside6-lupdate extracts the strings
Now = Callable[[], datetime]
PRESETS = ("this_month", "last_month", "this_year", "custom")


class _Card(QPushButton):
    """A summary number: its words above, the number below; a click lists its items."""

    def __init__(self, key: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"card_{key}")
        self.setFlat(False)
        self.setMinimumHeight(self.fontMetrics().height() * 3)
        self.setCursor(Qt.CursorShape.PointingHandCursor)


class RecordWindow(QWidget):
    openRequested = Signal(object)  # RecordCell: list these items in the main window

    def __init__(self, workspace: Workspace, exporter: TableExporter | None, parent: QWidget | None = None, *,
                 now: Now, show_error: Callable[[str], None] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("recordWindow")
        self.setWindowTitle(self.tr("Thống kê kết quả giải quyết"))
        self.workspace = workspace
        self._exporter = exporter
        self._now = now
        self._show_error = show_error
        self._runner = TaskRunner(self, write_executor=ThreadPoolExecutor(1, thread_name_prefix="triage-record"))
        self._asked = 0  # the newest request; answers to older ones are dropped
        self.record: WardRecord | None = None
        self.tables: list[RecordTable] = []

        self.preset = QComboBox(self)
        self.preset.setObjectName("recordPeriod")
        for key, words in zip(PRESETS, (self.tr("Tháng này"), self.tr("Tháng trước"), self.tr("Năm nay"),
                                        self.tr("Tùy chọn")), strict=True):
            self.preset.addItem(words, key)
        self.preset.setAccessibleName(self.tr("Kỳ thống kê"))
        self.first = self._date_edit("recordFrom", self.tr("Từ ngày"))
        self.last = self._date_edit("recordTo", self.tr("Đến ngày"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("recordKind")
        self.kind.addItem(self.tr("Hồ sơ thủ tục hành chính"), "dossier")
        self.kind.addItem(self.tr("Phản ánh hiện trường"), "report")
        self.kind.setAccessibleName(self.tr("Loại"))
        self.busy = QLabel(self.tr("Đang tính…"), self)
        self.busy.setObjectName("recordBusy")
        self.busy.hide()
        # A year of a big cache takes a second or two: the officer may stop waiting (the answer is then dropped;
        # the read itself ends on its own thread, it holds no lock anyone waits for).
        self.stop_button = QPushButton(self.tr("Dừng"), self)
        self.stop_button.setObjectName("recordStop")
        self.stop_button.hide()
        self.stop_button.clicked.connect(self.stop)
        self.help_button = QPushButton(self.tr("Cách tính"), self)
        self.help_button.clicked.connect(self.show_help)
        self.export_all = QPushButton(self.tr("Xuất Excel (mọi bảng)"), self)
        self.export_all.setObjectName("recordExportAll")
        self.export_all.clicked.connect(lambda: self.export(None, "xlsx"))
        self.export_all_csv = QPushButton(self.tr("Xuất CSV (mọi bảng)"), self)
        self.export_all_csv.setObjectName("recordExportAllCsv")
        self.export_all_csv.clicked.connect(lambda: self.export(None, "csv"))  # a file per table
        # A flow, not a row: at 200% text on a 1366-pixel screen the pickers wrap instead of widening the window.
        controls = QWidget(self)
        flow = FlowLayout(controls)
        flow.setContentsMargins(0, 0, 0, 0)
        for label, widget in ((self.tr("Kỳ:"), self.preset), (self.tr("Từ:"), self.first),
                              (self.tr("Đến:"), self.last), (self.tr("Loại:"), self.kind)):
            pair = QWidget(controls)  # a caption stays with its picker
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(label, pair)
            caption.setBuddy(widget)
            pair_layout.addWidget(caption)
            pair_layout.addWidget(widget)
            flow.addWidget(pair)
        for extra in (self.busy, self.stop_button, self.help_button, self.export_all, self.export_all_csv):
            flow.addWidget(extra)

        self.note = QLabel(self)
        self.note.setObjectName("recordNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.cards_box = QWidget(self)
        self.cards_layout = FlowLayout(self.cards_box)
        self.cards: dict[str, _Card] = {}
        for key in ("received", "carried", "on_time", "late", "open_on_time", "open_late", "stopped",
                    "on_time_rate", "late_rate", "extended", "paused"):
            card = _Card(key, self.cards_box)
            card.clicked.connect(functools.partial(self._open_card, key))
            self.cards[key] = card
            self.cards_layout.addWidget(card)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("recordTabs")
        self.charts: dict[str, BarChart] = {}
        self.scrolls: dict[str, QScrollArea] = {}
        self.views: dict[str, QTableView] = {}
        self.models: dict[str, RecordTableModel] = {}
        self._tab_index: dict[str, int] = {}
        for key in ("by_officer", "by_category", "reports"):
            self._tab_index[key] = self.tabs.addTab(self._page(key), "")

        # The page scrolls as a whole when the text is large (200%) on a small screen: the cards wrap onto more
        # lines, and the charts and tables keep a usable height instead of being squeezed to nothing.
        self.tabs.setMinimumHeight(self.fontMetrics().height() * 24)
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.note)
        content_layout.addWidget(self.cards_box)
        content_layout.addWidget(self.tabs, 1)
        self.page = QScrollArea(self)
        self.page.setObjectName("recordPage")
        self.page.setWidgetResizable(True)
        self.page.setFrameShape(QScrollArea.Shape.NoFrame)
        self.page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(controls)
        layout.addWidget(self.page, 1)

        self.set_preset("this_month")
        self.preset.currentIndexChanged.connect(self._on_preset)
        self.first.dateChanged.connect(self._on_dates)
        self.last.dateChanged.connect(self._on_dates)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.resize(1200, 820)

    # --- building ------------------------------------------------------------------------------------------

    def _date_edit(self, name: str, words: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        edit.setAccessibleName(words)
        return edit

    def _page(self, key: str) -> QWidget:
        page = QWidget(self.tabs)
        chart = BarChart(page)
        chart.setObjectName(f"chart_{key}")
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setWidget(chart)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        model = RecordTableModel(page)
        view = QTableView(page)
        view.setObjectName(f"table_{key}")
        view.setModel(model)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        view.verticalHeader().hide()
        view.clicked.connect(functools.partial(self._open_index, key))
        view.activated.connect(functools.partial(self._open_index, key))
        excel = QPushButton(self.tr("Xuất Excel"), page)
        excel.setObjectName(f"excel_{key}")
        excel.clicked.connect(functools.partial(self.export, key, "xlsx"))
        csv = QPushButton(self.tr("Xuất CSV"), page)
        csv.setObjectName(f"csv_{key}")
        csv.clicked.connect(functools.partial(self.export, key, "csv"))
        buttons = QHBoxLayout()
        hint = QLabel(self.tr("Bấm vào một số để xem các mục đó trong danh sách."), page)
        hint.setWordWrap(True)
        buttons.addWidget(hint, 1)
        buttons.addWidget(excel)
        buttons.addWidget(csv)
        layout = QVBoxLayout(page)
        layout.addWidget(scroll)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
        self.charts[key], self.views[key], self.models[key], self.scrolls[key] = chart, view, model, scroll
        return page

    # --- the period ----------------------------------------------------------------------------------------

    def set_preset(self, key: str) -> None:
        self.preset.setCurrentIndex(PRESETS.index(key))
        self._on_preset()

    def _on_preset(self, _index: int = 0) -> None:
        key = self.preset.currentData()
        now = self._now()
        period = {"this_month": Period.this_month, "last_month": Period.last_month,
                  "this_year": Period.this_year}.get(key)
        custom = period is None
        self.first.setEnabled(custom)
        self.last.setEnabled(custom)
        if period is not None:
            chosen = period(now)
            for edit, day in ((self.first, chosen.first), (self.last, chosen.last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self.refresh()

    def _on_dates(self, _date: QDate) -> None:
        if self.preset.currentData() == "custom":
            self.refresh()

    def set_period(self, period: Period, kind: str | None = None) -> None:
        """A chosen from–to (tests, the screenshot): "Tùy chọn" with these dates."""
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(PRESETS.index("custom"))
        self.preset.blockSignals(False)
        for edit, day in ((self.first, period.first), (self.last, period.last)):
            edit.setEnabled(True)
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        if kind is not None:
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(self.kind.findData(kind))
            self.kind.blockSignals(False)
        self.refresh()

    def period(self) -> Period | None:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        if not isinstance(first, date) or not isinstance(last, date) or last < first:
            return None
        return Period(first, last)

    # --- computing -----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        period = self.period()
        if period is None:
            self.note.setText(self.tr("Ngày kết thúc không được trước ngày bắt đầu."))
            return
        kind = str(self.kind.currentData())
        self._asked += 1
        asked = self._asked
        now = self._now()
        self._show_busy(True)
        workspace = self.workspace

        def compute() -> tuple[WardRecord, list[RecordTable]]:
            record = workspace.ward_record(kind, period, now)
            return record, record_tables.record_tables(record, Names.of(kind, workspace.reference))

        self._runner.run(compute, functools.partial(self._computed, asked),
                         functools.partial(self._failed, asked))

    def stop(self) -> None:
        """Stop waiting for the record being computed: its answer will be dropped."""
        self._asked += 1
        self._show_busy(False)
        self.note.setText(self.tr("Đã dừng tính số liệu. Chọn lại kỳ để tính."))

    def _show_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.stop_button.setVisible(busy)

    @property
    def computing(self) -> bool:
        return self._runner.busy

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked != self._asked:
            return
        self._show_busy(False)
        log.error("computing the record failed", exc_info=error)
        self.note.setText(self.tr("Không tính được số liệu thống kê (xem nhật ký)."))

    def _computed(self, asked: int, answer: tuple[WardRecord, list[RecordTable]]) -> None:
        if asked != self._asked:
            return  # the officer asked for another period or kind meanwhile
        self._show_busy(False)
        self._show_record(answer)

    def _show_record(self, answer: tuple[WardRecord, list[RecordTable]]) -> None:
        self.record, self.tables = answer
        record = self.record
        by_key = {t.key: t for t in self.tables}
        self.note.setText(record_tables.period_note(record) + " " + self.tr(
            "Đúng hạn: xong không muộn hơn ngày hẹn trả đang có hiệu lực (sau tạm dừng, gia hạn) — xem “Cách tính”."))
        self._fill_cards(record.total)
        words = record_tables.category_word(record.kind)
        self.tabs.setTabText(self._tab_index["by_officer"], self.tr("Theo cán bộ"))
        self.tabs.setTabText(self._tab_index["by_category"], self.tr("Theo {what}").format(what=words.lower()))
        self.tabs.setTabText(self._tab_index["reports"], self.tr("Phản ánh theo lĩnh vực và trạng thái"))
        self.tabs.setTabVisible(self._tab_index["reports"], "reports" in by_key)
        for key in ("by_officer", "by_category", "reports"):
            table = by_key.get(key)
            self.models[key].set_table(table)
            if table is not None:
                self._fit_columns(key)
                self._fill_chart(key, table)

    def _fill_cards(self, total: Counts) -> None:
        words = {c.key: c.header for c in record_tables.count_columns()}
        values = {"on_time_rate": total.on_time_rate, "late_rate": total.late_rate}
        for key, card in self.cards.items():
            if key in values:  # a rate has no items of its own: a click does nothing
                text = cell_text(values[key], CellType.PERCENT)
                card.setCursor(Qt.CursorShape.ArrowCursor)
            else:
                count = int(getattr(total, key))
                text = cell_text(count, CellType.INTEGER)
                card.setEnabled(count > 0)
            card.setText(f"{words[key]}\n{text}")
            card.setAccessibleName(f"{words[key]}: {text}")
            if key in ("late", "open_late"):
                styling.text_color(card, styling.OVERDUE_FG)

    def _fit_columns(self, key: str) -> None:
        view = self.views[key]
        header = view.horizontalHeader()
        line = view.fontMetrics().height()
        table = self.models[key].table()
        wide = {i for i, c in enumerate(table.table.columns) if len(c.header) > 30} if table else set()
        for column in range(self.models[key].columnCount()):
            least = (8 if column in wide else 6) * line  # a long header wraps onto at most four lines
            header.resizeSection(column, max(view.sizeHintForColumn(column), least))
        # Up to four lines of a wrapped header ("Trung vị đến phản hồi đầu tiên (ngày làm việc)"), in its own font.
        metrics = header.fontMetrics()
        header.setMinimumHeight(int(metrics.height() * (4 if wide else 3) + 4 * metrics.leading() + line))

    def _fill_chart(self, key: str, table: RecordTable) -> None:
        chart = self.charts[key]
        columns = table.table.keys()
        rows = [row for row in table.table.rows[:len(table.table.rows) - table.footer]]
        if key == "reports":
            groups = (("new", "acknowledged", "in_progress"), ("resolved", "closed"), ("rejected",))
            series = [Series(self.tr("Đang xử lý"), "RECORD_OPEN"), Series(self.tr("Đã xử lý"), "RECORD_ON_TIME"),
                      Series(self.tr("Từ chối"), "PAUSED_FG")]
            bars = [Bar(str(row[0]), [sum(_count(row[columns.index(s)]) for s in group) for group in groups])
                    for row in rows]
            title = self.tr("Phản ánh tiếp nhận trong kỳ theo lĩnh vực")
        else:
            keys = ("on_time", "late", "open_on_time", "open_late")
            series = [Series(self.tr("Đúng hạn"), "RECORD_ON_TIME"), Series(self.tr("Trễ hạn"), "OVERDUE_FG"),
                      Series(self.tr("Đang trong hạn"), "RECORD_OPEN"),
                      Series(self.tr("Đang quá hạn"), "DUE_SOON_FILL")]
            bars = [Bar(str(row[0]), [_count(row[columns.index(k)]) for k in keys]) for row in rows]
            title = self.tabs.tabText(self._tab_index[key])
        chart.set_data(title, series, bars)
        # The chart takes the height its bars need, up to 40% of the window (it scrolls beyond); the table the rest.
        scroll = self.scrolls[key]
        scroll.setFixedHeight(min(chart.sizeHint().height() + 2 * scroll.frameWidth() + 2, int(self.height() * 0.4)))

    # --- opening items, exporting, help ----------------------------------------------------------------------

    def _open_card(self, key: str) -> None:
        if self.record is not None and key in self.cards and not key.endswith("_rate"):
            self._emit(self.record.cell(key), self.cards[key].accessibleName())

    def _open_index(self, key: str, index: QModelIndex) -> None:
        cell = self.models[key].cell_at(index)
        if cell is None:
            return
        model = self.models[key]
        row_name = model.index(index.row(), 0).data()
        column = model.headerData(index.column(), Qt.Orientation.Horizontal)
        self._emit(cell, f"{row_name} — {column}: {index.data()}")

    def _emit(self, cell: RecordCell, words: str) -> None:
        period = cell_period_words(self.record) if self.record is not None else ""
        label = self.tr("{what} ({period})").format(what=words, period=period)
        self.openRequested.emit(_labelled(cell, label))

    def export(self, key: str | None, fmt: str) -> None:
        """Save one table (`key`) or all of them, via the window's exporter (file dialog, write lane, audit)."""
        if self._exporter is None or self.record is None:
            return
        chosen = [t.table for t in self.tables if key is None or t.key == key]
        if not chosen:
            return
        stem = self.tr("Thong-ke-{kind}").format(kind="ho-so" if self.record.kind == "dossier" else "phan-anh")
        self._exporter.save(chosen, stem=stem, what="record", kind=self.record.kind,
                            fmt="csv" if fmt == "csv" else "xlsx")

    def show_help(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Cách tính số liệu thống kê"), help_text(), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton(self.tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def shutdown(self) -> None:
        self._runner.shutdown()


def _count(value: object) -> int:
    return value if isinstance(value, int) else 0


def cell_period_words(record: WardRecord) -> str:
    return f"{record.period.first:%d/%m/%Y}–{record.period.last:%d/%m/%Y}"


def _labelled(cell: RecordCell, label: str) -> RecordCell:
    return replace(cell, label=label)


def help_text() -> str:
    """The definitions of core.record, for the officer (the "Cách tính" button)."""
    return "\n\n".join((
        translate("RecordWindow",
                  "Kỳ: từ 00:00 ngày bắt đầu đến hết ngày kết thúc (giờ Việt Nam). Kỳ chưa kết thúc được tính đến thời "
                  "điểm hiện tại."),
        translate("RecordWindow",
                  "Số hồ sơ của kỳ: hồ sơ tiếp nhận trong kỳ và hồ sơ tồn kỳ trước (tiếp nhận trước kỳ, chưa giải quyết"
                  " xong và chưa dừng trước ngày đầu kỳ). Mỗi hồ sơ thuộc đúng một cột kết quả."),
        translate("RecordWindow",
                  "Đúng hạn: giải quyết xong (có kết quả) không muộn hơn ngày hẹn trả đang có hiệu lực. Ngày hẹn là "
                  "ngày máy chủ đang giữ: đã lùi theo thời gian tạm dừng (bổ sung giấy tờ, nghĩa vụ tài chính) và theo "
                  "văn bản xin lỗi, hẹn lại. Trễ hạn: sau ngày hẹn."),
        translate("RecordWindow",
                  "Đang giải quyết trong hạn / quá hạn: chưa xong ở cuối kỳ, ngày hẹn còn / đã qua. Hồ sơ đang chờ "
                  "công dân bổ sung giấy tờ hoặc nộp phí ở cuối kỳ được tính trong hạn: thời hạn tạm dừng."),
        translate("RecordWindow",
                  "Dừng/rút/từ chối: dừng xử lý, không được tiếp nhận (phản ánh: từ chối); không tính vào tỷ lệ."),
        translate("RecordWindow",
                  "Hồ sơ công dân đã rút, phản ánh đã chuyển đơn vị khác hoặc đã gộp vào phản ánh khác không còn trên "
                  "máy (máy chủ không gửi nữa), nên không có trong số nào của thống kê: số tiếp nhận của một kỳ đã qua "
                  "có thể giảm khi có hồ sơ, phản ánh như vậy."),
        translate("RecordWindow",
                  "Tỷ lệ trễ hạn = (đã giải quyết trễ hạn + đang quá hạn) ÷ (đã giải quyết + đang giải quyết), như "
                  "thống kê quốc gia; tỷ lệ đúng hạn = 1 − tỷ lệ trễ hạn."),
        translate("RecordWindow",
                  "Phản ánh: thời gian tính bằng ngày làm việc theo lịch của tỉnh (chỉ giờ hành chính). Phản hồi đầu "
                  "tiên: lần đầu cán bộ trả lời công khai. Tỷ lệ trong thời hạn = số đã xử lý trong thời hạn của lĩnh "
                  "vực ÷ (số đã xử lý + số chưa xử lý đã quá thời hạn ở cuối kỳ); phản ánh chưa quá thời hạn chưa được "
                  "tính."),
    ))
