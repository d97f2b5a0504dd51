"""Suite-wide setup, in one place: headless Qt, no real keyring, no stray profile folders."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

# Tests never assert wall-clock time: hypothesis's per-example deadline and its "too slow" check are exactly that,
# and on a loaded two-core runner with three workers they failed tests whose code was right.
settings.register_profile("triage", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("triage")

# Before any Qt import: every widget test runs offscreen (CI has no display).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never read or write the developer's real OS keyring from tests; tokens stay in memory.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ.pop("TRIAGE_PROFILE", None)


class _ErrorRecords(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_logged_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that makes the program log an error fails, unless it provokes errors on purpose (`logs_errors`):
    an error nobody looks at is how a bug hides (a slot's exception used to vanish)."""
    handler = _ErrorRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    if handler.records and request.node.get_closest_marker("logs_errors") is None:
        lines = "\n".join(f"{r.name}: {r.getMessage()}" for r in handler.records[:5])
        pytest.fail(f"{len(handler.records)} error(s) logged:\n{lines}", pytrace=False)
