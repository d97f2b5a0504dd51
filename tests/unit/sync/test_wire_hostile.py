"""Hostile bodies at the wire: every one is data or a BadServerResponse, never another exception (issue 7, item 3).

A lone surrogate (what a cut-off emoji becomes) is read as U+FFFD with the rest of the text kept; invalid
UTF-8 likewise. Nesting deeper than wire.MAX_DEPTH is refused before anything can store or re-read it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from packaging.version import Version

from tests.unit.sync import samples
from triage_desktop.core.errors import BadServerResponse
from triage_desktop.sync import wire

FFFD = "\ufffd"


def body_of(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


# -- lone surrogates and invalid UTF-8 -----------------------------------------------------------------------

@pytest.mark.parametrize(("escaped", "text"), [
    (rb"\ud800", FFFD),  # a lone high surrogate
    (rb"\udc00", FFFD),  # a lone low surrogate
    (rb"\uD83D", FFFD),  # upper-case hex
    (rb"\ud83d\ude00", "😀"),  # a valid pair stays the emoji
    (rb"\ud800\ud83d\ude00", FFFD + "😀"),  # a high one before a pair
    (rb"\ude00\ud83d", FFFD + FFFD),  # a pair in the wrong order
    (rb"\\ud800", "\\ud800"),  # an escaped backslash: the text `\ud800` as sent
    (rb"\\\ud800", "\\" + FFFD),  # an escaped backslash, then a lone surrogate
    (rb"\\\\ud800", "\\\\ud800"),
    (rb"\"\ud800\u0041", '"' + FFFD + "A"),
])
def test_a_lone_surrogate_escape_becomes_fffd_and_the_rest_is_kept(escaped: bytes, text: str) -> None:
    assert wire.decode_json(b'"C\xc3\xa2y ' + escaped + b' \xc4\x91\xe1\xbb\x95"') == f"Cây {text} đổ"


def test_a_lone_surrogate_in_a_key_becomes_fffd() -> None:
    assert wire.decode_json(rb'{"a\ud800": 1, "b": "\udfff"}') == {"a" + FFFD: 1, "b": FFFD}


@pytest.mark.parametrize(("raw", "text"), [
    (b"\xff", FFFD), (b"\xc0\xaf", FFFD + FFFD), (b"\xed\xa0\x80", FFFD * 3),  # CESU-8 surrogate bytes
    (b"\xe1\xbb", FFFD),  # a multi-byte letter cut short
])
def test_invalid_utf8_becomes_fffd_and_the_rest_is_kept(raw: bytes, text: str) -> None:
    assert wire.decode_json(b'{"title": "C\xc3\xa2y ' + raw + b' \xc4\x91\xe1\xbb\x95"}') == {"title": f"Cây {text} đổ"}


def test_one_citizens_lone_surrogate_no_longer_fails_the_page() -> None:
    broken = samples.report("r_2", title="Cây đổ \ud83d")  # json.dumps writes the lone surrogate as \ud83d
    body = json.dumps(samples.page(samples.upsert(samples.report("r_1")), samples.upsert(broken))).encode()
    assert rb"\ud83d" in body
    changes, _next, _more = wire.check_page(wire.decode_json(body))
    assert [c["data"]["title"] for c in changes] == ["Cây đổ chắn đường", "Cây đổ " + FFFD]
    stored = msgspec.json.encode(changes)  # what storage writes: UTF-8 without a surrogate
    assert stored.decode("utf-8") and json.loads(json.dumps(changes)) == changes


@pytest.mark.parametrize("body", [b'"\\ud800', b'{"a": "\\ud800}', b"\xff", b'"\\u12"', b'"\\x"', b"\\ud800"])
def test_what_stays_broken_after_repair_is_a_bad_answer(body: bytes) -> None:
    with pytest.raises(BadServerResponse):
        wire.decode_json(body)


@settings(max_examples=300, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(codec=None, categories=None), max_size=40))
@example("\ud800")
@example("\\ud800")
@example("\\\ud800\udc00x\udc00")
def test_any_text_comes_back_with_each_lone_surrogate_as_fffd(text: str) -> None:
    """Escaped, each unpaired code unit becomes one U+FFFD (as UTF-16 with errors='replace' decodes it); written
    as raw bytes, a surrogate is invalid UTF-8 and becomes what Python's UTF-8 decoder makes of it."""
    escaped = json.dumps({"t": text}, ensure_ascii=True).encode()
    assert wire.decode_json(escaped) == {"t": text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")}
    raw = json.dumps({"t": text}, ensure_ascii=False).encode("utf-8", "surrogatepass")
    assert wire.decode_json(raw) == {"t": text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")}


# -- deep nesting ---------------------------------------------------------------------------------------------

def nested(depth: int, opener: bytes = b"[", closer: bytes = b"]") -> bytes:
    return opener * depth + closer * depth


@pytest.mark.parametrize("depth", [wire.MAX_DEPTH + 1, 1_000, 9_990, 9_999, 10_000, 100_000])
@pytest.mark.parametrize("shape", ["array", "object", "mixed"])
def test_nesting_deeper_than_the_bound_is_a_bad_answer(depth: int, shape: str) -> None:
    body = {"array": nested(depth), "object": b'{"a":' * depth + b"1" + b"}" * depth,
            "mixed": b'{"a":[' * (depth // 2) + b"{}" + b"]}" * (depth // 2)}[shape]
    with pytest.raises(BadServerResponse):
        wire.decode_json(body)


def test_nesting_up_to_the_bound_passes_and_survives_every_reader() -> None:
    value = wire.decode_json(nested(wire.MAX_DEPTH))
    assert json.loads(json.dumps(value)) == value == msgspec.json.decode(msgspec.json.encode(value))


def test_deep_nesting_in_a_page_fails_that_page() -> None:
    report = samples.report()
    report["events"][0]["data"] = {"from": json.loads(nested(wire.MAX_DEPTH))}
    with pytest.raises(BadServerResponse):
        wire.decode_json(body_of(samples.page(samples.upsert(report))))


@pytest.mark.parametrize("text", ["[" * 5000, "]" * 5000 + "{" * 5000, '\\"[[[[' * 1000, "\\" * 999 + "[" * 999])
def test_brackets_inside_text_are_not_nesting(text: str) -> None:
    body = body_of(samples.page(samples.upsert(samples.report(title=text, description=text))))
    changes, _next, _more = wire.check_page(wire.decode_json(body))
    assert changes[0]["data"]["title"] == text


class Node(msgspec.Struct):
    child: Node | None = None


def test_check_turns_a_recursion_error_into_a_bad_answer() -> None:
    """check() also gets Python values (a problem's `current`); one deeper than the C stack allows is refused."""
    deep: dict[str, Any] = {}
    for _ in range(sys.getrecursionlimit() * 30):
        deep = {"child": deep}
    with pytest.raises(BadServerResponse):
        wire.check(deep, Node)


# -- min_client_version ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "version"), [("1.0.0", "1.0.0"), ("1.2", "1.2"), ("2.0.0rc1", "2.0.0rc1"),
                                               (" 1.0 ", "1.0"), ("v1.3", "1.3")])
def test_a_minimum_version_parses_in_pep_440_order(text: str, version: str) -> None:
    assert wire.parse_min_version(text) == Version(version)


@pytest.mark.parametrize("garbled", ["9" * 4300, "1." + "9" * 4300, "9" * 5000, "", " ", "abc", "mới nhất", "1..2",
                                     "1.0\x00", "\ud800", "1" * 65, None, 5, ["1.0"]])
def test_a_minimum_that_is_no_version_is_a_bad_answer(garbled: Any) -> None:
    with pytest.raises(BadServerResponse):
        wire.parse_min_version(garbled)


def depth_of(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth_of, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth_of, value), default=0)
    return 0


# Strings full of what could fool a byte scan: brackets, quotes, backslashes and `u` escapes.
tricky_text = st.text(st.sampled_from('[]{}"\\u d8a0:,'), max_size=8)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                           | tricky_text,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(tricky_text, inner, max_size=3),
                           max_leaves=30)


@settings(max_examples=500, derandomize=True)
@given(json_values, st.booleans(), st.integers(0, 8))
def test_the_depth_scan_is_exact_for_any_json(value: Any, indent: bool, limit: int) -> None:
    body = json.dumps(value, indent=1 if indent else None, ensure_ascii=False).encode()
    assert wire._within_depth(body, limit) == (depth_of(value) <= limit)
