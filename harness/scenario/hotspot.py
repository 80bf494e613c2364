"""Probing a window for full-screen hotspots: tap a grid of points away from every control and
the system bars, and see where each tap leads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..vision import Box
from .looks import Look
from .trial import Landing, Resting, Trial

#: Share of the screen height kept clear of the status bar (top) and the navigation bar (bottom).
STATUS_BAR = 0.04
NAV_BAR = 0.06


def grid_points(width: int, height: int, cols: int, rows: int, avoid: list[Box], margin_px: float
                ) -> list[tuple[float, float]]:
    """Centres of a cols × rows grid over the screen between the bars, minus those within
    `margin_px` of a box to avoid (the close controls)."""
    top, bottom = height * STATUS_BAR, height * (1 - NAV_BAR)
    points = []
    for r in range(rows):
        for c in range(cols):
            x = (c + 0.5) * width / cols
            y = top + (r + 0.5) * (bottom - top) / rows
            if not any(b[0] - margin_px <= x <= b[0] + b[2] + margin_px and
                       b[1] - margin_px <= y <= b[1] + b[3] + margin_px for b in avoid):
                points.append((x, y))
    return points


@dataclass(frozen=True)
class HotspotResult:
    points: int  # grid points to tap
    landings: tuple[Landing, ...]
    decided: bool  # every point tapped, or enough to fix the verdict whatever the rest would do

    @property
    def jumps(self) -> tuple[Landing, ...]:
        return tuple(landing for landing in self.landings if landing.kind in ("jumped", "left"))

    @property
    def jump_ratio(self) -> float | None:
        """Jumps over all grid points (points left untapped once decided cannot change which
        side of the limit this is on)."""
        return len(self.jumps) / self.points if self.points and self.decided else None


def probe_grid(points: list[tuple[float, float]], new_trial: Callable[[], Trial],
               ready: Callable[[Trial], Resting | None], is_window: Callable[[Look], bool],
               max_ratio: float) -> HotspotResult:
    """Tap each point while the window shows; a tap that leaves the window ends that trial and
    the next point gets a fresh one. `ready` waits until a trial shows the window and returns
    the reference for "closed", or None when the window will not be there long enough for a tap.
    Stops once the verdict can no longer change."""
    landings: list[Landing] = []
    trial: Trial | None = None
    fail_at = int(max_ratio * len(points)) + 1  # this many jumps exceed the ratio
    pass_at = len(points) - fail_at + 1  # this many taps without a jump keep it within

    def decided() -> bool:
        jumps = sum(landing.kind in ("jumped", "left") for landing in landings)
        return jumps >= fail_at or len(landings) - jumps >= pass_at or len(landings) == len(points)

    try:
        for x, y in points:
            resting = ready(trial) if trial is not None else None
            if resting is None:
                if trial is not None:
                    trial.stop()
                trial = new_trial()
                resting = ready(trial)
                if resting is None:
                    break
            landing = trial.tap_and_judge(x, y, is_window, resting)
            landings.append(landing)
            if landing.kind != "stayed":
                trial.stop()
                trial = None
            if decided():
                break
    finally:
        if trial is not None:
            trial.stop()
    return HotspotResult(len(points), tuple(landings), decided())
