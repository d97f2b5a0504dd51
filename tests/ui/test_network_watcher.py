"""NetworkWatcher: only a move from "no network" to "connected" asks for a sync; no backend is no failure."""

from __future__ import annotations

from PySide6.QtNetwork import QNetworkInformation

from triage_desktop.ui.network_watcher import NetworkWatcher

R = QNetworkInformation.Reachability


def test_a_return_is_reported_once_and_only_from_no_network(qtbot) -> None:
    watcher = NetworkWatcher(load_backend=False)
    returned: list[str] = []
    lost: list[str] = []
    watcher.networkReturned.connect(lambda: returned.append("back"))
    watcher.networkLost.connect(lambda: lost.append("lost"))
    for reachability in (R.Online, R.Online, R.Disconnected, R.Local, R.Site, R.Online, R.Disconnected, R.Online):
        watcher.on_reachability(reachability)
    # Unknown → Online (start-up), Local → Site (the provincial intranet is enough), Disconnected → Online.
    assert returned == ["back"] * 3
    assert lost == ["lost"] * 2
    assert watcher.reachability == R.Online


def test_the_default_backend_loads_or_is_skipped_quietly(qtbot) -> None:
    watcher = NetworkWatcher()  # glib/NetworkManager on Linux, Network List Manager on Windows, or none
    assert watcher.available == (QNetworkInformation.instance() is not None)
    if watcher.available:
        assert watcher.reachability == QNetworkInformation.instance().reachability()
    else:
        assert watcher.reachability == R.Unknown
