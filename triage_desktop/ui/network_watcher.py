"""NetworkWatcher: tells the window when the network comes back, so unsent work goes out at once.

The sync loop's back-off can sleep up to a minute after the ward's internet drops; the operating system
knows sooner. QNetworkInformation (the OS backend: Network List Manager on Windows, NetworkManager or
GLib on Linux) reports reachability changes; a move from "no network" to "online" or "site" (a provincial
intranet counts) emits `networkReturned`. Where no backend loads (a bare CI container, an old distribution)
`available` is False and the back-off alone finds the network again: nothing else changes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QNetworkInformation

log = logging.getLogger(__name__)

Reachability = QNetworkInformation.Reachability
_CONNECTED = frozenset({Reachability.Online, Reachability.Site})


class NetworkWatcher(QObject):
    networkReturned = Signal()
    networkLost = Signal()

    def __init__(self, parent: QObject | None = None, *, load_backend: bool = True) -> None:
        super().__init__(parent)
        self._info: QNetworkInformation | None = _load() if load_backend else None
        self.available = self._info is not None
        self._last = self._info.reachability() if self._info is not None else Reachability.Unknown
        if self._info is not None:
            # The backend is a process-wide singleton; our slot goes with us when this object is deleted.
            self._info.reachabilityChanged.connect(self.on_reachability)

    @property
    def reachability(self) -> QNetworkInformation.Reachability:
        return self._last

    def on_reachability(self, reachability: QNetworkInformation.Reachability) -> None:
        """The backend's signal; also the seam a test drives, since CI cannot pull a real cable."""
        previous, self._last = self._last, reachability
        if reachability in _CONNECTED and previous not in _CONNECTED:
            log.info("network back (%s → %s)", previous.name, reachability.name)
            self.networkReturned.emit()
        elif reachability == Reachability.Disconnected and previous != Reachability.Disconnected:
            log.info("network lost")
            self.networkLost.emit()


def _load() -> QNetworkInformation | None:
    try:
        loaded = QNetworkInformation.loadDefaultBackend() or QNetworkInformation.loadBackendByFeatures(
            QNetworkInformation.Feature.Reachability)
        info = QNetworkInformation.instance() if loaded else None
    except Exception:  # a broken plugin must never keep the window from opening
        log.exception("network information backend failed to load")
        return None
    if info is None or not info.supports(QNetworkInformation.Feature.Reachability):
        log.info("no network information backend: relying on the sync back-off")
        return None
    log.info("network information backend: %s", info.backendName())
    return info
