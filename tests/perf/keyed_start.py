"""`python -m triage_desktop …` on the bench's encrypted cache: the same start, with the bench key given to the
cache as the session (the lead's key code: keyring or password) will give it. Until that code lands, the window's
start has no key of its own to pass, so this wrapper hands build_services' open_database the bench key."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import triage_desktop.app as app
from tests.support.keys import TEST_KEY
from triage_desktop.__main__ import main
from triage_desktop.storage.database import Database

_open = app.open_database
KEY: bytes | None = None if os.environ.get("TRIAGE_BENCH_PLAIN") else TEST_KEY  # as tests.perf.cache.KEY


def _keyed(profile: Path, *, key: bytes | None = None) -> Database:
    return _open(profile, key=key if key is not None else KEY)


if __name__ == "__main__":
    setattr(app, "open_database", _keyed)  # noqa: B010 - on purpose: the start-up path is app's own
    sys.exit(main())
