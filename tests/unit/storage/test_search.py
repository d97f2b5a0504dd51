"""Vietnamese search through the FTS5 index: typed without marks, đ as d, prefixes, phones and codes."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.storage.factories import dossier, report, upsert
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.text import fold
from triage_desktop.storage.search import fast_fold, match_query
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace


@pytest.fixture
def seeded(store: Store) -> None:
    store.apply_page([
        upsert(report("r_tree", 1, code="PA-2026-004211", title="Cây đổ chắn đường",
                      location={"address": "12 Đường 30/4, Phường 1"},
                      citizen={"name": "Lê Đình Tâm", "phone": "0905 123 456"})),
        upsert(report("r_light", 1, code="PA-2026-004377", title="Đèn đường không sáng",
                      description="Đoạn đường tối om từ tối qua", location={"address": "Hẻm 5 Nguyễn Trãi"},
                      citizen={"name": "Phạm Ngọc Ánh", "phone": "0276 999 888"})),
        upsert(report("r_trash", 1, code="PA-2026-010001", title="Rác thải ùn ứ", description="Ngập nước, hôi",
                      location=None, citizen=None)),
        upsert(dossier("d_birth", 1, code="000.00.23.H57-260302-0001", summary="Đăng ký khai sinh",
                       applicant={"name": "Nguyễn Thị Hoà", "id_number": "072190001234",
                                  "phone": "0276 3822 111"})),
    ], "c1")


def _found(workspace: LocalWorkspace, text: str, kind: str = "report") -> set[str]:
    query = ItemQuery(kind=kind, text=text)
    rows = workspace.page(query, 0, 100)
    assert workspace.count(query) == len(rows)
    return {row.id for row in rows}


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("text", "expected"), [
    ("cay do", {"r_tree"}),
    ("Cây đổ", {"r_tree"}),
    ("CAY   DO  ", {"r_tree"}),
    ("duong 30/4", {"r_tree"}),
    ("duong", {"r_tree", "r_light"}),
    ("đường", {"r_tree", "r_light"}),
    ("duo", {"r_tree", "r_light"}),  # prefix while typing
    ("ngap", {"r_trash"}),  # two marks on one letter (ậ)
    ("le dinh tam", {"r_tree"}),
    ("0905", {"r_tree"}),
    ("0905123", {"r_tree"}),  # phone typed without its spaces
    ("0905 123 456", {"r_tree"}),
    ("PA-2026-0043", {"r_light"}),
    ("004211", {"r_tree"}),
    ("pa-2026", {"r_tree", "r_light", "r_trash"}),
    ("den duong nguyen trai", {"r_light"}),
    ("cay sang", set()),
    ("zzz", set()),
])
def test_report_search(workspace: LocalWorkspace, text: str, expected: set[str]) -> None:
    assert _found(workspace, text) == expected


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("text", ["khai sinh", "hoa", "072190", "0276 3822", "H57-260302", "000.00.23.h57"])
def test_dossier_search(workspace: LocalWorkspace, text: str) -> None:
    assert _found(workspace, text, "dossier") == {"d_birth"}


@pytest.mark.usefixtures("seeded")
def test_search_stays_inside_its_kind(workspace: LocalWorkspace) -> None:
    assert _found(workspace, "0276") == {"r_light"}
    assert _found(workspace, "0276", "dossier") == {"d_birth"}


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("text", ['"', "*", "AND OR NOT", "NEAR(", "a:b", "'; DROP TABLE aggregates; --", "^x",
                                  "(((", "-", "🌳"])
def test_query_syntax_in_typed_text_is_harmless(workspace: LocalWorkspace, text: str) -> None:
    _found(workspace, text)  # no exception
    assert workspace.count(ItemQuery(kind="report")) == 3


@pytest.mark.usefixtures("seeded")
def test_empty_or_punctuation_only_text_matches_everything(workspace: LocalWorkspace) -> None:
    assert _found(workspace, "") == {"r_tree", "r_light", "r_trash"}
    assert _found(workspace, " / - ") == {"r_tree", "r_light", "r_trash"}


def test_match_query_shape() -> None:
    assert match_query("Đường 30/4") == '"duong"* AND "30 4"*'
    assert match_query('a"b') == '"a b"*'
    assert match_query("  ") is None
    assert match_query("snake_case") == '"snake case"*'


VIETNAMESE = ("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY0123456789 -/.,"
              "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
              "ÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ\u0300\u0301\u0303\u0309\u0323")


@given(st.text(alphabet=VIETNAMESE, max_size=80))
def test_fast_fold_equals_core_fold_on_vietnamese(text: str) -> None:
    for form in (text, unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)):
        assert fast_fold(form) == fold(form)


@given(st.text(max_size=40))
def test_fast_fold_agrees_with_core_fold_on_any_precomposed_text(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert fast_fold(text) == fold(text)
