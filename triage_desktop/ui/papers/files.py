"""Writing a saved paper: all of it or nothing, readable by this user only (it holds a citizen's data)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_pdf(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder (0600), then rename it into place:
    a full disk never leaves half a PDF under the chosen name. Blocks on the disk: the write lane."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".triage-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
