"""A folder this process may not create files in, to see how a save that is refused reads to the officer."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _refuses(folder: Path) -> bool:
    try:
        fd, name = tempfile.mkstemp(dir=folder)
    except PermissionError:
        return True
    os.close(fd)
    os.unlink(name)
    return False


@contextlib.contextmanager
def unwritable_folder(tmp_path: Path) -> Iterator[Path]:
    """A read-only folder (0500); as root, which writes there anyway, sysfs, which refuses even root; else skip."""
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if _refuses(folder):
            yield folder
            return
        if Path("/sys").is_dir() and _refuses(Path("/sys")):
            yield Path("/sys")
            return
        pytest.skip("no folder refuses this process's writes here")
    finally:
        folder.chmod(0o700)
