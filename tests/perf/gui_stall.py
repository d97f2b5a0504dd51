"""The GUI thread's longest stall while the window syncs N reports: `python -m tests.perf.gui_stall URL N PROFILE`.

The real window (MainWindow on a LocalWorkspace and the real SyncEngine, logged in beforehand) runs its
SyncController thread against the feed server; a 10 ms QTimer on the GUI thread records the gaps between its
ticks until the sync is over and the window has taken in its result. Stall = longest gap − 10 ms.
The ceiling is the same probe on the same window for as long, with no sync running. Prints one JSON object.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from tests.perf.sync_bench import signed_in
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.launcher import freeze_startup_objects
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.tasks import TaskRunner

PERIOD_MS = 10


class Probe:
    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(PERIOD_MS)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def stall(self) -> float:
        return max(max(self.gaps, default=0.0) - PERIOD_MS, 0.0)


def main() -> None:
    url, profile = sys.argv[1], Path(sys.argv[3])
    shutil.rmtree(profile, ignore_errors=True)
    app = QApplication(["bench"])
    store, engine = signed_in(profile / "profile", url)
    settings = QSettings(str(profile / "settings.ini"), QSettings.Format.IniFormat)
    runner = TaskRunner()
    window = MainWindow(LocalWorkspace(store), engine, runner, settings=settings)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    freeze_startup_objects()  # as run_window does once the window is up
    done: list[float] = []
    loop = QEventLoop()

    def on_state(state: str, *_: object) -> None:
        if state == "online" and not done:
            done.append(time.perf_counter())
            QTimer.singleShot(200, loop.quit)  # let the window take in the result (counts, list refresh)

    window.controller.stateChanged.connect(on_state)
    probe = Probe()
    started = time.perf_counter()
    probe.start()
    window.start_sync()
    # A local loop, not app.exec(): QApplication.quit() closes the window, and the window's shutdown is not
    # part of a stall while it syncs.
    loop.exec()
    probe.timer.stop()
    sync_seconds = done[0] - started if done else float("nan")
    idle = Probe()
    idle.start()
    QTimer.singleShot(int(min(sync_seconds, 5.0) * 1000), loop.quit)
    loop.exec()
    idle.timer.stop()
    rows = window.model.rowCount()
    window.shutdown()
    runner.shutdown()
    store.db.dispose()
    shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps({"stall": probe.stall(), "idle_stall": idle.stall(), "sync_seconds": sync_seconds,
                      "ticks": len(probe.gaps), "rows": rows}))


if __name__ == "__main__":
    main()
