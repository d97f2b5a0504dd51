"""Issue 10, masking in logs: a sync at DEBUG against a hostile server that puts citizens' names and e-mail
addresses where a log line picks them up (a problem+json type, a bug's exception message) leaves none of them in
the log file. Real services (services.build_services, so the feed's names reach the filter as in the program), real
HTTP on loopback, the program's own log file."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import hostile_server as hb
from triage_desktop.core.entities import SyncProgress, SyncReport
from triage_desktop.core.text import fold
from triage_desktop.logs import setup_logging
from triage_desktop.security import redact
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.services import Services, build_services
from triage_desktop.sync.loop import ContinuousSync

CITIZENS = [("Lê Đình Tâm", "tam.le@gmail.com"), ("Phạm Thị Đào", "dao.pham@yahoo.com.vn"),
            ("Nguyễn Văn Hùng", "hung.nv@tayninh.gov.vn"), ("Võ Thị Lan", "lan.vo@zalo.me")]
LATE = ("Trần Thị Bích Ngọc", "ngoc.tran@outlook.com")  # arrives on the page a bug chokes on
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def item(n: int, name: str, email: str) -> dict[str, Any]:
    raw = hb.report(f"r_{n}", 1)
    raw.update(code=f"PA-2026-{n:06d}", description=f"Liên hệ {email} hoặc gọi 0905 123 45{n}",
               citizen={"name": name, "phone": f"090512345{n}", "contact_allowed": True})
    raw["events"][0]["body"] = f"Đã gửi thư cho {name} qua {email}"
    return raw


def page(*items: dict[str, Any]) -> hb.Answer:
    return hb.good({"changes": [{"kind": "report", "op": "upsert", "id": i["id"], "version": i["version"], "data": i}
                                for i in items], "next": f"c-{len(items)}", "more": False})


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    redact.forget_names()
    log_file = setup_logging(tmp_path / "profile", logging.DEBUG)
    yield log_file
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    redact.forget_names()


@pytest.fixture
def server() -> Iterator[hb.HostileServer]:
    with hb.HostileServer() as hostile:
        for method, path, body in [
            ("GET", "/meta", hb.meta()), ("POST", "/auth/login", hb.login_answer()),
            ("POST", "/auth/refresh", hb.login_answer()), ("GET", "/me", hb.user()),
            *[("GET", f"/{name}", body) for name, body in hb.REFERENCE.items()],
        ]:
            hostile.default(method, path, hb.good(body))
        hostile.default("GET", "/changes", hb.good({"changes": [], "next": "c-end", "more": False}))
        yield hostile


class _StopOnFailure:
    """A ContinuousSync listener that ends the loop at its first failure (the window's loop, one step)."""

    def __init__(self) -> None:
        self.loop: ContinuousSync | None = None
        self.failures: list[BaseException] = []

    def state_changed(self, state: str) -> None:
        pass

    def progressed(self, progress: SyncProgress) -> None:
        pass

    def step_done(self, report: SyncReport) -> None:
        pass

    def failed(self, state: str, error: BaseException, retry_in: float | None) -> None:
        self.failures.append(error)
        assert self.loop is not None
        self.loop.stop()


@pytest.mark.logs_errors  # the bug below is logged as the loop logs any bug
def test_a_debug_sync_against_a_hostile_server_logs_no_name_and_no_email(
        debug_log: Path, server: hb.HostileServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    services: Services = build_services(tmp_path / "profile", CredentialStore.memory_only())
    try:
        services.sync.login(server.url, "canbo1", "demo123")
        server.queue("GET", "/changes", page(*(item(n, name, email) for n, (name, email) in enumerate(CITIZENS))))
        services.sync.sync_once()

        # A problem+json whose type and detail a server filled with a citizen's name and address; the login's
        # reference fetch logs the error it makes.
        name, email = CITIZENS[2]
        server.queue("GET", "/templates", hb.good(
            hb.problem(f"{name} <{email}>", 422) | {"detail": f"Mẫu gửi {name} ({email}) không hợp lệ"},
            422, "application/problem+json"))
        services.sync.login(server.url, "canbo1", "demo123")

        # A bug whose exception message quotes what it choked on: the window's sync loop logs its traceback.
        def choke(changes: list[dict[str, Any]], cursor: str) -> set[tuple[str, str]]:
            raw = changes[0]["data"]
            raise ValueError(f"cannot store {raw['citizen']['name']} <{LATE[1]}>: {raw['description']}")

        monkeypatch.setattr(services.store, "apply_page", choke)
        server.queue("GET", "/changes", page(item(7, *LATE)))
        listener = _StopOnFailure()
        loop = listener.loop = ContinuousSync(services.sync, listener, wait_seconds=0)
        worker = threading.Thread(target=loop.run)
        worker.start()
        worker.join(30)
        assert not worker.is_alive() and listener.failures and LATE[0] in str(listener.failures[0])
    finally:
        services.close()

    text = debug_log.read_text(encoding="utf-8")
    assert "reference data not fetched after login" in text and "sync step failed" in text  # both paths ran
    assert " DEBUG " in text and "ValueError" in text
    assert EMAIL.findall(text) == []
    folded = fold(text)
    leaked = [name for name, _email in [*CITIZENS, LATE] if name in text or fold(name) in folded]
    assert leaked == []
    assert "[name]" in text and "[email]" in text
