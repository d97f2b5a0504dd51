"""A logging filter that masks secrets and citizens' personal data before a record reaches any handler.

Masks bearer tokens, token and password fields (JSON, query or `key=value` style), values registered
with `remember_secret`, e-mail addresses (also `%40`-encoded), 12-digit national id numbers (CCCD), Vietnamese
phone numbers (item 44), and the citizens' names it was told about. Attach it to every handler (handler filters
also see records propagated from child loggers).

Names cannot be found by a pattern, so the rule comes first: code never logs a citizen's field or raw server
text (log the item id, an error's type or code). This filter is the second net, for a name that reaches a log
line anyway (a bug's exception message, a problem+json type or detail a server filled with one):
`remember_names` is told the citizens' names of every feed page and action answer (sync engine → app.py), and
keeps the most recent `MAX_NAMES` of them in this process's memory only. A remembered name of two to six words
is masked wherever its words appear in that order, in any case, with or without diacritics ("LE DINH TAM").
What it does NOT catch, honestly: a name not seen by this process (a citizen only in the cache from an earlier
run, or pushed out of the memory by newer ones), a one-word name, a name spelt another way (initials,
abbreviated), or written escaped (`L\u00ea`, bytes in a repr) or cut by the 500-character limits of
error descriptions. E-mail addresses are found by pattern (`local@domain.tld`); one without a dot in its domain
is not.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable

from triage_desktop.core.text import fold

MASK = "***"

_SECRET_KEYS = r"(?:access_token|refresh_token|id_token|token|password|passwd|secret|authorization|api_key)"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: Bearer <token>
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*"), rf"\1 {MASK}"),
    # "refresh_token": "..." (JSON, repr of dicts)
    (re.compile(rf"""(?i)(["']{_SECRET_KEYS}["']\s*:\s*)(["'])(?:\\.|(?!\2).)*\2"""), rf"\1\2{MASK}\2"),
    # refresh_token=... / password: ... in queries, form bodies and free text
    (re.compile(rf"""(?i)\b({_SECRET_KEYS})(\s*[=:]\s*)(?:"[^"]*"|'[^']*'|[^\s&,;"')}}]+)"""), rf"\1\2{MASK}"),
    # e-mail addresses, Unicode ones too, and "%40" as a URL query writes the "@"
    (re.compile(r"(?<![\w.+%'-])[\w.+%'-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+"), "[email]"),
    # 12-digit CCCD (before phones: it would otherwise look like a phone number with extra digits)
    (re.compile(r"(?<![\d])\d{12}(?![\d])"), "[id]"),
    # Vietnamese phone numbers: 0xxxxxxxxx or +84/84xxxxxxxxx, with optional spaces, dots or dashes
    (re.compile(r"(?<![\w+])(?:\+84|84|0)(?:[ .\-]?\d){8,10}(?![\d])"), "[phone]"),
)

_MAX_REMEMBERED = 32
_remembered: OrderedDict[str, None] = OrderedDict()
_remembered_lock = threading.Lock()


def remember_secret(value: str | None) -> None:
    """Mask this exact value wherever it appears (tokens whose format no pattern can know)."""
    if not value or len(value) < 8:
        return
    with _remembered_lock:
        _remembered[value] = None
        _remembered.move_to_end(value)
        while len(_remembered) > _MAX_REMEMBERED:
            _remembered.popitem(last=False)


MAX_NAMES = 10_000  # citizens' names kept for masking: ~1 MB at most, the latest pages' worth
_NAME_WORDS = (2, 6)  # a name is masked when it has this many words (one word would mask common words)
_MAX_NAME_LENGTH = 100
# A word of a name: letters with their combining marks (a name typed in decomposed Unicode stays one word).
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_names: OrderedDict[str, None] = OrderedDict()
_names_lock = threading.Lock()
_names_version = 0
# (version, the folded names "le dinh tam", their first words): rebuilt when a record is logged after a change,
# so remembering a page of names costs only dictionary updates on the sync thread.
_name_index: tuple[int, frozenset[str], frozenset[str]] = (0, frozenset(), frozenset())


def remember_names(names: Iterable[object]) -> None:
    """Mask these citizens' names in every later log record (see the module docstring for what that covers)."""
    global _names_version
    with _names_lock:
        for name in names:
            if isinstance(name, str) and 0 < len(name) <= _MAX_NAME_LENGTH:
                _names[name] = None
                _names.move_to_end(name)
        while len(_names) > MAX_NAMES:
            _names.popitem(last=False)
        _names_version += 1


def forget_names() -> None:
    """Drop every remembered name (tests; a logout could too)."""
    global _names_version
    with _names_lock:
        _names.clear()
        _names_version += 1


@functools.lru_cache(maxsize=8192)
def _fold_word(word: str) -> str:
    return fold(word)


def _current_index() -> tuple[frozenset[str], frozenset[str]]:
    global _name_index
    version, keys, firsts = _name_index
    with _names_lock:
        if version == _names_version:
            return keys, firsts
        version, names = _names_version, list(_names)
    folded = set()
    for name in names:
        words = _WORD.findall(name)
        if _NAME_WORDS[0] <= len(words) <= _NAME_WORDS[1]:
            folded.add(" ".join(_fold_word(word) for word in words))
    keys, firsts = frozenset(folded), frozenset(key.split(" ", 1)[0] for key in folded)
    _name_index = (version, keys, firsts)
    return keys, firsts


def _mask_names(text: str) -> str:
    keys, firsts = _current_index()
    if not keys:
        return text
    words = list(_WORD.finditer(text))
    folded = [_fold_word(word.group()) for word in words]
    pieces: list[str] = []
    done = 0  # text[:done] is in `pieces`
    i = 0
    while i < len(words) - 1:
        if folded[i] in firsts:
            for n in range(min(_NAME_WORDS[1], len(words) - i), _NAME_WORDS[0] - 1, -1):
                if " ".join(folded[i:i + n]) in keys:
                    pieces += [text[done:words[i].start()], "[name]"]
                    done = words[i + n - 1].end()
                    i += n - 1
                    break
        i += 1
    return "".join(pieces) + text[done:] if pieces else text


def redact(text: str) -> str:
    with _remembered_lock:
        secrets = list(_remembered)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return _mask_names(text)


class RedactingFilter(logging.Filter):
    """Rewrites the record's message (args merged in) and its traceback text; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: log it as is rather than lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def install(handler: logging.Handler) -> RedactingFilter:
    """Add the filter to a handler (call for every handler the program creates)."""
    filt = RedactingFilter()
    handler.addFilter(filt)
    return filt
