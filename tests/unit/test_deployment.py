"""deployment.toml: checked against its schema, so a typo stops the program with the key's name in one line;
its `ca_bundle` is trusted by every request the services make."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.private_ca import https_server
from tests.unit.sync.loopback import Loopback
from triage_desktop.core.work_settings import WorkSettings
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.services import build_services
from triage_desktop.settings import Deployment, DeploymentError, load_deployment
from triage_desktop.sync.http import CertificateProblem

README_EXAMPLE = '''server_url = "https://api.example-province.vn/triage/v1"   # the Central API base URL
province = "Tây Ninh"
language = "vi"
'''


def written(folder: Path, text: str) -> Path:
    path = folder / "deployment.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(DeploymentError) as caught:
        load_deployment([path])
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message


def test_the_readme_example_is_read(tmp_path: Path) -> None:
    assert load_deployment([tmp_path / "none.toml", written(tmp_path, README_EXAMPLE)]) == Deployment(
        server_url="https://api.example-province.vn/triage/v1", province="Tây Ninh", language="vi")


def test_the_due_soon_share_is_read_and_defaults_to_one_working_day(tmp_path: Path) -> None:
    assert load_deployment([tmp_path / "none.toml"]).due_soon_working_days == 1.0
    assert load_deployment([written(tmp_path, "due_soon_working_days = 0.5\n")]).due_soon_working_days == 0.5
    assert load_deployment([written(tmp_path, "due_soon_working_days = 2\n")]).due_soon_working_days == 2.0


def test_the_work_settings_reach_the_window_as_written(tmp_path: Path) -> None:
    """Photo budget, map link and undo window (issue 12): read, checked, and handed on as one WorkSettings."""
    assert load_deployment([tmp_path / "none.toml"]).work() == WorkSettings()
    text = ('photo_cache_mb = 0\nundo_seconds = 0\ndue_soon_working_days = 0.5\n'
            'map_url = "https://maps.example.vn/@{lat},{lon},17z"\n')
    assert load_deployment([written(tmp_path, text)]).work() == WorkSettings(
        due_soon_working_days=0.5, photo_cache_mb=0, map_url="https://maps.example.vn/@{lat},{lon},17z",
        undo_seconds=0)


def test_without_a_file_the_defaults_hold(tmp_path: Path) -> None:
    deployment = load_deployment([tmp_path / "deployment.toml"])
    assert deployment == Deployment() and deployment.language == "vi" and not deployment.lock_server_url


@pytest.mark.parametrize(("text", "named"), [
    ('sever_url = "https://x.vn/v1"\n', "sever_url"),
    ("lock_server_url = \"yes\"\nserver_url = \"https://x.vn/v1\"\n", "lock_server_url"),
    ('language = "fr"\n', "language"),
    ("server_url = 3\n", "server_url"),
    ('lock_server_url = true\n', "lock_server_url needs server_url"),
    ('ca_bundle = "missing.pem"\n', "ca_bundle"),
    ('server_url = "https://x.vn/v1\n', "line 1"),  # not TOML: where it breaks
    ("due_soon_working_days = 0\n", "due_soon_working_days"),
    ("due_soon_working_days = -1.5\n", "due_soon_working_days"),
    ("due_soon_working_days = nan\n", "due_soon_working_days"),
    ("due_soon_working_days = 400\n", "due_soon_working_days"),
    ('due_soon_working_days = "1"\n', "due_soon_working_days"),
    ("photo_cache_mb = -1\n", "photo_cache_mb"),
    ("undo_seconds = 61\n", "undo_seconds"),
    ("undo_seconds = -1\n", "undo_seconds"),
    ('map_url = "http://maps.example.vn/?q={lat},{lon}"\n', "map_url"),  # not https
    ('map_url = "https://maps.example.vn/?q={lat}"\n', "map_url"),  # no {lon}
    ('map_url = "javascript:alert(1)//{lat}{lon}"\n', "map_url"),
    ('map_url = "https:///{lat}/{lon}"\n', "map_url"),  # no host
])
def test_a_mistake_is_refused_naming_the_key(tmp_path: Path, text: str, named: str) -> None:
    assert named in refusal(written(tmp_path, text))


def test_a_relative_ca_bundle_is_beside_the_file(tmp_path: Path) -> None:
    (tmp_path / "province-ca.pem").write_text("-", encoding="utf-8")
    deployment = load_deployment([written(tmp_path, 'ca_bundle = "province-ca.pem"\n')])
    assert deployment.ca_bundle == str((tmp_path / "province-ca.pem").resolve())


@pytest.fixture
def https(tmp_path: Path) -> Iterator[tuple[Loopback, Path]]:
    """A server whose certificate a private provincial CA signed, answering a login."""
    with https_server(tmp_path) as served:
        yield served


@pytest.mark.parametrize("trusted", [True, False])
def test_the_services_trust_the_deployment_ca_bundle(https: tuple[Loopback, Path], tmp_path: Path,
                                                      trusted: bool) -> None:
    server, ca_pem = https
    deployment = load_deployment([written(tmp_path, f'ca_bundle = "{ca_pem.name}"\n')]) if trusted else Deployment()
    services = build_services(tmp_path / "profile", CredentialStore.memory_only(), deployment=deployment)
    try:
        if trusted:
            assert services.sync.login(server.url, "canbo1", "secret").username == "canbo1"
        else:
            with pytest.raises(CertificateProblem):
                services.sync.login(server.url, "canbo1", "secret")
    finally:
        services.close()


def test_the_command_line_stops_on_a_typo_with_one_line(tmp_path: Path) -> None:
    """The window starts from the same command line, so a typo stops it the same way (and says so in the log)."""
    config = tmp_path / "etc" / "triage-desktop"  # the system config folder, as platformdirs finds it on Linux
    config.mkdir(parents=True)
    path = written(config, 'server_url = "https://x.vn/v1"\nlock_server_ur = true\n')
    result = subprocess.run([sys.executable, "-m", "triage_desktop", "outbox", "--profile", str(tmp_path / "p")],
                            env={**os.environ, "XDG_CONFIG_DIRS": str(tmp_path / "etc")}, capture_output=True,
                            text=True, encoding="utf-8", timeout=60, check=False)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "lock_server_ur" in result.stderr
    assert result.stderr.startswith(f"triage-desktop: {path}: ")
