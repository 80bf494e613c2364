"""The probes bound to one device session and its evidence: what the `probes` fixture gives a
scenario. Whatever it starts it stops in `close()`, which also writes the logcat slice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import grants
from .follower import LogcatFollower
from .foreground import ForegroundWatcher
from .grants import GrantSnapshot
from .permission_dialog import PermissionDialog, find_permission_dialog

if TYPE_CHECKING:
    from ..device.session import DeviceSession
    from ..sink import EvidenceSink

LOGCAT_FILE = "logcat.txt"


class Probes:
    def __init__(self, session: DeviceSession, evidence: EvidenceSink | None = None) -> None:
        self.session = session
        self.evidence = evidence
        self._logcat: LogcatFollower | None = None
        self._watchers: list[ForegroundWatcher] = []

    def permission_dialog(self) -> PermissionDialog | None:
        """The system permission dialog on screen now, with its group, or None."""
        return find_permission_dialog(self.session.dump_hierarchy())

    def grants(self, package: str) -> GrantSnapshot:
        return grants.snapshot(self.session, package)

    def logcat(self) -> LogcatFollower:
        """The logcat follower for this test, started on first use (from the device's now)."""
        if self._logcat is None:
            self._logcat = LogcatFollower(self.session, sink=self.evidence).start()
        return self._logcat

    def watch_foreground(self, interval_s: float = 0.2) -> ForegroundWatcher:
        watcher = ForegroundWatcher(self.session, interval_s=interval_s, sink=self.evidence).start()
        self._watchers.append(watcher)
        return watcher

    def close(self) -> None:
        for watcher in self._watchers:
            watcher.stop()
        self._watchers.clear()
        if self._logcat is not None:
            self._logcat.stop()
            if self.evidence is not None:
                text = "".join(line.threadtime() + "\n" for line in self._logcat.lines())
                self.evidence.write_bytes(LOGCAT_FILE, text.encode())
            self._logcat = None
