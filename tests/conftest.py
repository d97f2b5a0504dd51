"""Suite-wide setup, in one place: headless Qt, no real keyring, no stray profile folders."""

from __future__ import annotations

import os

# Before any Qt import: every widget test runs offscreen (CI has no display).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never read or write the developer's real OS keyring from tests; tokens stay in memory.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ.pop("TRIAGE_PROFILE", None)
