"""The window's and the command line's words for the papers: each form's name, and why one does not fit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from triage_desktop.core.papers import forms
from triage_desktop.ui.tr_markers import QT_TRANSLATE_NOOP

_CTX = "papers"

FORM_NAME = {
    forms.RECEIPT: QT_TRANSLATE_NOOP("papers", "Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
    forms.SUPPLEMENT: QT_TRANSLATE_NOOP("papers", "Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    forms.REFUSAL: QT_TRANSLATE_NOOP("papers", "Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
    forms.APOLOGY: QT_TRANSLATE_NOOP("papers", "Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn"),
    forms.STOP: QT_TRANSLATE_NOOP("papers", "Mẫu 05 — Thông báo dừng giải quyết hồ sơ"),
    forms.CONTROL: QT_TRANSLATE_NOOP("papers", "Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ"),
    forms.SUMMARY: QT_TRANSLATE_NOOP("papers", "Phiếu tóm tắt"),
}

# The detail pane's button for the paper that goes with the step just taken.
OFFER = {
    forms.RECEIPT: QT_TRANSLATE_NOOP("papers", "In giấy tiếp nhận (Mẫu 01)"),
    forms.SUPPLEMENT: QT_TRANSLATE_NOOP("papers", "In phiếu yêu cầu bổ sung (Mẫu 02)"),
    forms.REFUSAL: QT_TRANSLATE_NOOP("papers", "In phiếu từ chối (Mẫu 03)"),
    forms.APOLOGY: QT_TRANSLATE_NOOP("papers", "In văn bản xin lỗi (Mẫu 04)"),
    forms.STOP: QT_TRANSLATE_NOOP("papers", "In thông báo dừng giải quyết (Mẫu 05)"),
}

REASON = {
    forms.NOT_DOSSIER: QT_TRANSLATE_NOOP("papers", "Mẫu này chỉ dùng cho hồ sơ thủ tục hành chính"),
    forms.NOT_RECEIVED: QT_TRANSLATE_NOOP("papers", "Hồ sơ chưa được tiếp nhận"),
    forms.NO_SUPPLEMENT: QT_TRANSLATE_NOOP("papers", "Hồ sơ chưa có yêu cầu bổ sung"),
    forms.NOT_REJECTED: QT_TRANSLATE_NOOP("papers", "Hồ sơ không bị từ chối tiếp nhận"),
    forms.NO_EXTENSION: QT_TRANSLATE_NOOP("papers", "Hồ sơ chưa được gia hạn"),
    forms.NOT_SUSPENDED: QT_TRANSLATE_NOOP("papers", "Hồ sơ không ở trạng thái dừng xử lý"),
}


def form_name(form_id: str) -> str:
    source = FORM_NAME.get(form_id)
    return QCoreApplication.translate(_CTX, source) if source else form_id


def offer_text(form_id: str) -> str:
    source = OFFER.get(form_id)
    return QCoreApplication.translate(_CTX, source) if source else form_name(form_id)


def reason_text(reason: str) -> str:
    source = REASON.get(reason)
    return QCoreApplication.translate(_CTX, source) if source else reason

