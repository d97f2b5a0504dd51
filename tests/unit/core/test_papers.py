"""core.papers without Qt: Decree 30's date line, which form fits which state (unsent actions counted), the
paper that goes with the step just taken, the letterhead's defaults, and file names that never become paths."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.ui.seed import LEADER, MEMBERS, UNITS, dossier, event, report
from triage_desktop.core import papers
from triage_desktop.core.entities import ActionState, Item, OutboxAction, User
from triage_desktop.core.papers import forms
from triage_desktop.core.papers.wording import date_in_words


def item(data: dict[str, Any], *pending: tuple[str, dict[str, Any]]) -> Item:
    actions = tuple(OutboxAction(n, data["kind"], data["id"], type_, {"type": type_, **payload}, f"k{n}", 1,
                                 ActionState.PENDING, f"2026-03-0{n + 2}T02:00:00Z", author_id="u_17")
                    for n, (type_, payload) in enumerate(pending, 1))
    return Item(data["kind"], data["id"], 1, data, actions)


@pytest.mark.parametrize(("moment", "line"), [
    (datetime(2026, 12, 4, 17, 30, tzinfo=UTC), "Phường 1, ngày 05 tháng 12 năm 2026"),  # Vietnam is a day on
    (datetime(2026, 2, 9, 3, 0, tzinfo=UTC), "Phường 1, ngày 09 tháng 02 năm 2026"),
    (datetime(2026, 1, 20, 3, 0, tzinfo=UTC), "Phường 1, ngày 20 tháng 01 năm 2026"),
    (datetime(2026, 3, 1, 3, 0, tzinfo=UTC), "Phường 1, ngày 01 tháng 3 năm 2026"),
])
def test_the_date_line_is_written_as_decree_30_asks(moment: datetime, line: str) -> None:
    assert date_in_words("Phường 1", moment) == line


def test_which_forms_fit_follows_the_state_with_the_officers_unsent_actions() -> None:
    submitted = item(dossier("d_1", 1))
    assert papers.fitting(submitted) == {
        "receipt": forms.NOT_RECEIVED, "supplement": forms.NO_SUPPLEMENT, "refusal": forms.NOT_REJECTED,
        "apology": forms.NO_EXTENSION, "stop": forms.NOT_SUSPENDED, "control": forms.NOT_RECEIVED, "summary": None}
    processing = dossier("d_2", 2, status="processing", received_at="2026-03-02T08:00:00+07:00")
    asked = item(processing, ("request_supplement", {"body": "Thiếu", "documents": ["Giấy chứng sinh"]}),
                 ("extend", {"new_due_at": "2026-03-12T17:00:00+07:00", "apology_letter": "Xin lỗi"}))
    assert {f for f, reason in papers.fitting(asked).items() if reason is None} == {
        "receipt", "supplement", "apology", "control", "summary"}
    assert papers.suggested(asked) == forms.APOLOGY  # the last step taken
    stopped = item(processing, ("set_status", {"status": "suspended", "reason_text": "Công dân đề nghị"}))
    assert papers.fits(stopped, forms.STOP) is None and papers.suggested(stopped) == forms.STOP
    a_report = item(report("r_1", 1))
    assert papers.fits(a_report, forms.CONTROL) == forms.NOT_DOSSIER and papers.fits(a_report, "summary") is None
    assert papers.suggested(a_report) is None


def test_a_supplement_without_a_list_reads_the_request_line_by_line() -> None:
    asked = item(dossier("d_3", 3, status="awaiting_supplement", events=[
        event(1, "2026-03-03T09:00:00+07:00", "u_17", "supplement_requested", {"documents": "không phải danh sách"},
              body="- Bản sao CCCD\n- Giấy chứng sinh", visibility="public")]))
    request = papers.forms.facts.supplement(asked)
    assert request is not None and request.documents == ("Bản sao CCCD", "Giấy chứng sinh")
    assert papers.suggested(asked) == forms.SUPPLEMENT


def test_the_letterhead_is_what_the_officer_typed_over_what_the_lists_say() -> None:
    members = [User.from_json(m) for m in MEMBERS]
    units = [*UNITS, {"id": "p_72", "name": "Ủy ban nhân dân tỉnh Tây Ninh", "parent_id": None, "kind": "province"}]
    default = papers.letterhead_for("w_0101", None, units, members)
    assert (default.authority, default.unit_name, default.place, default.leader_name) == (
        "Ủy ban nhân dân tỉnh Tây Ninh", "UBND Phường 1", "UBND Phường 1", LEADER["full_name"])
    typed = papers.letterhead_for("w_0101", {"place": "Phường 1", "phone": "0276 3822 000", "unknown": "x",
                                             "leader_name": "  "}, units, members)
    assert (typed.place, typed.phone, typed.leader_name) == ("Phường 1", "0276 3822 000", LEADER["full_name"])


@pytest.mark.parametrize(("code", "stem"), [
    ("000.00.23.H57-260302-0001", "000.00.23.H57-260302-0001-receipt"),
    ("../../etc/passwd", "etc_passwd-receipt"),
    ("C:\\Windows\\CON", "C__Windows_CON-receipt"),
    ("Hồ sơ 1", "H__s__1-receipt"),
    ("...", "giay-to-receipt"),
])
def test_a_file_name_comes_from_the_code_but_never_a_path(code: str, stem: str) -> None:
    assert papers.file_stem(item(dossier("d_9", 9, code=code)), "receipt") == stem


def test_events_whose_data_is_not_an_object_read_as_empty_and_every_form_still_builds() -> None:
    """§4: an event's `data` is an object; a list or a string from a faulty server reads as {} (it broke the
    suggested paper, which the detail pane asks for each time an item is shown, and Mẫu 04/06)."""
    odd = item(dossier("d_odd", 5, status="suspended", received_at="2026-03-02T08:15:00+07:00", events=[
        event(1, "2026-03-02T08:15:00+07:00", "u_21", "acknowledged", ["received"], visibility="public"),
        event(2, "2026-03-03T09:00:00+07:00", "u_17", "supplement_requested", "…", body="- Bản sao CCCD"),
        event(3, "2026-03-05T16:00:00+07:00", "u_01", "extended", "…", body="Xin lỗi", visibility="public"),
        event(4, "2026-03-06T10:00:00+07:00", "u_17", "status_changed", ["processing", "suspended"],
              body="Công dân đề nghị", visibility="public")]))
    assert all(e.data == {} for e in odd.events)
    assert papers.suggested(odd) is None  # a status change that does not say to what calls for no paper
    context = papers.PaperContext(item=odd, letterhead=papers.letterhead_for("w_0101", None, UNITS, []),
                                  officer=None, now=datetime(2026, 3, 12, 2, 0, tzinfo=UTC))
    fitting = [form_id for form_id, reason in papers.fitting(odd).items() if reason is None]
    assert fitting == ["receipt", "supplement", "apology", "stop", "control", "summary"]
    for form_id in fitting:
        assert odd.code in papers.build(form_id, context).html


def test_the_receipt_gives_the_appointment_made_at_reception_whatever_came_after() -> None:
    """Mẫu 01 is the paper handed over at reception: an extension since (sent twice, and a third one unsent)
    does not move its date, which Mẫu 04 then apologises for missing."""
    extended = item(dossier("d_4", 4, status="processing", received_at="2026-03-02T08:15:00+07:00",
                            due_at="2026-03-12T17:00:00+07:00", events=[
        event(1, "2026-03-04T16:00:00+07:00", "u_01", "extended",
              {"from": "2026-03-05T17:00:00+07:00", "to": "2026-03-09T17:00:00+07:00"}, body="Xin lỗi"),
        event(2, "2026-03-08T16:00:00+07:00", "u_01", "extended",
              {"from": "2026-03-09T17:00:00+07:00", "to": "2026-03-12T17:00:00+07:00"}, body="Xin lỗi lần nữa")]),
        ("extend", {"new_due_at": "2026-03-16T17:00:00+07:00", "apology_letter": "Xin lỗi lần ba"}))
    context = papers.PaperContext(item=extended, letterhead=papers.letterhead_for("w_0101", None, UNITS, []),
                                  officer=None, now=datetime(2026, 3, 12, 2, 0, tzinfo=UTC))
    html = papers.build(forms.RECEIPT, context).html
    assert "17 giờ 00 phút, ngày 05/03/2026" in html
    assert not any(f"ngày {day}/03/2026" in html for day in ("09", "12", "16"))
    unextended = item(dossier("d_5", 5, status="received", received_at="2026-03-02T08:15:00+07:00"))
    assert "17 giờ 00 phút, ngày 05/03/2026" in papers.build(forms.RECEIPT, replace(context, item=unextended)).html
