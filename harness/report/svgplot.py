"""Geometry of a small line chart for inline SVG (the template draws it): the shake stimulus
against time, with the configured threshold as a dashed line."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .models import ShakeResult

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 12, 34


@dataclass(frozen=True)
class Tick:
    at: float  # pixel position along its axis
    label: str


@dataclass(frozen=True)
class Line:
    label: str
    css: str
    points: str  # "x,y x,y …" for <polyline points>


@dataclass(frozen=True)
class Plot:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    lines: tuple[Line, ...]
    threshold_y: float | None
    threshold_label: str


def nice_step(span: float, most: int = 6) -> float:
    """The smallest 1, 2 or 5 × 10ⁿ that cuts `span` into at most `most` steps."""
    raw = max(span, 1e-9) / most
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _ticks(top: float, to_px, unit: str = "") -> tuple[Tick, ...]:
    step = nice_step(top)
    count = int(top / step + 1e-9)
    return tuple(Tick(round(to_px(i * step), 1), f"{i * step:g}{unit}") for i in range(count + 1))


def shake_plot(shake: ShakeResult, threshold: float | None) -> Plot:
    t_max = max((s.t_ms for s in shake.samples), default=0.0) or 1.0
    a_max = max([s.accel_ms2 for s in shake.samples] + [threshold or 0.0, 1.0]) * 1.1
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x(t: float) -> float:
        return LEFT + (right - LEFT) * t / t_max

    def y(a: float) -> float:
        return bottom - (bottom - TOP) * a / a_max

    def points(attr: str) -> str:
        return " ".join(f"{x(s.t_ms):.1f},{y(getattr(s, attr)):.1f}" for s in shake.samples)

    lines = (Line("|a − rest| (linear, what a detector sees)", "linear", points("linear_ms2")),
             Line("|a| (gravity included)", "total", points("accel_ms2")))
    return Plot(WIDTH, HEIGHT, LEFT, right, TOP, bottom, _ticks(t_max, x), _ticks(a_max, y), lines,
                None if threshold is None else round(y(threshold), 1),
                "" if threshold is None else f"threshold {threshold:g} m/s²")
