"""The log redaction filter: secrets and citizens' identifiers never reach a handler."""

from __future__ import annotations

import io
import logging

import pytest

from triage_desktop.security import redact


@pytest.mark.parametrize(("text", "leaked"), [
    ("Authorization: Bearer eyJhbGciOi.J9eyJzdWIi.OiIxMjM0", "eyJhbGciOi"),
    ('{"refresh_token": "r-8f2c1d9e7a", "expires_in": 900}', "r-8f2c1d9e7a"),
    ("{'access_token': 'a-77ab12', 'user': {}}", "a-77ab12"),
    ("POST /auth/login username=canbo1&password=hunter2&x=1", "hunter2"),
    ('password="two words" then', "two words"),
    ("Căn cước 072012345678 của người nộp", "072012345678"),
    ("gọi 0905123123 hoặc +84 905 123 123 hoặc 0905.123.456", "0905123123"),
    ("gọi +84 905 123 123", "905 123 123"),
    ("gọi 0905.123.456", "123.456"),
])
def test_secrets_and_identifiers_are_masked(text: str, leaked: str) -> None:
    assert leaked not in redact.redact(text)


def test_ordinary_text_is_left_alone() -> None:
    text = "GET /changes -> 200, version 7 at 2026-03-02T08:15:00+07:00, r_01HQ, PA-2026-004211, 3 changes"
    assert redact.redact(text) == text


def test_remembered_secrets_are_masked_whatever_their_shape() -> None:
    redact.remember_secret("opaque:Zk81!xq")
    assert "Zk81" not in redact.redact("refresh failed for opaque:Zk81!xq")


def test_the_filter_rewrites_messages_args_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    redact.install(handler)
    logger = logging.getLogger("triage_desktop.test_redact")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("sending %s to %s", {"refresh_token": "r-secret-1"}, "0912345678")
        try:
            raise ValueError("bad id 079123456789")
        except ValueError:
            logger.exception("failed with Bearer tok-secret-2")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    for leaked in ("r-secret-1", "0912345678", "079123456789", "tok-secret-2"):
        assert leaked not in output
    assert "ValueError" in output and "sending" in output


@pytest.fixture
def no_names():
    redact.forget_names()
    yield
    redact.forget_names()


@pytest.mark.parametrize("text", [
    "reply bounced for tam.le@gmail.com",
    "<Tam.Le+ward@Phuong1.TayNinh.gov.vn>",
    "đào.phạm@bưuđiện.vn",
    "GET /search?email=tam.le%40gmail.com&x=1",
    "mailto:o'brien@example.org",
])
def test_email_addresses_are_masked(text: str) -> None:
    masked = redact.redact(text)
    assert "@" not in masked and "%40" not in masked and "[email]" in masked


def test_remembered_names_are_masked_however_they_are_written(no_names) -> None:
    redact.remember_names(["Lê Đình Tâm", "Phạm Thị Đào", None, 42, "x" * 500])
    decomposed = "Pha\u0323m Thi\u0323 Đa\u0300o"  # Unikey's "Unicode tổ hợp"
    for text in ("KeyError: 'Lê Đình Tâm'", "LE DINH TAM called", "le dinh tam", f"by {decomposed}.",
                 "Lê\nĐình Tâm"):
        masked = redact.redact(text)
        assert "[name]" in masked and "Tâm" not in masked and "Tam" not in masked.title(), masked
    assert redact.redact("Ông Lê Đình Tâm, bà Phạm Thị Đào.") == "Ông [name], bà [name]."


def test_only_names_told_and_of_two_words_or_more_are_masked(no_names) -> None:
    redact.remember_names(["Hoa", "Lê Đình Tâm"])
    assert redact.redact("Hoa Lê Đình rồi Lê Văn Tâm, hoa") == "Hoa Lê Đình rồi Lê Văn Tâm, hoa"


def test_the_names_kept_are_bounded_to_the_latest(no_names) -> None:
    redact.remember_names(["Lê Đình Tâm"])
    redact.remember_names(f"Người Số {n}" for n in range(redact.MAX_NAMES))
    assert redact.redact("Lê Đình Tâm") == "Lê Đình Tâm"  # pushed out by newer ones: the documented limit
    assert redact.redact(f"Người Số {redact.MAX_NAMES - 1}") == f"[name] {redact.MAX_NAMES - 1}"
