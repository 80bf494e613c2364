"""What changed since a reference frame (the screen a moment before), for the pop-up verdict.

A pop-up is what appeared over the reference: its own region changed, while the rest stayed or
was darkened by a scrim. A region that is pixel-for-pixel what it was while the rest of the
screen changed its content (a bottom tab bar or a toolbar across a page change or a scroll) is
the app's persistent layout, never a pop-up. Both frames are compared at a small common size;
the outside's change is measured after removing a uniform darkening (a scrim is a blend towards
black: now ≈ k · before).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .config import VisionConfig
from .image import shrink
from .types import Box

#: Width of the comparison images (px); a tab bar of 56 dp is still ~14 rows at this size.
WORK_WIDTH = 180


@dataclass(frozen=True)
class ChangeMap:
    now: np.ndarray  # float32 grey, WORK_WIDTH wide
    before: np.ndarray
    scale: float  # work px per input px
    cfg: VisionConfig

    @classmethod
    def of(cls, gray: np.ndarray, ref_gray: np.ndarray, cfg: VisionConfig) -> ChangeMap | None:
        """None when the reference cannot be compared (too small, or another aspect ratio)."""
        H, W = gray.shape
        rh, rw = ref_gray.shape
        if rw < 16 or rh < 16 or abs(rh / rw - H / W) > 0.02 * H / W:
            return None
        s = WORK_WIDTH / W
        size = (WORK_WIDTH, max(16, int(round(H * s))))

        def small(g: np.ndarray) -> np.ndarray:
            return cv2.resize(shrink(g, WORK_WIDTH / g.shape[1]), size, interpolation=cv2.INTER_AREA).astype(np.float32)

        return cls(small(gray), small(ref_gray), s, cfg)

    def _mask(self, box: Box) -> tuple[slice, slice]:
        x, y, w, h = box
        s = self.scale
        Hs, Ws = self.now.shape
        x0, y0 = max(0, int(x * s)), max(0, int(y * s))
        x1, y1 = min(Ws, int(np.ceil((x + w) * s))), min(Hs, int(np.ceil((y + h) * s)))
        return slice(y0, y1), slice(x0, x1)

    def unchanged_inside(self, box: Box) -> float:
        """Fraction of the box's pixels within `ref_pixel_step` grey levels of the reference."""
        ys, xs = self._mask(box)
        d = np.abs(self.now[ys, xs] - self.before[ys, xs])
        return float((d <= self.cfg.ref_pixel_step).mean()) if d.size else 0.0

    def changed_outside(self, box: Box) -> float:
        """Fraction of the pixels outside the box (status bar excluded) whose content changed,
        a uniform darkening (a scrim) discounted."""
        Hs = self.now.shape[0]
        out = np.ones(self.now.shape, bool)
        out[:int(Hs * self.cfg.status_bar_frac) + 1] = False
        ys, xs = self._mask(box)
        out[ys, xs] = False
        if out.sum() < 0.1 * out.size:
            return 0.0
        a, b = self.now[out], self.before[out]
        k = float(a.mean()) / max(1.0, float(b.mean()))
        k = min(1.0, k)  # a scrim darkens; anything brighter is a change of content
        return float((np.abs(a - k * b) > 2 * self.cfg.ref_pixel_step).mean())

    def is_persistent_layout(self, box: Box) -> bool:
        """The box shows what it showed before while the rest of the screen changed content."""
        return (self.unchanged_inside(box) >= self.cfg.ref_unchanged_frac
                and self.changed_outside(box) >= self.cfg.ref_outside_changed_frac)
