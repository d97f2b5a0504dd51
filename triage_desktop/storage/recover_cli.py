"""SQLite's own page-level salvage, `sqlite3 FILE .recover`, where the sqlite3 command-line tool exists.

Most Windows PCs do not have it, and some builds lack the `sqlite_dbpage` table `.recover` needs (Debian 12's
answers "SQL logic error"): then this says so and the pure-Python reader (page_recovery) does the work alone.
It always runs on a copy made by the caller, never on the quarantined file, and within a time limit.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 120.0  # a ward's cache takes well under a second; a province's million items may not finish
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing up over the window on Windows


@dataclass(frozen=True, slots=True)
class CliResult:
    status: str  # "used", "not installed", "timed out" or "failed: <the tool's first line>"
    database: Path | None = None  # what .recover rebuilt, to be read like any SQLite file


def available() -> bool:
    return shutil.which("sqlite3") is not None


def recover(copy: Path, workdir: Path, timeout: float = TIMEOUT_S) -> CliResult:
    """Run `.recover` over `copy` and load its output into a fresh database in `workdir`."""
    exe = shutil.which("sqlite3")
    if exe is None:
        return CliResult("not installed")
    script, target = workdir / "recovered.sql", workdir / "recovered.sqlite3"
    try:
        with open(script, "wb") as out:
            dump = subprocess.run([exe, str(copy), ".recover"], stdin=subprocess.DEVNULL, stdout=out,
                                  stderr=subprocess.PIPE, timeout=timeout, check=False, creationflags=_NO_WINDOW)
        if dump.returncode != 0:
            return CliResult(f"failed: {_first_line(dump.stderr)}")
        with open(script, "rb") as sql:
            load = subprocess.run([exe, str(target)], stdin=sql, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  timeout=timeout, check=False, creationflags=_NO_WINDOW)
        if load.returncode != 0 and not target.exists():
            return CliResult(f"failed: {_first_line(load.stderr)}")
    except subprocess.TimeoutExpired:
        return CliResult("timed out")
    except OSError as exc:
        return CliResult(f"failed: {exc.strerror or exc}")
    return CliResult("used", target)


def _first_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[0][:200] if lines else "no message"
