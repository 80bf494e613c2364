"""The capture loop with fake screenshot sources: pacing, drops, failures, buffer bounds, sink."""

from __future__ import annotations

import threading
import time
from typing import Any

import cv2
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.capture import CaptureConfig, FrameCapture, Pacer, RingBuffer, ScreenshotFailed, first_change
from harness.clock import Clock
from harness.device.errors import DeviceGone


class MemorySink:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.events: list[tuple[str, dict[str, Any]]] = []
        self._lock = threading.Lock()

    def write_bytes(self, relpath: str, data: bytes) -> None:
        with self._lock:
            self.files[relpath] = data

    def event(self, kind: str, **fields: Any) -> None:
        with self._lock:
            self.events.append((kind, fields))

    def kinds(self, kind: str) -> list[dict[str, Any]]:
        return [f for k, f in self.events if k == kind]


def _jpeg(value: int) -> bytes:
    img = np.full((40, 20, 3), value, np.uint8)
    return cv2.imencode(".jpg", img)[1].tobytes()


class FakeScreen:
    """Frame n: sleeps `slow_s` when n is in `slow`, raises when n is in `fail`."""

    def __init__(self, slow: set[int] = frozenset(), fail: set[int] = frozenset(), slow_s: float = 0.05,
                 fail_from: int | None = None, error: Exception | None = None) -> None:
        self.n = 0
        self.slow, self.fail, self.slow_s, self.fail_from = slow, fail, slow_s, fail_from
        self.error = error or ScreenshotFailed("fake failure")

    def grab(self) -> tuple[bytes, str, str]:
        n, self.n = self.n, self.n + 1
        if n in self.fail or (self.fail_from is not None and n >= self.fail_from):
            raise self.error
        if n in self.slow:
            time.sleep(self.slow_s)
        return _jpeg(200 if n >= 10 else 10), "jpeg", "fake"


class FakeHierarchy:
    def dump(self) -> str:
        return "<hierarchy/>"


def _run(screen, frames: int, timeout: float = 5, **cfg) -> tuple[FrameCapture, MemorySink]:
    sink = MemorySink()
    cap = FrameCapture(screen, Clock(), CaptureConfig(**cfg), FakeHierarchy(), sink).start()
    cap.wait_frames(frames, timeout)
    cap.stop()
    return cap, sink


def test_pacer_counts_the_ticks_a_slow_frame_missed():
    p = Pacer(20, 0)
    assert p.next(5) == (20, 0)  # on time
    assert p.next(95) == (100, 3)  # the frame of tick 1 (20) ended at 95: ticks 40, 60, 80 missed
    assert p.next(100) == (120, 0)
    with pytest.raises(ValueError):
        Pacer(0, 0)


def test_slow_frames_are_recorded_as_drops():
    cap, sink = _run(FakeScreen(slow={3, 6, 9}, slow_s=0.05), 14, fps=50, hierarchy_interval_s=0.05)
    stats = cap.stats()
    assert stats.state == "stopped" and stats.error is None
    assert stats.dropped_behind >= 6  # each 50 ms frame at 20 ms ticks misses at least two
    assert stats.dropped == stats.dropped_behind + stats.failed
    assert sum(d.count for d in cap.drops()) == stats.dropped
    assert sum(f["count"] for f in sink.kinds("frame_dropped")) == stats.dropped
    assert stats.frames == len(sink.kinds("frame")) == len([p for p in sink.files if p.startswith("frames/")])
    assert stats.hierarchies >= 1 and any(p.startswith("hierarchies/") for p in sink.files)
    assert stats.intervals is not None and stats.intervals.max_ms > 30  # the slow frames show
    assert sink.kinds("capture_stopped")[-1]["frames"] == stats.frames


def test_failed_screenshots_are_drops_and_the_loop_goes_on():
    cap, _ = _run(FakeScreen(fail={2, 5}), 10, fps=100, max_failures=3)
    stats = cap.stats()
    assert stats.state == "stopped" and stats.failed == 2
    assert [d.reason for d in cap.drops() if d.reason != "behind"] == ["failed: ScreenshotFailed: fake failure"] * 2
    assert [f.index for f in cap.frames()] == list(range(stats.frames))  # frame indices have no holes


def test_failures_in_a_row_end_the_capture_with_an_error():
    cap, sink = _run(FakeScreen(fail_from=4), 100, timeout=2, fps=100, max_failures=3)
    stats = cap.stats()
    assert stats.state == "error" and stats.frames == 4 and stats.failed == 3
    assert stats.error == "3 screenshots failed in a row, last: ScreenshotFailed: fake failure"
    assert sink.kinds("capture_error")[0]["error"] == stats.error


def test_a_gone_device_ends_the_capture_at_once():
    screen = FakeScreen(fail_from=2, error=DeviceGone("device emulator-5554 is gone (not listed) during screencap"))
    cap, _ = _run(screen, 100, timeout=2, fps=100, max_failures=50)
    assert cap.state == "error" and cap.stats().failed == 1
    assert cap.error == "device emulator-5554 is gone (not listed) during screencap"


def test_alive_probe_turns_a_failure_into_device_gone():
    sink = MemorySink()
    cap = FrameCapture(FakeScreen(fail_from=1), Clock(), CaptureConfig(fps=100, max_failures=50), None, sink,
                       alive=lambda: False).start()
    cap.wait_frames(100, 2)
    cap.stop()
    assert cap.state == "error" and cap.error.startswith("device is gone: ScreenshotFailed")


def test_buffer_keeps_the_newest_frames_within_its_bounds():
    cap, sink = _run(FakeScreen(), 30, fps=100, max_frames=8, hierarchy_interval_s=None)
    stats = cap.stats()
    frames = cap.frames()
    assert len(frames) == 8 and stats.evicted == stats.frames - 8
    assert frames[-1].index == stats.frames - 1
    assert len(sink.kinds("frame")) == stats.frames  # evicted from memory, not from the evidence


def test_first_change_reads_the_time_between_two_frames():
    cap, _ = _run(FakeScreen(), 15, fps=100, hierarchy_interval_s=None)
    change = first_change(cap.frames(), (0, 0, 20, 40))
    assert change is not None and (change.before.index, change.after.index) == (9, 10)
    assert change.before.stamp.t_ms < change.t_ms < change.after.stamp.t_ms
    assert change.uncertainty_ms == pytest.approx((change.after.stamp.t_ms - change.before.stamp.t_ms) / 2)
    assert change.after.image().shape == (40, 20, 3)


def test_a_config_mistake_names_the_key():
    with pytest.raises(ValueError, match="fps"):
        CaptureConfig(fps=0)


@given(st.lists(st.integers(min_value=1, max_value=500), max_size=60), st.integers(1, 10), st.integers(1, 1500))
def test_ring_buffer_bounds(sizes, max_items, max_bytes):
    ring: RingBuffer[int] = RingBuffer(max_items, max_bytes, size=lambda n: n)
    for n in sizes:
        ring.append(n)
    kept = ring.items()
    assert len(kept) <= max_items and ring.nbytes == sum(kept)
    assert ring.nbytes <= max_bytes or len(kept) == 1  # only a single oversize item may exceed it
    assert kept == sizes[len(sizes) - len(kept):] and ring.evicted == len(sizes) - len(kept)
