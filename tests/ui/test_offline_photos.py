"""Photos offline (issue 12), through the window over the real sync stack: the sandbox over loopback, a real
encrypted cache file. Prefetched photos show as thumbnails and open in the viewer after a restart with the server
gone; the budget drops the least recently viewed; bytes that do not match their digest are never kept; the
detail pane's map link and coordinates."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel, QToolButton

from tests.support.keys import TEST_KEY
from tests.ui.conftest import open_synced_window
from triage_desktop.core import queues
from triage_desktop.core.entities import Attachment
from triage_desktop.core.file_types import is_photo_type
from triage_desktop.core.map_link import map_url
from triage_desktop.core.photo_prefetch import PREFETCH_QUEUES
from triage_desktop.core.work_settings import WorkSettings
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services, build_services
from triage_desktop.ui.dialogs.photo_viewer import PhotoViewer
from triage_desktop.ui.location_links import LocationLinks
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.offline_photos import OFFLINE, PhotoStrip
from triage_desktop.ui.sync_controller import SyncController
from triage_desktop.ui.tasks import TaskRunner

WORK = WorkSettings(map_url="https://maps.example.vn/place?ll={lat},{lon}&z=18")


@pytest.fixture
def encrypted(tmp_path: Path) -> Iterator[Services]:
    built = build_services(tmp_path / "client", key=TEST_KEY)
    yield built
    built.close()


def photos_of(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in item["attachments"] if is_photo_type(a["content_type"])]


def in_working_queues(item: dict[str, Any], user_id: str) -> bool:
    return any(queues.holds(q, item["kind"], item["status"], item.get("assignee_id"), user_id)
               for q in PREFETCH_QUEUES)


def strip_of(window: MainWindow) -> PhotoStrip:
    strips = window.detail.findChildren(PhotoStrip)
    assert len(strips) == 1
    return strips[0]


def thumbnail(window: MainWindow, attachment_id: str) -> QToolButton:
    return next(b for b in strip_of(window).findChildren(QToolButton, "photoThumbnail")
                if b.property("attachmentId") == attachment_id)


def attachment(window: MainWindow, kind: str, item_id: str, attachment_id: str) -> Attachment:
    item = window.workspace.item(kind, item_id)
    assert item is not None
    return next(a for a in item.attachments if a.id == attachment_id)


def test_a_photo_is_shown_offline_after_a_restart_with_the_server_stopped(
        qtbot, sandbox: SandboxServer, encrypted: Services, runner: TaskRunner, tmp_path: Path) -> None:
    window = open_synced_window(qtbot, sandbox, encrypted, runner, tmp_path / "ui.ini", "lanhdao", work=WORK)
    me = window.user.id
    reports = sandbox.all_aggregates("report")
    wanted = {a["id"] for item in sandbox.all_aggregates() if in_working_queues(item, me) for a in photos_of(item)}
    # A report of the officer's queues with two photos or more (the viewer pages through them), and one outside
    # them (closed, someone else's) whose photo nothing fetched.
    kept = next(r for r in reports if in_working_queues(r, me) and len(photos_of(r)) >= 2)
    never = next(r for r in reports if not in_working_queues(r, me) and photos_of(r))
    store = window.photos.store
    qtbot.waitUntil(lambda: store.cached_ids(wanted) == wanted, timeout=20_000)  # the prefetch after sync
    qtbot.waitUntil(lambda: not window.photos.prefetching, timeout=10_000)
    assert store.cached_ids(a["id"] for a in photos_of(never)) == set()
    window.shutdown()
    window.close()
    credentials = encrypted.credentials
    encrypted.close()
    sandbox.stop()

    # The next morning, no network: the profile opened again, the same encrypted cache.
    services = build_services(tmp_path / "client", credentials=credentials, key=TEST_KEY)
    again_runner = TaskRunner()
    controller = SyncController(services.sync, wait_seconds=1, min_backoff=0.05, max_backoff=0.2)
    window = MainWindow(services.workspace, services.sync, again_runner, controller=controller, work=WORK,
                        settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        window.resize(1280, 800)
        window.show()
        window.start_sync()
        qtbot.waitUntil(lambda: window.controller.state == "offline" and window.model.rowCount() > 0,
                        timeout=10_000)
        assert window.select_item("report", kept["id"])
        first, second = photos_of(kept)[:2]
        qtbot.waitUntil(lambda: strip_of(window).state(first["id"]) == "shown", timeout=10_000)
        qtbot.waitUntil(lambda: strip_of(window).state(second["id"]) == "shown", timeout=10_000)
        assert not thumbnail(window, first["id"]).icon().isNull()

        qtbot.mouseClick(thumbnail(window, first["id"]), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: isinstance(window.active_dialog, PhotoViewer), timeout=10_000)
        viewer = window.active_dialog
        assert not viewer.picture.pixmap().isNull()
        assert viewer.name_label.text() == first["filename"]
        # Next photo from the keyboard, loaded from the cache as well; zoom, fit and rotate from the keyboard too.
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
        qtbot.waitUntil(lambda: viewer.index == 1 and not viewer.picture.pixmap().isNull(), timeout=10_000)
        assert viewer.name_label.text() == second["filename"]
        fitted = viewer.zoom()
        qtbot.keyClick(viewer, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        assert viewer.zoom() == pytest.approx(fitted * 1.25)
        qtbot.keyClick(viewer, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        assert viewer.zoom() == pytest.approx(fitted)
        size = viewer.picture.pixmap().size()
        assert size.width() > size.height()  # the seed's photos are landscape
        qtbot.keyClick(viewer, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        turned = viewer.picture.pixmap().size()
        assert viewer.rotation() == 90 and turned.height() > turned.width()
        qtbot.keyClick(viewer, Qt.Key.Key_PageUp)
        assert viewer.index == 0 and viewer.rotation() == 0
        viewer.reject()

        # A photo never fetched says so, and why.
        assert window.select_item("report", never["id"])
        missing = photos_of(never)[0]["id"]
        qtbot.waitUntil(lambda: strip_of(window).state(missing) == OFFLINE, timeout=10_000)
        assert thumbnail(window, missing).text().replace("\n", " ") == "Ảnh chưa có trên máy (đang ngoại tuyến)"
    finally:
        window.shutdown()
        again_runner.shutdown()
        services.close()


def test_the_budget_drops_the_least_recently_viewed_photo(
        qtbot, sandbox: SandboxServer, encrypted: Services, runner: TaskRunner, tmp_path: Path) -> None:
    window = open_synced_window(qtbot, sandbox, encrypted, runner, tmp_path / "ui.ini", "lanhdao",
                                before_sync=lambda main: main.photos.stop())  # views only, no prefetch
    try:
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        window.detail.show_item(None, window.user)  # no thumbnails fetched behind the test's back
        store = window.photos.store
        store.trim(0)
        found = [(r["id"], a) for r in sandbox.all_aggregates("report") for a in photos_of(r)][:3]
        (ka, a), (kb, b), (kc, c) = found
        window.photos.budget = a["size"] + b["size"] + c["size"] - 1  # room for two of the three

        def view(item_id: str, photo: dict[str, Any]) -> None:
            window.attachments.view(attachment(window, "report", item_id, photo["id"]))
            qtbot.waitUntil(lambda: isinstance(window.active_dialog, PhotoViewer), timeout=10_000)
            window.active_dialog.reject()
            qtbot.waitUntil(lambda: window.active_dialog is None, timeout=5_000)
            qtbot.wait(5)  # the next view is a later moment (milliseconds)

        view(ka, a)
        view(kb, b)
        view(ka, a)  # seen again: b is now the one least recently viewed
        view(kc, c)
        assert store.cached_ids([a["id"], b["id"], c["id"]]) == {a["id"], c["id"]}
        assert store.usage().bytes <= window.photos.budget
    finally:
        window.shutdown()


def test_bytes_that_do_not_match_their_digest_are_not_kept(
        qtbot, sandbox: SandboxServer, encrypted: Services, runner: TaskRunner, tmp_path: Path) -> None:
    bad = next(a for r in sandbox.all_aggregates() if in_working_queues(r, "") for a in photos_of(r))  # unassigned or new
    with sandbox.backend.store.transaction() as conn:  # the server's copy went bad: same name, other bytes
        conn.execute("UPDATE blobs SET data = ? WHERE sha256 = ?", (b"\x89PNG not the photo", bad["sha256"]))
    window = open_synced_window(qtbot, sandbox, encrypted, runner, tmp_path / "ui.ini", "lanhdao")
    try:
        me = window.user.id
        wanted = {a["id"] for r in sandbox.all_aggregates() if in_working_queues(r, me) for a in photos_of(r)}
        assert bad["id"] in wanted
        store = window.photos.store
        good = wanted - {bad["id"]}
        qtbot.waitUntil(lambda: store.cached_ids(good) == good, timeout=20_000)
        qtbot.waitUntil(lambda: not window.photos.prefetching, timeout=10_000)
        assert store.cached_ids([bad["id"]]) == set()
        kept = {i: store.get(i, viewed=False) for i in good}
        assert all(data is not None for data in kept.values())
        digests = {a["id"]: a["sha256"] for r in sandbox.all_aggregates() for a in r["attachments"]}
        assert all(hashlib.sha256(data or b"").hexdigest() == digests[i] for i, data in kept.items())
    finally:
        window.shutdown()


def test_the_map_link_opens_the_deployments_https_url_and_coordinates_are_copied(
        qtbot, sandbox: SandboxServer, encrypted: Services, runner: TaskRunner, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    placed = sandbox.add_report(title="Đèn đường hỏng", location={"lat": 11.3101, "lon": 106.0982,
                                                                  "address": "12 Đường 30/4, Phường 1"})
    nowhere = sandbox.add_report(title="Tọa độ sai", location={"lat": 95.5, "lon": 106.1, "address": "Ấp 3"})
    opened: list[QUrl] = []
    # The officer's browser cannot run offscreen: what would be handed to it is recorded instead.
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    window = open_synced_window(qtbot, sandbox, encrypted, runner, tmp_path / "ui.ini", "lanhdao", work=WORK)
    try:
        qtbot.waitUntil(lambda: window.select_item("report", placed["id"]), timeout=10_000)
        links = window.detail.findChild(LocationLinks)
        assert links is not None
        qtbot.mouseClick(links.map_button, Qt.MouseButton.LeftButton)
        assert [url.toString() for url in opened] == ["https://maps.example.vn/place?ll=11.3101,106.0982&z=18"]
        assert opened[0].toString() == map_url(WORK.map_url, 11.3101, 106.0982)
        qtbot.mouseClick(links.copy_button, Qt.MouseButton.LeftButton)
        assert QGuiApplication.clipboard().text() == "11.3101, 106.0982"
        # Coordinates off the globe: no link, no copy, and no row of numbers that mean nothing.
        assert window.select_item("report", nowhere["id"])
        qtbot.waitUntil(lambda: window.detail.findChild(LocationLinks) is None, timeout=5_000)  # old body deleted
        assert window.detail.item().id == nowhere["id"]
        assert "Tọa độ" not in [label.text() for label in window.detail.findChildren(QLabel)]

        # 200% text on the small office screen, the list widened: thumbnails and links fit the narrow pane.
        window.resize(1366, 768)
        window.set_zoom(2.0)
        window.splitter.setSizes([400, 560, 406])
        rich = next(r for r in sandbox.all_aggregates("report")
                    if len(photos_of(r)) >= 2 and isinstance(r["location"].get("lat"), float))
        assert window.select_item("report", rich["id"])
        ids = [a["id"] for a in photos_of(rich)]
        qtbot.waitUntil(lambda: any(s.attachment_ids() == ids and all(s.state(i) == "shown" for i in ids)
                                    for s in window.detail.findChildren(PhotoStrip)), timeout=10_000)
        qtbot.wait(50)
        assert window.detail.horizontal_overflow() == 0
    finally:
        window.shutdown()
