"""How a window's close controls are judged for clarity: size and contrast, the clearest judged.

Size is the shorter side of what a finger hits, whatever found the control: its clickable node
when the hierarchy has one, else its drawn button (the pill or box around a label, the X with
its ring). Below `close_fail_size_dp` (WCAG 2.2's 24 dp minimum target) a control is not clear;
below the 48 dp touch target (32 dp at a screen edge) is advice, reported and never a failure.
A label with no node and no button drawn around it has no measurable target: its size is
recorded as unknown, not judged from the tight box of its letters.

A window with several ways to close it is as clear as its clearest one: that one is judged,
and every control is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from ..config import HarnessConfig
from ..device.identity import Screen
from ..hierarchy import HierarchyError, parse_nodes
from ..verdict import VerdictRecorder
from ..vision import Box, CloseControl
from ..vision.config import DEFAULT_CONFIG
from ..vision.extent import button_extent
from ..vision.image import contrast_ratio
from .looks import Look


@dataclass(frozen=True)
class SizeJudgement:
    size_dp: float | None  # the target's shorter side; None: no target or button to measure
    basis: str  # "touch target", "drawn button", "drawn icon", "text only"
    at_edge: bool = False

    def advice_key(self) -> str:
        return "close_min_size_edge_dp" if self.at_edge else "close_min_size_dp"


def touch_target(control: CloseControl, hierarchy_xml: str | None) -> Box | None:
    """The smallest clickable node whose bounds hold the control's centre."""
    if not hierarchy_xml:
        return None
    try:
        nodes = parse_nodes(hierarchy_xml)
    except HierarchyError:
        return None
    x, y, w, h = control.bbox
    cx, cy = x + w / 2, y + h / 2
    around = [n.bounds for n in nodes if n.clickable and n.bounds is not None
              and n.bounds[0] <= cx <= n.bounds[2] and n.bounds[1] <= cy <= n.bounds[3]]
    if not around:
        return None
    x0, y0, x1, y1 = min(around, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    return x0, y0, x1 - x0, y1 - y0


def judge_size(control: CloseControl, hierarchy_xml: str | None, gray: np.ndarray, px_per_dp: float) -> SizeJudgement:
    """The control's size from its node, else from its drawn button or icon."""
    height, width = gray.shape
    box = touch_target(control, hierarchy_xml)
    basis = "touch target"
    if box is None and control.kind == "x_icon":
        box, basis = control.bbox, "drawn icon"  # the glyph's box holds its ring when it has one
    elif box is None:
        pad_x = int(DEFAULT_CONFIG.button_max_pad_x_dp * px_per_dp)
        pad_y = int(DEFAULT_CONFIG.button_max_pad_y_dp * px_per_dp)
        box, basis = button_extent(gray, control.bbox, pad_x, pad_y), "drawn button"
        if box is None:
            return SizeJudgement(None, "text only")
    x, y, w, h = box
    edge = px_per_dp  # touching the screen edge, within 1 dp
    at_edge = x <= edge or y <= edge or x + w >= width - edge or y + h >= height - edge
    return SizeJudgement(min(w, h) / px_per_dp, basis, at_edge)


def legibility(gray: np.ndarray, box: Box) -> float:
    """WCAG ratio of a control's content (text, glyph) against the control's own fill: what
    makes a button with its own background readable whatever lies around it."""
    x, y, w, h = box
    inner = gray[max(0, y):max(0, y + h), max(0, x):max(0, x + w)]
    if inner.size == 0:
        return 1.0
    fill = float(np.median(inner))
    # a short label on a wide button covers ~2 % of it: the extreme half-percent is its ink
    lo, hi = float(np.percentile(inner, 0.5)), float(np.percentile(inner, 99.5))
    return contrast_ratio(lo if abs(lo - fill) > abs(hi - fill) else hi, fill)


@dataclass(frozen=True)
class Clarity:
    control: CloseControl
    contrast: float  # the better of: against its surroundings, content against its own fill
    size: SizeJudgement

    def describe(self) -> str:
        name = self.control.text or ("X" if self.control.kind == "x_icon" else self.control.kind)
        size = "size unknown" if self.size.size_dp is None else f"{self.size.size_dp:.1f} dp"
        return f"{name}: {size} ({self.size.basis}), contrast {self.contrast:.1f}:1"


def clarity(control: CloseControl, image: np.ndarray, hierarchy_xml: str | None, px_per_dp: float) -> Clarity:
    """How clear a close control is on the frame it was found in."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    return Clarity(control, max(control.contrast, legibility(gray, control.bbox)),
                   judge_size(control, hierarchy_xml, gray, px_per_dp))


def clearest(clarities: Sequence[Clarity], config: HarnessConfig) -> Clarity:
    """The control a user can best see and hit: clear on both counts first, then the larger; an
    unknown size ranks between a clear and an unclear one."""
    def rank(c: Clarity) -> tuple[int, bool, float, float]:
        size = c.size.size_dp
        size_rank = 1 if size is None else 2 if size >= config.close_fail_size_dp else 0
        return size_rank, c.contrast >= config.close_min_contrast, size or 0.0, c.contrast
    return max(clarities, key=rank)


def measure_clarity(verdict: VerdictRecorder, controls: Sequence[CloseControl], look: Look, screen: Screen) -> Clarity:
    """Record every close control of the window, and judge the clearest one's contrast and size."""
    image = look.frame.image()
    xml = look.hierarchy.xml if look.hierarchy else None
    all_ = [clarity(c, image, xml, screen.density_dpi / 160) for c in controls]
    best = clearest(all_, verdict.config)
    verdict.measure("close_controls", "; ".join(c.describe() for c in all_))
    verdict.measure("close_contrast", round(best.contrast, 2), compare=">=", key="close_min_contrast")
    if best.size.size_dp is None:  # a bare label: its letters' box is not a target
        verdict.measure("close_size_dp", None, unit="dp")
        return best
    size = round(best.size.size_dp, 1)
    verdict.measure("close_size_dp", size, unit="dp", compare=">=", key="close_fail_size_dp")
    advised = getattr(verdict.config, best.size.advice_key())
    verdict.measure("close_size_advice", f"{size:g} dp is below the recommended {advised:g} dp touch target "
                    f"({best.size.advice_key()}; advice, not a violation)" if size < advised
                    else f"meets the recommended {advised:g} dp touch target")
    return best
