"""Vietnamese labels for the contract's codes (statuses, priorities, event types, channels, queues; an action
type's name is in `action_registry`).

The dicts hold QT_TRANSLATE_NOOP markers so lupdate finds them; `label()` translates at display time, so a
language switch needs no re-import. An unknown code (a newer server) is shown as the raw code, never dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from triage_desktop.ui.tr_markers import QT_TRANSLATE_NOOP

_CTX = "labels"

REPORT_STATUS = {
    "new": QT_TRANSLATE_NOOP("labels", "Mới"),
    "acknowledged": QT_TRANSLATE_NOOP("labels", "Đã tiếp nhận"),
    "in_progress": QT_TRANSLATE_NOOP("labels", "Đang xử lý"),
    "resolved": QT_TRANSLATE_NOOP("labels", "Đã xử lý"),
    "closed": QT_TRANSLATE_NOOP("labels", "Đã đóng"),
    "transferred": QT_TRANSLATE_NOOP("labels", "Đã chuyển đơn vị khác"),
    "rejected": QT_TRANSLATE_NOOP("labels", "Từ chối"),
}

# The national one-stop wording (dvc_code 1–10).
DOSSIER_STATUS = {
    "submitted": QT_TRANSLATE_NOOP("labels", "Mới đăng ký"),
    "received": QT_TRANSLATE_NOOP("labels", "Được tiếp nhận"),
    "rejected": QT_TRANSLATE_NOOP("labels", "Không được tiếp nhận"),
    "processing": QT_TRANSLATE_NOOP("labels", "Đang xử lý"),
    "awaiting_supplement": QT_TRANSLATE_NOOP("labels", "Yêu cầu bổ sung giấy tờ"),
    "awaiting_fee": QT_TRANSLATE_NOOP("labels", "Yêu cầu thực hiện nghĩa vụ tài chính"),
    "withdrawn": QT_TRANSLATE_NOOP("labels", "Công dân rút hồ sơ"),
    "suspended": QT_TRANSLATE_NOOP("labels", "Dừng xử lý"),
    "resolved": QT_TRANSLATE_NOOP("labels", "Đã xử lý xong"),
    "returned": QT_TRANSLATE_NOOP("labels", "Đã trả kết quả"),
}

PRIORITY = {
    "low": QT_TRANSLATE_NOOP("labels", "Thấp"),
    "normal": QT_TRANSLATE_NOOP("labels", "Bình thường"),
    "high": QT_TRANSLATE_NOOP("labels", "Cao"),
    "urgent": QT_TRANSLATE_NOOP("labels", "Khẩn cấp"),
}

REJECT_REASON = {
    "duplicate": QT_TRANSLATE_NOOP("labels", "Trùng lặp"),
    "not_competent": QT_TRANSLATE_NOOP("labels", "Không thuộc thẩm quyền"),
    "spam": QT_TRANSLATE_NOOP("labels", "Tin rác, quấy rối"),
    "insufficient_info": QT_TRANSLATE_NOOP("labels", "Thiếu thông tin"),
    "other": QT_TRANSLATE_NOOP("labels", "Lý do khác"),
}

EVENT_TYPE = {
    "submitted": QT_TRANSLATE_NOOP("labels", "Gửi lên"),
    "acknowledged": QT_TRANSLATE_NOOP("labels", "Tiếp nhận"),
    "assigned": QT_TRANSLATE_NOOP("labels", "Phân công"),
    "note": QT_TRANSLATE_NOOP("labels", "Ghi chú"),
    "reply": QT_TRANSLATE_NOOP("labels", "Trả lời công dân"),
    "status_changed": QT_TRANSLATE_NOOP("labels", "Đổi trạng thái"),
    "priority_changed": QT_TRANSLATE_NOOP("labels", "Đổi mức độ"),
    "transferred": QT_TRANSLATE_NOOP("labels", "Chuyển đơn vị"),
    "merged": QT_TRANSLATE_NOOP("labels", "Gộp phản ánh"),
    "supplement_requested": QT_TRANSLATE_NOOP("labels", "Yêu cầu bổ sung"),
    "supplement_received": QT_TRANSLATE_NOOP("labels", "Đã nhận bổ sung"),
    "fee_requested": QT_TRANSLATE_NOOP("labels", "Yêu cầu nộp phí"),
    "fee_paid": QT_TRANSLATE_NOOP("labels", "Đã nộp phí"),
    "suspended": QT_TRANSLATE_NOOP("labels", "Dừng xử lý"),
    "resolved": QT_TRANSLATE_NOOP("labels", "Đã xử lý xong"),
    "result_returned": QT_TRANSLATE_NOOP("labels", "Trả kết quả"),
    "rejected": QT_TRANSLATE_NOOP("labels", "Từ chối"),
    "extended": QT_TRANSLATE_NOOP("labels", "Gia hạn"),
    "withdrawn": QT_TRANSLATE_NOOP("labels", "Công dân rút hồ sơ"),
    "rated": QT_TRANSLATE_NOOP("labels", "Công dân đánh giá"),
}

ACTION_STATE = {
    "pending": QT_TRANSLATE_NOOP("labels", "Đang chờ gửi"),
    "sending": QT_TRANSLATE_NOOP("labels", "Đang gửi"),
    "conflict": QT_TRANSLATE_NOOP("labels", "Xung đột"),
    "failed": QT_TRANSLATE_NOOP("labels", "Lỗi"),
    "done": QT_TRANSLATE_NOOP("labels", "Đã gửi"),
}

CHANNEL = {
    "zalo_mini_app": QT_TRANSLATE_NOOP("labels", "Zalo"),
    "hotline": QT_TRANSLATE_NOOP("labels", "Đường dây nóng"),
    "web": QT_TRANSLATE_NOOP("labels", "Cổng thông tin"),
    "walk_in": QT_TRANSLATE_NOOP("labels", "Trực tiếp"),
    "online": QT_TRANSLATE_NOOP("labels", "Trực tuyến"),
    "post": QT_TRANSLATE_NOOP("labels", "Bưu chính"),
}

# The lists of each kind ("Reports" in English): the queue tree's groups.
KIND = {
    "report": QT_TRANSLATE_NOOP("labels", "Phản ánh"),
    "dossier": QT_TRANSLATE_NOOP("labels", "Hồ sơ"),
}

# One item of a kind ("Report · PA-…"). Vietnamese says both the same way, so English needs its own context to
# tell the singular from the list names above.
_ONE_CTX = "labels.one"
ONE_KIND = {
    "report": QT_TRANSLATE_NOOP("labels.one", "Phản ánh"),
    "dossier": QT_TRANSLATE_NOOP("labels.one", "Hồ sơ"),
}

QUEUE = {
    "mine": QT_TRANSLATE_NOOP("labels", "Việc của tôi"),
    "unassigned": QT_TRANSLATE_NOOP("labels", "Chưa phân công"),
    "new": QT_TRANSLATE_NOOP("labels", "Mới"),
    "due_soon": QT_TRANSLATE_NOOP("labels", "Sắp đến hạn"),
    "overdue": QT_TRANSLATE_NOOP("labels", "Quá hạn"),
    "waiting": QT_TRANSLATE_NOOP("labels", "Chờ bổ sung / chờ phí"),
    "open": QT_TRANSLATE_NOOP("labels", "Chưa hoàn thành"),
    "all": QT_TRANSLATE_NOOP("labels", "Tất cả"),
}

# The deadline states a list can be filtered by (core.deadlines.DEADLINE_FILTERS).
DEADLINE_STATE = {
    "on_track": QT_TRANSLATE_NOOP("labels", "Còn hạn"),
    "due_soon": QT_TRANSLATE_NOOP("labels", "Sắp đến hạn"),
    "overdue": QT_TRANSLATE_NOOP("labels", "Quá hạn"),
    "paused": QT_TRANSLATE_NOOP("labels", "Tạm dừng"),
}

# The built-in saved views (core.views), by their stable names.
VIEW = {
    "mine_most_urgent": QT_TRANSLATE_NOOP("labels", "Việc của tôi — gấp nhất trước"),
    "unit_overdue": QT_TRANSLATE_NOOP("labels", "Quá hạn của đơn vị"),
    "unassigned_oldest": QT_TRANSLATE_NOOP("labels", "Chưa phân công — cũ nhất trước"),
    "open_most_urgent": QT_TRANSLATE_NOOP("labels", "Chưa hoàn thành — gấp nhất trước"),
}

ATTACHMENT_ORIGIN = {
    "citizen": QT_TRANSLATE_NOOP("labels", "Công dân gửi"),
    "officer": QT_TRANSLATE_NOOP("labels", "Cán bộ gửi"),
}

ROLE = {
    "leader": QT_TRANSLATE_NOOP("labels", "Lãnh đạo"),
    "officer": QT_TRANSLATE_NOOP("labels", "Cán bộ"),
    "clerk": QT_TRANSLATE_NOOP("labels", "Một cửa"),
}


def label(table: dict[str, str], code: str | None) -> str:
    """The translated label for `code`, or the code itself when this version does not know it."""
    if not code:
        return ""
    source = table.get(code)
    return QCoreApplication.translate(_CTX, source) if source else str(code)


def one_kind(kind: str | None) -> str:
    """The name of one report or dossier, for a code header or a sentence; the code itself when unknown."""
    source = ONE_KIND.get(kind or "")
    return QCoreApplication.translate(_ONE_CTX, source) if source else str(kind or "")


def status_label(kind: str, status: str | None) -> str:
    return label(DOSSIER_STATUS if kind == "dossier" else REPORT_STATUS, status)
