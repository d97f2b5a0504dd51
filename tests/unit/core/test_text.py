from triage_desktop.core.text import fold


def test_fold_strips_marks_and_d() -> None:
    assert fold("Cây đổ chắn ĐƯỜNG 30/4") == "cay do chan duong 30/4"
    assert fold("Nguyễn Văn Đức, ngập nước ở hẻm") == "nguyen van duc, ngap nuoc o hem"


def test_fold_handles_nfd_input() -> None:
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Lê Đình Tâm")) == "le dinh tam"
