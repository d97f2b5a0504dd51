"""Why the server refused a queued action, in one Vietnamese sentence an officer can act on.

The server's problem+json `title` is whatever language the province's server speaks; the officer reads ours,
chosen from the problem type (§9) or, for a server that sends no type, from the HTTP status. The server's own
words stay available as the detail (tool tips), never as the headline.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from triage_desktop.core.entities import ActionState, OutboxAction
from triage_desktop.ui.messages import field_name

translate = QCoreApplication.translate  # called by this bare name so pyside6-lupdate extracts the strings

VERSION_CONFLICT = "version-conflict"
INVALID_TRANSITION = "invalid-transition"
FORBIDDEN = "forbidden"
GONE = "gone"  # 404 from the server, or a `delete` in the feed (storage marks those "…/gone")
VALIDATION = "validation"
TOO_LARGE = "payload-too-large"  # a file's upload (413)
FILE_TYPE = "unsupported-media-type"  # a file's upload (415)
FILES_MISSING = "files-missing"  # this computer lost an action's files (a salvaged cache); no server said it

_BY_STATUS = {412: VERSION_CONFLICT, 409: INVALID_TRANSITION, 403: FORBIDDEN, 404: GONE, 410: GONE, 422: VALIDATION,
              413: TOO_LARGE, 415: FILE_TYPE}
_NAMES = {VERSION_CONFLICT, INVALID_TRANSITION, FORBIDDEN, VALIDATION, TOO_LARGE, FILE_TYPE, FILES_MISSING}


def problem_name(action: OutboxAction) -> str:
    """version-conflict | invalid-transition | forbidden | gone | validation | "" (something else)."""
    problem = action.problem or {}
    name = str(problem.get("type") or "").rstrip("/").rsplit("/", 1)[-1]
    if name in ("gone", "not-found"):
        return GONE
    if name in _NAMES:
        return name
    return _BY_STATUS.get(action.error_status or 0, "")


def is_gone(action: OutboxAction) -> bool:
    """The item left the officer's unit (404, deleted from the feed): there is nothing to re-apply on."""
    return action.state is ActionState.CONFLICT and problem_name(action) == GONE


def reason_text(action: OutboxAction) -> str:
    """The headline for a conflict or failure ("" for an action still waiting)."""
    if action.state not in (ActionState.CONFLICT, ActionState.FAILED):
        return ""
    name = problem_name(action)
    if name == VERSION_CONFLICT:
        if action.kind == "dossier":
            return translate("problems", "Hồ sơ đã được người khác cập nhật")
        return translate("problems", "Phản ánh đã được người khác cập nhật")
    if name == INVALID_TRANSITION:
        return translate("problems", "Trạng thái hiện tại không cho phép thao tác này")
    if name == FORBIDDEN:
        return translate("problems", "Vai trò của bạn không được phép thực hiện thao tác này")
    if name == GONE:
        return translate("problems", "Không còn thuộc đơn vị (đã chuyển đi, gộp, rút hoặc xóa)")
    if name in (TOO_LARGE, FILE_TYPE):
        file = str(local_file(action).get("filename") or "")
        if name == TOO_LARGE:
            return translate("problems", "Máy chủ không nhận tệp “{name}” vì quá lớn: bỏ tệp này rồi áp dụng lại"
                             ).format(name=file)
        return translate("problems", "Máy chủ không nhận loại tệp của “{name}”: bỏ tệp này rồi áp dụng lại"
                         ).format(name=file)
    if name == FILES_MISSING:
        return translate("problems", "Tệp đính kèm của thao tác này không còn trên máy (dữ liệu đã được khôi phục "
                                     "sau sự cố): bỏ thao tác rồi gửi lại kèm tệp, hoặc áp dụng lại không kèm tệp")
    if name == VALIDATION:
        fields = _invalid_fields(action.problem)
        if fields:
            return translate("problems", "Dữ liệu không hợp lệ: {fields}").format(fields=fields)
        return translate("problems", "Dữ liệu không hợp lệ")
    if action.error_status:
        return translate("problems", "Máy chủ từ chối thao tác (mã {status})").format(status=action.error_status)
    return translate("problems", "Máy chủ từ chối thao tác")


def server_words(action: OutboxAction) -> str:
    """What the server itself said (title and detail), for a tool tip or a details line; untrusted text."""
    problem = action.problem or {}
    parts = [str(problem.get(key) or "").strip() for key in ("title", "detail")]
    text = " — ".join(part for part in parts if part)
    if action.error_status and text:
        text = f"{text} (HTTP {action.error_status})"
    return text


def _invalid_fields(problem: Mapping[str, Any] | None) -> str:
    problem = problem or {}
    errors = problem.get("errors")
    parts: list[str] = []
    if isinstance(errors, list):
        for error in errors:
            if not isinstance(error, Mapping):
                continue
            field = field_name(str(error.get("field") or ""))
            message = str(error.get("message") or "").strip()
            parts.append(f"{field} ({message})" if field and message else field or message)
    text = "; ".join(part for part in parts if part)
    return text or str(problem.get("detail") or "").strip()


def local_file(action: OutboxAction) -> Mapping[str, Any]:
    """The file a refused upload was about, as the sync engine names it in the problem (`local_file`); {}: none."""
    local = (action.problem or {}).get("local_file")
    return local if isinstance(local, Mapping) else {}
