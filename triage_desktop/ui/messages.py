"""Turns core errors into one clear Vietnamese sentence, for the window and the command line alike."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from triage_desktop.core import errors
from triage_desktop.ui.formatting import format_size
from triage_desktop.ui.tr_markers import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate  # called by this bare name so pyside6-lupdate extracts the strings


def field_name(name: str) -> str:
    """A contract field name in words ("reason_text" → "nội dung lý do"); an unknown one as it is."""
    source = _FIELD_NAMES.get(name)
    return translate("messages", source) if source else name


_FIELD_NAMES = {
    "body": QT_TRANSLATE_NOOP("messages", "nội dung"),
    "assignee_id": QT_TRANSLATE_NOOP("messages", "người xử lý"),
    "status": QT_TRANSLATE_NOOP("messages", "trạng thái"),
    "reason": QT_TRANSLATE_NOOP("messages", "lý do"),
    "reason_text": QT_TRANSLATE_NOOP("messages", "nội dung lý do"),
    "priority": QT_TRANSLATE_NOOP("messages", "mức độ"),
    "unit_id": QT_TRANSLATE_NOOP("messages", "đơn vị nhận"),
    "into_id": QT_TRANSLATE_NOOP("messages", "phản ánh gốc"),
    "documents": QT_TRANSLATE_NOOP("messages", "giấy tờ cần bổ sung"),
    "amount_vnd": QT_TRANSLATE_NOOP("messages", "số tiền"),
    "new_due_at": QT_TRANSLATE_NOOP("messages", "hạn mới"),
    "apology_letter": QT_TRANSLATE_NOOP("messages", "thư xin lỗi"),
    "attachment_ids": QT_TRANSLATE_NOOP("messages", "tệp đính kèm"),
}


def invalid_action_message(code: str) -> str:
    """`code` is InvalidAction.detail, e.g. "missing:body" or "too_long:reply:5000"."""
    head, _, rest = code.partition(":")
    field = rest.split(":")[0]
    if head.startswith("file") and head != "files_for_type":
        return file_refusal(head, rest)
    if head == "files_for_type":
        return translate("messages", "Chỉ trả lời phản ánh và trả kết quả hồ sơ mới gửi kèm được tệp.")
    if head == "missing":
        return translate("messages", "Thiếu thông tin bắt buộc: {field}.").format(field=field_name(field))
    if head == "too_long":
        limit = rest.split(":")[-1]
        return translate("messages", "Nội dung quá dài (tối đa {limit} ký tự).").format(limit=limit)
    if head == "invalid":
        return translate("messages", "Giá trị không hợp lệ: {field}.").format(field=field_name(field))
    if head == "forbidden" and field == "assign_others":
        return translate("messages", "Cán bộ chỉ được tự nhận xử lý; phân công người khác cần lãnh đạo.")
    if head == "forbidden":
        return translate("messages", "Vai trò của bạn không được phép thực hiện thao tác này.")
    if head == "status_target":
        return translate("messages", "Không thể chuyển sang trạng thái này bằng thao tác đổi trạng thái.")
    if head in ("type", "type_for_kind", "kind"):
        return translate("messages", "Thao tác này không áp dụng cho loại hồ sơ này.")
    return translate("messages", "Thao tác không hợp lệ ({code}).").format(code=code)


def file_refusal(head: str, rest: str) -> str:
    """Why a file cannot be attached (core.outgoing_files.check); the name is the one on the officer's disk."""
    if head == "file_too_big":
        limit, _, name = rest.partition(":")
        return translate("messages", "Tệp “{name}” quá lớn: máy chủ chỉ nhận tệp đến {size}.").format(
            name=name, size=format_size(int(limit) if limit.isdigit() else 0))
    if head == "file_type":
        return translate("messages", "Không gửi được tệp “{name}”: chỉ nhận ảnh JPEG, PNG, tệp PDF, Word (.docx) "
                                     "hoặc Excel (.xlsx).").format(name=rest)
    if head == "file_empty":
        return translate("messages", "Tệp “{name}” trống.").format(name=rest)
    return translate("messages", "Không đọc được tệp “{name}” (đã bị xóa, chuyển đi hoặc đang bị khóa).").format(
        name=rest)


def error_message(exc: BaseException) -> str:
    """A sentence an official can act on; never a stack trace."""
    if isinstance(exc, errors.WrongCredentials):
        return translate("messages", "Sai tên đăng nhập hoặc mật khẩu.")
    if isinstance(exc, errors.AccountLocked):
        return translate("messages", "Tài khoản đang bị khóa do nhập sai nhiều lần. Vui lòng chờ hoặc liên hệ bộ phận CNTT.")
    if isinstance(exc, errors.WrongPassword):
        return translate("messages", "Mật khẩu không đúng. Vui lòng nhập lại (chú ý chữ hoa, chữ thường và bộ gõ tiếng Việt).")
    if isinstance(exc, errors.CacheLocked) and exc.detail == "other_official":
        return translate("messages", "Dữ liệu trên máy này được khóa bằng mật khẩu của cán bộ khác và máy không có "
                                     "kho khóa an toàn. Người đó cần đăng nhập, hoặc bộ phận CNTT cấp hồ sơ riêng.")
    if isinstance(exc, errors.CacheLocked):
        return translate("messages", "Dữ liệu trên máy đang được khóa: cần nhập mật khẩu để mở.")
    if isinstance(exc, errors.FirstSignInOnline):
        return translate("messages", "Tài khoản này chưa đăng nhập lần nào trên máy này: lần đầu cần kết nối máy chủ. "
                                     "Kiểm tra mạng rồi thử lại.")
    if isinstance(exc, errors.LoginRequired):
        return translate("messages", "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại; các thao tác chưa gửi vẫn được giữ.")
    if isinstance(exc, errors.InsecureServer):
        return translate("messages", "Máy chủ {host} dùng địa chỉ http:// không mã hóa: mật khẩu và dữ liệu sẽ đi qua mạng "
                                     "ở dạng đọc được, nên phần mềm không kết nối. Hãy dùng địa chỉ https:// do bộ "
                                     "phận CNTT cung cấp.").format(host=exc.host)
    if isinstance(exc, errors.CertificateUntrusted):
        return translate("messages", "Không xác minh được chứng chỉ bảo mật của máy chủ {host}, nên phần mềm không "
                                     "kết nối (có thể bị giả mạo). Vui lòng gọi bộ phận CNTT của tỉnh; các thao tác chưa "
                                     "gửi vẫn được giữ.").format(host=exc.host)
    if isinstance(exc, errors.Offline):
        return translate("messages", "Không kết nối được máy chủ. Kiểm tra mạng hoặc địa chỉ máy chủ; "
                  "các thao tác sẽ được gửi khi có mạng.")
    if isinstance(exc, errors.ServerBusy):
        return translate("messages", "Máy chủ đang bận, sẽ tự thử lại sau.")
    if isinstance(exc, errors.BadServerResponse):
        return translate("messages", "Máy chủ trả về dữ liệu không hợp lệ. Kiểm tra địa chỉ máy chủ hoặc báo bộ phận CNTT.")
    if isinstance(exc, errors.ClientTooOld):
        return translate("messages", "Phiên bản phần mềm đã cũ. Vui lòng liên hệ bộ phận CNTT để cài bản cập nhật; "
                  "các thao tác chưa gửi vẫn được giữ.")
    if isinstance(exc, errors.ProfileInUse):
        return translate("messages", "Máy này còn thao tác chưa gửi của {name}. Người đó cần đăng nhập và đồng bộ trước, "
                                     "hoặc dùng một hồ sơ riêng (--profile).").format(name=exc.detail)
    if isinstance(exc, errors.InvalidAction):
        return invalid_action_message(exc.detail)
    if isinstance(exc, errors.NotFound):
        return translate("messages", "Không tìm thấy hồ sơ/phản ánh này trong dữ liệu đã đồng bộ.")
    if isinstance(exc, errors.StorageError):
        return translate("messages", "Không ghi được dữ liệu trên máy (ổ đĩa đầy hoặc bị khóa). Dữ liệu đã có không bị mất.")
    if isinstance(exc, errors.Cancelled):
        return translate("messages", "Đã hủy.")
    if isinstance(exc, errors.ApiError):
        return translate("messages", "Máy chủ từ chối yêu cầu (mã {status}).").format(status=exc.status)
    return translate("messages", "Lỗi không mong đợi: {error}").format(error=type(exc).__name__)
