"""How a close control is judged for clarity: its size under the right rule, and its contrast.

A control the hierarchy knows has a touch target (the smallest clickable node around it):
judged as one, 48 dp or 32 dp at a screen edge, after Google's TouchTargetSizeCheck. A drawn
X with no node has only its drawing: judged as an icon. Text found by OCR alone has neither
a known target nor an icon size (the text box is tighter than the button around it), so its
size is recorded but not judged.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..device.identity import Screen
from ..hierarchy import HierarchyError, parse_nodes
from ..verdict import VerdictRecorder
from ..vision import Box, CloseControl
from ..vision.image import contrast_ratio
from .looks import Look


@dataclass(frozen=True)
class SizeJudgement:
    size_dp: float
    rule: str | None  # the configuration key of the limit; None: not judged
    basis: str  # "touch target", "drawn icon", "text box"


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


def judge_size(control: CloseControl, hierarchy_xml: str | None, width: int, height: int,
               px_per_dp: float) -> SizeJudgement:
    target = touch_target(control, hierarchy_xml)
    if target is not None:
        x, y, w, h = target
        edge = px_per_dp  # touching the screen edge, within 1 dp
        at_edge = x <= edge or y <= edge or x + w >= width - edge or y + h >= height - edge
        return SizeJudgement(min(w, h) / px_per_dp, "close_min_size_edge_dp" if at_edge else "close_min_size_dp",
                             "touch target")
    if control.kind == "x_icon":
        return SizeJudgement(control.size_dp, "close_min_glyph_dp", "drawn icon")
    return SizeJudgement(control.size_dp, None, "text box")


def legibility(gray: np.ndarray, box: Box) -> float:
    """WCAG ratio of a control's content (text, glyph) against the control's own fill: what
    makes a button with its own background readable whatever lies around it."""
    x, y, w, h = box
    inner = gray[max(0, y):max(0, y + h), max(0, x):max(0, x + w)]
    if inner.size == 0:
        return 1.0
    fill = float(np.median(inner))
    lo, hi = float(np.percentile(inner, 2)), float(np.percentile(inner, 98))
    return contrast_ratio(lo if abs(lo - fill) > abs(hi - fill) else hi, fill)


@dataclass(frozen=True)
class Clarity:
    contrast: float  # the better of: against its surroundings, content against its own fill
    size: SizeJudgement


def clarity(control: CloseControl, image: np.ndarray, hierarchy_xml: str | None, width: int, height: int,
            px_per_dp: float) -> Clarity:
    """How clear a close control is on the frame it was found in."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    return Clarity(max(control.contrast, legibility(gray, control.bbox)),
                   judge_size(control, hierarchy_xml, width, height, px_per_dp))


def measure_clarity(verdict: VerdictRecorder, control: CloseControl, look: Look, screen: Screen) -> None:
    """Record a close control's contrast and size against their configured limits."""
    c = clarity(control, look.frame.image(), look.hierarchy.xml if look.hierarchy else None, screen.width_px,
                screen.height_px, screen.density_dpi / 160)
    verdict.measure("close_contrast", round(c.contrast, 2), compare=">=", key="close_min_contrast")
    if c.size.rule is None:  # OCR text alone: its box is not the button's size
        verdict.measure("close_size_dp", round(c.size.size_dp, 1), unit="dp")
    else:
        verdict.measure("close_size_dp", round(c.size.size_dp, 1), unit="dp", compare=">=", key=c.size.rule)
