"""`SandboxServer`: the reference Central API for demos, training and tests, and `run_sandbox` for the CLI.

Binds loopback only unless told otherwise. `stop()` closes the listening socket and drops every open
connection (a pulled cable); `start()` binds the same port again and the data is still there. With
`faults=RATE` it misbehaves on purpose at that rate (sandbox.faults).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from triage_desktop.core.errors import ApiError
from triage_desktop.sandbox import seed as seeding
from triage_desktop.sandbox.api import Api, PageSizes
from triage_desktop.sandbox.backend import Backend
from triage_desktop.sandbox.faults import FaultInjector
from triage_desktop.sandbox.rules import Problem
from triage_desktop.sandbox.wire import FaultHook, WireServer

BASE_PATH = "/triage/v1"


class SandboxServer:
    def __init__(self, db: Path | str | None = None, host: str = "127.0.0.1", port: int = 0, seed: int = 1,
                 reports: int = 200, dossiers: int = 50, access_ttl: int = 900,
                 arrival_interval: float | None = None, faults: float = 0.0, fault_seed: int | None = None,
                 slow_seconds: float | None = None, fault_retry_after: int = 1, max_page: int | None = None) -> None:
        """Seeds only when the database is new or empty; `db=None` uses a private temporary file.

        `faults`: the share of HTTP requests that get a fault (sandbox.faults), drawn from `fault_seed`;
        `slow_seconds`: how long a slow answer is held (default: a bit over the client's read timeout);
        `max_page`: feed pages of a random 1..max_page changes (also from `fault_seed`), whatever was asked;
        `access_ttl`: seconds an access token lives (the contract sets no minimum).
        """
        self.host, self.port = host, port
        self.arrival_interval = arrival_interval
        self.backend = Backend(db, seed, reports, dossiers, access_ttl)
        self._api = Api(self.backend, PageSizes(max_page, fault_seed) if max_page else None)
        self._httpd: WireServer | None = None
        self._thread: threading.Thread | None = None
        self._arrivals: threading.Thread | None = None
        self._stop_arrivals = threading.Event()
        self.injector = FaultInjector(faults, fault_seed, slow_seconds, fault_retry_after)
        self._faults: FaultHook | None = None  # a test's own hook; wins over the injector when set

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{BASE_PATH}"

    @property
    def min_client_version(self) -> str:
        """What `/meta` demands; set it higher to see a client refuse to sync."""
        return self.backend.min_client_version

    @min_client_version.setter
    def min_client_version(self, value: str) -> None:
        self.backend.min_client_version = value

    @property
    def max_upload_bytes(self) -> int:
        """The largest upload `/meta` announces and POST /uploads takes (413 above); set it lower in tests."""
        return self.backend.max_upload_bytes

    @max_upload_bytes.setter
    def max_upload_bytes(self, value: int) -> None:
        self.backend.max_upload_bytes = int(value)

    @property
    def running(self) -> bool:
        return self._httpd is not None

    # -- lifecycle ---------------------------------------------------------------------------------------
    def start(self) -> SandboxServer:
        if self._httpd is not None:
            return self
        httpd = WireServer((self.host, self.port), self._api, BASE_PATH, self._fault_hook)
        self.port = httpd.server_address[1]  # port 0 → the one the OS chose; kept for the next start()
        self.backend.signal.reopen()
        self.injector.resume()
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"sandbox:{self.port}", daemon=True)
        self._thread.start()
        if self.arrival_interval:
            self._stop_arrivals.clear()
            self._arrivals = threading.Thread(target=self._arrive, args=(self.arrival_interval,),
                                              name="sandbox-arrivals", daemon=True)
            self._arrivals.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stop_arrivals.set()
        if self._arrivals is not None:
            self._arrivals.join()
            self._arrivals = None
        httpd.shutdown()  # no more accepts
        self.backend.signal.close()  # long polls return now
        self.injector.release()  # and so do answers held by a "slow" fault
        httpd.drop_connections()  # open keep-alive connections die mid-conversation
        httpd.server_close()  # closes the listening socket and joins the handler threads
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def close(self) -> None:
        """Stop and release the database (it reopens by itself if used again)."""
        self.stop()
        self.backend.close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _arrive(self, interval: float) -> None:
        while not self._stop_arrivals.wait(interval):
            self.add_report()

    # -- fault mode ------------------------------------------------------------------------------------------
    def _fault_hook(self) -> FaultHook | None:
        if self._faults is not None:
            return self._faults
        return self.injector if self.injector.rate > 0 else None

    def set_faults(self, rate: float, kinds: Iterable[str] | None = None) -> None:
        """Change the fault rate (0 turns fault mode off) and, optionally, which faults are drawn."""
        self.injector.configure(rate, kinds)

    def fault_counts(self) -> dict[str, int]:
        """Faults injected so far, by name (sandbox.faults.FAULTS)."""
        return self.injector.counts()

    # -- test and demo hooks -------------------------------------------------------------------------------
    def add_report(self, **overrides: Any) -> dict[str, Any]:
        """A new citizen report arrives now (and appears in its unit's feed)."""
        return self.backend.add_report(overrides)

    def server_act(self, kind: str, id: str, type: str, **fields: Any) -> dict[str, Any]:
        """A colleague (the unit's leader) changes an item, or — for `withdraw`, `supplement_received`,
        `fee_paid`, `rate`, `erase` — the citizen or the system does. Returns the new aggregate; raises
        core ApiError with the problem the HTTP answer would carry."""
        try:
            return self.backend.server_act(kind, id, type, fields)
        except Problem as problem:
            raise ApiError(problem.status, problem.body()) from None

    def aggregate(self, kind: str, id: str) -> dict[str, Any] | None:
        row = self.backend.store.get(kind, id)
        return row.data if row is not None else None

    def all_aggregates(self, kind: str | None = None) -> list[dict[str, Any]]:
        """The live aggregates users of w_0101 see."""
        return [row.data for row in self.backend.store.live_rows(seeding.HOME_UNIT, kind)]

    def ledger(self) -> list[dict[str, Any]]:
        """Every action applied through HTTP: {"key", "user_id", "kind", "aggregate_id", "type", "status", "at"}
        (`status` is the HTTP status of the answer, 200)."""
        return self.backend.store.ledger()

    def uploads(self) -> list[dict[str, Any]]:
        """Every file officers uploaded through HTTP, in upload order: the Attachment plus the "kind" and
        "aggregate_id" it was sent with (None while no action has used it)."""
        return self.backend.store.officer_uploads()

    def attachment_data(self, attachment_id: str) -> bytes | None:
        found = self.backend.store.attachment(attachment_id)
        return self.backend.store.blob(found[0]["sha256"]) if found is not None else None

    def expire_cursors(self) -> None:
        """Every cursor handed out so far answers 410 from now on."""
        self.backend.expire_cursors()

    def revoke_refresh_tokens(self) -> None:
        self.backend.auth.revoke_refresh_tokens()

    def revoke_access_tokens(self) -> None:
        """Every access token handed out so far is refused from now on (clients must refresh)."""
        self.backend.auth.revoke_access_tokens()

    def tokens_issued(self) -> dict[str, int]:
        """Token pairs handed out through HTTP so far: {"login": n, "refresh": n}."""
        return {name: self.backend.auth.issued[name] for name in ("login", "refresh")}


def run_sandbox(host: str = "127.0.0.1", port: int = 8765, seed: int = 1, reports: int = 200, dossiers: int = 50,
                db: Path | str | None = None, arrival_interval: float | None = None, faults: float = 0.0,
                fault_seed: int | None = None, max_page: int | None = None, access_ttl: int = 900) -> None:
    """Serve until Ctrl-C (or SIGTERM); prints one line with the URL and the demo accounts."""
    server = SandboxServer(db=db, host=host, port=port, seed=seed, reports=reports, dossiers=dossiers,
                           arrival_interval=arrival_interval, faults=faults, fault_seed=fault_seed,
                           max_page=max_page, access_ttl=access_ttl)
    done = threading.Event()

    def _terminate(signum: int, frame: FrameType | None) -> None:
        done.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        server.start()
        accounts = ", ".join(u[1] for u in seeding.USERS if u[3] == seeding.HOME_UNIT)
        _say(f"Máy chủ thử nghiệm: {server.url}  — tài khoản: {accounts} (mật khẩu: {seeding.PASSWORD}); "
             "Ctrl-C để dừng\n")
        if faults:
            _say(f"Chế độ lỗi: {faults:.0%} yêu cầu bị lỗi (500, 503/429, chậm {server.injector.slow_seconds:g} s, "
                 "ngắt kết nối, thân cụt, mất trả lời sau khi đã ghi)\n")
        while not done.wait(0.5):  # short waits keep Ctrl-C responsive on Windows
            pass
    except KeyboardInterrupt:
        pass
    finally:
        if faults:
            counts = ", ".join(f"{name} {n}" for name, n in server.fault_counts().items())
            _say(f"Lỗi đã gây ra: {counts}\n")
        server.close()


def _say(line: str) -> None:
    """One line on stdout, even where stdout is a pipe in a legacy Windows code page."""
    try:
        sys.stdout.write(line)
    except UnicodeEncodeError:
        sys.stdout.write(line.encode("ascii", "replace").decode("ascii"))
    sys.stdout.flush()
