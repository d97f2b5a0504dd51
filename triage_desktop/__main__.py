"""`python -m triage_desktop` / `triage-desktop`: native-crash traces on, then the command line or the window."""

from __future__ import annotations

import faulthandler
import sys


def main() -> int:
    if sys.stderr is not None:  # a Windows gui-script has no stderr
        faulthandler.enable()
    from triage_desktop.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
