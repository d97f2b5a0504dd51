"""Frozen-build smoke test: the bundle runs its migrations, talks to a sandbox over loopback and syncs.

Usage: python packaging/smoke_test.py dist/triage-desktop-<version>
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(bundle: Path) -> int:
    cli = bundle / ("triage-desktop-cli.exe" if sys.platform == "win32" else "triage-desktop-cli")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        port = "18765"
        server = subprocess.Popen([str(cli), "sandbox", "--port", port, "--reports", "20", "--dossiers", "5",
                                   "--db", str(work / "server.sqlite3")], stdout=subprocess.PIPE, text=True)
        try:
            server.stdout.readline()  # the sandbox prints its URL once it listens
            url = f"http://127.0.0.1:{port}/triage/v1"
            profile = str(work / "profile")
            steps = [
                ([str(cli), "--version"], None),
                ([str(cli), "login", "--server", url, "--username", "canbo1", "--password-stdin",
                  "--profile", profile], "demo123\n"),
                ([str(cli), "sync", "--once", "--password-stdin", "--profile", profile], "demo123\n"),
                ([str(cli), "export", "--format", "jsonl", "--profile", profile], None),
            ]
            for args, stdin in steps:
                if _run(args, stdin) is None:
                    return 1
            # A paper as PDF: the frozen build lays it out with the font it carries (embedded in the file).
            listed = _run([str(cli), "list", "report", "--limit", "1", "--json", "--profile", profile], None)
            if listed is None:
                return 1
            paper = work / "summary.pdf"
            item_id = json.loads(listed)[0]["id"]
            if _run([str(cli), "print", "report", item_id, "summary", "--output", str(paper), "--profile", profile],
                    None) is None or b"LiberationSerif" not in paper.read_bytes():
                print("the paper was not written with its font", file=sys.stderr)
                return 1
        finally:
            server.terminate()
            server.wait(timeout=10)
    print("smoke test ok")
    return 0


def _run(args: list[str], stdin: str | None) -> str | None:
    """Run one command of the bundle; its stdout, or None (and its stderr printed) when it failed."""
    started = time.monotonic()
    result = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=120, check=False)
    print(f"{' '.join(args[1:3])}: rc={result.returncode} in {time.monotonic() - started:.2f}s")
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)
        return None
    return result.stdout


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
