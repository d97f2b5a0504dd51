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
