"""core.text's rules for untrusted text: what is removed before showing it, printing it or naming a file by it."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from triage_desktop.core.text import cut, json_safe, shown, terminal_safe, visible

VIETNAMESE = "Nguyễn Thị Hoà — Đường 30/4, phường Ninh Sơn\n\tghi chú: “đã xử lý” 😀"


def test_every_format_character_of_this_unicode_is_removed() -> None:
    """Unicode category Cf, ZWJ and ZWNJ included (Vietnamese needs neither; see core.text)."""
    format_chars = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert len(format_chars) > 150
    assert visible("a" + "".join(format_chars) + "b") == "ab"
    assert terminal_safe("a" + "".join(format_chars) + "b") == "ab"


@pytest.mark.parametrize("hidden", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                    "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u200c", "\u200d", "\ufeff"])
def test_bidi_and_zero_width_characters_are_removed(hidden: str) -> None:
    assert visible(f"ảnh{hidden}gnp.exe") == "ảnhgnp.exe"


def test_vietnamese_text_is_left_as_it_is() -> None:
    nfd = unicodedata.normalize("NFD", VIETNAMESE)  # combining marks are Mn, not format characters
    assert visible(VIETNAMESE) == VIETNAMESE and visible(nfd) == nfd
    assert terminal_safe(VIETNAMESE) == VIETNAMESE


def test_controls_go_and_line_ends_become_newlines() -> None:
    assert visible("a\x00b\x07c\x1bd\x7fe\x85f\x9bg\r\nh\ri") == "abcdefg\nh\ni"


def test_no_terminal_escape_survives() -> None:
    hostile = "Bình\x1b]0;pwned\x07 \x1b[2J\x1b[31mđỏ\x1b[0m \x1bP+q\x1b\\ \x9b2J \x1b]8;;http://x\x1b\\link"
    printed = terminal_safe(hostile)
    assert printed == "Bình đỏ  2J link"
    assert not any(ch in printed for ch in "\x1b\x07\x9b")


def test_json_output_escapes_instead_of_dropping() -> None:
    value = {"title": "a\u202eb\x85c\x1bd\U000e0041", "name": VIETNAMESE}
    dumped = json_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(dumped) == value
    assert not any(ch in dumped for ch in "\u202e\x85\x1b\U000e0041") and "Nguyễn" in dumped


def test_shown_cuts_with_an_ellipsis_and_only_cleans_what_it_shows() -> None:
    assert shown("ngắn", 10) == "ngắn" and cut("ngắn", 4) == "ngắn"
    long = "\u202e" + "x" * 1_000_000
    assert shown(long, 100) == "x" * 98 + "…"
    assert cut("abcdef", 4) == "abc…"
