"""TLS: a certificate that cannot be verified is its own error (not "offline"), said in Vietnamese naming the server
and logged with its name; IT's CA makes the same server work; nothing in the program can turn verification off."""

from __future__ import annotations

import logging
import re
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.private_ca import https_server
from tests.unit.sync.loopback import Loopback
from triage_desktop.core.errors import CertificateUntrusted, Offline
from triage_desktop.sync.http import ApiClient, make_session
from triage_desktop.ui.messages import error_message

PACKAGE = Path(__file__).resolve().parents[3] / "triage_desktop"


@pytest.fixture
def https(tmp_path: Path) -> Iterator[tuple[Loopback, Path]]:
    with https_server(tmp_path) as served:
        yield served


def test_an_untrusted_certificate_is_not_offline_and_names_the_server(https: tuple[Loopback, Path],
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    server, _ = https
    server.on("POST", "/auth/login", lambda seen: pytest.fail("a password went to an unverified server"))
    with caplog.at_level(logging.WARNING, "triage_desktop.sync.http"), pytest.raises(CertificateUntrusted) as caught:
        ApiClient(server.url).login("canbo1", "mật khẩu", {"id": "d"})
    error = caught.value
    assert not isinstance(error, Offline) and error.code == "tls_certificate" and error.host == "127.0.0.1"
    message = error_message(error)
    assert "chứng chỉ" in message and "127.0.0.1" in message and "CNTT" in message
    assert "Không kết nối được máy chủ. Kiểm tra mạng" not in message  # not the "network down" sentence
    logged = [r.getMessage() for r in caplog.records if "certificate" in r.getMessage()]
    assert logged and "127.0.0.1" in logged[0] and "mật khẩu" not in logged[0]
    assert not server.requests_to("/auth/login")


def test_a_certificate_for_another_name_is_refused(https: tuple[Loopback, Path]) -> None:
    server, ca_pem = https  # trusted CA, but the certificate names 127.0.0.1, not "localhost"
    with pytest.raises(CertificateUntrusted) as caught:
        ApiClient(server.url.replace("127.0.0.1", "localhost"), session=make_session(str(ca_pem))).meta()
    assert caught.value.host == "localhost"


def test_an_expired_certificate_is_refused(tmp_path: Path) -> None:
    with https_server(tmp_path, expired=True) as (server, ca_pem), pytest.raises(CertificateUntrusted):
        ApiClient(server.url, session=make_session(str(ca_pem))).meta()


def test_a_handshake_that_fails_for_another_reason_stays_a_network_problem(loop: Loopback) -> None:
    """https:// to a server that speaks plain HTTP: no certificate was ever refused, so no call to IT about one."""
    with pytest.raises(Offline):
        ApiClient(loop.url.replace("http://", "https://"), read_timeout=2.0).meta()


def test_the_deployment_ca_bundle_is_trusted_on_top_of_the_os_store(https: tuple[Loopback, Path]) -> None:
    server, ca_pem = https
    client = ApiClient(server.url, session=make_session(ca_bundle=str(ca_pem)))
    assert client.meta()["api_version"] == "1.3"


def test_sessions_always_verify() -> None:
    adapter = make_session().get_adapter("https://x.example/")
    context = adapter._context  # type: ignore[attr-defined]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_no_code_path_turns_verification_off() -> None:
    """No "skip" button, flag or setting: nothing in the program may switch certificate checks off."""
    off = re.compile(r"verify\s*=\s*False|CERT_NONE|check_hostname\s*=\s*False|_create_unverified_context"
                     r"|PYTHONHTTPSVERIFY|CURL_CA_BUNDLE|disable_warnings")
    found = [f"{path.relative_to(PACKAGE)}: {line.strip()}" for path in PACKAGE.rglob("*.py")
             for line in path.read_text(encoding="utf-8").splitlines() if off.search(line)]
    assert found == []
