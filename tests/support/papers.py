"""Helpers for the papers' tests: every Vietnamese letter, and a PDF's text as pypdf reads it."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader

_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def vietnamese_letters() -> str:
    """The 134 letters Vietnamese adds to ASCII: the 12 vowels with each tone, đ, in both cases."""
    lower = [unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in _TONES]
    lower = [letter for letter in lower if not letter.isascii()] + ["đ"]
    letters = "".join(lower) + "".join(letter.upper() for letter in lower)
    assert len(letters) == 134
    return letters


def pdf_text(data: bytes) -> str:
    """Every page's text, NFC, with runs of white space (Qt's PDF spaces come out as tabs) made one space."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def squeezed(text: str) -> str:
    """Without any white space: a long line wrapped anywhere still reads whole."""
    return "".join(text.split())
