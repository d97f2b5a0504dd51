"""Masking citizens' phone and identity numbers (CCCD) where a glance is enough: lists, exports, the detail pane.

"0905 123 456" → "0905•••456", "072190001234" → "0720•••234": the first four and the last three digits stay, so
an officer can still tell two numbers apart or read one back to the citizen; the middle never shows. A short or
odd value still hides its middle: at most a quarter of its characters show at each end ("12345678" →
"12•••78"), and a value too short to keep anything ("1234", "abc") becomes "•••". Spaces, dots, letters, bidi
or zero-width characters in a phone are dropped (only its digits and a leading "+" are kept), so the mask is
always plain ASCII digits, "+" and "•"; an identity number keeps its letters too (an old passport "B1234567").

`mask_item` is what an export writes instead of the raw JSON when IT did not allow full exports
(deployment.toml `full_exports`). Free text (a report's description, a note) is not searched for numbers: the
structured fields are what the contract names as a phone or an identity number.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

HIDDEN = "•••"
_HEAD, _TAIL = 4, 3  # 0905•••123 (issue 10)
PHONE, ID_NUMBER = "phone", "id_number"  # the fields masked, under the names the contract gives them


def _ascii_digit(char: str) -> str | None:
    """A decimal digit of any script ("٣", "３") as its ASCII digit; None for anything else."""
    if char.isascii():
        return char if char.isdigit() else None
    value = unicodedata.decimal(char, None)
    return str(value) if value is not None else None


def _keep_ends(chars: str) -> str:
    """The first and last characters of `chars` around HIDDEN: 4 and 3 of a full number, a quarter of a short one
    at each end, none of one under four characters."""
    if len(chars) >= 10:
        head, tail = _HEAD, _TAIL
    else:
        head = tail = len(chars) // 4
    return chars[:head] + HIDDEN + (chars[len(chars) - tail:] if tail else "")


def mask_phone(value: object) -> str:
    """A phone number with its middle hidden; "" for no value (None, "", not text)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    digits = "".join(d for d in map(_ascii_digit, value) if d is not None)
    plus = "+" if value.lstrip().startswith("+") and digits else ""
    return plus + _keep_ends(digits)


def mask_id_number(value: object) -> str:
    """A CCCD (12 digits), an old CMND (9) or a passport number with its middle hidden; "" for no value."""
    if not isinstance(value, str) or not value.strip():
        return ""
    kept = []
    for char in value:
        digit = _ascii_digit(char)
        if digit is not None:
            kept.append(digit)
        elif char.isascii() and char.isalpha():
            kept.append(char)
    return _keep_ends("".join(kept))


def mask_item(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of an item's JSON with the citizen's (report) or applicant's (dossier) phone and identity number
    masked; everything else as it was. A field that is not text is left alone (there is no number to show)."""
    masked = dict(raw)  # shallow: only the person objects are replaced (a deep copy of every event is slow)
    for key in ("citizen", "applicant"):
        if not isinstance(masked.get(key), Mapping):
            continue
        person = masked[key] = dict(masked[key])
        if isinstance(person.get(PHONE), str):
            person[PHONE] = mask_phone(person[PHONE])
        if isinstance(person.get(ID_NUMBER), str):
            person[ID_NUMBER] = mask_id_number(person[ID_NUMBER])
    return masked
