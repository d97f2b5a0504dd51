"""Unexpected exceptions (bugs) never vanish: every one is logged with its traceback, wherever it happens.

`install(report)` routes uncaught exceptions of the main thread (`sys.excepthook`, which PySide6 also calls
for an exception raised in a slot) and of every other thread (`threading.excepthook`) to the log, then to
`report(text)`, which a front end uses to tell the officer (the window shows a dialog). Qt-free: the window
adds Qt's own warnings through its message handler (ui/error_dialog.py).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from triage_desktop.security.redact import redact

log = logging.getLogger("triage_desktop.crash")

Reporter = Callable[[str], None]


def describe(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    return "".join(traceback.format_exception(exc_type, exc, tb)).rstrip()


def install(report: Reporter | None = None) -> None:
    """Log every uncaught exception (and hand its text to `report`); Ctrl+C keeps its usual meaning."""

    def on_main(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        _record(describe(exc_type, exc, tb), "main thread", report)

    def on_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        _record(describe(args.exc_type, args.exc_value, args.exc_traceback), name, report)

    sys.excepthook = on_main
    threading.excepthook = on_thread


def _record(text: str, where: str, report: Reporter | None) -> None:
    log.error("unexpected error in %s:\n%s", where, text)
    if report is not None:
        try:
            # The dialog's "copy details" ends up in a chat with IT: masked as the log is (phones, names…).
            report(redact(text))
        except Exception:  # telling the officer failed: the log still has it
            log.exception("could not report an unexpected error")
