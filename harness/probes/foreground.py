"""Foreground changes: jumps to another activity or package, stamped on the shared clock."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..clock import Stamp, midpoint
from ..device.errors import DeviceError
from ..device.session import DeviceSession, Foreground
from ..sink import EvidenceSink, emit


@dataclass(frozen=True)
class ForegroundChange:
    stamp: Stamp
    before: Foreground | None
    after: Foreground
    kind: str  # "package" (another app) or "activity" (same app, another activity); "initial"


class ForegroundTracker:
    """Sans-IO: successive foreground readings in, changes out."""

    def __init__(self) -> None:
        self.current: Foreground | None = None

    def update(self, stamp: Stamp, now: Foreground) -> ForegroundChange | None:
        before, self.current = self.current, now
        if before == now:
            return None
        if before is None:
            return ForegroundChange(stamp, None, now, "initial")
        return ForegroundChange(stamp, before, now, "package" if before.package != now.package else "activity")


class ForegroundWatcher:
    """Polls the focused window every `interval_s` in a thread. A change is seen up to one
    interval (plus a dumpsys round trip) late; its stamp is the midpoint of the reading."""

    def __init__(self, session: DeviceSession, interval_s: float = 0.2, sink: EvidenceSink | None = None) -> None:
        self.session, self.interval_s, self.sink = session, interval_s, sink or session.sink
        self.tracker = ForegroundTracker()
        self._changes: list[ForegroundChange] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: str | None = None
        self.readings = 0
        self.sink_failures = 0

    def start(self) -> ForegroundWatcher:
        self._thread = threading.Thread(target=self._run, name="foreground-watcher", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def __enter__(self) -> ForegroundWatcher:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def changes(self) -> list[ForegroundChange]:
        with self._lock:
            return list(self._changes)

    def _run(self) -> None:
        clock = self.session.clock
        while not self._stop.is_set():
            before = clock.now()
            try:
                now = self.session.foreground()
            except DeviceError as e:
                self.error = str(e)
                self._emit("foreground_error", before, error=self.error)
                return
            after = clock.now()
            change = self.tracker.update(midpoint(before, after), now)
            self.readings += 1
            if change is not None:
                with self._lock:
                    self._changes.append(change)
                self._emit("foreground", change.stamp, change=change.kind, package=now.package,
                           activity=now.activity, previous=None if change.before is None else change.before.package)
            self._stop.wait(self.interval_s)

    def _emit(self, kind: str, stamp: Stamp, **fields: object) -> None:
        if not emit(self.sink, kind, stamp, **fields):
            self.sink_failures += 1
