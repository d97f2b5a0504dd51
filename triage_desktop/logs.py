"""Logging to a rotating file in the profile folder, with secrets and personal data masked."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

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


def setup_logging(profile: Path, level: int = logging.INFO, console: bool = False) -> Path:
    """Windows gui-scripts have no console, so the file is the only trace; it is the first thing support asks for."""
    log_dir = profile / "logs"
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    log_file = log_dir / "triage-desktop.log"
    handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
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
        stream.setLevel(logging.WARNING)
        stream.addFilter(RedactingFilter())
        stream.addFilter(lambda record: getattr(record, CONSOLE, True))
        stream._triage = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    # urllib3 at DEBUG prints request lines; keep it quiet even when we debug.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    return log_file
