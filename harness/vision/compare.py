"""Frame comparison: same screen (despite animation and countdown digits), changed, jumped away."""

from __future__ import annotations

import cv2
import numpy as np

from .config import DEFAULT_CONFIG, VisionConfig
from .image import to_bgr, to_gray
from .types import FrameComparison


def _grid(img: np.ndarray, cols: int, rows: int) -> np.ndarray:
    g = img if img.ndim == 2 else to_gray(to_bgr(img))
    g = cv2.GaussianBlur(cv2.resize(g, (cols * 8, rows * 8), interpolation=cv2.INTER_AREA), (3, 3), 0)
    return g.astype(np.float32)


def compare_frames(a: np.ndarray, b: np.ndarray, cfg: VisionConfig = DEFAULT_CONFIG) -> FrameComparison:
    """Compare two frames of any sizes (they are brought to the same grid)."""
    cols, rows = cfg.compare_grid
    ga, gb = _grid(a, cols, rows), _grid(b, cols, rows)
    diff = np.abs(ga - gb)
    cells = diff.reshape(rows, 8, cols, 8).mean(axis=(1, 3))
    changed = float((cells > cfg.compare_cell_threshold).mean())
    # a uniform brightness shift (a scrim fading in) changes cells without changing the screen
    shift = float(np.median(ga - gb))
    cells_shifted = np.abs(ga - gb - shift).reshape(rows, 8, cols, 8).mean(axis=(1, 3))
    changed_structure = float((cells_shifted > cfg.compare_cell_threshold).mean())
    same = changed <= cfg.compare_same_max_changed
    jumped = min(changed, changed_structure) >= cfg.compare_jump_min_changed
    return FrameComparison(changed_fraction=changed, mean_difference=float(diff.mean()), same=same, jumped=jumped)


def same_screen(a: np.ndarray, b: np.ndarray, cfg: VisionConfig = DEFAULT_CONFIG) -> bool:
    return compare_frames(a, b, cfg).same


def jumped_away(before: np.ndarray, after: np.ndarray, cfg: VisionConfig = DEFAULT_CONFIG) -> bool:
    """True when most of the screen was replaced (the app opened another page/app)."""
    return compare_frames(before, after, cfg).jumped
