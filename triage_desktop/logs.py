"""Logging to a rotating file in the profile folder, with secrets and personal data masked."""

from __future__ import annotations

import io
import logging
import logging.handlers
from pathlib import Path
from typing import cast

from triage_desktop.core.text import terminal_safe
from triage_desktop.security.private_files import open_private, private_dir
from triage_desktop.security.redact import RedactingFilter

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
# `extra={CONSOLE: False}`: for the log file only (a traceback the command line sums up in one line of its own).
CONSOLE = "console"


def current_log_file() -> Path | None:
    """The file setup_logging chose, for messages that tell the officer or IT where to look."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_triage", False) and isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """The log holds server names and masked traces of citizens' cases: 0600, the first file and each rotation."""

    def _open(self) -> io.TextIOWrapper:
        return cast(io.TextIOWrapper, open_private(self.baseFilename, "a", encoding=self.encoding, errors=self.errors))


class _TerminalFormatter(logging.Formatter):
    """A warning on the console may quote a server's words: no escape codes reach the terminal (cli.say's rule)."""

    def format(self, record: logging.LogRecord) -> str:
        return terminal_safe(super().format(record))


def setup_logging(profile: Path, level: int = logging.INFO, console: bool = False) -> Path:
    """Windows gui-scripts have no console, so the file is the only trace; it is the first thing support asks for."""
    log_dir = private_dir(profile / "logs")  # the profile's first folder: user-only, and the profile with it
    log_file = log_dir / "triage-desktop.log"
    handler = _PrivateRotatingFileHandler(log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_triage", False)]:
        root.removeHandler(old)
        old.close()
    handler._triage = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(_TerminalFormatter())
        stream.setLevel(logging.WARNING)
        stream.addFilter(RedactingFilter())
        stream.addFilter(lambda record: getattr(record, CONSOLE, True))
        stream._triage = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    # urllib3 at DEBUG prints request lines; keep it quiet even when we debug.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    return log_file
