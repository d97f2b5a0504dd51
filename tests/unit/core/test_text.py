from hypothesis import given
from hypothesis import strategies as st

from triage_desktop.core.text import fold, vietnamese_sort_key


def test_fold_strips_marks_and_d() -> None:
    assert fold("Cây đổ chắn ĐƯỜNG 30/4") == "cay do chan duong 30/4"
    assert fold("Nguyễn Văn Đức, ngập nước ở hẻm") == "nguyen van duc, ngap nuoc o hem"


def test_fold_handles_nfd_input() -> None:
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Lê Đình Tâm")) == "le dinh tam"


def test_the_sort_key_orders_names_as_a_vietnamese_dictionary_does() -> None:
    names = ["Vũ Văn An", "Đặng Thị Bé", "Dương Văn Cường", "Hoàng Minh", "Ánh", "Anh", "Ăn", "Âm", "Ơn", "Ôn",
             "On", "Ưng", "Ung", "Dũng", "Dung", "Đinh Lệ", "Bùi Đạt"]
    assert sorted(names, key=vietnamese_sort_key) == [
        "Anh", "Ánh", "Ăn", "Âm", "Bùi Đạt", "Dung", "Dũng", "Dương Văn Cường", "Đặng Thị Bé", "Đinh Lệ",
        "Hoàng Minh", "On", "Ôn", "Ơn", "Ung", "Ưng", "Vũ Văn An"]


@given(st.lists(st.sampled_from(["Nguyễn", "Trần", "Lê", "Đặng", "Đỗ", "Dương", "Dung", "Ánh", "Anh", "Ước", "Uyên",
                                 "Thị", "Văn", "Đình", "Hường", "Hưởng", "Huy"]), min_size=1, max_size=3))
def test_the_sort_key_agrees_with_qts_vietnamese_collator(words: list[str]) -> None:
    """The SQL sort key must order names as the dialogs do (QCollator, ui.formatting.sorted_vietnamese)."""
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    name = " ".join(words)
    others = ["Đặng Văn", "Dương Thị", "Anh", "Nguyễn Văn Ước", "Huy"]
    for other in others:
        by_key = (vietnamese_sort_key(name) > vietnamese_sort_key(other)) - (
            vietnamese_sort_key(name) < vietnamese_sort_key(other))
        by_qt = collator.compare(name, other)
        assert (by_key > 0) == (by_qt > 0) and (by_key < 0) == (by_qt < 0), (name, other)
