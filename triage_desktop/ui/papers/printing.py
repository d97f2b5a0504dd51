"""A paper from the cache to a PDF file, start to end: what the command line's `print` runs, and what the
dialog's "Lưu PDF…" runs on its write lane (save_pdf: laid out, written, recorded)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from triage_desktop.core import papers
from triage_desktop.core.entities import Item, User
from triage_desktop.core.ports import Workspace
from triage_desktop.ui.papers import render, source
from triage_desktop.ui.whole_file import write_whole

PDF = "pdf"


class FormDoesNotFit(Exception):
    """The form does not fit the item's state (or kind); `reason` is core.papers' code."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def ensure_gui_application() -> None:
    """Fonts and layout need a QGuiApplication: the command line makes an offscreen one when none exists."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication(["triage-desktop", "-platform", os.environ["QT_QPA_PLATFORM"]])


def build(workspace: Workspace, item: Item, user: User | None, form_id: str, *,
          now: datetime | None = None) -> papers.Paper:
    """The filled form (FormDoesNotFit); the summary's photos are read from the cache here (this blocks)."""
    reason = papers.fits(item, form_id)
    if reason is not None:
        raise FormDoesNotFit(reason)
    photos = source.kept_photos(workspace.photo_cache(), source.photo_ids(item, form_id))
    return papers.build(form_id, source.context(workspace, item, user, now=now, photos=photos))


def default_path(item: Item, form_id: str, folder: Path | None = None) -> Path:
    """"<code>-<form>.pdf" in `folder` (the current one by default); the code is sanitized, never a path."""
    return (folder or Path.cwd()) / f"{papers.file_stem(item, form_id)}.pdf"


def write_and_record(workspace: Workspace, item: Item, form_id: str, data: bytes, path: Path) -> Path:
    """Write the PDF (whole or not at all), then the audit entry: words only, never the citizen's text."""
    write_whole(path, data)
    workspace.record("printed", item.kind, item.id, {"form": form_id, "to": PDF})
    return path


def save_pdf(workspace: Workspace, item: Item, form_id: str, html: str, images: Mapping[str, render.Photo],
             title: str, path: Path) -> Path:
    """Lay `html` out as a PDF, write it, record it. Blocks (layout and disk): the dialog's write lane, once the
    papers' font is registered on the GUI thread (fonts.register)."""
    return write_and_record(workspace, item, form_id, render.pdf_bytes(html, images, title), path)


def print_to_pdf(workspace: Workspace, item: Item, user: User | None, form_id: str, path: Path) -> Path:
    paper = build(workspace, item, user, form_id)
    return save_pdf(workspace, item, form_id, paper.html, paper.resources, paper.title, path)
