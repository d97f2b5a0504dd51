"""The profile folder is its user's alone from the first write (0700 folders, 0600 files), an older profile is
tightened, exports are 0600, and on Windows the folder gets a user-only ACL (icacls cannot run here: the command
is checked as built, and that it is run)."""

from __future__ import annotations

import io
import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from triage_desktop import cli
from triage_desktop.logs import setup_logging
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.security import private_files
from triage_desktop.security.private_files import open_private, secure_profile, umask, windows_acl_command

OTHERS = stat.S_IRWXG | stat.S_IRWXO


def open_to_others(folder: Path) -> list[str]:
    return [f"{p} {stat.filemode(p.stat().st_mode)}" for p in [folder, *folder.rglob("*")]
            if p.stat().st_mode & OTHERS]


@pytest.fixture(autouse=True)
def usual_umask() -> Any:
    with umask(0o022):  # what a Linux desktop session gives a program
        yield
    for handler in [h for h in logging.getLogger().handlers if getattr(h, "_triage", False)]:
        logging.getLogger().removeHandler(handler)
        handler.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=3, dossiers=1, seed=3) as srv:
        yield srv


def signed_in(profile: Path, server: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("demo123\n"))
    assert cli.main(["login", "--server", server.url, "--username", "canbo1", "--password-stdin",
                     "--profile", str(profile)]) == 0


def test_a_command_on_a_fresh_profile_leaves_nothing_open(tmp_path: Path, server: SandboxServer,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    profile = tmp_path / "new" / "profile"
    signed_in(profile, server, monkeypatch)
    assert (profile / "logs" / "triage-desktop.log").exists() and any(profile.glob("*.sqlite3*"))
    assert (profile / "cache.key").exists()
    assert open_to_others(tmp_path / "new") == []
    assert os.umask(0o022) == 0o022  # the program's own umask did not outlive it


def test_the_log_is_private_from_the_first_write_and_after_rotation(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path / "profile")
    logging.getLogger("test").warning("first line")
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_triage", False))
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    handler.doRollover()
    logging.getLogger("test").warning("after rotation")
    assert log_file.exists() and open_to_others(tmp_path / "profile") == []


def test_an_older_profile_is_tightened(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    (profile / "logs").mkdir(parents=True, mode=0o755)
    os.chmod(profile, 0o755)
    for name in ("cache.sqlite3", "cache.sqlite3-wal", "cache.sqlite3.before-r0004.bak", "logs/triage-desktop.log"):
        (profile / name).write_text("0905123123", encoding="utf-8")
        os.chmod(profile / name, 0o644)
    secure_profile(profile)
    assert open_to_others(profile) == []
    assert stat.S_IMODE(profile.stat().st_mode) == 0o700
    assert stat.S_IMODE((profile / "cache.sqlite3").stat().st_mode) == 0o600


def test_an_export_over_an_older_readable_one_is_made_private(tmp_path: Path) -> None:
    old = tmp_path / "xuat.csv"
    old.write_text("last month's export, much longer than this one will be\n", encoding="utf-8")
    os.chmod(old, 0o644)
    with open_private(old, "w", encoding="utf-8") as out:
        out.write("kind,id\n")
    assert stat.S_IMODE(old.stat().st_mode) == 0o600 and old.read_text(encoding="utf-8") == "kind,id\n"


def test_cli_export_output_is_private(tmp_path: Path, server: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> None:
    signed_in(tmp_path / "p", server, monkeypatch)
    output = tmp_path / "shared" / "export.jsonl"
    output.parent.mkdir()
    output.write_text("{}\n", encoding="utf-8")
    os.chmod(output, 0o644)
    monkeypatch.setattr(sys, "stdin", io.StringIO("demo123\n"))
    assert cli.main(["export", "--format", "jsonl", "--output", str(output), "--password-stdin",
                     "--profile", str(tmp_path / "p")]) == 0
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


def test_the_windows_acl_command_grants_the_user_alone() -> None:
    assert windows_acl_command(Path("C:/Users/binh/AppData/Local/triage-desktop"), "PHUONG1\\binh") == [
        "icacls", str(Path("C:/Users/binh/AppData/Local/triage-desktop")), "/inheritance:r",
        "/grant:r", "PHUONG1\\binh:(OI)(CI)F"]
    assert private_files.windows_user({"USERNAME": "binh", "USERDOMAIN": "PHUONG1"}) == "PHUONG1\\binh"


def test_on_windows_the_profile_gets_that_acl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[list[str]] = []
    monkeypatch.setattr(private_files, "ON_WINDOWS", True)
    monkeypatch.setenv("USERNAME", "binh")
    monkeypatch.setenv("USERDOMAIN", "PHUONG1")
    monkeypatch.setattr(subprocess, "run", lambda command, **_kw: ran.append(command))
    secure_profile(tmp_path / "profile")
    assert ran == [windows_acl_command(tmp_path / "profile", "PHUONG1\\binh")]
