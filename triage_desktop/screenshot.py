"""`python -m triage_desktop.screenshot OUT.png`: a picture of the real window over real data.

Starts a sandbox server in a temporary folder, logs in as `lanhdao` through the real sync service, syncs,
opens the main window offscreen, selects a report with photos and a rich timeline, and saves
`window.grab()`. Nothing is kept: the profile, the server data and the login live in the temporary folder
and in memory (the OS keyring is never touched).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from triage_desktop.core.entities import Item, ItemQuery
from triage_desktop.core.ports import Workspace
from triage_desktop.core.vocabulary import FINAL_STATUSES
from triage_desktop.ui.file_names import is_photo  # no Qt: safe before QT_QPA_PLATFORM is set

USERNAME, PASSWORD = "lanhdao", "demo123"


def pick_report(workspace: Workspace, scan: int = 500) -> Item | None:
    """The report that shows the most: photos, an internal note and a public reply, a long timeline."""
    best: tuple[int, Item] | None = None
    for row in workspace.page(ItemQuery(kind="report", queue="all"), 0, scan):
        item = workspace.item(row.kind, row.id)
        if item is None:
            continue
        photos = sum(1 for a in item.attachments if is_photo(a.content_type))
        types = {e.type for e in item.events}
        still_open = item.status not in FINAL_STATUSES["report"]  # so the action buttons show enabled
        score = (min(photos, 2) * 10 + ("note" in types) * 10 + ("reply" in types) * 10 + still_open * 15
                 + min(len(item.events), 8))
        if best is None or score > best[0]:
            best = (score, item)
    return best[1] if best else None


def _settle(app: object, seconds: float) -> None:
    """Run the event loop for a while. Not QTest.qWait: it keeps the GIL, starving worker threads."""
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def take_screenshot(out: Path, *, reports: int = 60, dossiers: int = 20, width: int = 1440, height: int = 900,
                    language: str = "vi", zoom: float = 1.0, open_photo: bool = False) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # a throwaway login, memory only

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from triage_desktop.app import build_services
    from triage_desktop.sandbox.server import SandboxServer
    from triage_desktop.ui.i18n import install_translators
    from triage_desktop.ui.main_window import MainWindow
    from triage_desktop.ui.tasks import TaskRunner
    from triage_desktop.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    apply_theme(app)
    translators = install_translators(app, language)
    del translators  # parented to the app: they live as long as it does
    with tempfile.TemporaryDirectory(prefix="triage-shot-") as tmp:
        folder = Path(tmp)
        with SandboxServer(db=folder / "server.sqlite3", reports=reports, dossiers=dossiers, seed=1) as server:
            services = build_services(folder / "profile")
            runner = TaskRunner()
            try:
                services.sync.login(server.url, USERNAME, PASSWORD)
                services.sync.sync_once()
                settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
                window = MainWindow(services.workspace, services.sync, runner, settings=settings)
                window.resize(width, height)
                window.show()
                if zoom != 1.0:
                    window.set_zoom(zoom)
                window.queues.select("report", "all")
                item = pick_report(services.workspace)
                if item is not None:
                    window.select_item(item.kind, item.id)
                _settle(app, 0.3)  # let the detail pane lay itself out
                shown = window
                if open_photo and item is not None:
                    photo = next((a for a in item.attachments if is_photo(a.content_type)), None)
                    if photo is not None:
                        window.attachments.view(photo)
                        _settle(app, 1.0)  # fetched on the network lane, then shown
                        shown = window.active_dialog or window
                out.parent.mkdir(parents=True, exist_ok=True)
                if not shown.grab().save(str(out)):
                    raise OSError(f"could not write {out}")
                window.shutdown()
                window.close()
            finally:
                runner.shutdown()
                services.close()
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m triage_desktop.screenshot",
                                     description="Save a screenshot of the main window over sandbox data.")
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--size", default="1440x900", help="window size, e.g. 1366x768")
    parser.add_argument("--zoom", type=float, default=1.0, help="text size, e.g. 2 for 200%%")
    parser.add_argument("--open-photo", action="store_true", help="grab the photo viewer over the window instead")
    args = parser.parse_args(argv)
    width, _, height = args.size.partition("x")
    take_screenshot(args.out, width=int(width), height=int(height), language=args.lang, zoom=args.zoom,
                    open_photo=args.open_photo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
