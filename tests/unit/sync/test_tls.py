"""TLS: a server whose CA the OS does not trust is refused as a certificate problem; IT's CA makes it work."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.sync import samples
from tests.unit.sync.loopback import Loopback, Reply
from triage_desktop.core.errors import Offline
from triage_desktop.sync.http import ApiClient, CertificateProblem, make_session

x509 = pytest.importorskip("cryptography.x509")
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID  # noqa: E402


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_pki(folder: Path) -> tuple[Path, Path, Path]:
    """A private root CA (like a provincial one) and a 127.0.0.1 server certificate it signed."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("Test Province Root CA")).issuer_name(_name("Test Province Root CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_pem, cert_pem, key_pem = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_pem.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return ca_pem, cert_pem, key_pem


@pytest.fixture
def https(tmp_path: Path) -> Iterator[tuple[Loopback, Path]]:
    ca_pem, cert_pem, key_pem = make_pki(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_pem, key_pem)
    with Loopback(tls=context) as server:
        server.on("GET", "/meta", Reply(200, samples.meta()))
        yield server, ca_pem


def test_an_untrusted_certificate_is_a_certificate_problem(https: tuple[Loopback, Path]) -> None:
    server, _ = https
    with pytest.raises(CertificateProblem) as caught:
        ApiClient(server.url).meta()
    assert isinstance(caught.value, Offline) and caught.value.code == "tls_certificate"


def test_the_deployment_ca_bundle_is_trusted_on_top_of_the_os_store(https: tuple[Loopback, Path]) -> None:
    server, ca_pem = https
    client = ApiClient(server.url, session=make_session(ca_bundle=str(ca_pem)))
    assert client.meta()["api_version"] == "1.3"
