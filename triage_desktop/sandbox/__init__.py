"""The reference Central API server (demos, training, tests); imports only core and the standard library.

Start with `SandboxServer(...).start()` or `triage-desktop sandbox`.
"""

from triage_desktop.sandbox.server import SandboxServer, run_sandbox

__all__ = ["SandboxServer", "run_sandbox"]
