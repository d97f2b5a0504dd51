"""`make screenshot`'s papers (issue 13): the print preview of a receipt and a PDF page as a picture, made by the
same screenshot command over the sandbox, and listed in the Makefile's `screenshot` target."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("screen", "name"), [("paper-preview", "paper-preview.png"),
                                              ("paper-pdf", "paper-pdf-page.png")])
def test_the_papers_screens_are_made_and_regenerated_by_make_screenshot(tmp_path: Path, screen: str,
                                                                        name: str) -> None:
    out = tmp_path / name
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "triage_desktop.screenshot", str(out), "--screen", screen],
                          env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert not image.isNull()
    if screen == "paper-pdf":  # a whole A4 page at 110 dpi, white paper
        assert (image.width(), image.height()) == (909, 1286)
        assert QColor(image.pixel(5, 5)).lightness() == 255
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").split("screenshot:")[1].split("\n\n")[0]
    assert f"docs/{name} --screen {screen}" in makefile
