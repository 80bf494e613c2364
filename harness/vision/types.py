"""Typed results of the screen analysis. Boxes are (x, y, w, h) in pixels of the input image."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Box = tuple[int, int, int, int]
PopupKind = Literal["dialog", "bottom_sheet", "fullscreen"]
ControlKind = Literal["x_icon", "text"]


def box_iou(a: Box, b: Box) -> float:
    ax2, ay2, bx2, by2 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    iw = max(0, min(ax2, bx2) - max(a[0], b[0]))
    ih = max(0, min(ay2, by2) - max(a[1], b[1]))
    inter = iw * ih
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


def box_within(a: Box, b: Box, slack: int = 4) -> bool:
    """Box a lies inside box b, give or take `slack` pixels on each side."""
    return (a[0] >= b[0] - slack and a[1] >= b[1] - slack and a[0] + a[2] <= b[0] + b[2] + slack
            and a[1] + a[3] <= b[1] + b[3] + slack)


def box_center(b: Box) -> tuple[float, float]:
    return b[0] + b[2] / 2.0, b[1] + b[3] / 2.0


def box_contains_point(b: Box, x: float, y: float, margin: tuple[float, float, float, float] = (0, 0, 0, 0)) -> bool:
    """margin = (left, top, right, bottom) extension of the box."""
    left, top, right, bottom = margin
    return b[0] - left <= x <= b[0] + b[2] + right and b[1] - top <= y <= b[1] + b[3] + bottom


@dataclass(frozen=True)
class CloseControl:
    bbox: Box
    kind: ControlKind
    score: float
    size_dp: float
    contrast: float
    text: str | None = None
    countdown: int | None = None
    source: str = "pixels"  # "pixels", "ocr", "hierarchy", "pixels+hierarchy", …

    def to_json(self) -> dict:
        return {"bbox": list(self.bbox), "kind": self.kind, "text": self.text, "countdown": self.countdown,
                "size_dp": round(self.size_dp, 1), "contrast": round(self.contrast, 2), "score": round(self.score, 3)}


@dataclass(frozen=True)
class Popup:
    bbox: Box
    kind: PopupKind
    score: float
    close_controls: tuple[CloseControl, ...] = ()

    def to_json(self) -> dict:
        return {"bbox": list(self.bbox), "kind": self.kind, "score": round(self.score, 3),
                "close_controls": [c.to_json() for c in self.close_controls]}


@dataclass(frozen=True)
class Analysis:
    width: int
    height: int
    popups: tuple[Popup, ...]
    #: close controls found outside any pop-up (e.g. an in-layout banner's X); not pop-up evidence
    other_controls: tuple[CloseControl, ...] = ()
    timing_ms: dict[str, float] = field(default_factory=dict)
    dpi: int | None = None  # the density the analysis used (given, or inferred from the image)

    def to_json(self, image: str) -> dict:
        return {"image": image, "width": self.width, "height": self.height, "dpi": self.dpi,
                "popups": [p.to_json() for p in self.popups],
                "timing_ms": {k: round(v, 2) for k, v in self.timing_ms.items()}}


@dataclass(frozen=True)
class FrameComparison:
    changed_fraction: float  # fraction of grid cells that changed
    mean_difference: float  # mean absolute grey difference (0–255)
    same: bool  # same screen, allowing animation and countdown digits
    jumped: bool  # most of the screen replaced: the app went somewhere else
