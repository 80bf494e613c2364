"""The background capture: frames at a target rate, hierarchies at a lower one, both in
bounded ring buffers and streamed to an evidence sink; every missed frame is recorded."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..clock import Clock, Stamp
from ..device.errors import DeviceError, DeviceGone
from ..device.session import DeviceSession
from ..encoded import image_size
from ..hierarchy import MAX_BYTES as MAX_HIERARCHY_BYTES
from ..sink import EvidenceSink, emit
from .frames import Drop, Frame, Hierarchy
from .pacing import Pacer
from .ring import RingBuffer
from .sources import DeviceHierarchy, DeviceScreen, HierarchySource, ScreenshotFailed, ScreenSource

State = Literal["idle", "running", "stopped", "error"]


class CaptureConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    fps: float = Field(25.0, gt=0, le=120, description="target frame rate")
    hierarchy_interval_s: float | None = Field(0.5, gt=0, description="seconds between hierarchy dumps; None: none")
    max_frames: int = Field(900, ge=1, description="frames kept in memory (older ones only in the sink)")
    max_bytes: int = Field(150 * 2**20, ge=1, description="bytes of frames kept in memory")
    max_frame_bytes: int = Field(32 * 2**20, ge=1, description="a larger screenshot is dropped, not kept")
    max_hierarchies: int = Field(240, ge=1)
    max_hierarchy_bytes: int = Field(64 * 2**20, ge=1, description="bytes of hierarchies kept in memory")
    max_failures: int = Field(5, ge=1, description="failed screenshots in a row that end the capture")
    stop_timeout_s: float = Field(15.0, gt=0)


class IntervalStats(BaseModel):
    model_config = ConfigDict(frozen=True)

    mean_ms: float
    median_ms: float
    p95_ms: float
    max_ms: float


class CaptureStats(BaseModel):
    model_config = ConfigDict(frozen=True)

    state: State
    error: str | None
    target_fps: float
    achieved_fps: float | None
    duration_s: float
    frames: int
    frames_buffered: int
    buffer_bytes: int
    evicted: int
    dropped: int = Field(description="dropped_behind + failed")
    dropped_behind: int = Field(description="ticks missed because a frame took longer than the interval")
    failed: int = Field(description="screenshots that failed on both paths")
    fallback_frames: int = Field(description="frames from screencap instead of uiautomator2")
    intervals: IntervalStats | None
    hierarchies: int
    hierarchy_failures: int
    sink_failures: int


def _interval_stats(intervals: list[float]) -> IntervalStats | None:
    if not intervals:
        return None
    ordered = sorted(intervals)
    return IntervalStats(mean_ms=statistics.fmean(ordered), median_ms=statistics.median(ordered),
                         p95_ms=ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], max_ms=ordered[-1])


class FrameCapture:
    def __init__(self, screen: ScreenSource, clock: Clock, config: CaptureConfig | None = None,
                 hierarchy: HierarchySource | None = None, sink: EvidenceSink | None = None,
                 alive: Callable[[], bool] | None = None) -> None:
        """`alive` says whether the device is still there; asked after a failed screenshot so a
        vanished device ends the capture at once instead of after `max_failures`."""
        self.screen, self.clock, self.config = screen, clock, config or CaptureConfig()
        self.hierarchy_source, self.sink, self.alive = hierarchy, sink, alive
        cfg = self.config
        self._frames: RingBuffer[Frame] = RingBuffer(cfg.max_frames, cfg.max_bytes, lambda f: f.nbytes)
        self._hierarchies: RingBuffer[Hierarchy] = RingBuffer(cfg.max_hierarchies, cfg.max_hierarchy_bytes,
                                                              lambda h: h.nbytes)
        self._drops: list[Drop] = []
        self._intervals: list[float] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.state: State = "idle"
        self.error: str | None = None
        self._counts = dict(frames=0, behind=0, failed=0, fallback=0, hierarchies=0, hierarchy_failures=0, sink=0)
        self._first: Stamp | None = None
        self._last: Stamp | None = None
        self._started: float | None = None
        self._ended: float | None = None

    @classmethod
    def for_session(cls, session: DeviceSession, config: CaptureConfig | None = None,
                    sink: EvidenceSink | None = None) -> FrameCapture:
        config = config or CaptureConfig()
        hierarchy = DeviceHierarchy(session) if config.hierarchy_interval_s else None
        screen = DeviceScreen(session)
        capture = cls(screen, session.clock, config, hierarchy, sink or session.sink, alive=lambda: session.is_online())
        screen.on_error = lambda reason: capture._emit("screenshot_fallback", capture.clock.now(), error=reason)
        return capture

    # ---- control ----------------------------------------------------------------------
    def start(self) -> FrameCapture:
        if self.state != "idle":
            raise RuntimeError(f"capture already {self.state}")
        self.state = "running"
        self._started = time.monotonic()
        self._threads = [threading.Thread(target=self._frame_loop, name="frame-capture", daemon=True)]
        if self.hierarchy_source is not None and self.config.hierarchy_interval_s:
            self._threads.append(threading.Thread(target=self._hierarchy_loop, name="hierarchy-capture", daemon=True))
        for t in self._threads:
            t.start()
        return self

    def stop(self) -> CaptureStats:
        """Stop both loops (waiting at most stop_timeout_s) and return the final stats."""
        self._stop.set()
        deadline = time.monotonic() + self.config.stop_timeout_s
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        stuck = [t.name for t in self._threads if t.is_alive()]
        with self._lock:
            if stuck and self.state != "error":
                self._fail(f"{', '.join(stuck)} did not stop within {self.config.stop_timeout_s:g} s")
            if self.state == "running":
                self.state = "stopped"
            if self._ended is None:
                self._ended = time.monotonic()
        stats = self.stats()
        self._emit("capture_stopped", self.clock.now(), **stats.model_dump(mode="json"))
        return stats

    def __enter__(self) -> FrameCapture:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self.state == "running"

    def wait_frames(self, count: int, timeout: float) -> bool:
        """True once `count` frames were captured; False on timeout or when capture ended."""
        deadline = time.monotonic() + timeout
        while self._counts["frames"] < count and self.running and time.monotonic() < deadline:
            time.sleep(0.01)
        return self._counts["frames"] >= count

    # ---- results ----------------------------------------------------------------------
    def frames(self) -> list[Frame]:
        with self._lock:
            return self._frames.items()

    def hierarchies(self) -> list[Hierarchy]:
        with self._lock:
            return self._hierarchies.items()

    def drops(self) -> list[Drop]:
        with self._lock:
            return list(self._drops)

    def hierarchy_at(self, t_ms: float) -> Hierarchy | None:
        """The newest hierarchy dumped at or before `t_ms` on the shared clock."""
        before = [h for h in self.hierarchies() if h.stamp.t_ms <= t_ms]
        return before[-1] if before else None

    def stats(self) -> CaptureStats:
        with self._lock:
            c = self._counts
            end = self._ended or time.monotonic()
            span = (self._last.t_ms - self._first.t_ms) / 1000 if self._first and self._last else 0.0
            return CaptureStats(
                state=self.state, error=self.error, target_fps=self.config.fps,
                achieved_fps=(c["frames"] - 1) / span if span > 0 else None,
                duration_s=end - self._started if self._started else 0.0,
                frames=c["frames"], frames_buffered=len(self._frames), buffer_bytes=self._frames.nbytes,
                evicted=self._frames.evicted, dropped=c["behind"] + c["failed"], dropped_behind=c["behind"],
                failed=c["failed"], fallback_frames=c["fallback"], intervals=_interval_stats(self._intervals),
                hierarchies=c["hierarchies"], hierarchy_failures=c["hierarchy_failures"], sink_failures=c["sink"])

    # ---- loops ------------------------------------------------------------------------
    def _frame_loop(self) -> None:
        interval = 1000.0 / self.config.fps
        pacer = Pacer(interval, self.clock.now().t_ms)
        failures = 0
        while not self._stop.is_set():
            wait_ms = pacer.deadline_ms - self.clock.now().t_ms
            if wait_ms > 0 and self._stop.wait(wait_ms / 1000):
                break
            before = time.monotonic()
            try:
                data, fmt, source = self.screen.grab()
                self._check_frame(data)
            except Exception as e:  # any failure is recorded as a drop; DeviceError ends the loop
                failures += 1
                self._record_failure(e, failures)
                if self.state == "error":
                    return
            else:
                failures = 0
                after = time.monotonic()
                self._record_frame(before, after, data, fmt, source)
            _, missed = pacer.next(self.clock.now().t_ms)
            if missed:
                self._record_drop(Drop(self.clock.now(), missed, "behind"))

    def _hierarchy_loop(self) -> None:
        assert self.hierarchy_source is not None and self.config.hierarchy_interval_s
        index = 0
        while not self._stop.is_set() and self.state == "running":
            before = time.monotonic()
            try:
                xml = self.hierarchy_source.dump()
                if len(xml) > MAX_HIERARCHY_BYTES:  # characters: a lower bound of its bytes
                    raise ValueError(f"hierarchy of {len(xml)} characters exceeds {MAX_HIERARCHY_BYTES}")
            except Exception as e:  # recorded, never raised: the frame loop decides about errors
                with self._lock:
                    self._counts["hierarchy_failures"] += 1
                self._emit("hierarchy_failed", self.clock.now(), error=_one_line(e))
            else:
                after = time.monotonic()
                h = Hierarchy(index, self.clock.stamp((before + after) / 2), (after - before) * 1000, xml)
                with self._lock:
                    self._hierarchies.append(h)
                    self._counts["hierarchies"] += 1
                path = f"hierarchies/{index:06d}.xml"
                self._write(path, xml.encode("utf-8"))
                self._emit("hierarchy", h.stamp, index=index, latency_ms=h.latency_ms, path=path)
                index += 1
            self._stop.wait(max(0.0, self.config.hierarchy_interval_s - (time.monotonic() - before)))

    # ---- recording --------------------------------------------------------------------
    def _check_frame(self, data: bytes) -> None:
        """A truncated, corrupt or oversized screenshot is a failed one (a drop), never a frame."""
        if len(data) > self.config.max_frame_bytes:
            raise ScreenshotFailed(f"screenshot of {len(data)} bytes exceeds {self.config.max_frame_bytes}")
        try:
            image_size(data)
        except ValueError as e:
            raise ScreenshotFailed(str(e)) from None

    def _record_frame(self, before: float, after: float, data: bytes, fmt: str, source: str) -> None:
        with self._lock:
            index = self._counts["frames"]
            frame = Frame(index, self.clock.stamp((before + after) / 2), (after - before) * 1000, data, fmt, source)
            if self._last is not None:
                self._intervals.append(frame.stamp.t_ms - self._last.t_ms)
            self._first = self._first or frame.stamp
            self._last = frame.stamp
            self._frames.append(frame)
            self._counts["frames"] += 1
            self._counts["fallback"] += source != "uiautomator2"
        path = f"frames/{index:06d}.{frame.extension}"
        self._write(path, data)
        self._emit("frame", frame.stamp, index=index, latency_ms=frame.latency_ms, format=fmt, source=source,
                   path=path, bytes=len(data))

    def _record_failure(self, error: Exception, in_a_row: int) -> None:
        reason = _one_line(error)
        self._record_drop(Drop(self.clock.now(), 1, f"failed: {reason}"))
        gone = isinstance(error, DeviceGone) or (self.alive is not None and not _safe(self.alive))
        if gone or in_a_row >= self.config.max_failures:
            message = (reason if isinstance(error, DeviceGone) else f"device is gone: {reason}") if gone else \
                f"{in_a_row} screenshots failed in a row, last: {reason}"
            with self._lock:
                self._fail(message)
            self._emit("capture_error", self.clock.now(), error=message)

    def _record_drop(self, drop: Drop) -> None:
        with self._lock:
            self._drops.append(drop)
            self._counts["behind" if drop.reason == "behind" else "failed"] += drop.count
        self._emit("frame_dropped", drop.stamp, count=drop.count, reason=drop.reason)

    def _fail(self, message: str) -> None:
        """Enter the error state (caller holds the lock); the first error is the one kept."""
        if self.state != "error":
            self.state, self.error = "error", message
            self._ended = time.monotonic()
            self._stop.set()

    # ---- sink -------------------------------------------------------------------------
    def _write(self, path: str, data: bytes) -> None:
        if self.sink is None:
            return
        try:
            self.sink.write_bytes(path, data)
        except Exception:  # a full disk must not stop the capture; the count shows it in stats
            with self._lock:
                self._counts["sink"] += 1

    def _emit(self, kind: str, stamp: Stamp, **fields: Any) -> None:
        if not emit(self.sink, kind, stamp, **fields):
            with self._lock:
                self._counts["sink"] += 1


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text if isinstance(error, DeviceError) else f"{type(error).__name__}: {text}"


def _safe(probe: Callable[[], bool]) -> bool:
    try:
        return probe()
    except Exception:  # an unanswerable probe means the device cannot be reached
        return False
