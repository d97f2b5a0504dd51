"""Issue 8, item 9: the first minutes on a new machine end in a sentence, never in a native abort or a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli_sandbox import cli_env
from triage_desktop.ui.display_check import display_problem


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "triage_desktop", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=60, check=False, env=env)


def test_the_window_on_a_machine_without_a_display_says_what_to_do(tmp_path: Path) -> None:
    env = cli_env(QT_QPA_PLATFORM="")  # as `make demo` sets it: Qt's own choice, xcb on Linux
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = run("--profile", str(tmp_path / "profile"), env=env)
    assert done.returncode == 2, done.stderr  # before: Qt aborted the process (SIGABRT) with a thread dump
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "make screenshot" in lines[0]


@pytest.mark.parametrize(("env", "library", "says"), [
    ({"DISPLAY": ":0"}, None, "libxcb-cursor0"),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, None, "libxcb-cursor0"),
    ({}, "libxcb-cursor.so.0", "DISPLAY"),
    ({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, "libxcb-cursor.so.0", "DISPLAY"),
])
def test_linux_without_what_qt_needs_gets_one_sentence(env: dict[str, str], library: str | None, says: str) -> None:
    problem = display_problem(env, "linux", lambda name: library)
    assert problem is not None and says in problem


@pytest.mark.parametrize(("env", "platform"), [
    ({"DISPLAY": ":0"}, "linux"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),  # Qt picks its Wayland plugin: no xcb needed
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
    ({}, "win32"),
])
def test_a_machine_that_can_show_the_window_is_let_through(env: dict[str, str], platform: str) -> None:
    assert display_problem(env, platform, lambda name: "libxcb-cursor.so.0" if env.get("DISPLAY") else None) is None


def test_the_sandbox_on_a_busy_port_says_so_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run("sandbox", "--port", str(port), "--db", str(tmp_path / "server.sqlite3"), env=cli_env())
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(port) in lines[0] and "--port" in lines[0], done.stderr
