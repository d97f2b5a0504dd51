"""A paper on A4, laid out by QTextDocument and painted page by page onto a PDF writer, a printer or an image.

One layout for all three: the document is measured on the device it is painted on (its resolution), its page
is the device's paint rectangle (A4 inside Decree 30/2020's margins: top and bottom 20 mm, left 30 mm, right
15 mm), so the PDF, the printout and the picture in docs/ break their pages at the same lines.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from triage_desktop.ui.papers.fonts import paper_font

MARGINS_MM = QMarginsF(30, 20, 15, 20)  # left, top, right, bottom
PDF_DPI = 300
PHOTO_MM = 55  # a thumbnail's width on paper: three side by side on A4


def page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def layout(html: str, images: Mapping[str, bytes], device: QPaintDevice, page: QSizeF) -> QTextDocument:
    """The paper measured on `device`, paginated to `page` (device pixels)."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(paper_font())
    document.setDocumentMargin(0)
    width = round(PHOTO_MM / 25.4 * device.logicalDpiX())
    for name, data in images.items():
        image = QImage.fromData(data)  # a photo that does not decode is left out, its name stays
        if not image.isNull():
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(html)
    document.setPageSize(page)
    return document


def paint_pages(html: str, images: Mapping[str, bytes], device: QPagedPaintDevice) -> int:
    """Paint every page onto `device` with its current page layout; returns the number of pages."""
    painter = QPainter(device)
    try:
        page = QSizeF(device.width(), device.height())  # the paint rectangle: the origin sits at the margins
        document = layout(html, images, device, page)
        for number in range(document.pageCount()):
            if number:
                device.newPage()
            _paint_page(painter, document, page, number)
        return document.pageCount()
    finally:
        painter.end()


def _paint_page(painter: QPainter, document: QTextDocument, page: QSizeF, number: int) -> None:
    painter.save()
    painter.translate(0, -number * page.height())
    document.drawContents(painter, QRectF(0, number * page.height(), page.width(), page.height()))
    painter.restore()


def pdf_bytes(html: str, images: Mapping[str, bytes], title: str) -> bytes:
    """The paper as a PDF, in memory (the file is written on the write lane): A4, fonts embedded."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout())
    writer.setTitle(title)
    writer.setCreator("triage-desktop")
    paint_pages(html, images, writer)
    del writer  # flushes the PDF into the buffer
    buffer.close()
    return bytes(data.data())


def page_image(html: str, images: Mapping[str, bytes], dpi: int = 110, number: int = 0) -> QImage:
    """One page as the PDF lays it out, on white paper with its margins: the picture of a page in docs/."""
    size = QPageSize(QPageSize.PageSizeId.A4).sizePixels(dpi)
    image = QImage(size.width(), size.height(), QImage.Format.Format_RGB32)
    dots_per_meter = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    image.fill(QColor("white"))
    paint = page_layout().paintRectPixels(dpi)
    page = QSizeF(paint.width(), paint.height())
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        document = layout(html, images, image, page)
        painter.translate(paint.left(), paint.top())
        _paint_page(painter, document, page, min(number, document.pageCount() - 1))
    finally:
        painter.end()
    return image
