"""A logging filter that masks secrets and citizens' identifiers before a record reaches any handler.

Masks bearer tokens, token and password fields (JSON, query or `key=value` style), values registered
with `remember_secret`, 12-digit national id numbers (CCCD) and Vietnamese phone numbers (item 44).
Attach it to every handler (handler filters also see records propagated from child loggers).
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict

MASK = "***"

_SECRET_KEYS = r"(?:access_token|refresh_token|id_token|token|password|passwd|secret|authorization|api_key)"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: Bearer <token>
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*"), rf"\1 {MASK}"),
    # "refresh_token": "..." (JSON, repr of dicts)
    (re.compile(rf"""(?i)(["']{_SECRET_KEYS}["']\s*:\s*)(["'])(?:\\.|(?!\2).)*\2"""), rf"\1\2{MASK}\2"),
    # refresh_token=... / password: ... in queries, form bodies and free text
    (re.compile(rf"""(?i)\b({_SECRET_KEYS})(\s*[=:]\s*)(?:"[^"]*"|'[^']*'|[^\s&,;"')}}]+)"""), rf"\1\2{MASK}"),
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


def redact(text: str) -> str:
    with _remembered_lock:
        secrets = list(_remembered)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


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
