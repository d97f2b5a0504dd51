"""Vietnamese text helpers: search folding and plain-text safety."""

from __future__ import annotations

import re
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


# --- untrusted text: what citizens and the server send ----------------------------------------------------------
#
# Invisible format characters (Unicode category Cf) are removed before text is shown or used in a file name: the
# bidi controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+200E/U+200F and U+061C marks)
# let "ảnh\u202Egnp.exe" look like "ảnhexe.png"; zero-width spaces, joiners, word joiners, the BOM, soft hyphens
# and invisible operators let two different names look the same. ZWJ and ZWNJ (U+200D, U+200C) go too: Vietnamese
# never needs them (only Indic and Persian shaping does), and all they would keep is emoji ZWJ sequences, which
# then show as their separate emoji. The ranges are Unicode 16's Cf list; a test checks them against the running
# Python's unicodedata, so a newer Unicode cannot slip a new one past.
_FORMAT = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
           "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
           "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
# Control characters other than tab and newline: C0, DEL and C1 (U+0080–U+009F, where U+009B is a one-byte CSI).
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_UNSEEN = re.compile(f"[{_FORMAT}{_CONTROLS}]")
# Whole terminal escape sequences, so no half of one ("]0;pwned") is left behind: CSI (ESC [ … final byte),
# OSC/DCS/APC/PM/SOS strings (ESC ] … BEL or ESC \), and two-byte ESC sequences.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -~]?")
# What JSON output escapes as \uXXXX: json.dumps(ensure_ascii=False) already escapes C0, not DEL, C1 or Cf.
_JSON_UNSAFE = re.compile(f"[{_FORMAT}\x7f-\x9f]")
ELLIPSIS = "…"


def visible(text: str) -> str:
    """`text` without format and control characters (tab and newline kept; a CR or CR LF becomes a newline)."""
    return _UNSEEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def cut(text: str, limit: int) -> str:
    """`text` whole when it has at most `limit` code points, else its start and "…", `limit` in all."""
    return text if len(text) <= limit else text[: max(0, limit - 1)] + ELLIPSIS


def shown(text: str, limit: int) -> str:
    """What the window draws of an untrusted text: visible characters only, cut to `limit` with "…".

    Only the first `limit` code points are cleaned, so a text of a million characters costs as little as a short
    one (the cache keeps it whole; the cap counts what the server sent)."""
    if len(text) <= limit:
        return visible(text)
    return visible(text[: max(0, limit - 1)]) + ELLIPSIS


def terminal_safe(text: str) -> str:
    """For a terminal: no escape sequence, control character (but newline and tab) or bidi/format character,
    so a server's "\\x1b]0;…\\x07" cannot retitle the window and "\\x1b[2J" cannot clear it."""
    return _UNSEEN.sub("", _ESCAPES.sub("", text))


def json_safe(dumped: str) -> str:
    """JSON text from json.dumps(ensure_ascii=False) with DEL, C1 and format characters escaped as \\uXXXX: the
    same data for a program that reads it, nothing a terminal acts on or reorders."""
    def escape(match: re.Match[str]) -> str:
        encoded = match.group().encode("utf-16-be")
        return "".join(f"\\u{int.from_bytes(encoded[i:i + 2]):04x}" for i in range(0, len(encoded), 2))
    return _JSON_UNSAFE.sub(escape, dumped)
