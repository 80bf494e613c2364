"""The one time base shared by the launch, frames, hierarchies and probe events.

Every observation is stamped on one monotonic clock so that "the skip control appeared
3000 ms after the launch command" compares instants from different threads and sources;
the wall-clock time rides along for the evidence a person reads.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Stamp:
    """An instant: ms on the shared clock, ms since the last launch command (None before
    any launch) and the wall-clock time (Unix seconds)."""

    t_ms: float
    since_launch_ms: float | None
    wall: float
    mono_ms: float = 0.0  # time.monotonic() in ms: the axis every evidence event shares


class Clock:
    """A monotonic origin (its creation) plus the instant of the last launch command."""

    def __init__(self) -> None:
        self._origin = time.monotonic()
        self._wall_origin = time.time()
        self._launch_ms: float | None = None
        self._lock = threading.Lock()

    def ms(self, monotonic: float) -> float:
        """A `time.monotonic()` reading as ms on this clock."""
        return (monotonic - self._origin) * 1000.0

    def stamp(self, monotonic: float | None = None) -> Stamp:
        mono = time.monotonic() if monotonic is None else monotonic
        t_ms = self.ms(mono)
        launch = self._launch_ms
        # wall time from the monotonic offset, so a wall-clock step cannot reorder stamps
        return Stamp(t_ms, None if launch is None else t_ms - launch, self._wall_origin + t_ms / 1000.0,
                     mono * 1000.0)

    def now(self) -> Stamp:
        return self.stamp()

    def mark_launch(self) -> Stamp:
        """Record now as the launch command's instant; later stamps count from it."""
        with self._lock:
            mono = time.monotonic()
            self._launch_ms = self.ms(mono)
            return self.stamp(mono)


def iso_wall(unix_seconds: float) -> str:
    """Wall-clock time as the evidence writes it: ISO 8601 in UTC, to the millisecond."""
    return datetime.fromtimestamp(unix_seconds, UTC).isoformat(timespec="milliseconds")


def midpoint(a: Stamp, b: Stamp) -> Stamp:
    """The instant halfway between two stamps: the best estimate for a reading taken by a
    request sent at `a` and answered at `b`."""
    since = None if a.since_launch_ms is None or b.since_launch_ms is None else (a.since_launch_ms + b.since_launch_ms) / 2
    return Stamp((a.t_ms + b.t_ms) / 2, since, (a.wall + b.wall) / 2, (a.mono_ms + b.mono_ms) / 2)
