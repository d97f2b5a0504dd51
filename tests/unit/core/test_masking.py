"""Phone and CCCD masking (issue 10): 0905•••123, whatever the server or a citizen typed into the field."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from triage_desktop.core.masking import HIDDEN, mask_id_number, mask_item, mask_phone

MASK_ONLY = re.compile(r"\+?[0-9A-Za-z]*•••[0-9A-Za-z]*")


@pytest.mark.parametrize(("value", "masked"), [
    ("0905123456", "0905•••456"),
    ("0905 123 456", "0905•••456"),
    ("0905.123.456", "0905•••456"),
    ("+84 905 123 456", "+8490•••456"),
    ("0276 3822 111", "0276•••111"),
    ("０９０５１２３４５６", "0905•••456"),  # full-width digits, as some input methods type them
    ("0905\u202e654321", "0905•••321"),  # a right-to-left override cannot reorder what is shown
    ("0905xxx123", "0•••3"),  # the contract's own example: only 7 digits are digits
    ("12345678", "12•••78"),
    ("1234", "1•••4"),
    ("123", "•••"),
    ("không có", "•••"),
    ("+", "•••"),
    ("", ""),
    ("   ", ""),
    (None, ""),
    (905123456, ""),
])
def test_a_phone_keeps_its_first_four_and_last_three_digits(value: Any, masked: str) -> None:
    assert mask_phone(value) == masked


@pytest.mark.parametrize(("value", "masked"), [
    ("072190001234", "0721•••234"),  # CCCD: 12 digits
    ("0721 9000 1234", "0721•••234"),
    ("272190001", "27•••01"),  # an old 9-digit CMND
    ("B1234567", "B1•••67"),  # a passport keeps its letter
    ("0720001", "0•••1"),
    ("<script>", "s•••t"),
    ("", ""),
    (["072190001234"], ""),
])
def test_an_identity_number_keeps_its_first_four_and_last_three(value: Any, masked: str) -> None:
    assert mask_id_number(value) == masked


@given(st.text())
@example("0905123456")
@example("٠٩٠٥١٢٣٤٥٦")
@example("B1234567")
def test_a_mask_never_shows_the_middle_or_anything_but_digits(value: str) -> None:
    for mask, counts in ((mask_phone, str.isdecimal), (mask_id_number, lambda c: c.isdecimal() or (
            c.isascii() and c.isalpha()))):
        shown = mask(value)
        if not value.strip():
            assert shown == ""
            continue
        assert MASK_ONLY.fullmatch(shown), shown
        kept = shown.replace(HIDDEN, "").lstrip("+")
        there = sum(1 for c in value if counts(c))
        # a whole number shows 4 + 3 and hides the rest; a short one never more than half of itself
        assert len(kept) == 7 if there >= 10 else len(kept) <= there // 2


@given(st.from_regex(r"0[1-9][0-9]{8}", fullmatch=True))
def test_no_ten_digit_phone_survives_whole(phone: str) -> None:
    shown = mask_phone(phone)
    assert shown == phone[:4] + HIDDEN + phone[-3:]


def test_an_export_copy_masks_the_person_and_keeps_everything_else() -> None:
    report = {"kind": "report", "id": "r_1", "title": "Gọi 0905123456",
              "citizen": {"name": "Lê Đình Tâm", "phone": "0905 123 456", "contact_allowed": True},
              "events": [{"id": "e_1", "body": "x"}]}
    dossier = {"kind": "dossier", "id": "d_1",
               "applicant": {"name": "Nguyễn Thị Hoà", "id_number": "072190001234", "phone": "0276 3822 111"}}
    masked = mask_item(report)
    assert masked["citizen"] == {"name": "Lê Đình Tâm", "phone": "0905•••456", "contact_allowed": True}
    assert masked["title"] == report["title"] and masked["events"] == report["events"]
    assert report["citizen"]["phone"] == "0905 123 456"  # the cache's own copy is untouched
    assert mask_item(dossier)["applicant"] == {"name": "Nguyễn Thị Hoà", "id_number": "0721•••234",
                                               "phone": "0276•••111"}


@pytest.mark.parametrize("person", [None, "0905123456", ["0905123456"], {"phone": 905123456}, {"phone": None}])
def test_an_export_copy_survives_a_person_of_the_wrong_shape(person: Any) -> None:
    raw = {"kind": "report", "id": "r_1", "citizen": person}
    assert mask_item(raw) == raw
