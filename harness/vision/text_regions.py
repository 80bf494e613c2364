"""Candidate regions for short text controls ("跳过 3", "以后再说", "No thanks"), found without OCR.

Character strokes give a strong morphological gradient; a horizontal closing joins the
characters of a line. Lines of label height and short width are kept; body-text lines are
longer and dropped. Each region may be widened to the button or pill that holds it.
"""

from __future__ import annotations

import cv2
import numpy as np

from .config import VisionConfig
from .glyphs import work_scale
from .image import shrink, sparse_components
from .types import Box


def find_text_lines(gray: np.ndarray, cfg: VisionConfig) -> list[Box]:
    """Short text-line boxes in input pixels, in no particular order."""
    s = work_scale(cfg)
    small = shrink(gray, s)
    s = small.shape[1] / gray.shape[1]
    ppd = cfg.px_per_dp * s
    grad = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    mask = (grad >= cfg.text_edge_threshold).astype(np.uint8)
    kw = max(3, int(round(4.5 * ppd)))
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (kw, 1)))
    _, _, stats, _ = sparse_components(joined)
    min_h, max_h = cfg.text_min_height_dp * ppd, cfg.text_max_height_dp * ppd
    max_w = cfg.text_max_width_dp * ppd
    x, y, w, h, area = stats[1:].T
    # an area under a fifth of the box: an outline (a pill's rim, a frame), not a text line
    keep = (min_h <= h) & (h <= max_h) & (h * 0.9 <= w) & (w <= max_w) & (area >= 0.2 * w * h)
    return [(int(bx / s), int(by / s), int(np.ceil(bw / s)), int(np.ceil(bh / s)))
            for bx, by, bw, bh in zip(x[keep], y[keep], w[keep], h[keep])]


def expand_to_container(gray: np.ndarray, box: Box, max_pad_x: int, max_pad_y: int,
                        tolerances: tuple[float, ...] = (10.0, 18.0)) -> Box:
    """Grow a text box to the button/pill around it; a strict flatness first, then a looser one
    for translucent pills over pictures."""
    for tol in tolerances:
        grown = _expand(gray, box, max_pad_x, max_pad_y, tol)
        if grown != box:
            return grown
    return box


def _expand(gray: np.ndarray, box: Box, max_pad_x: int, max_pad_y: int, tol: float) -> Box:
    """Grow a text box to the flat button/pill around it, when its rim is within the max pads (px)."""
    H, W = gray.shape
    x, y, w, h = box
    x0, y0, x1, y1 = max(0, x - 2), max(0, y - 2), min(W - 1, x + w + 1), min(H - 1, y + h + 1)
    ring = np.concatenate([gray[y0, x0:x1 + 1], gray[y1, x0:x1 + 1], gray[y0:y1 + 1, x0], gray[y0:y1 + 1, x1]])
    bg = float(np.median(ring))
    if float(np.mean(np.abs(ring.astype(np.float32) - bg) <= tol)) < 0.8:
        return box  # no flat surface right around the text

    def run(strips: np.ndarray) -> int | None:
        """strips: (n, L) lines going outward; the count of flat lines before the rim, or None."""
        if strips.size == 0:
            return None
        flat = (np.abs(strips.astype(np.float32) - bg) <= tol).mean(axis=1) >= 0.6
        if flat.all():
            return None
        return int(np.argmin(flat))

    left = run(gray[y0:y1 + 1, max(0, x0 - max_pad_x):x0][:, ::-1].T) if x0 > 0 else None
    right = run(gray[y0:y1 + 1, x1 + 1:x1 + 1 + max_pad_x].T) if x1 + 1 < W else None
    if left is None or right is None:
        return box
    xa, xb = x0 - left, x1 + right
    top = run(gray[max(0, y0 - max_pad_y):y0, xa:xb + 1][::-1]) if y0 > 0 else None
    bottom = run(gray[y1 + 1:y1 + 1 + max_pad_y, xa:xb + 1]) if y1 + 1 < H else None
    if top is None or bottom is None:
        return box
    return (xa, y0 - top, xb - xa + 1, (y1 + bottom) - (y0 - top) + 1)
