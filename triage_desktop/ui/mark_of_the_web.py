"""Mark-of-the-Web: a file saved from a citizen's attachment carries Windows' "came from the Internet" mark.

Windows keeps the mark in the file's `Zone.Identifier` alternate data stream. With it, Office opens the file in
Protected View, SmartScreen checks a program before it runs and macros stay blocked, as for a browser download.
Only on Windows (NTFS): elsewhere there is no such stream. A volume without streams (a FAT USB stick) cannot keep
the mark; the file is saved all the same and the failure logged.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

ON_WINDOWS = os.name == "nt"  # a module constant, so a test on Linux can check what Windows would get
INTERNET_ZONE = 3  # URLZONE_INTERNET


def zone_identifier(host_url: str | None = None, referrer_url: str | None = None) -> str:
    """The stream's text, as browsers write it (CR LF line ends)."""
    lines = ["[ZoneTransfer]", f"ZoneId={INTERNET_ZONE}"]
    if referrer_url:
        lines.append(f"ReferrerUrl={referrer_url}")
    if host_url:
        lines.append(f"HostUrl={host_url}")
    return "\r\n".join(lines) + "\r\n"


def mark_from_internet(path: Path, host_url: str | None = None, referrer_url: str | None = None) -> None:
    """Write `path`'s Zone.Identifier stream (Windows only)."""
    if not ON_WINDOWS:
        return
    try:
        with open(f"{path}:Zone.Identifier", "w", encoding="utf-8", newline="") as stream:
            stream.write(zone_identifier(host_url, referrer_url))
    except OSError as exc:
        log.warning("could not mark a saved attachment as downloaded: %s", type(exc).__name__)
