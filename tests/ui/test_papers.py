"""Official papers (issue 13): each form filled from a cached dossier shaped like central-api.md §4, laid out by
the real QPdfWriter offscreen, read back with pypdf: the code, the applicant, the procedure, dd/MM/yyyy dates and
every Vietnamese letter come out whole; the control slip lists each step; citizen HTML stays literal text; a form
prints right after its action is queued offline; the dialog prints what the officer edited and records it."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QThread, QTimer, QUrl
from PySide6.QtGui import QColor, QImage, QStandardItemModel, QTextDocument
from PySide6.QtPrintSupport import QPrintPreviewWidget

from tests.support.papers import pdf_text, squeezed, vietnamese_letters
from tests.support.unwritable import unwritable_folder
from tests.ui.seed import dossier, event, report, upsert
from triage_desktop.core import papers
from triage_desktop.core.entities import Attachment
from triage_desktop.core.papers import forms
from triage_desktop.core.workdays import VN
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.papers import fonts, printing, render
from triage_desktop.ui.papers.dialog import PapersDialog
from triage_desktop.ui.tasks import TaskRunner
from triage_desktop.ui.whole_file import why_not_written

LETTERS = vietnamese_letters()
ADDRESS = " ".join(LETTERS[i:i + 12] for i in range(0, len(LETTERS), 12))  # words of 12 letters
NAME = "Nguyễn Thị Hoà"
PROCEDURE = "Đăng ký khai sinh"
NOW = datetime(2026, 3, 12, 2, 0, tzinfo=UTC)
HOSTILE = "<script>alert('x')</script><b>Bà Tư</b>"
DOCUMENTS = ["Bản sao Giấy chứng sinh", "Giấy chứng nhận kết hôn của cha mẹ"]
APOLOGY = "Hồ sơ cần xác minh thêm tại nơi cư trú của người mẹ."
REFUSAL = "Hồ sơ không thuộc thẩm quyền giải quyết của phường."
STOP = "Công dân đề nghị dừng để bổ sung giấy tờ gốc."


def applicant(name: str = NAME) -> dict[str, str]:
    return {"name": name, "id_number": "072190001234", "phone": "0276 3822 111", "address": ADDRESS}


def worked_dossier() -> dict[str, Any]:
    """Received, assigned, extended once, then asked for two documents: Mẫu 01, 02, 04, 06 fit."""
    return dossier(
        "d_worked", 901, status="awaiting_supplement", dvc_code=5, assignee_id="u_17", applicant=applicant(),
        received_at="2026-03-02T08:15:00+07:00", due_at="2026-03-10T17:00:00+07:00",
        events=[
            event(1, "2026-03-02T07:50:00+07:00", None, "submitted", visibility="public"),
            event(2, "2026-03-02T08:15:00+07:00", "u_21", "acknowledged", {"from": "submitted", "to": "received"},
                  visibility="public"),
            event(3, "2026-03-02T09:00:00+07:00", "u_01", "assigned", {"from": None, "to": "u_17"}),
            event(4, "2026-03-03T10:00:00+07:00", "u_17", "status_changed", {"from": "received", "to": "processing"},
                  visibility="public"),
            event(5, "2026-03-05T16:00:00+07:00", "u_01", "extended",
                  {"from": "2026-03-05T17:00:00+07:00", "to": "2026-03-10T17:00:00+07:00"}, body=APOLOGY,
                  visibility="public"),
            event(6, "2026-03-11T09:30:00+07:00", "u_17", "supplement_requested", {"documents": DOCUMENTS},
                  body="Hồ sơ còn thiếu giấy tờ.", visibility="public"),
        ])


def ended(item_id: str, n: int, status: str, event_type: str, reason: str, **fields: Any) -> dict[str, Any]:
    return dossier(item_id, n, status=status, applicant=applicant(), **{
        "received_at": "2026-03-02T08:15:00+07:00", **fields, "events": [
            event(1, "2026-03-02T07:50:00+07:00", None, "submitted", visibility="public"),
            event(2, "2026-03-04T10:00:00+07:00", "u_01", event_type, {"from": "processing", "to": status},
                  body=reason, visibility="public")]})


@pytest.fixture
def cached(store: Store) -> Store:
    store.apply_page([upsert(d) for d in (
        worked_dossier(),
        ended("d_rejected", 902, "rejected", "rejected", REFUSAL, received_at=None),
        ended("d_stopped", 903, "suspended", "suspended", STOP),
        dossier("d_hostile", 904, status="received", applicant=applicant(HOSTILE),
                received_at="2026-03-02T08:15:00+07:00"),
    )], "cursor-papers")
    return store


def pdf_of(workspace: LocalWorkspace, item_id: str, form_id: str, kind: str = "dossier") -> str:
    item = workspace.item(kind, item_id)
    assert item is not None
    paper = printing.build(workspace, item, workspace.current_user(), form_id, now=NOW)
    return pdf_text(render.pdf_bytes(paper.html, paper.resources, paper.title))


CASES = [
    # The appointment given at reception (05/03, the extension's `from`), not the one in force since (10/03):
    # Mẫu 04 apologises for missing the date the receipt gave.
    ("d_worked", forms.RECEIPT, ["GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "08 giờ 15 phút, ngày 02/03/2026",
                                 "kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 05/03/2026", "Nguyễn Thị Hồng"]),
    ("d_worked", forms.SUPPLEMENT, ["PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Ngày yêu cầu: 11/03/2026",
                                    f"1. {DOCUMENTS[0]}", f"2. {DOCUMENTS[1]}"]),
    ("d_rejected", forms.REFUSAL, ["PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", REFUSAL,
                                   "Ngày nộp hồ sơ: 02/03/2026"]),
    ("d_worked", forms.APOLOGY, ["VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", "Ngày 02/03/2026",
                                 "Ngày hẹn trả kết quả giải quyết hồ sơ: 05/03/2026", APOLOGY,
                                 "vào ngày 10/03/2026"]),
    ("d_stopped", forms.STOP, ["THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", STOP, "Ngày tiếp nhận: 02/03/2026"]),
    ("d_worked", forms.CONTROL, ["PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Ngày hẹn trả kết quả: 10/03/2026"]),
    ("d_worked", forms.SUMMARY, ["PHIẾU TÓM TẮT HỒ SƠ", "Hạn xử lý: 10/03/2026 17:00"]),
]


@pytest.mark.parametrize(("item_id", "form_id", "expected"), CASES, ids=[case[1] for case in CASES])
def test_each_form_comes_out_of_the_pdf_whole(qapp, cached: Store, workspace: LocalWorkspace, item_id: str,
                                              form_id: str, expected: list[str]) -> None:
    text = pdf_of(workspace, item_id, form_id)
    code = workspace.item("dossier", item_id).code
    for words in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", code, NAME, PROCEDURE,
                  "UBND Phường 1, ngày 12 tháng 3 năm 2026", *expected]:
        assert squeezed(words) in squeezed(text), (words, text)
    assert re.search(r"\b\d\d/\d\d/\d{4}\b", text)
    if form_id in (forms.RECEIPT, forms.SUPPLEMENT, forms.REFUSAL, forms.SUMMARY):  # the forms with the address
        assert squeezed(LETTERS) in squeezed(text)
    if form_id in (forms.RECEIPT, forms.SUPPLEMENT, forms.REFUSAL):  # the applicant's own papers: the phone whole
        assert squeezed(applicant()["phone"]) in squeezed(text)


def test_the_control_slip_lists_every_step_with_who_and_whether_on_time(qapp, cached: Store,
                                                                        workspace: LocalWorkspace) -> None:
    text = pdf_of(workspace, "d_worked", forms.CONTROL)
    rows = ["1 02/03/2026 07:50 Công dân Nộp hồ sơ Công dân nộp",
            "2 02/03/2026 08:15 Lê Thị Mai Tiếp nhận Bộ phận Một cửa nhận Trước hạn",
            "3 02/03/2026 09:00 Nguyễn Thị Hồng Phân công xử lý: Trần Văn Bình Giao cán bộ xử lý Trước hạn",
            "4 03/03/2026 10:00 Trần Văn Bình Chuyển trạng thái: Đang xử lý",
            "5 05/03/2026 16:00 Nguyễn Thị Hồng Gia hạn, xin lỗi và hẹn lại ngày trả kết quả Đúng hạn",
            # After the extension the appointment is 10/03: the request of 11/03 came a day late.
            "6 11/03/2026 09:30 Trần Văn Bình Yêu cầu bổ sung, hoàn thiện hồ sơ Trả công dân để bổ sung Quá hạn"]
    for row in rows:
        assert squeezed(row) in squeezed(text), (row, text)


def test_citizen_html_prints_as_literal_text(qapp, cached: Store, workspace: LocalWorkspace) -> None:
    for form_id in (forms.RECEIPT, forms.CONTROL, forms.SUMMARY):
        text = pdf_of(workspace, "d_hostile", form_id)
        assert squeezed(HOSTILE) in squeezed(text)


def test_a_receipt_prints_right_after_tiep_nhan_is_queued_offline(qapp, cached: Store,
                                                                  workspace: LocalWorkspace) -> None:
    item = workspace.item("dossier", "d_0000")  # submitted: no receipt yet, and the why
    assert item is not None and item.status == "submitted"
    assert papers.fits(item, forms.RECEIPT) == forms.NOT_RECEIVED
    assert papers.fits(item, forms.REFUSAL) == forms.NOT_REJECTED
    assert papers.fits(workspace.item("report", "r_0000"), forms.RECEIPT) == forms.NOT_DOSSIER
    action = workspace.queue_action("dossier", "d_0000", "acknowledge", {})  # no server anywhere
    item = workspace.item("dossier", "d_0000")
    assert item is not None and papers.fits(item, forms.RECEIPT) is None and papers.suggested(item) == forms.RECEIPT
    text = pdf_of(workspace, "d_0000", forms.RECEIPT)
    queued = datetime.fromisoformat(action.created_at).astimezone(VN)  # Vietnam time, as the papers write it
    assert f"{queued:%H} giờ {queued:%M} phút, ngày {queued:%d/%m/%Y}" in text
    workspace.queue_action("dossier", "d_0000", "set_status", {"status": "rejected", "reason_text": REFUSAL})
    item = workspace.item("dossier", "d_0000")
    assert item is not None and papers.suggested(item) == forms.REFUSAL
    assert REFUSAL in pdf_of(workspace, "d_0000", forms.REFUSAL)


def test_a_field_report_summary_carries_its_kept_photo_and_the_others_names(qapp, store: Store,
                                                                          workspace: LocalWorkspace) -> None:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    png = bytes(data.data())
    kept = {"id": "a_kept", "filename": "cây đổ.png", "content_type": "image/png", "size": len(png),
            "sha256": hashlib.sha256(png).hexdigest(), "uploaded_at": "2026-03-02T08:15:00+07:00", "origin": "citizen"}
    missing = {**kept, "id": "a_missing", "filename": "<b>góc khác</b>.jpg", "content_type": "image/jpeg",
               "sha256": "2" * 64}
    store.apply_page([upsert(report("r_photos", 77, attachments=[kept, missing], description=HOSTILE))], "c-2")
    assert workspace.photo_cache().put(Attachment.from_json(kept), png, 10_000_000)
    item = workspace.item("report", "r_photos")
    assert item is not None
    paper = printing.build(workspace, item, workspace.current_user(), forms.SUMMARY, now=NOW)
    pdf = render.pdf_bytes(paper.html, paper.resources, paper.title)
    text = pdf_text(pdf)
    for words in ("PHIẾU TÓM TẮT PHẢN ÁNH HIỆN TRƯỜNG", "PA-2026-000077", "Cây xanh", "77 Đường 30/4, Phường 1",
                  "11.310100, 106.098200", "Lê Đình Tâm", "0905•••456", HOSTILE, "<b>góc khác</b>.jpg"):
        assert squeezed(words) in squeezed(text), (words, text)
    assert "cây đổ.png" not in text  # the kept one is shown, not named
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages) == 1


def test_the_dialog_greys_what_does_not_fit_and_saves_the_edited_text(qtbot, cached: Store,
                                                                     workspace: LocalWorkspace, runner: TaskRunner,
                                                                     tmp_path: Path) -> None:
    item = workspace.item("dossier", "d_worked")
    assert item is not None
    dialog = PapersDialog(workspace, runner, item, workspace.current_user(), clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form_id() == forms.SUPPLEMENT  # the step just taken
    model = dialog.form.model()
    assert isinstance(model, QStandardItemModel)
    refusal = model.item(dialog.form.findData(forms.REFUSAL))
    assert not refusal.isEnabled() and refusal.toolTip() == "Hồ sơ không bị từ chối tiếp nhận"
    dialog.choose(forms.RECEIPT)
    assert "GIẤY TIẾP NHẬN" in dialog.editor.toPlainText()
    cursor = dialog.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("Ghi chú của cán bộ: đã nhận đủ bản chính.")
    target = tmp_path / "giay tiep nhan"
    with qtbot.waitSignal(dialog.printed, timeout=10_000) as printed:
        dialog.save_pdf(target)
    assert printed.args == [forms.RECEIPT, "pdf"]
    written = target.with_name("giay tiep nhan.pdf")
    text = pdf_text(written.read_bytes())
    assert "Ghi chú của cán bộ: đã nhận đủ bản chính." in text and squeezed(LETTERS) in squeezed(text)
    entries = [e for e in cached.audit_entries() if e.action == "printed"]
    assert [(e.kind, e.item_id, e.details) for e in entries] == [
        ("dossier", "d_worked", {"form": "receipt", "to": "pdf"})]


class GuiTicks:
    """Slow work wrapped so that, off the GUI thread, it waits for the GUI thread's timer to tick once before it
    goes on: the events then read started, tick, done. On the GUI thread it cannot wait (nothing would tick), and
    they read started, done. The order is the assertion, not a clock."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self._ticked = threading.Event()
        self._running = ""

    def tick(self) -> None:
        if self._running and not self._ticked.is_set():
            self.events.append(f"tick during {self._running}")
            self._ticked.set()

    def around(self, what: str, work: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            self._ticked.clear()
            self._running = what
            self.events.append(f"{what} started")
            if not QThread.isMainThread():
                self._ticked.wait(30)  # a safety net only: the timer ticks every few milliseconds
            try:
                return work(*args, **kwargs)
            finally:
                self._running = ""
                self.events.append(f"{what} done")
        return wrapped


def big_photo(n: int) -> tuple[dict[str, Any], bytes]:
    """A 12 MP JPEG, as a phone sends one."""
    image = QImage(4000, 3000, QImage.Format.Format_RGB32)
    image.fill(QColor.fromHsv(n * 50, 180, 200))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    jpeg = bytes(data.data())
    return ({"id": f"a_big{n}", "filename": f"ảnh {n}.jpg", "content_type": "image/jpeg", "size": len(jpeg),
             "sha256": hashlib.sha256(jpeg).hexdigest(), "uploaded_at": "2026-03-02T08:15:00+07:00",
             "origin": "citizen"}, jpeg)


def test_big_photos_are_decoded_and_the_pdf_built_while_the_dialog_keeps_ticking(
        qtbot, store: Store, workspace: LocalWorkspace, runner: TaskRunner, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    photos = [big_photo(n) for n in range(4)]
    store.apply_page([upsert(report("r_big", 78, attachments=[a for a, _ in photos]))], "c-big")
    for attachment, jpeg in photos:
        assert workspace.photo_cache().put(Attachment.from_json(attachment), jpeg, 100_000_000)
    item = workspace.item("report", "r_big")
    assert item is not None
    ticks = GuiTicks()
    monkeypatch.setattr(QImage, "fromData", staticmethod(ticks.around("decode", QImage.fromData)))
    monkeypatch.setattr(render, "pdf_bytes", ticks.around("pdf", render.pdf_bytes))
    timer = QTimer()
    timer.timeout.connect(ticks.tick)
    timer.start(5)
    dialog = PapersDialog(workspace, runner, item, workspace.current_user(), form_id=forms.SUMMARY)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.pdf_button.isEnabled, timeout=30_000)
    shown = dialog.editor.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("photo:a_big0"))
    assert isinstance(shown, QImage) and shown.width() == 600  # the editor's copy, scaled on the worker too
    with qtbot.waitSignal(dialog.printed, timeout=30_000) as printed:
        dialog.save_pdf(tmp_path / "tom-tat.pdf")
    timer.stop()
    assert printed.args == [forms.SUMMARY, "pdf"]
    assert ticks.events == ["decode started", "tick during decode", "decode done"] * 4 + [
        "pdf started", "tick during pdf", "pdf done"]
    pdf = (tmp_path / "tom-tat.pdf").read_bytes()
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages) == 4
    assert [e.details for e in store.audit_entries() if e.action == "printed"] == [{"form": "summary", "to": "pdf"}]


def test_the_papers_font_is_registered_on_the_gui_thread_never_first_by_a_worker(
        qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_registered", [])
    with ThreadPoolExecutor(1) as worker, pytest.raises(RuntimeError, match="GUI thread"):
        worker.submit(fonts.register).result()
    assert fonts.register() == fonts.FAMILY  # the GUI thread: registered
    with ThreadPoolExecutor(1) as worker:
        assert worker.submit(fonts.register).result() == fonts.FAMILY  # a worker may use it from then on


def test_a_pdf_that_cannot_be_written_says_why_in_the_shared_sentence(qtbot, cached: Store,
                                                                      workspace: LocalWorkspace,
                                                                      runner: TaskRunner, tmp_path: Path) -> None:
    item = workspace.item("dossier", "d_worked")
    assert item is not None
    dialog = PapersDialog(workspace, runner, item, workspace.current_user(), form_id=forms.RECEIPT)
    qtbot.addWidget(dialog)
    with unwritable_folder(tmp_path) as folder:
        target = folder / "giay tiep nhan.pdf"
        dialog.save_pdf(target)
        refused = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        qtbot.waitUntil(lambda: dialog.status.text() == why_not_written(refused, target), timeout=10_000)
    assert not [e for e in cached.audit_entries() if e.action == "printed"]


def test_edits_to_a_form_survive_looking_at_another_until_refilled(qtbot, cached: Store,
                                                                   workspace: LocalWorkspace,
                                                                   runner: TaskRunner) -> None:
    item = workspace.item("dossier", "d_worked")
    assert item is not None
    dialog = PapersDialog(workspace, runner, item, workspace.current_user(), clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.choose(forms.RECEIPT)
    cursor = dialog.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("Đã nhận đủ bản chính.")
    dialog.choose(forms.CONTROL)
    assert "Đã nhận đủ bản chính." not in dialog.editor.toPlainText()
    dialog.choose(forms.RECEIPT)
    assert "Đã nhận đủ bản chính." in dialog.editor.toPlainText()
    assert dialog.status.text() == "Đang hiện bản đã sửa của mẫu này."
    dialog.refill_button.click()
    assert "GIẤY TIẾP NHẬN" in dialog.editor.toPlainText()
    assert "Đã nhận đủ bản chính." not in dialog.editor.toPlainText()


def test_the_print_preview_shows_the_pages_and_a_print_from_it_is_recorded(qtbot, cached: Store,
                                                                           workspace: LocalWorkspace,
                                                                           runner: TaskRunner) -> None:
    item = workspace.item("dossier", "d_worked")
    assert item is not None
    dialog = PapersDialog(workspace, runner, item, workspace.current_user(), form_id=forms.CONTROL)
    qtbot.addWidget(dialog)
    preview = dialog.preview()
    pages = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: pages.pageCount() >= 1, timeout=5_000)
    with qtbot.waitSignal(dialog.printed, timeout=10_000) as printed:
        preview.accept()  # what its "In" does once the printer took the pages
    assert printed.args == [forms.CONTROL, "printer"]
    assert [e.details for e in cached.audit_entries() if e.action == "printed"] == [
        {"form": "control", "to": "printer"}]


def test_the_letterhead_typed_once_heads_every_paper(qtbot, cached: Store, workspace: LocalWorkspace,
                                                     runner: TaskRunner) -> None:
    item = workspace.item("dossier", "d_worked")
    assert item is not None
    dialog = PapersDialog(workspace, runner, item, workspace.current_user(), form_id=forms.APOLOGY)
    qtbot.addWidget(dialog)
    letterhead = dialog.edit_letterhead()
    assert letterhead.edits["unit_name"].text() == "UBND Phường 1"  # from /units
    assert letterhead.edits["leader_name"].text() == "Nguyễn Thị Hồng"  # the member with role "leader"
    letterhead.edits["authority"].setText("Ủy ban nhân dân tỉnh Tây Ninh")
    letterhead.edits["place"].setText("Tây Ninh")
    letterhead.edits["leader_title"].setText("Phó Chủ tịch")
    letterhead.accept()
    qtbot.waitUntil(lambda: "ỦY BAN NHÂN DÂN TỈNH TÂY NINH" in dialog.editor.toPlainText(), timeout=5_000)
    text = dialog.editor.toPlainText()
    assert "Tây Ninh, ngày" in text and "Phó Chủ tịch" in text
    assert workspace.letterhead("w_0101") is not None


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no raise(), no size hints
def test_the_detail_pane_offers_the_paper_of_the_step_just_queued(qtbot, window: MainWindow,
                                                                  workspace: LocalWorkspace) -> None:
    window.queues.select("dossier", "all")
    qtbot.waitUntil(lambda: window.select_item("dossier", "d_0000"), timeout=5_000)
    offer = window.detail.paper_offer
    assert offer.isVisibleTo(window) and offer.any.isVisibleTo(window) and not offer.suggested.isVisibleTo(window)
    window.queue_action("dossier", "d_0000", "acknowledge", {})
    qtbot.waitUntil(lambda: offer.suggested.isVisibleTo(window), timeout=5_000)
    assert offer.suggested.text() == "In giấy tiếp nhận (Mẫu 01)"
    offer.suggested.click()
    (dialog,) = window.papers.dialogs()
    assert dialog.form_id() == forms.RECEIPT and dialog.isVisible() and not dialog.isModal()
    dialog.close()
    window.keys.papers_action.trigger()  # Ctrl+P: the same dialog, on the suggested form
    qtbot.waitUntil(lambda: len(window.papers.dialogs()) == 1 and window.papers.dialogs()[0].isVisible())
    assert window.papers.dialogs()[0].form_id() == forms.RECEIPT
    assert window.keys.papers_action.shortcut().toString() == "Ctrl+P"


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no raise(), no size hints
def test_events_whose_data_is_not_an_object_leave_the_detail_pane_and_every_form_whole(
        qtbot, store: Store, window: MainWindow, workspace: LocalWorkspace) -> None:
    """A faulty server's event `data` (a list, a string: §4 says an object) broke the suggested paper, asked for
    each time an item is shown, and Mẫu 04/06."""
    store.apply_page([upsert(dossier(
        "d_odd", 905, status="suspended", applicant=applicant(), received_at="2026-03-02T08:15:00+07:00", events=[
            event(1, "2026-03-02T08:15:00+07:00", "u_21", "acknowledged", ["received"], visibility="public"),
            event(2, "2026-03-05T16:00:00+07:00", "u_01", "extended", "…", body=APOLOGY, visibility="public"),
            event(3, "2026-03-06T10:00:00+07:00", "u_17", "status_changed", ["processing", "suspended"],
                  body=STOP, visibility="public")]))], "cursor-odd")
    window.queues.select("dossier", "all")
    qtbot.waitUntil(lambda: window.select_item("dossier", "d_odd"), timeout=5_000)
    offer = window.detail.paper_offer
    qtbot.waitUntil(lambda: offer.isVisibleTo(window), timeout=5_000)
    assert offer.any.isVisibleTo(window) and not offer.suggested.isVisibleTo(window)
    item = workspace.item("dossier", "d_odd")
    assert item is not None
    fitting = [form_id for form_id, reason in papers.fitting(item).items() if reason is None]
    assert fitting == [forms.RECEIPT, forms.APOLOGY, forms.STOP, forms.CONTROL, forms.SUMMARY]
    for form_id in fitting:
        assert squeezed(item.code) in squeezed(pdf_of(workspace, "d_odd", form_id)), form_id


def test_a_page_image_has_the_decree_margins(qapp, cached: Store, workspace: LocalWorkspace) -> None:
    item = workspace.item("dossier", "d_worked")
    assert item is not None
    paper = printing.build(workspace, item, workspace.current_user(), forms.RECEIPT, now=NOW)
    image = render.page_image(paper.html, paper.resources, dpi=100)
    assert (image.width(), image.height()) == (826, 1169)  # A4 at 100 dpi

    def ink(x: int, y: int) -> bool:
        return QColor(image.pixel(x, y)).lightness() < 200

    inked = [(x, y) for y in range(0, image.height(), 2) for x in range(0, image.width(), 2) if ink(x, y)]
    left, top = min(x for x, _ in inked), min(y for _, y in inked)
    right = max(x for x, _ in inked)
    mm = 100 / 25.4
    assert left >= 30 * mm - 2 and top >= 20 * mm - 2 and right <= image.width() - 15 * mm + 2
