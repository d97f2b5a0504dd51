"""Vietnamese search: what goes into the FTS5 index, and how typed text becomes an FTS5 query.

Both sides go through `core.text.fold` (lower case, marks removed, đ → d): FTS5's `remove_diacritics`
never folds đ, so "duong" would otherwise miss "đường".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from triage_desktop.core import fields
from triage_desktop.core.text import fold

# unicode61 keeps letters and digits and splits on everything else (the underscore included).
_TOKEN = re.compile(r"[^\W_]+")
# Prefix lengths item_search indexes (r0002): a prefix query up to this long reads one doclist; a longer one
# makes FTS5 merge the doclists of every term it matches first (≈60 ms for a common word at 10^6 rows).
INDEXED_PREFIX = 3
_NOT_DIGIT = re.compile(r"\D")
_VN_PREFIX = "84"  # Vietnam's country code


class _FoldTable(dict[int, str]):
    """core.text.fold one character at a time, memoised, so str.translate does the work at C speed."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fast_fold(text: str) -> str:
    """Same result as core.text.fold on Vietnamese (precomposed or Unikey-decomposed), ~10x faster.

    fold() normalises and inspects every character in Python: at ingest it was 80% of a page's cost.
    Index and queries both use this function, so they always agree with each other.
    """
    return text.translate(_FOLD_TABLE)


def _digits(value: str) -> str:
    """A phone "0905 123 456" is indexed as "0905123456" too, so one typed without spaces still matches; one in
    international form ("+84 359 123 456", "84359123456") also as the "0359123456" officers type."""
    digits = _NOT_DIGIT.sub("", value)
    variants = [digits] if digits != value.strip() else []
    if len(digits) == len(_VN_PREFIX) + 9 and digits.startswith(_VN_PREFIX):  # 84 + a 9-digit national number
        variants.append("0" + digits[len(_VN_PREFIX):])
    return " ".join(variants)


def index_fold(text: str) -> str:
    """What the index stores: NFC text with đ → d. The tokenizer (unicode61, remove_diacritics 2) lower-cases
    and strips the other marks itself, exactly as fast_fold does for queries; only đ it never folds.

    Two C-level replaces instead of a per-character translate: folding whole descriptions was the single
    largest Python cost of an initial sync.
    """
    return unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")


def index_text(kind: str, data: Mapping[str, Any]) -> str:
    """The text an item is found by (code, title/summary, description, address, people, phones)."""
    code, title, person = fields.code(data), fields.title(kind, data), fields.person_name(kind, data)
    phone, id_number, address = fields.phone(kind, data), fields.id_number(kind, data), fields.address(kind, data)
    # Each kind keeps the order its index was built in: a phrase may match across two adjacent parts.
    if kind == "dossier":
        parts = [code, title, person, id_number, phone, address]
    else:
        parts = [code, title, fields.description(kind, data), address, person, phone]
    phones = [phone, id_number]  # a report's citizen has no id_number ("")
    parts.extend(_digits(p) for p in phones if p)
    return index_fold("\n".join(p for p in parts if p))


def match_query(text: str) -> str | None:
    """Typed text → an FTS5 MATCH expression: every word a prefix query, all ANDed; None when nothing to find.

    A word holding punctuation ("30/4", "PA-2026-0042") becomes a phrase whose last token is a prefix, so
    it matches the same run of tokens the tokenizer made of the indexed text. Only letters and digits reach
    the expression, so no typed character can change its syntax.
    """
    terms = []
    for word in fast_fold(text).split():
        tokens = _TOKEN.findall(word)
        if tokens:
            terms.append('"' + " ".join(tokens) + '"*')
    return " AND ".join(terms) or None


def match_cascade(text: str) -> list[str]:
    """The MATCH expressions to try in turn, best matches first; [] when there is nothing to search.

    First the words already typed as whole words, and the word being typed (no space after it yet) as a prefix
    while the index holds prefixes that short, else as a whole word: all of it streams from FTS5 in
    well under a millisecond. Then, when that finds too few, `match_query` (every word a prefix), which
    finds the same as before but may cost tens of ms when a long prefix matches a very common word.
    """
    everything = match_query(text)
    if everything is None:
        return []
    phrases = [tokens for tokens in (_TOKEN.findall(word) for word in fast_fold(text).split()) if tokens]
    typing = not text[-1:].isspace()
    terms = ['"' + " ".join(tokens) + '"' for tokens in phrases]
    if typing and len(phrases[-1][-1]) <= INDEXED_PREFIX:
        terms[-1] += "*"
    first = " AND ".join(terms)
    return [first] if first == everything else [first, everything]
