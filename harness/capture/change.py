"""When did a screen region change? Read from consecutive frames, with its uncertainty."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .frames import Frame


@dataclass(frozen=True)
class Change:
    """A change first seen in `after` and not in `before`: it happened between their stamps.
    `t_ms`/`since_launch_ms` are the midpoint, `uncertainty_ms` half the gap."""

    before: Frame
    after: Frame
    difference: float  # mean absolute difference in the region, 0-255

    @property
    def t_ms(self) -> float:
        return (self.before.stamp.t_ms + self.after.stamp.t_ms) / 2

    @property
    def since_launch_ms(self) -> float | None:
        a, b = self.before.stamp.since_launch_ms, self.after.stamp.since_launch_ms
        return None if a is None or b is None else (a + b) / 2

    @property
    def uncertainty_ms(self) -> float:
        return (self.after.stamp.t_ms - self.before.stamp.t_ms) / 2


def region_difference(a: np.ndarray, b: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Mean absolute difference of two BGR images inside box (x0, y0, x1, y1), clipped to both."""
    h = min(a.shape[0], b.shape[0])
    w = min(a.shape[1], b.shape[1])
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(w, box[2]), min(h, box[3])
    if x1 <= x0 or y1 <= y0:
        raise ValueError(f"region {box} lies outside the {w}x{h} frame")
    return float(np.abs(a[y0:y1, x0:x1].astype(np.int16) - b[y0:y1, x0:x1].astype(np.int16)).mean())


def first_change(frames: Sequence[Frame], box: tuple[int, int, int, int], after_ms: float = 0.0,
                 threshold: float = 12.0) -> Change | None:
    """The first pair of consecutive frames, both stamped at or after `after_ms` on the shared
    clock, whose region differs by more than `threshold` (JPEG noise stays well below it)."""
    pairs = [f for f in frames if f.stamp.t_ms >= after_ms]
    previous = None
    for frame in pairs:
        image = frame.image()
        if previous is not None:
            diff = region_difference(previous[1], image, box)
            if diff > threshold:
                return Change(previous[0], frame, diff)
        previous = (frame, image)
    return None
