"""The sandbox as its own process, started through the command line as provincial IT or a trainer would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.file_keyring import file_keyring_env, profile_keyring

_URL = re.compile(r"(http://127\.0\.0\.1:\d+/\S+)")


def cli_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8", **extra}


@contextmanager
def sandbox_process(db: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """`triage-desktop sandbox --port 0 ARGS…` until the block ends; yields its base URL."""
    process = subprocess.Popen([sys.executable, "-m", "triage_desktop", "sandbox", "--port", "0", "--db", str(db),
                                *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               env=env or cli_env())
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = _URL.search(line)
        if match is None:
            process.kill()
            raise RuntimeError(f"sandbox did not start: {line!r} {process.stderr.read() if process.stderr else ''}")
        yield match.group(1)
    finally:
        process.terminate()
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def run_cli(profile: Path, *args: str, stdin: str | None = None, timeout: float = 60,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`triage-desktop ARGS --profile PROFILE`. By default on a PC with a secure keyring (a ward PC's Windows
    Credential Manager; here a file posing as one, tests/support/file_keyring.py): it keeps the cache key, so
    commands open the encrypted cache without a password. Pass `env=cli_env()` for a PC without one."""
    return subprocess.run([sys.executable, "-m", "triage_desktop", *args, "--profile", str(profile)],
                          input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False,
                          env=env or file_keyring_env(profile_keyring(profile)))


def sign_in_and_sync(profile: Path, server_url: str, username: str, password: str = "demo123") -> None:
    """`login` then `sync --once` through the command line, as an officer's first day: the profile a CLI test
    works on."""
    for args in (("login", "--server", server_url, "--username", username, "--password-stdin"),
                 ("sync", "--once", "--password-stdin")):
        done = run_cli(profile, *args, stdin=password + "\n")
        assert done.returncode == 0, done.stderr
