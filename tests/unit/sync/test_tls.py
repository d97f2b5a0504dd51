"""TLS: a server whose CA the OS does not trust is refused as a certificate problem; IT's CA makes it work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.private_ca import https_server
from tests.unit.sync.loopback import Loopback
from triage_desktop.core.errors import Offline
from triage_desktop.sync.http import ApiClient, CertificateProblem, make_session


@pytest.fixture
def https(tmp_path: Path) -> Iterator[tuple[Loopback, Path]]:
    with https_server(tmp_path) as served:
        yield served


def test_an_untrusted_certificate_is_a_certificate_problem(https: tuple[Loopback, Path]) -> None:
    server, _ = https
    with pytest.raises(CertificateProblem) as caught:
        ApiClient(server.url).meta()
    assert isinstance(caught.value, Offline) and caught.value.code == "tls_certificate"


def test_the_deployment_ca_bundle_is_trusted_on_top_of_the_os_store(https: tuple[Loopback, Path]) -> None:
    server, ca_pem = https
    client = ApiClient(server.url, session=make_session(ca_bundle=str(ca_pem)))
    assert client.meta()["api_version"] == "1.3"
