"""Frozen-build entry point (PyInstaller needs a script, not a module path)."""

import sys

from triage_desktop.__main__ import main

sys.exit(main())
