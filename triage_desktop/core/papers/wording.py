"""The words of the papers: dates as Decree 30/2020 writes them, and the names of statuses and timeline steps.

Official papers are Vietnamese by law whatever language the window speaks, so these words are not translated;
the window's own labels (ui.labels) are.
"""

from __future__ import annotations

from datetime import datetime

from triage_desktop.core.workdays import VN

BLANK_DATE = "…/…/……"

DOSSIER_STATUS = {
    "submitted": "Mới đăng ký", "received": "Được tiếp nhận", "rejected": "Không được tiếp nhận",
    "processing": "Đang xử lý", "awaiting_supplement": "Yêu cầu bổ sung giấy tờ",
    "awaiting_fee": "Yêu cầu thực hiện nghĩa vụ tài chính", "withdrawn": "Công dân rút hồ sơ",
    "suspended": "Dừng xử lý", "resolved": "Đã xử lý xong", "returned": "Đã trả kết quả",
}
REPORT_STATUS = {
    "new": "Mới", "acknowledged": "Đã tiếp nhận", "in_progress": "Đang xử lý", "resolved": "Đã xử lý",
    "closed": "Đã đóng", "transferred": "Đã chuyển đơn vị khác", "rejected": "Từ chối",
}

# A timeline line as the control slip (Mẫu 06) and the summary name it: what was done…
STEP = {
    "submitted": "Nộp hồ sơ", "acknowledged": "Tiếp nhận", "assigned": "Phân công xử lý", "note": "Ghi chú nội bộ",
    "reply": "Trả lời công dân", "status_changed": "Chuyển trạng thái", "priority_changed": "Đổi mức độ ưu tiên",
    "transferred": "Chuyển đơn vị khác", "merged": "Gộp phản ánh trùng",
    "supplement_requested": "Yêu cầu bổ sung, hoàn thiện hồ sơ", "supplement_received": "Công dân nộp bổ sung",
    "fee_requested": "Yêu cầu thực hiện nghĩa vụ tài chính", "fee_paid": "Công dân nộp phí, lệ phí",
    "suspended": "Dừng giải quyết", "resolved": "Giải quyết xong", "result_returned": "Trả kết quả",
    "rejected": "Từ chối", "extended": "Gia hạn, xin lỗi và hẹn lại ngày trả kết quả",
    "withdrawn": "Công dân rút hồ sơ", "rated": "Công dân đánh giá",
}
# …and which way the file went (the slip's "giao, nhận hồ sơ"), where it moved.
HANDOVER = {
    "submitted": "Công dân nộp", "acknowledged": "Bộ phận Một cửa nhận", "assigned": "Giao cán bộ xử lý",
    "supplement_requested": "Trả công dân để bổ sung", "supplement_received": "Nhận hồ sơ bổ sung",
    "resolved": "Chuyển kết quả về Bộ phận Một cửa", "result_returned": "Trả kết quả cho công dân",
    "transferred": "Chuyển đơn vị khác", "withdrawn": "Công dân rút hồ sơ",
}
# An unsent action is the timeline line it will become.
ACTION_EVENT = {
    "acknowledge": "acknowledged", "assign": "assigned", "note": "note", "reply": "reply",
    "set_priority": "priority_changed", "transfer": "transferred", "merge": "merged",
    "request_supplement": "supplement_requested", "request_fee": "fee_requested",
    "return_result": "result_returned", "extend": "extended",
}
STATUS_EVENT = {"received": "acknowledged", "acknowledged": "acknowledged", "rejected": "rejected",
                "suspended": "suspended", "resolved": "resolved"}


def status_name(kind: str, status: str) -> str:
    return (DOSSIER_STATUS if kind == "dossier" else REPORT_STATUS).get(status, status)


def local(moment: datetime) -> datetime:
    return moment.astimezone(VN)


def date_text(moment: datetime | None) -> str:
    """dd/MM/yyyy in Vietnam time; a blank to fill by hand when unknown."""
    return local(moment).strftime("%d/%m/%Y") if moment else BLANK_DATE


def date_time_text(moment: datetime | None) -> str:
    return local(moment).strftime("%d/%m/%Y %H:%M") if moment else BLANK_DATE


def clock_text(moment: datetime | None) -> str:
    """"08 giờ 15 phút, ngày 02/03/2026": the receipt's times."""
    if moment is None:
        return f"… giờ … phút, ngày {BLANK_DATE}"
    at = local(moment)
    return f"{at:%H} giờ {at:%M} phút, ngày {at:%d/%m/%Y}"


def date_in_words(place: str, moment: datetime) -> str:
    """"Phường 1, ngày 05 tháng 12 năm 2026": Decree 30/2020 writes days below 10 and the months 1 and 2 with a
    leading zero."""
    at = local(moment)
    month = f"{at.month:02d}" if at.month < 3 else str(at.month)
    return f"{place or '…'}, ngày {at.day:02d} tháng {month} năm {at.year}"
