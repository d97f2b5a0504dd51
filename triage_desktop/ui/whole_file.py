"""Files the officer saves (an attachment, the window's tables): whole or not at all.

Written under a temporary name in the target's folder (created 0600 by mkstemp: citizens' data is the user's
alone), synced to the disk, then renamed over the target: a full disk, a cancel or a crash never leaves half a
file under the chosen name, nor costs an earlier file of that name. Blocks on the disk: never the GUI thread.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def whole_file(path: Path, mode: str = "wb", **open_args: Any) -> Iterator[IO[Any]]:
    """An open file that becomes `path` when the block ends without an error (`open_args` as for open())."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".triage-", suffix=".part")
    temporary = Path(name)
    try:
        with os.fdopen(fd, mode, **open_args) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())  # a full disk says so here, before the old file is replaced
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_whole(path: Path, data: bytes) -> None:
    with whole_file(path) as out:
        out.write(data)
