"""The profile folder is the officer's alone: user-only folders (0700) and files (0600), a user-only ACL on Windows.

Several officers may share one PC, each with an OS account; the cache, logs and exports hold citizens' data.
`secure_profile` runs first, before anything is written into the profile (logs included): it creates the folder
0700, takes group and other access away from whatever an earlier version left there, and on Windows replaces the
folder's inherited ACL with one for the user alone (children inherit it). `restrict_new_files` sets the process
umask to 077, so files that libraries create inside the profile (SQLite's database, WAL and journal, the log's
rotations, migration backups, crash reports) are 0600 from their first byte; what this program opens itself goes
through `open_private` / `private_dir` anyway, so it does not rest on the umask alone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
UMASK = 0o077
ON_WINDOWS = os.name == "nt"  # a module constant, so a test on Linux can check what Windows would be told
_OTHERS = stat.S_IRWXG | stat.S_IRWXO


def restrict_new_files() -> int:
    """Files and folders this process creates from now on are for its user only (POSIX umask 077); returns the
    previous umask. A program-wide setting, set once at start by the front ends (cli.main)."""
    return os.umask(UMASK)


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) user-only; an existing one loses group and other access."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    for folder in missing:  # mkdir's mode applies to the last folder only, and goes through the umask
        _chmod(folder, DIR_MODE)
    _tighten(path, DIR_MODE)
    return path


def secure_profile(profile: Path) -> Path:
    """Before the first write into a profile: the folder user-only, everything already in it too (an older version
    created the log folder 0755 and the cache 0644), and the Windows ACL."""
    private_dir(profile)
    if ON_WINDOWS:
        restrict_windows_acl(profile)
        return profile
    for root, dirs, files in os.walk(profile):
        for name in dirs:
            _tighten(Path(root, name), DIR_MODE)
        for name in files:
            _tighten(Path(root, name), FILE_MODE)
    return profile


def open_private(path: str | os.PathLike[str], mode: str = "w", **kwargs: Any) -> IO[Any]:
    """open() for a file only its user may read: created 0600, an existing file made 0600 before anything is
    written (an export over last month's 0644 one), then truncated or appended as `mode` says."""
    if not set(mode) & {"w", "a"}:
        raise ValueError("open_private writes; use open() to read")
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
    flags |= os.O_APPEND if "a" in mode else 0
    fd = os.open(path, flags, FILE_MODE)
    try:
        if not ON_WINDOWS:
            os.fchmod(fd, FILE_MODE)
        if "w" in mode:
            os.ftruncate(fd, 0)
        return os.fdopen(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise


def windows_acl_command(folder: Path, user: str) -> list[str]:
    """icacls: drop the inherited entries (Users, Everyone, …) and grant `user` alone full control, inherited by
    every file and folder below ((OI)(CI)). Administrators keep the power to take ownership, as on any folder."""
    return ["icacls", str(folder), "/inheritance:r", "/grant:r", f"{user}:(OI)(CI)F"]


def windows_user(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """DOMAIN\\user of the signed-in account (USERDOMAIN is the PC's name for a local account)."""
    user = environ.get("USERNAME", "")
    domain = environ.get("USERDOMAIN", "")
    return f"{domain}\\{user}" if domain and user else user


def restrict_windows_acl(folder: Path) -> bool:
    """Apply windows_acl_command; a failure is logged, never fatal (the profile then keeps the per-user folder's
    own ACL, which already keeps other standard users out of %LOCALAPPDATA%)."""
    user = windows_user()
    if not user:
        log.warning("no USERNAME: the profile folder keeps its inherited access rights")
        return False
    try:
        subprocess.run(windows_acl_command(folder, user), check=True, capture_output=True, timeout=30,
                       creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not restrict the profile folder to its user: %s", type(exc).__name__)
        return False
    return True


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    """For tests and short-lived tools: a umask for the duration of a block."""
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def _tighten(path: Path, mode: int) -> None:
    try:
        if path.is_symlink():
            return  # never follow a link out of the profile
        if path.stat().st_mode & _OTHERS:
            _chmod(path, mode)
    except OSError as exc:
        log.warning("could not restrict %s: %s", path.name, type(exc).__name__)


def _chmod(path: Path, mode: int) -> None:
    if not ON_WINDOWS:
        os.chmod(path, mode)
