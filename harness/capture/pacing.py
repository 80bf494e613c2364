"""Fixed-rate pacing with missed ticks counted (sans-IO: times in, decisions out)."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Pacer:
    """Ticks every `interval_ms` from `start_ms`. After each frame, `next(now_ms)` gives the
    next tick to wait for and how many ticks passed unserved while the frame was taken."""

    interval_ms: float
    start_ms: float

    def __post_init__(self) -> None:
        if not self.interval_ms > 0:
            raise ValueError(f"capture interval must be positive, got {self.interval_ms} ms")
        self._tick = 0

    @property
    def deadline_ms(self) -> float:
        return self.start_ms + self._tick * self.interval_ms

    def next(self, now_ms: float) -> tuple[float, int]:
        """(the next tick's time, ticks missed) once the current tick's frame is done at now_ms."""
        due = math.floor((now_ms - self.start_ms) / self.interval_ms) + 1  # first tick after now
        missed = max(0, due - self._tick - 1)
        self._tick = max(due, self._tick + 1)
        return self.deadline_ms, missed
