"""The photos a paper shows (the summary's), read from the photo cache and decoded on the worker that reads them.

Decoding and scaling a 12 MP photo takes about 0.1 s: done on the GUI thread, six of them froze the dialog each
time a form was filled, refilled or switched. QImage may be made and used off the GUI thread (QPixmap may not),
so the GUI thread only hands finished images to the editor's document and, later, to the PDF's worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtGui import QImage

from triage_desktop.core import papers
from triage_desktop.core.ports import PhotoStore
from triage_desktop.ui.papers import render, source

SCREEN_PIXELS = 600  # enough for the editor, which shows a photo at its width on paper


@dataclass(frozen=True, slots=True)
class KeptPhotos:
    data: Mapping[str, bytes] = field(default_factory=dict)  # attachment id → bytes: the paper's context
    printed: Mapping[str, QImage] = field(default_factory=dict)  # "photo:<id>" → at most render.PHOTO_PIXELS wide
    shown: Mapping[str, QImage] = field(default_factory=dict)  # the same at most SCREEN_PIXELS wide: the editor


def read(store: PhotoStore, ids: list[str]) -> KeptPhotos:
    """The photos kept offline among `ids`, decoded for the paper and for the editor. Blocks: a worker."""
    data = source.kept_photos(store, ids)
    printed = render.decode_photos({papers.photo_resource(k): v for k, v in data.items()})
    return KeptPhotos(data, printed, render.decode_photos(printed, SCREEN_PIXELS))
