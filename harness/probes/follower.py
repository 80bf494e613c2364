"""Follows `logcat -v threadtime` on the device in a thread and turns it into typed events
stamped on the shared clock at arrival."""

from __future__ import annotations

import codecs
import dataclasses
import shlex
import threading
from collections import deque
from collections.abc import Callable

from ..clock import Stamp
from ..device.errors import DeviceError
from ..device.session import DeviceSession
from ..sink import EvidenceSink, emit
from .logcat import ActivityStart, Event, EventParser, LineParser, LogLine
from .uids import UidResolver

READ_TIMEOUT_S = 0.2


class LogcatFollower:
    def __init__(self, session: DeviceSession, sink: EvidenceSink | None = None, max_lines: int = 20000,
                 max_events: int = 5000, on_event: Callable[[Event], None] | None = None) -> None:
        self.session, self.sink, self.on_event = session, sink or session.sink, on_event
        self.uids = UidResolver(session)
        self._lines: deque[LogLine] = deque(maxlen=max_lines)
        self._events: deque[Event] = deque(maxlen=max_events)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._conn = None
        self.error: str | None = None
        self.skipped_lines = 0
        self.lines_seen = 0
        self.events_seen = 0
        self.sink_failures = 0

    def start(self, timeout: float = 5.0) -> LogcatFollower:
        """Follow from now (the device's current second, so nothing just logged is missed)."""
        since = self.session.shell("date +%s").strip()
        if not since.isdigit():
            raise DeviceError(f"cannot read the device time for logcat: `date +%s` said {since!r}")
        command = f"logcat -v threadtime -T {shlex.quote(since + '.000')}"
        self._conn = self.session.adb_call("starting logcat", lambda: self.session.adb.shell(command, stream=True))
        self._thread = threading.Thread(target=self._run, name="logcat-follower", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self._conn is not None:
            self._conn.close()

    def __enter__(self) -> LogcatFollower:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def events(self, kind: type[Event] | None = None) -> list[Event]:
        with self._lock:
            return [e for e in self._events if kind is None or isinstance(e, kind)]

    def lines(self) -> list[LogLine]:
        with self._lock:
            return list(self._lines)

    def _run(self) -> None:
        assert self._conn is not None
        sock = self._conn.conn
        sock.settimeout(READ_TIMEOUT_S)  # wake up to see stop()
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        lines, parser = LineParser(), EventParser()
        try:
            while not self._stop.is_set():
                try:
                    chunk = sock.recv(65536)
                except TimeoutError:
                    continue
                except OSError as e:
                    self.error = f"logcat stream failed: {e}"
                    break
                if not chunk:
                    self.error = "logcat stream ended (device gone or logcat exited)"
                    break
                self._handle(lines.feed(decoder.decode(chunk)), parser)
            self._handle(lines.feed(decoder.decode(b"", final=True)) + lines.finish(), parser, final=True)
        finally:
            self.skipped_lines = lines.skipped
        if self.error:
            self._emit("logcat_error", None, error=self.error)

    def _handle(self, new: list[LogLine], parser: EventParser, final: bool = False) -> None:
        events: list[Event] = []
        for line in new:
            events += parser.feed(line)
        if final:
            events += parser.finish()
        received = self.session.clock.now()
        events = [dataclasses.replace(self._resolve(e), received=received) for e in events]
        with self._lock:
            self._lines.extend(new)
            self._events.extend(events)
            self.lines_seen += len(new)
            self.events_seen += len(events)
        for event in events:
            fields = {k: v for k, v in dataclasses.asdict(event).items() if k not in ("line", "received")}
            self._emit("logcat_event", event.received, type=type(event).__name__,
                       device_time=event.line.stamp_text, **fields)
            if self.on_event is not None:
                self.on_event(event)

    def _resolve(self, event: Event) -> Event:
        if isinstance(event, ActivityStart) and event.caller_uid is not None and event.caller_package is None:
            try:
                return dataclasses.replace(event, caller_package=self.uids.package(event.caller_uid))
            except DeviceError:
                return event  # the uid stays in the event; the package is unknown
        return event

    def _emit(self, kind: str, stamp: Stamp | None, **fields: object) -> None:
        if not emit(self.sink, kind, stamp, **fields):
            self.sink_failures += 1
