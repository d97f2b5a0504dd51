"""The forms of the one-stop mechanism (Decree 118/2025/NĐ-CP, Appendix I of Circular 03/2025/TT-VPCP: Mẫu
01–06), and a one-page summary for a field report or a dossier. Their titles follow Circular 03/2025; their
lines follow the Circular 01/2018 forms they replaced where the new text could not be checked.

`fits(item, form_id)` says whether a form fits the item's state (the officer's unsent actions counted), with a
reason code when it does not; `build(form_id, context)` fills it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from triage_desktop.core.entities import Item
from triage_desktop.core.file_types import is_photo_type
from triage_desktop.core.masking import mask_phone
from triage_desktop.core.papers import facts, wording
from triage_desktop.core.papers import html as h
from triage_desktop.core.papers.model import Paper, PaperContext
from triage_desktop.core.timestamps import parse_timestamp

RECEIPT, SUPPLEMENT, REFUSAL, APOLOGY, STOP, CONTROL, SUMMARY = (
    "receipt", "supplement", "refusal", "apology", "stop", "control", "summary")

# Why a form does not fit (the front end words them: ui.papers.wording).
NOT_DOSSIER, NOT_RECEIVED, NO_SUPPLEMENT, NOT_REJECTED, NO_EXTENSION, NOT_SUSPENDED = (
    "not_dossier", "not_received", "no_supplement", "not_rejected", "no_extension", "not_suspended")


@dataclass(frozen=True, slots=True)
class Form:
    id: str
    number: str  # "01"…"06"; "" for the summary
    title: str
    kinds: frozenset[str]
    check: Callable[[Item], str | None]  # None when it fits, else a reason code
    build: Callable[[PaperContext], str]  # the HTML


def _dossier_only(check: Callable[[Item], str | None]) -> Callable[[Item], str | None]:
    return lambda item: NOT_DOSSIER if item.kind != "dossier" else check(item)


def fits(item: Item, form_id: str) -> str | None:
    """None when `form_id` fits the item as the officer sees it (unsent actions included), else why not."""
    form = FORMS[form_id]
    return form.check(item) if item.kind in form.kinds else NOT_DOSSIER


def fitting(item: Item) -> dict[str, str | None]:
    """Every form with None (fits) or the reason it does not."""
    return {form_id: fits(item, form_id) for form_id in FORMS}


def build(form_id: str, context: PaperContext) -> Paper:
    """The filled form (ValueError when it does not fit: check `fits` first)."""
    reason = fits(context.item, form_id)
    if reason is not None:
        raise ValueError(f"{form_id}: {reason}")
    form = FORMS[form_id]
    resources = {photo_resource(k): v for k, v in context.photos.items()} if form_id == SUMMARY else {}
    return Paper(form_id, form.title, form.build(context), resources)


def photo_resource(attachment_id: str) -> str:
    """The name a photo goes by in a paper's HTML (its <img src>) and resources."""
    return f"photo:{attachment_id}"


# The action just taken → the paper it calls for (the detail pane offers it).
_AFTER_ACTION = {"acknowledge": RECEIPT, "request_supplement": SUPPLEMENT, "extend": APOLOGY}
_AFTER_EVENT = {"acknowledged": RECEIPT, "supplement_requested": SUPPLEMENT, "extended": APOLOGY,
                "rejected": REFUSAL, "suspended": STOP}
_AFTER_STATUS = {"received": RECEIPT, "rejected": REFUSAL, "suspended": STOP}


def suggested(item: Item) -> str | None:
    """The form that goes with the dossier's latest step (the officer's unsent action, else the newest event),
    when it fits; None for a report or a step that calls for no paper."""
    if item.kind != "dossier":
        return None
    form: str | None = None
    waiting = facts.unsent(item)
    if waiting:
        last = waiting[-1]
        form = _AFTER_STATUS.get(str(last.payload.get("status"))) if last.type == "set_status" \
            else _AFTER_ACTION.get(last.type)
    else:
        events = [e for e in facts.events_in_order(item) if e.type not in ("note", "assigned")]
        if events:
            last_event = events[-1]
            form = _AFTER_STATUS.get(str(last_event.data.get("to"))) if last_event.type == "status_changed" \
                else _AFTER_EVENT.get(last_event.type)
    return form if form is not None and fits(item, form) is None else None


def file_stem(item: Item, form_id: str) -> str:
    """"<code>-<form>": the default file name's stem, letters, digits, dots and dashes only (a code from the
    server never becomes a path)."""
    code = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in (item.code or item.id))
    return f"{code.strip('._')[:80] or 'giay-to'}-{form_id}"


# --- the parts every form shares -------------------------------------------------------------------------------

def _procedure_name(context: PaperContext) -> str:
    return str(context.procedure.get("name") or context.item.category)


def _date_line(context: PaperContext) -> str:
    return h.date_line(wording.date_in_words(context.letterhead.place, context.now))


def _applicant(context: PaperContext, lead: str) -> str:
    item = context.item
    return (h.field(lead, item.person_name) + h.field("Địa chỉ", item.address)
            + h.field("Số điện thoại", item.phone) + h.field("Nội dung yêu cầu giải quyết", _procedure_name(context)))


def _code_line(context: PaperContext) -> str:
    return f"Mã hồ sơ: {h.esc(context.item.code or context.item.id)}"


def _leader(context: PaperContext) -> tuple[str, str, str]:
    return (context.letterhead.leader_title or "THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)",
            context.letterhead.leader_name)


def _office(context: PaperContext) -> str:
    return h.esc(context.letterhead.unit_name) or h.DOTS


def _contact(context: PaperContext) -> str:
    phone = context.letterhead.phone
    return f", số điện thoại {h.esc(phone)}" if phone else ""


# --- Mẫu 01–06 -------------------------------------------------------------------------------------------------

def _receipt(context: PaperContext) -> str:
    item = context.item
    days = context.procedure.get("processing_working_days")
    fee = item.data.get("fee_vnd") if item.data.get("fee_vnd") is not None else context.procedure.get("fee_vnd")
    documents = [a.filename for a in item.attachments if a.origin == "citizen"]
    received = facts.received_at(item)
    return h.document(
        h.heading(context.letterhead, "……/TNHS"), _date_line(context),
        h.title("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", _code_line(context)),
        h.para(f"Bộ phận Một cửa {_office(context)}"),
        _applicant(context, "Tiếp nhận hồ sơ của"),
        h.para("1. Thành phần hồ sơ nộp gồm:"),
        "".join(h.para(f"- {h.esc(name)}") for name in documents) or h.para("- Theo hồ sơ đã nộp."),
        h.para("2. Số lượng hồ sơ: 01 (bộ)."),
        h.para(f"3. Thời gian giải quyết hồ sơ theo quy định là: {h.or_dots(days)} ngày làm việc."),
        h.para(f"4. Thời gian nhận hồ sơ: {wording.clock_text(received)}."),
        # The appointment given at reception: an extension since does not move it (Mẫu 04 apologises for it).
        h.para(f"5. Thời gian trả kết quả giải quyết hồ sơ: {wording.clock_text(facts.original_due(item))}."),
        h.para(f"6. Phí, lệ phí: {_money(fee)}."),
        h.para(f"7. Đăng ký nhận kết quả tại: Bộ phận Một cửa {_office(context)}."),
        h.signatures(("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", item.person_name),
                     ("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", context.officer_name)))


def _supplement(context: PaperContext) -> str:
    request = facts.supplement(context.item)
    assert request is not None  # fits() checked
    return h.document(
        h.heading(context.letterhead, "……/PBSHS"), _date_line(context),
        h.title("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", _code_line(context)),
        _applicant(context, "Hồ sơ của"),
        h.para(f"Ngày yêu cầu: {wording.date_text(request.at)}."),
        h.para("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:"),
        h.numbered(request.documents) or h.para(h.DOTS),
        h.field("Lý do", request.reason),
        h.para(f"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với "
               f"{h.or_dots(context.officer_name)}{_contact(context)} để được hướng dẫn.", indent=True),
        h.signatures(("NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", context.officer_name)))


def _refusal(context: PaperContext) -> str:
    reason = facts.reason_for(context.item, "rejected")
    return h.document(
        h.heading(context.letterhead, "……/TCHS"), _date_line(context),
        h.title("Phiếu từ chối tiếp nhận giải quyết hồ sơ", _code_line(context)),
        h.para(f"Bộ phận Một cửa {_office(context)}"),
        _applicant(context, "Tiếp nhận hồ sơ của"),
        h.field("Ngày nộp hồ sơ", wording.date_text(parse_timestamp(context.item.data.get("submitted_at")))),
        h.para(f"Qua xem xét, {_office(context)} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể "
               f"như sau: {h.or_dots(reason)}", indent=True),
        h.para("Xin thông báo để ông/bà được biết và thực hiện./.", indent=True),
        h.signatures(("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", context.officer_name)))


def _apology(context: PaperContext) -> str:
    item = context.item
    ext = facts.extension(item)
    assert ext is not None  # fits() checked
    office = _office(context)
    return h.document(
        h.heading(context.letterhead, "……/XL"), _date_line(context),
        h.title("Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
        h.para(f"Kính gửi: ông/bà {h.or_dots(item.person_name)}", indent=True),
        h.para(f"Ngày {wording.date_text(facts.received_at(item))}, {office} tiếp nhận giải quyết hồ sơ của ông/bà "
               f"đề nghị giải quyết thủ tục hành chính {h.esc(_procedure_name(context))}. "
               f"Mã hồ sơ: {h.esc(item.code or item.id)}.", indent=True),
        h.para(f"Ngày hẹn trả kết quả giải quyết hồ sơ: {wording.date_text(ext.old_due)}.", indent=True),
        h.para(f"Tuy nhiên đến nay, {office} chưa trả kết quả giải quyết hồ sơ của ông/bà đúng hạn ghi trên Giấy "
               "tiếp nhận hồ sơ và hẹn trả kết quả. Lý do:", indent=True),
        h.para(h.or_dots(ext.letter), indent=True),
        h.para(f"Sự chậm trễ này đã gây phiền hà cho ông/bà. {office} xin lỗi ông/bà về sự bất tiện này và đề nghị "
               f"gia hạn thời gian giải quyết; hẹn trả kết quả giải quyết hồ sơ vào ngày "
               f"{wording.date_text(ext.new_due)}.", indent=True),
        h.para("Xin kính chúc ông/bà sức khỏe và thành công./.", indent=True),
        h.signatures(_leader(context)))


def _stop(context: PaperContext) -> str:
    item = context.item
    reason = facts.reason_for(item, "suspended")
    return h.document(
        h.heading(context.letterhead, "……/TB"), _date_line(context),
        h.title("Thông báo dừng giải quyết hồ sơ"),
        h.para(f"Kính gửi: ông/bà {h.or_dots(item.person_name)}", indent=True),
        h.para(f"{_office(context)} thông báo dừng giải quyết hồ sơ của ông/bà:", indent=True),
        h.field("Mã hồ sơ", item.code or item.id),
        h.field("Thủ tục hành chính", _procedure_name(context)),
        h.field("Ngày tiếp nhận", wording.date_text(facts.received_at(item))),
        h.field("Lý do dừng giải quyết", reason),
        h.para(f"Mọi vướng mắc xin liên hệ Bộ phận Một cửa {_office(context)}{_contact(context)} để được hướng "
               "dẫn./.", indent=True),
        h.signatures(_leader(context)))


def _control(context: PaperContext) -> str:
    item = context.item
    rows = [_step_row(n, step, context, due) for n, (step, due) in enumerate(_with_due(item), 1)]
    return h.document(
        h.heading(context.letterhead), _date_line(context),
        h.title("Phiếu kiểm soát quá trình giải quyết hồ sơ", _code_line(context)),
        h.field("Kèm theo hồ sơ của", item.person_name),
        h.field("Thủ tục hành chính", _procedure_name(context)),
        h.field("Cơ quan giải quyết hồ sơ", context.letterhead.unit_name),
        h.field("Ngày tiếp nhận", wording.date_text(facts.received_at(item))),
        h.field("Ngày hẹn trả kết quả", wording.date_text(parse_timestamp(item.due_at))),
        h.grid(("STT", "Thời gian", "Người thực hiện", "Nội dung", "Giao, nhận hồ sơ", "Kết quả"), rows),
        h.signatures(("NGƯỜI LẬP PHIẾU", "(Ký và ghi rõ họ tên)", context.officer_name)))


def _with_due(item: Item) -> list[tuple[facts.Step, datetime | None]]:
    """Each step with the appointment in force when it happened (an extension moves it from then on)."""
    due = facts.original_due(item)
    paired = []
    for step in facts.steps(item):
        paired.append((step, due))
        if step.type == "extended":
            due = parse_timestamp(step.data.get("to")) or due
    return paired


def _step_row(n: int, step: facts.Step, context: PaperContext, due: datetime | None) -> list[str]:
    what = wording.STEP.get(step.type, step.type)
    to = step.data.get("to")
    if step.type == "assigned" and to:
        what += f": {context.member(to)}"
    elif step.type == "status_changed" and to:
        what += f": {wording.status_name(context.item.kind, str(to))}"
    if step.unsent:
        what += " (đang chờ gửi)"
    who = context.member(step.author_id) if step.author_id else \
        ("Công dân" if step.type in ("submitted", "supplement_received", "fee_paid", "withdrawn") else "Hệ thống")
    return [str(n), wording.date_time_text(step.at), who, what, wording.HANDOVER.get(step.type, ""),
            _timing(step, due)]


def _timing(step: facts.Step, due: datetime | None) -> str:
    """Trước hạn / Đúng hạn / Quá hạn against the appointment in force, from the day of reception on."""
    if step.at is None or due is None or step.type in ("submitted", "note"):
        return ""
    if step.at > due:
        return "Quá hạn"
    return "Đúng hạn" if wording.local(step.at).date() == wording.local(due).date() else "Trước hạn"


# --- the summary -----------------------------------------------------------------------------------------------

def _summary(context: PaperContext) -> str:
    item = context.item
    report = item.kind == "report"
    lines = [h.field("Mã", item.code or item.id)]
    if report:
        coordinates = item.coordinates
        lines += [h.field("Lĩnh vực", context.category_name or item.category), h.field("Tiêu đề", item.title),
                  h.field("Địa điểm", item.address),
                  h.field("Tọa độ", f"{coordinates[0]:.6f}, {coordinates[1]:.6f}" if coordinates else ""),
                  h.field("Người phản ánh", item.person_name),
                  h.field("Điện thoại", mask_phone(item.phone) if item.phone else "")]
    else:
        lines += [h.field("Thủ tục", _procedure_name(context)), h.field("Trích yếu", item.title),
                  h.field("Người nộp", item.person_name), h.field("Địa chỉ", item.address)]
    lines += [h.field("Trạng thái", wording.status_name(item.kind, item.effective_status)),
              h.field("Người xử lý", context.member(item.effective_assignee_id) or "Chưa phân công"),
              h.field("Ngày gửi", wording.date_time_text(parse_timestamp(item.data.get("submitted_at")))),
              h.field("Hạn xử lý", wording.date_time_text(parse_timestamp(item.due_at)))]
    if item.description:
        lines += [h.para("<b>Nội dung phản ánh:</b>"), h.para(h.esc(item.description))]
    rows = [[wording.date_time_text(s.at), context.member(s.author_id) or "Công dân",
             wording.STEP.get(s.type, s.type) + (" (đang chờ gửi)" if s.unsent else ""), _cut(s.body)]
            for s in facts.steps(item) if s.type != "note"]  # internal notes stay inside the office
    photos = [a for a in item.attachments if is_photo_type(a.content_type)]
    kept = [a for a in photos if a.id in context.photos]
    pictures = ""
    if photos:
        pictures = h.para("<b>Ảnh hiện trường:</b>") if report else h.para("<b>Ảnh đính kèm:</b>")
        if kept:
            pictures += h.para(" ".join(f'<img src="{h.esc(photo_resource(a.id))}" width="{h.PHOTO_WIDTH}">'
                                        for a in kept))
        pictures += "".join(h.para(f"- {h.esc(a.filename)}") for a in photos if a not in kept)
    return h.document(
        h.heading(context.letterhead), _date_line(context),
        h.title("Phiếu tóm tắt phản ánh hiện trường" if report else "Phiếu tóm tắt hồ sơ"),
        *lines, h.para("<b>Diễn biến xử lý:</b>"),
        h.grid(("Thời gian", "Người thực hiện", "Nội dung", "Ghi chú"), rows), pictures,
        h.signatures(("NGƯỜI LẬP PHIẾU", "(Ký và ghi rõ họ tên)", context.officer_name)))


def _cut(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _money(amount: object) -> str:
    try:
        value = int(amount)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return h.DOTS
    return "Không thu" if value == 0 else f"{value:,}".replace(",", ".") + " đồng"


# --- the table -------------------------------------------------------------------------------------------------

_DOSSIER = frozenset({"dossier"})


def _received(item: Item) -> str | None:
    return None if facts.is_received(item) else NOT_RECEIVED


FORMS: Mapping[str, Form] = {form.id: form for form in (
    Form(RECEIPT, "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", _DOSSIER, _dossier_only(_received), _receipt),
    Form(SUPPLEMENT, "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", _DOSSIER,
         _dossier_only(lambda i: None if facts.supplement(i) else NO_SUPPLEMENT), _supplement),
    Form(REFUSAL, "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", _DOSSIER,
         _dossier_only(lambda i: None if i.effective_status == "rejected" else NOT_REJECTED), _refusal),
    Form(APOLOGY, "04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", _DOSSIER,
         _dossier_only(lambda i: None if facts.extension(i) else NO_EXTENSION), _apology),
    Form(STOP, "05", "Thông báo dừng giải quyết hồ sơ", _DOSSIER,
         _dossier_only(lambda i: None if i.effective_status == "suspended" else NOT_SUSPENDED), _stop),
    Form(CONTROL, "06", "Phiếu kiểm soát quá trình giải quyết hồ sơ", _DOSSIER, _dossier_only(_received), _control),
    Form(SUMMARY, "", "Phiếu tóm tắt", frozenset({"report", "dossier"}), lambda _item: None, _summary),
)}
FORM_IDS: tuple[str, ...] = tuple(FORMS)
