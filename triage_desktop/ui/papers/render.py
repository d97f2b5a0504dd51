"""A paper on A4, laid out by QTextDocument and painted page by page onto a PDF writer, a printer or an image.

One layout for all three: the document is measured at CSS's 96 pixels per inch (the unit QTextDocument keeps
margins, indents and image widths in), its page is the device's paint rectangle (A4 inside Decree 30/2020's
margins: top and bottom 20 mm, left 30 mm, right 15 mm) in those units, and the painter scales it to the
device's resolution. So the PDF, a 1200 dpi printer and the picture in docs/ break their pages at the same lines
and keep the same spacing; the text stays text (fonts embedded), not pixels.
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
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from triage_desktop.ui.papers.fonts import paper_font

type Photo = bytes | QImage  # a cached photo's bytes, or the image already decoded (on a worker)

MARGINS_MM = QMarginsF(30, 20, 15, 20)  # left, top, right, bottom
PDF_DPI = 300
LAYOUT_DPI = 96  # CSS pixels: what "8px" or "1cm" in the papers' HTML mean
PHOTO_PIXELS = 1200  # a photo's widest side kept for printing (its printed width is the HTML's)


def _layout_device() -> QImage:
    """A 96 dpi paint device for the layout, whatever the screen's scaling (a 125% Windows desktop is 120 dpi);
    one per layout, as a PDF is laid out on a worker while the GUI thread may lay out a page image."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    return image


def page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def text_width() -> int:
    """The width of the text on A4 inside the margins, in layout pixels: the editor wraps its lines there too."""
    return page_layout().paintRectPixels(LAYOUT_DPI).width()


def decode_photos(photos: Mapping[str, Photo], widest: int = PHOTO_PIXELS) -> dict[str, QImage]:
    """The photos as images at most `widest` pixels wide, by name; one that does not decode is left out. Slow
    for bytes (a 12 MP photo: about 0.1 s): call it on the worker that read them (QImage is safe off the GUI
    thread, QPixmap is not)."""
    decoded: dict[str, QImage] = {}
    for name, photo in photos.items():
        image = photo if isinstance(photo, QImage) else QImage.fromData(photo)
        if not image.isNull():
            decoded[name] = image.scaledToWidth(widest, Qt.TransformationMode.SmoothTransformation) \
                if image.width() > widest else image
    return decoded


def add_images(document: QTextDocument, images: Mapping[str, Photo], widest: int = PHOTO_PIXELS) -> None:
    """The photos the HTML names ("photo:<id>"), at most `widest` pixels wide; one that does not decode is left
    out (its box stays empty). Instant for images already decoded to that width (decode_photos)."""
    for name, image in decode_photos(images, widest).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)


def layout(html: str, images: Mapping[str, Photo], page: QSizeF) -> QTextDocument:
    """The paper laid out at 96 dpi, paginated to `page` (96 dpi pixels): a new document, so a worker may lay
    out what the editor holds (its HTML) while the editor's own document stays on the GUI thread."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(_layout_device())
    document.setDefaultFont(paper_font())
    document.setDocumentMargin(0)
    add_images(document, images)
    document.setHtml(html)
    document.setPageSize(page)
    return document


def paint_pages(html: str, images: Mapping[str, Photo], device: QPagedPaintDevice) -> int:
    """Paint every page onto `device` with its current page layout; returns the number of pages."""
    painter = QPainter(device)
    try:
        scale = device.logicalDpiX() / LAYOUT_DPI, device.logicalDpiY() / LAYOUT_DPI
        # The paint rectangle (the origin sits at the margins), in layout pixels.
        page = QSizeF(device.width() / scale[0], device.height() / scale[1])
        document = layout(html, images, page)
        painter.scale(*scale)
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


def pdf_bytes(html: str, images: Mapping[str, Photo], title: str) -> bytes:
    """The paper as a PDF, in memory: A4, fonts embedded. Takes a while (about 0.75 s with six photos): the
    dialog calls it on its write lane, with the write (QTextDocument and QPdfWriter work on any thread once the
    papers' font is registered, which fonts.register does on the GUI thread)."""
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


def page_image(html: str, images: Mapping[str, Photo], dpi: int = 110, number: int = 0) -> QImage:
    """One page as the PDF lays it out, on white paper with its margins: the picture of a page in docs/."""
    size = QPageSize(QPageSize.PageSizeId.A4).sizePixels(dpi)
    image = QImage(size.width(), size.height(), QImage.Format.Format_RGB32)
    dots_per_meter = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    image.fill(QColor("white"))
    paint = page_layout().paintRectPixels(LAYOUT_DPI)
    page = QSizeF(paint.width(), paint.height())
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        document = layout(html, images, page)
        painter.scale(dpi / LAYOUT_DPI, dpi / LAYOUT_DPI)
        painter.translate(paint.left(), paint.top())
        _paint_page(painter, document, page, min(number, document.pageCount() - 1))
    finally:
        painter.end()
    return image
