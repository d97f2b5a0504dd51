"""Issue 10, masking: `triage-desktop export` writes phones and CCCD as 0905•••456 unless provincial IT set
`full_exports = true` in deployment.toml. Separate processes against the sandbox, as a script runs them."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli_sandbox import cli_env, run_cli
from triage_desktop.core import fields
from triage_desktop.core.masking import mask_id_number, mask_phone
from triage_desktop.sandbox.server import SandboxServer

# deployment.toml is read from the system config folder, which on Linux follows XDG_CONFIG_DIRS.
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="places deployment.toml through XDG_CONFIG_DIRS")


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A profile synced from the sandbox through the command line; the server's items to compare with."""
    folder = tmp_path_factory.mktemp("export")
    with SandboxServer(db=folder / "server.sqlite3", reports=30, dossiers=10, seed=3) as server:
        profile = folder / "profile"
        env = deployment_env(folder / "none", "")
        login = run_cli(profile, "login", "--server", server.url, "--username", "canbo1", "--password-stdin",
                        stdin="demo123\n", env=env)
        assert login.returncode == 0, login.stderr
        synced = run_cli(profile, "sync", "--once", "--password-stdin", stdin="demo123\n", env=env)
        assert synced.returncode == 0, synced.stderr
        items = {(raw["kind"], raw["id"]): raw for raw in server.all_aggregates()}
    return folder, profile, items


def deployment_env(folder: Path, toml: str) -> dict[str, str]:
    config = folder / "xdg"
    (config / "triage-desktop").mkdir(parents=True, exist_ok=True)
    if toml:
        (config / "triage-desktop" / "deployment.toml").write_text(toml, encoding="utf-8")
    return cli_env(XDG_CONFIG_DIRS=str(config))


def numbers(items: dict[tuple[str, str], dict[str, Any]]) -> set[str]:
    found = {fields.phone(kind, raw) for (kind, _id), raw in items.items()}
    found |= {fields.id_number(kind, raw) for (kind, _id), raw in items.items()}
    return found - {""}


def export(synced: Any, fmt: str, toml: str = "") -> str:
    folder, profile, _items = synced
    out = folder / f"export-{fmt}-{len(toml)}.{fmt}"
    done = run_cli(profile, "export", "--format", fmt, "--output", str(out), "--password-stdin", stdin="demo123\n",
                   env=deployment_env(folder / f"deploy-{len(toml)}", toml))
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8-sig")


def test_an_export_masks_every_phone_and_cccd_by_default(synced: Any) -> None:
    _folder, _profile, items = synced
    assert len(numbers(items)) > 30  # the sandbox gives every citizen a phone, every applicant a CCCD
    jsonl = export(synced, "jsonl")
    table = export(synced, "csv")
    for text in (jsonl, table):
        leaked = [number for number in numbers(items) if number in text]
        assert leaked == []
    for line in jsonl.splitlines():
        raw = json.loads(line)
        server = items[(raw["kind"], raw["id"])]
        kind = raw["kind"]
        assert fields.phone(kind, raw) == mask_phone(fields.phone(kind, server))
        assert fields.id_number(kind, raw) == mask_id_number(fields.id_number(kind, server))
        assert fields.person_name(kind, raw) == fields.person_name(kind, server)  # the rest is untouched
        assert raw["events"] == server["events"]
    rows = list(csv.DictReader(table.splitlines()))
    assert len(rows) == len(items)
    assert all(row["phone"] == mask_phone(fields.phone(row["kind"], items[(row["kind"], row["id"])]))
               for row in rows)
    assert all("•••" in row["phone"] for row in rows)


def test_it_allows_full_numbers_in_deployment_toml(synced: Any) -> None:
    _folder, _profile, items = synced
    jsonl = export(synced, "jsonl", "full_exports = true\n")
    for line in jsonl.splitlines():
        raw = json.loads(line)
        assert raw == items[(raw["kind"], raw["id"])]
    rows = list(csv.DictReader(export(synced, "csv", "full_exports = true\n").splitlines()))
    assert {row["phone"] for row in rows} == {fields.phone(kind, raw) for (kind, _id), raw in items.items()}
