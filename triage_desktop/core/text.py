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


# The Vietnamese alphabet in dictionary order; letters with a breve, circumflex or horn, and đ, are letters of
# their own that follow their base letter. Tones (sắc, huyền, hỏi, ngã, nặng) only break ties.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: they make ă â ê ô ơ ư
_TONES = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}  # sắc huyền hỏi ngã nặng
_RANK = {letter: chr(0x41 + i) for i, letter in enumerate(_ALPHABET)}


def vietnamese_sort_key(text: str) -> str:
    """A key whose plain (binary) order is Vietnamese dictionary order, for SQL indexes that cannot collate:
    "Đặng" after "Dương" and before "Hoàng", "Ánh" right after "Anh". Letters first, tones as a tie-break."""
    letters: list[str] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFC", text).casefold():
        parts = unicodedata.normalize("NFD", char)
        base = "".join(p for p in parts if p in _LETTER_MARKS or unicodedata.category(p) != "Mn")
        letter = unicodedata.normalize("NFC", base)
        tone = next((_TONES[p] for p in parts if p in _TONES), "0")
        if letter in _RANK:
            letters.append(_RANK[letter])
            tones.append(tone)
        elif letter.isdigit():
            letters.append("0" + letter)  # digits before letters, as in a phone book
            tones.append("0")
        elif letter.isspace():
            letters.append(" ")
        elif letter.isalnum():
            letters.append("~" + letter)  # other scripts after Vietnamese letters, in code-point order
            tones.append("0")
    return "".join(letters).strip() + "\x01" + "".join(tones)
