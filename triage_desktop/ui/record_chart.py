"""BarChart: horizontal stacked bars drawn with QPainter (QtCharts is deprecated), for the ward's record.

One bar per row (an officer, a procedure, a category), its segments side by side in the legend's order, the
row's name on the left and its total on the right. Text is the widget's font and the palette's text colour, so
it grows with the "Chữ to hơn" zoom (200%) and follows the high-contrast scheme; bar colours are styling's
named colours, read when painting. The chart asks for the height its rows need (put it in a scroll area).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from triage_desktop.ui.widgets import styling

MAX_LABEL_SHARE = 0.38  # of the width, for the names on the left; longer names are elided


@dataclass(frozen=True, slots=True)
class Series:
    name: str  # the legend's words
    color: str  # a styling colour name ("OVERDUE_FG"), so a scheme switch repaints in the new colours


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    values: Sequence[int]  # one per series


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._series: list[Series] = []
        self._bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_data(self, title: str, series: Sequence[Series], bars: Sequence[Bar]) -> None:
        self._title, self._series, self._bars = title, list(series), list(bars)
        self.setAccessibleName(title)
        self.setAccessibleDescription("; ".join(
            f"{bar.label}: " + ", ".join(f"{s.name} {v}" for s, v in zip(self._series, bar.values, strict=False))
            for bar in self._bars))
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def _line(self) -> int:
        return QFontMetrics(self.font()).height()

    def sizeHint(self) -> QSize:
        line = self._line()
        rows = max(len(self._bars), 1)
        return QSize(40 * line, int(line * (1.6 + 1.6 + rows * 1.5 + 0.5)))

    def minimumSizeHint(self) -> QSize:
        return QSize(20 * self._line(), self.sizeHint().height())

    def changeEvent(self, event: object) -> None:  # the zoom changes the font: the rows need new heights
        super().changeEvent(event)  # type: ignore[arg-type]
        self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        width = self.width()
        pad = line // 2
        painter.setPen(text)
        y = 0.0
        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(pad, y, width - 2 * pad, line * 1.4), Qt.AlignmentFlag.AlignVCenter, self._title)
        painter.setFont(self.font())
        y += line * 1.6
        x = float(pad)
        for series in self._series:  # the legend: a swatch and its words, wrapped to a second line if needed
            words = metrics.horizontalAdvance(series.name)
            if x + line + words > width - pad and x > pad:
                x, y = float(pad), y + line * 1.3
            painter.fillRect(QRectF(x, y + line * 0.2, line * 0.8, line * 0.8), styling.qcolor(series.color))
            painter.drawText(QRectF(x + line, y, words + 2, line * 1.2), Qt.AlignmentFlag.AlignVCenter, series.name)
            x += line + words + line
        y += line * 1.6
        if not self._bars:
            painter.drawText(QRectF(pad, y, width - 2 * pad, line * 1.5), Qt.AlignmentFlag.AlignVCenter,
                             self.tr("Không có số liệu trong kỳ này."))
            return
        label_width = min(max(metrics.horizontalAdvance(b.label) for b in self._bars) + 2 * pad,
                          int(width * MAX_LABEL_SHARE))
        totals = [sum(b.values) for b in self._bars]
        total_width = metrics.horizontalAdvance(f"{max(totals):,}") + pad
        left = pad + label_width
        span = max(width - left - total_width - 2 * pad, 1)
        largest = max(max(totals), 1)
        for bar, total in zip(self._bars, totals, strict=True):
            row = QRectF(pad, y, label_width - pad, line * 1.5)
            painter.setPen(text)
            painter.drawText(row, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - pad))
            x = float(left)
            for series, value in zip(self._series, bar.values, strict=False):
                if value <= 0:
                    continue
                length = span * value / largest
                painter.fillRect(QRectF(x, y + line * 0.2, length, line * 1.1), styling.qcolor(series.color))
                x += length
            painter.drawText(QRectF(x + pad / 2, y, total_width + pad, line * 1.5), Qt.AlignmentFlag.AlignVCenter,
                             f"{total:,}".replace(",", "."))
            y += line * 1.5
