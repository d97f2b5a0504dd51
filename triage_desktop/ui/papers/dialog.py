"""The "Giấy tờ" dialog: choose a form (those that do not fit the item's state are greyed, the reason in their
tooltip), edit the filled form, then "In…", "Xem trước khi in" or "Lưu PDF…".

Not modal: the officer may look at the item while writing. What is printed is what the editor holds, so an
edit shows on paper. Every print and every saved PDF leaves an audit entry ("printed", form and where to:
words only, never the citizen's text). Nothing slow runs on the GUI thread: the summary's photos are read and
decoded on the fetch lane (ui.papers.photos), and a PDF is laid out from the editor's HTML, written and recorded
on the write lane.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QImage, QStandardItemModel
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core import papers
from triage_desktop.core.entities import Item, User
from triage_desktop.core.ports import Workspace
from triage_desktop.ui.messages import error_message
from triage_desktop.ui.papers import fonts, photos, render, source
from triage_desktop.ui.papers.fonts import paper_font
from triage_desktop.ui.papers.letterhead_dialog import LetterheadDialog
from triage_desktop.ui.papers.printing import PDF, save_pdf
from triage_desktop.ui.papers.wording import form_name, reason_text
from triage_desktop.ui.tasks import TaskRunner
from triage_desktop.ui.whole_file import why_not_written

PRINTER = "printer"  # the audit entry's "to" (PDF: a saved file)


class PapersDialog(QDialog):
    printed = Signal(str, str)  # form id, PRINTER or PDF: once the audit entry is written
    saved = Signal(str)  # the PDF's path, once written

    def __init__(self, workspace: Workspace, runner: TaskRunner, item: Item, user: User | None,
                 parent: QWidget | None = None, *, form_id: str | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("papersDialog")
        self.setModal(False)
        self._workspace, self._runner, self._user, self._clock = workspace, runner, user, clock
        self.item = item
        self.paper: papers.Paper | None = None
        self._photos = photos.KeptPhotos()  # the paper's photos, decoded on the fetch lane
        # What the officer changed in each form, kept while she looks at another form (never dropped silently).
        self._edits: dict[str, str] = {}
        self._shown = ""  # the form in the editor
        self._printer_in_use: QPrinter | None = None
        self.setWindowTitle(self.tr("Giấy tờ — {code}").format(code=item.code or item.id))

        self.form = QComboBox(self)
        self.form.setObjectName("paperForm")
        self.form.setAccessibleName(self.tr("Mẫu giấy tờ"))
        for one in papers.FORM_IDS:
            self.form.addItem(form_name(one), one)
        self._apply_fitting()
        self.letterhead_button = QPushButton(self.tr("Thông tin đơn vị…"), self)
        self.letterhead_button.setObjectName("letterheadButton")
        self.letterhead_button.setToolTip(self.tr("Cơ quan chủ quản, địa chỉ, người ký, địa danh trên giấy tờ"))
        self.letterhead_button.clicked.connect(self.edit_letterhead)

        self.editor = QTextEdit(self)
        self.editor.setObjectName("paperEditor")
        self.editor.setAccessibleName(self.tr("Nội dung giấy tờ (sửa được trước khi in)"))
        self.editor.document().setDefaultFont(paper_font())
        self.editor.setAcceptRichText(True)
        # Lines break where they will on paper (the layout's 96 dpi pixels are the screen's logical ones).
        self.editor.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.editor.setLineWrapColumnOrWidth(render.text_width())

        self.status = QLabel(self)
        self.status.setObjectName("paperStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        self.print_button = QPushButton(self.tr("In…"), self)
        self.print_button.setObjectName("printPaper")
        self.preview_button = QPushButton(self.tr("Xem trước khi in"), self)
        self.preview_button.setObjectName("previewPaper")
        self.pdf_button = QPushButton(self.tr("Lưu PDF…"), self)
        self.pdf_button.setObjectName("savePaperPdf")
        self.refill_button = QPushButton(self.tr("Điền lại từ hồ sơ"), self)
        self.refill_button.setObjectName("refillPaper")
        self.refill_button.setToolTip(self.tr("Bỏ những chỗ đã sửa trong mẫu này, điền lại từ dữ liệu trên máy"))
        self.refill_button.clicked.connect(self.refill)
        close = QPushButton(self.tr("Đóng"), self)
        self.print_button.clicked.connect(self.print_paper)
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button.clicked.connect(self.ask_pdf)
        close.clicked.connect(self.close)

        top = QHBoxLayout()
        caption = QLabel(self.tr("Mẫu:"), self)
        caption.setBuddy(self.form)
        top.addWidget(caption)
        top.addWidget(self.form, 1)
        top.addWidget(self.letterhead_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.refill_button, self.print_button, self.preview_button, self.pdf_button, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.editor, 1)
        layout.addLayout(bottom)
        self.resize(820, 760)

        self.form.currentIndexChanged.connect(self._on_form)
        self.choose(form_id or papers.suggested(item) or self._first_fitting())

    # --- choosing and filling ----------------------------------------------------------------------------

    def _apply_fitting(self) -> None:
        """Grey the forms that do not fit the item's state, with the reason as their tooltip."""
        model = self.form.model()
        assert isinstance(model, QStandardItemModel)
        for index, reason in enumerate(papers.fitting(self.item).values()):
            row = model.item(index)
            row.setEnabled(reason is None)
            row.setToolTip(reason_text(reason) if reason is not None else "")

    def set_item(self, item: Item, form_id: str = "") -> None:
        """The item as the cache holds it now (an action was queued since): the forms that fit, filled again."""
        self.item = item
        self._apply_fitting()
        self.choose(form_id or self.form_id())

    def _first_fitting(self) -> str:
        return next(one for one, reason in papers.fitting(self.item).items() if reason is None)  # summary fits

    def choose(self, form_id: str) -> None:
        """Show `form_id` filled in (the first fitting form instead when it does not fit)."""
        if papers.fits(self.item, form_id) is not None:
            form_id = self._first_fitting()
        index = self.form.findData(form_id)
        if index == self.form.currentIndex():
            self._on_form(index)
        else:
            self.form.setCurrentIndex(index)

    def form_id(self) -> str:
        return str(self.form.currentData())

    def refill(self) -> None:
        """Drop the officer's changes to the form shown and fill it again from the cache."""
        self._edits.pop(self.form_id(), None)
        self._shown = ""
        self._on_form(self.form.currentIndex())

    def _keep_edits(self) -> None:
        if self._shown and self.editor.document().isModified():
            self._edits[self._shown] = self.editor.toHtml()

    def _on_form(self, _index: int) -> None:
        self._keep_edits()
        form_id = self.form_id()
        self._set_ready(False)
        ids = source.photo_ids(self.item, form_id)
        if not ids:
            self._fill(form_id, photos.KeptPhotos())
            return
        self.status.setText(self.tr("Đang đọc ảnh lưu trên máy…"))
        store = self._workspace.photo_cache()
        # The photo cache's reads, like the thumbnails', and their decoding with them.
        self._runner.run(functools.partial(photos.read, store, ids), functools.partial(self._fill, form_id),
                         self._failed, lane="fetch")

    def _fill(self, form_id: str, kept: photos.KeptPhotos) -> None:
        if form_id != self.form_id():
            return  # the officer chose another form meanwhile
        now = self._clock() if self._clock else None
        context = source.context(self._workspace, self.item, self._user, now=now, photos=kept.data)
        self.paper = papers.build(form_id, context)
        self._photos = kept
        render.add_images(self.editor.document(), kept.shown)  # decoded already: no work here
        edited = self._edits.get(form_id)
        self.editor.setHtml(edited if edited is not None else self.paper.html)
        self.editor.document().setModified(edited is not None)
        self._shown = form_id
        if edited is not None:
            self.status.setText(self.tr("Đang hiện bản đã sửa của mẫu này."))
        else:
            self.status.clear()
        self._set_ready(True)

    def _set_ready(self, ready: bool) -> None:
        for button in (self.print_button, self.preview_button, self.pdf_button):
            button.setEnabled(ready)

    def edited_html(self) -> str:
        """What will be printed: the form as the officer left it in the editor."""
        return self.editor.toHtml()

    def edit_letterhead(self) -> LetterheadDialog:
        unit_id = source.unit_of(self.item, self._user)
        dialog = LetterheadDialog(source.letterhead(self._workspace, unit_id), self)
        dialog.accepted.connect(functools.partial(self._save_letterhead, dialog, unit_id))
        dialog.open()
        return dialog

    def _save_letterhead(self, dialog: LetterheadDialog, unit_id: str) -> None:
        work = functools.partial(self._workspace.save_letterhead, unit_id, dialog.fields())
        self._runner.run(work, lambda _none: self._on_form(self.form.currentIndex()), self._failed)

    # --- out to paper -------------------------------------------------------------------------------------

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(render.page_layout())
        printer.setDocName(papers.file_stem(self.item, self.form_id()))
        self._printer_in_use = printer  # Qt's dialogs keep a bare pointer to it: it must outlive them
        return printer

    def print_paper(self) -> None:
        printer = self._printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("In giấy tờ"))
        # exec(), not open(): on Windows the system's own print dialog is shown only by exec().
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        render.paint_pages(self.edited_html(), self._images(), printer)
        self._record(PRINTER)

    def preview(self) -> QPrintPreviewDialog:
        printer = self._printer()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setObjectName("paperPreview")
        dialog.setWindowTitle(self.tr("Xem trước khi in"))
        dialog.paintRequested.connect(self._paint_preview)
        dialog.finished.connect(self._preview_finished)  # accepted: it printed
        dialog.resize(900, 900)
        dialog.open()
        return dialog

    def _paint_preview(self, printer: QPrinter) -> None:
        render.paint_pages(self.edited_html(), self._images(), printer)

    def _preview_finished(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self._record(PRINTER)

    def ask_pdf(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"{papers.file_stem(self.item, self.form_id())}.pdf")
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Lưu PDF"), suggested, self.tr("Tệp PDF (*.pdf)"))
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        """Lay the edited form out as PDF, write it and record it, all on the write lane: the worker gets the
        editor's HTML (a worker never touches the editor's document) and the photos already decoded."""
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        paper = self.paper
        if paper is None:
            return
        fonts.register()  # here, on the GUI thread, before the worker lays the text out in that font
        work = functools.partial(save_pdf, self._workspace, self.item, paper.form_id, self.edited_html(),
                                 self._images(), paper.title, path)
        self.status.setText(self.tr("Đang lưu…"))
        self._runner.run(work, functools.partial(self._saved, paper.form_id),
                         functools.partial(self._not_saved, path))

    def _not_saved(self, path: Path, error: BaseException) -> None:
        """The file's failure in the sentence every save shows (whole_file); anything else as any failure."""
        if isinstance(error, OSError):
            self.status.setText(why_not_written(error, path))
        else:
            self._failed(error)

    def _saved(self, form_id: str, path: Path) -> None:
        self.status.setText(self.tr("Đã lưu {name}").format(name=path.name))
        self.saved.emit(str(path))
        self.printed.emit(form_id, PDF)

    def _images(self) -> dict[str, QImage]:
        return dict(self._photos.printed)

    def _record(self, where: str) -> None:
        form_id = self.form_id()
        work = functools.partial(self._workspace.record, "printed", self.item.kind, self.item.id,
                                 {"form": form_id, "to": where})
        self._runner.run(work, lambda _none: self.printed.emit(form_id, where), self._failed)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_message(error))
