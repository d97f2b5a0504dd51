"""FilterBar: the row of filters above the list — status, category or procedure, assignee, channel, deadline.

Each filter is a labelled combo that starts at "Tất cả"; "Bỏ lọc" puts them all back. The pairs sit in a
FlowLayout, so at 200% text or on a 1366 px screen they wrap onto more lines instead of being cut off. At 200%
they take several lines of a 768 px screen, so "Bộ lọc" folds them away; folded, it still says how many
filters narrow the list ("Bộ lọc (2)"), so a shorter list is never a mystery. The bar knows nothing of the
list: it says `changed` and the window turns `filters()` into the list's query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from triage_desktop.core import vocabulary as v
from triage_desktop.core.deadlines import DEADLINE_FILTERS
from triage_desktop.core.entities import User
from triage_desktop.core.views import UNASSIGNED
from triage_desktop.ui import labels
from triage_desktop.ui.formatting import sorted_vietnamese
from triage_desktop.ui.widgets.flow_layout import FlowLayout, expanding_policy

STATUS, CATEGORY, ASSIGNEE, CHANNEL, DEADLINE = "status", "category", "assignee_id", "channel", "deadline"
FILTERS = (STATUS, CATEGORY, ASSIGNEE, CHANNEL, DEADLINE)
_COMBO_CHARS = 11  # a combo's least width in average characters; longer names show whole in the popup


@dataclass(frozen=True, slots=True)
class Filters:
    """The filter row's choices in ItemQuery's terms (None: "Tất cả")."""

    status: str | None = None
    category: str | None = None
    assignee_id: str | None = None
    channel: str | None = None
    deadline: str | None = None

    @property
    def any(self) -> bool:
        return any(getattr(self, name) is not None for name in FILTERS)


class FilterBar(QWidget):
    changed = Signal()  # the officer changed a filter (or cleared them)

    def __init__(self, parent: QWidget | None = None, leading: Iterable[QWidget] = ()) -> None:
        """`leading`: controls laid out before the filters, in the same wrapping row (the saved views)."""
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.setSizePolicy(expanding_policy())
        self._kind = ""
        self._combos: dict[str, QComboBox] = {}
        self._captions: dict[str, QLabel] = {}
        flow = FlowLayout(self)
        flow.setContentsMargins(0, 0, 0, 0)
        for widget in leading:
            widget.setParent(self)
            flow.addWidget(widget)
        self.toggle_button = QPushButton(self)
        self.toggle_button.setObjectName("toggleFilters")
        self.toggle_button.setCheckable(True)
        self.toggle_button.setChecked(True)
        self.toggle_button.setToolTip(self.tr("Hiện hoặc ẩn các bộ lọc"))
        self.toggle_button.toggled.connect(self._on_toggled)
        flow.addWidget(self.toggle_button)
        self._pairs = [self._pair(name) for name in FILTERS]
        for pair in self._pairs:
            flow.addWidget(pair)
        self.clear_button = QPushButton(self.tr("Bỏ lọc"), self)
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setToolTip(self.tr("Bỏ mọi bộ lọc: hiện cả danh sách"))
        self.clear_button.clicked.connect(self.clear)
        flow.addWidget(self.clear_button)
        self._retitle()
        self.set_kind("report", {}, [])

    def _pair(self, name: str) -> QWidget:
        """A caption and its combo, kept on one line (the flow wraps between pairs, never inside one)."""
        pair = QWidget(self)
        layout = QHBoxLayout(pair)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(pair)
        combo = QComboBox(pair)
        combo.setObjectName(f"filter_{name}")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(_COMBO_CHARS)
        combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        combo.currentIndexChanged.connect(self._on_combo)
        caption.setBuddy(combo)
        layout.addWidget(caption)
        layout.addWidget(combo)
        self._combos[name] = combo
        self._captions[name] = caption
        return pair

    def _retitle(self) -> None:
        texts = {STATUS: self.tr("Trạng thái:"), CATEGORY: self._category_caption(), ASSIGNEE: self.tr("Người xử lý:"),
                 CHANNEL: self.tr("Kênh:"), DEADLINE: self.tr("Thời hạn:")}
        for name, text in texts.items():
            self._captions[name].setText(text)
            self._combos[name].setAccessibleName(text.rstrip(":"))

    def _category_caption(self) -> str:
        return self.tr("Thủ tục:") if self._kind == "dossier" else self.tr("Lĩnh vực:")

    # --- options --------------------------------------------------------------------------------------------

    def set_kind(self, kind: str, categories: Mapping[str, str], members: Sequence[User]) -> None:
        """The options of `kind`'s list: its statuses, its categories (reports) or procedures (dossiers), its
        channels, the unit's members. Choices that still exist are kept (quietly: the window sets the query)."""
        before = self.filters() if kind == self._kind else Filters()
        self._kind = kind
        statuses = v.DOSSIER_STATUSES if kind == "dossier" else v.REPORT_STATUSES
        channels = v.DOSSIER_CHANNELS if kind == "dossier" else v.REPORT_CHANNELS
        named_categories = sorted_vietnamese(categories.items(), lambda pair: pair[1])
        people = sorted_vietnamese(members, lambda m: m.display_name)
        options: dict[str, list[tuple[str, str]]] = {
            STATUS: [(s, labels.status_label(kind, s)) for s in statuses],
            CATEGORY: [(code, name or code) for code, name in named_categories],
            ASSIGNEE: [(UNASSIGNED, self.tr("Chưa phân công")), *((m.id, m.display_name) for m in people)],
            CHANNEL: [(c, labels.label(labels.CHANNEL, c)) for c in channels],
            DEADLINE: [(d, labels.label(labels.DEADLINE_STATE, d)) for d in DEADLINE_FILTERS],
        }
        everything = self.tr("Tất cả")
        for name, choices in options.items():
            combo = self._combos[name]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value, text in choices:
                combo.addItem(text, value)
            combo.blockSignals(False)
        self._retitle()
        self.set_filters(before)

    # --- values ---------------------------------------------------------------------------------------------

    def filters(self) -> Filters:
        return Filters(**{name: self._value(name) for name in FILTERS})

    def _value(self, name: str) -> str | None:
        data = self._combos[name].currentData()
        return None if data is None else str(data)

    def set_filters(self, filters: Filters) -> None:
        """Show `filters` without saying `changed` (a saved view, the kind's list being opened)."""
        for name in FILTERS:
            combo = self._combos[name]
            wanted = getattr(filters, name)
            index = 0 if wanted is None else combo.findData(wanted)
            combo.blockSignals(True)
            if index < 0:  # a member or category this cache no longer lists: shown by its code
                combo.addItem(str(wanted), wanted)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self._update_clear()

    def clear(self) -> None:
        if self.filters().any:
            self.set_filters(Filters())
            self.changed.emit()

    def combo(self, name: str) -> QComboBox:
        """The combo of one filter (tests, and the window's "show this member's work")."""
        return self._combos[name]

    def _on_combo(self, _index: int) -> None:
        self._update_clear()
        self.changed.emit()

    def set_unfolded(self, shown: bool) -> None:
        self.toggle_button.setChecked(shown)

    def unfolded(self) -> bool:
        return self.toggle_button.isChecked()

    def _on_toggled(self, shown: bool) -> None:
        for widget in (*self._pairs, self.clear_button):
            widget.setVisible(shown)
        self.updateGeometry()

    def _update_clear(self) -> None:
        used = sum(getattr(self.filters(), name) is not None for name in FILTERS)
        self.clear_button.setEnabled(used > 0)
        self.toggle_button.setText(self.tr("Bộ lọc (%n)", "", used) if used else self.tr("Bộ lọc"))

