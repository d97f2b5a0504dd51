"""`python packaging/app_icon.py`: the installer's and Windows' copies of the application icon, from its SVG.

Writes resources/app-icon.ico (16–256 px, PNG-compressed entries, as Windows Vista and later read them) and
resources/app-icon.png (256 px) from triage_desktop/resources/app-icon.svg, drawn by Qt's own SVG renderer.
Run after changing the SVG (`make app-icon`); the outputs are kept in git for the installer build.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "triage_desktop" / "resources" / "app-icon.svg"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render_png(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(f"could not encode the {size} px icon")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding each size as a PNG: a 6-byte header, 16 bytes per entry, then the images."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in pngs.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    pngs = {size: render_png(size) for size in SIZES}
    (ROOT / "resources" / "app-icon.ico").write_bytes(ico(pngs))
    (ROOT / "resources" / "app-icon.png").write_bytes(pngs[256])
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
