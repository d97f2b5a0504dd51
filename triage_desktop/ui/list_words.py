"""The list export's words in the officer's language (core.list_table.ListWords): column headers, the labels of
the codes (ui.labels, the same as the window's), and the line that says which list a file holds ("Việc của tôi ·
Trạng thái: Đang xử lý · xuất lúc 05/12/2026 09:14"). The window and `triage-desktop export --labels vi` use it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from triage_desktop.core import list_table as lt
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.list_table import ListNames
from triage_desktop.core.spreadsheet import local_text
from triage_desktop.core.views import UNASSIGNED
from triage_desktop.ui import labels

translate = QCoreApplication.translate  # called by this bare name so pyside6-lupdate extracts the strings


class QtListWords:
    """core.list_table.ListWords through Qt's translations; the labels are the window's (ui.labels)."""

    def header(self, key: str, kind: str | None) -> str:
        if key == lt.TITLE:
            return {"report": translate("list_export", "Tiêu đề"), "dossier": translate("list_export", "Trích yếu")
                    }.get(kind or "", translate("list_export", "Tiêu đề / Trích yếu"))
        if key == lt.CATEGORY:
            return {"report": translate("list_export", "Lĩnh vực"), "dossier": translate("list_export", "Thủ tục")
                    }.get(kind or "", translate("list_export", "Lĩnh vực / Thủ tục"))
        if key == lt.PERSON:
            return {"report": translate("list_export", "Người phản ánh"),
                    "dossier": translate("list_export", "Người nộp")
                    }.get(kind or "", translate("list_export", "Người phản ánh / Người nộp"))
        headers = {
            lt.KIND: translate("list_export", "Loại"),
            lt.CODE: translate("list_export", "Mã"),
            lt.STATUS: translate("list_export", "Trạng thái"),
            lt.PRIORITY: translate("list_export", "Mức độ"),
            lt.ASSIGNEE: translate("list_export", "Người xử lý"),
            lt.CHANNEL: translate("list_export", "Kênh"),
            lt.PHONE: translate("list_export", "Điện thoại"),
            lt.ADDRESS: translate("list_export", "Địa chỉ"),
            lt.SUBMITTED: translate("list_export", "Ngày gửi"),
            lt.DUE: translate("list_export", "Hạn xử lý"),
            lt.DAYS_LEFT: translate("list_export", "Còn lại (ngày làm việc, âm: quá hạn)"),
            lt.UNIT: translate("list_export", "Đơn vị"),
        }
        return headers.get(key, key)

    def kind(self, kind: str) -> str:
        return labels.one_kind(kind)

    def status(self, kind: str, status: str) -> str:
        return labels.status_label(kind, status)

    def priority(self, priority: str) -> str:
        return labels.label(labels.PRIORITY, priority)

    def channel(self, channel: str) -> str:
        return labels.label(labels.CHANNEL, channel)


class FixedListWords:
    """QtListWords read once, on the GUI thread, for every code this version knows: the write lane then turns
    10^5 rows into words without calling into Qt (an unknown code shows as itself, as ui.labels.label does)."""

    def __init__(self) -> None:
        qt = self._qt = QtListWords()
        self._kinds = {kind: qt.kind(kind) for kind in labels.ONE_KIND}
        self._statuses = {(kind, status): qt.status(kind, status)
                          for kind, table in (("report", labels.REPORT_STATUS), ("dossier", labels.DOSSIER_STATUS))
                          for status in table}
        self._priorities = {code: qt.priority(code) for code in labels.PRIORITY}
        self._channels = {code: qt.channel(code) for code in labels.CHANNEL}

    def header(self, key: str, kind: str | None) -> str:
        return self._qt.header(key, kind)

    def kind(self, kind: str) -> str:
        return self._kinds.get(kind, kind)

    def status(self, kind: str, status: str) -> str:
        return self._statuses.get((kind, status), status)

    def priority(self, priority: str) -> str:
        return self._priorities.get(priority, priority)

    def channel(self, channel: str) -> str:
        return self._channels.get(channel, channel)


def list_title(kind: str | None) -> str:
    """The sheet's name: "Danh sách phản ánh", "Danh sách hồ sơ"."""
    if kind == "report":
        return translate("list_export", "Danh sách phản ánh")
    if kind == "dossier":
        return translate("list_export", "Danh sách hồ sơ")
    return translate("list_export", "Danh sách phản ánh và hồ sơ")


def list_note(query: ItemQuery | None, names: ListNames, at: datetime) -> str:
    """Which list and filters the file holds, and when it was made: "Phản ánh · Việc của tôi · Trạng thái: Đang
    xử lý · xuất lúc 05/12/2026 09:14" (Vietnam time, as every date the officer reads)."""
    words = QtListWords()
    parts: list[str] = []
    if query is not None:
        kind = query.kind
        parts += [labels.label(labels.KIND, kind), labels.label(labels.QUEUE, query.queue)]
        chosen = [
            (lt.STATUS, query.status and labels.status_label(kind, query.status)),
            (lt.CATEGORY, query.category and names.category(kind, query.category)),
            (lt.ASSIGNEE, _assignee(query.assignee_id, names)),
            (lt.CHANNEL, query.channel and labels.label(labels.CHANNEL, query.channel)),
        ]
        parts += [translate("list_export", "{name}: {value}").format(name=words.header(key, kind), value=value)
                  for key, value in chosen if value]
        if query.deadline:
            parts.append(translate("list_export", "Thời hạn: {state}").format(
                state=labels.label(labels.DEADLINE_STATE, query.deadline)))
        if query.text:
            parts.append(translate("list_export", "Tìm: “{text}”").format(text=query.text))
        if query.record is not None:  # a list opened from a number of "Thống kê": the filter line's words
            parts.append(translate("list_export", "Từ Thống kê: {what}").format(
                what=query.record.label or query.record.measure))
    parts.append(translate("list_export", "xuất lúc {moment}").format(moment=local_text(at)))
    return " · ".join(parts)


def _assignee(assignee_id: str | None, names: ListNames) -> str | None:
    if assignee_id is None:
        return None
    if assignee_id == UNASSIGNED:
        return translate("list_export", "Chưa phân công")
    return names.members.get(assignee_id, assignee_id)
