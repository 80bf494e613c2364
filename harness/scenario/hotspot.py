"""Probing a window for full-screen hotspots: tap a grid of points away from every control and
the system bars, and see where each tap leads.

Only taps that could have jumped count: made while the window showed, inside it, and not on a
system bar. A point whose tap came after the window had gone is tried once more on a fresh
launch; every point left out is kept with its reason, so a splash where every tap outside its
close control opens the advertiser measures 100 %, not a ratio diluted by taps that never met it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..hierarchy import HierarchyError, parse_nodes
from ..vision import Box
from .looks import Look
from .trial import Landing, Resting, Trial

ExclusionReason = Literal["near the close control", "window gone before the tap", "outside the window",
                          "on a system bar"]
SYSTEM_BAR_PACKAGES = ("com.android.systemui",)


@dataclass(frozen=True)
class Excluded:
    x: float
    y: float
    reason: ExclusionReason

    def describe(self) -> str:
        return f"({self.x:.0f}, {self.y:.0f}) {self.reason}"

#: Share of the screen height kept clear of the status bar (top) and the navigation bar (bottom).
STATUS_BAR = 0.04
NAV_BAR = 0.06


def grid(width: int, height: int, cols: int, rows: int, avoid: list[Box], margin_px: float
         ) -> tuple[list[tuple[float, float]], list[Excluded]]:
    """Centres of a cols × rows grid over the screen between the bars: those to tap, and those
    within `margin_px` of a box to avoid (the close controls)."""
    top, bottom = height * STATUS_BAR, height * (1 - NAV_BAR)
    points, excluded = [], []
    for r in range(rows):
        for c in range(cols):
            x = (c + 0.5) * width / cols
            y = top + (r + 0.5) * (bottom - top) / rows
            if any(b[0] - margin_px <= x <= b[0] + b[2] + margin_px and
                   b[1] - margin_px <= y <= b[1] + b[3] + margin_px for b in avoid):
                excluded.append(Excluded(x, y, "near the close control"))
            else:
                points.append((x, y))
    return points, excluded


def grid_points(width: int, height: int, cols: int, rows: int, avoid: list[Box], margin_px: float
                ) -> list[tuple[float, float]]:
    """The grid points to tap (see `grid`)."""
    return grid(width, height, cols, rows, avoid, margin_px)[0]


def why_not_counted(look: Look | None, x: float, y: float, is_window: Callable[[Look], bool],
                    inside_only: bool = True) -> ExclusionReason | None:
    """Why a tap at (x, y) could not have met the window, judged on the look on screen when it
    was made; None when it counts. `inside_only=False` counts taps around the window too (a
    pop-up's dimmed surroundings belong to it)."""
    if look is None or not is_window(look):
        return "window gone before the tap"
    window = look.window
    if window is not None and inside_only:
        bx, by, bw, bh = window.bbox
        if not (bx <= x <= bx + bw and by <= y <= by + bh):
            return "outside the window"
    if look.hierarchy is not None:
        try:
            nodes = parse_nodes(look.hierarchy.xml)
        except HierarchyError:
            nodes = []
        if any(n.package in SYSTEM_BAR_PACKAGES and n.bounds and n.bounds[0] <= x <= n.bounds[2]
               and n.bounds[1] <= y <= n.bounds[3] for n in nodes):
            return "on a system bar"
    return None


@dataclass(frozen=True)
class HotspotResult:
    points: int  # grid points to tap
    landings: tuple[Landing, ...]  # taps that counted
    excluded: tuple[Excluded, ...]  # taps (or grid points) that could not have met the window
    decided: bool  # enough counted taps, or enough to fix the verdict whatever the rest would do
    untapped: int  # points left once the verdict was fixed

    @property
    def jumps(self) -> tuple[Landing, ...]:
        return tuple(landing for landing in self.landings if landing.kind in ("jumped", "left"))

    @property
    def jump_ratio(self) -> float | None:
        """Jumps over the taps that counted."""
        return len(self.jumps) / len(self.landings) if self.landings and self.decided else None


def _look_at(trial: Trial, t_ms: float) -> Look | None:
    """The screen state on screen at `t_ms` (the last one begun by then)."""
    before = [look for look in trial.looks() if look.t_ms <= t_ms]
    return before[-1] if before else None


def probe_grid(points: list[tuple[float, float]], new_trial: Callable[[], Trial],
               ready: Callable[[Trial], Resting | None], is_window: Callable[[Look], bool],
               max_ratio: float, min_counted_share: float = 0.5, inside_only: bool = True) -> HotspotResult:
    """Tap each point while the window shows; a tap that leaves the window ends that trial and
    the next point gets a fresh one. `ready` waits until a trial shows the window and returns
    the reference for "closed", or None when the window will not be there long enough for a tap.
    A tap that met no window is left out with its reason (one made after the window had gone is
    tried again on a fresh launch). Stops once the verdict can no longer change."""
    landings: list[Landing] = []
    excluded: list[Excluded] = []
    trial: Trial | None = None
    queue = [(x, y, True) for x, y in points]  # the flag: may be retried
    need = max(1, int(min_counted_share * len(points) + 0.999))

    def decided(remaining: int) -> bool:
        jumps = sum(landing.kind in ("jumped", "left") for landing in landings)
        stays = len(landings) - jumps
        if jumps / max(1, jumps + stays + remaining) > max_ratio and len(landings) >= 1:
            return True  # over the limit even if every point left stayed
        if len(landings) >= need and (jumps + remaining) / (jumps + stays + remaining) <= max_ratio:
            return True  # within it even if every point left jumped
        return remaining == 0 and len(landings) >= need

    try:
        while queue:
            x, y, retry = queue.pop(0)
            resting = ready(trial) if trial is not None else None
            if resting is None:
                if trial is not None:
                    trial.stop()
                trial = new_trial()
                resting = ready(trial)
                if resting is None:
                    break
            if not trial.window_now(is_window):
                trial.stop()
                trial = None
                if retry:
                    queue.insert(0, (x, y, False))
                else:
                    excluded.append(Excluded(x, y, "window gone before the tap"))
                continue
            landing = trial.tap_and_judge(x, y, is_window, resting)
            reason = why_not_counted(_look_at(trial, landing.tap.t_ms), x, y, is_window, inside_only)
            if reason is None:
                landings.append(landing)
            elif reason == "window gone before the tap" and retry:
                queue.insert(0, (x, y, False))
            else:
                excluded.append(Excluded(x, y, reason))
                if trial.sink is not None:
                    trial.sink.event("hotspot_point_excluded", x=x, y=y, reason=reason, landing=landing.kind)
            if landing.kind != "stayed" or reason == "window gone before the tap":
                trial.stop()
                trial = None
            if decided(len(queue)):
                break
    finally:
        if trial is not None:
            trial.stop()
    return HotspotResult(len(points), tuple(landings), tuple(excluded), decided(len(queue)), len(queue))
