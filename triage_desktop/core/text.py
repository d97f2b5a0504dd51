"""Vietnamese text helpers: search folding and plain-text safety."""

from __future__ import annotations

import unicodedata

_D_FOLD = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case, strip every combining mark and fold đ → d, so "Cây đổ ĐƯỜNG" → "cay do duong".

    FTS5's own `remove_diacritics` never folds đ, so the index and the queries both go through this.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_FOLD))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.casefold()


def nfc(text: str) -> str:
    """Unikey's "Unicode tổ hợp" mode types NFD; store and send NFC."""
    return unicodedata.normalize("NFC", text)


def code_points(text: str) -> int:
    """The contract counts text lengths in Unicode code points (Python's len on str)."""
    return len(text)
