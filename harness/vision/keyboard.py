"""The on-screen keyboard, found from its key labels: rows of single glyphs spread evenly across
the screen's width (q w e r t y u i o p), a pattern no app layout draws.

The input method's window lies above the app's windows, a dialog's scrim included: it is never
dimmed, and its "x" key is no close button. The analysis therefore treats everything from the
keyboard's top down like the navigation bar: outside the scrim test, holding no controls.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .config import VisionConfig
from .image import shrink, sparse_components

_WORK_WIDTH = 360  # px: about one px per dp on a phone in portrait


@dataclass(frozen=True)
class Keyboard:
    """Where an on-screen keyboard lies (input pixels): it spans the width down to the bottom."""

    top: int  # its top edge, a suggestion strip or a row of extra keys included
    keys_top: int  # the top of its first row of letter keys


def find_keyboard(gray: np.ndarray, cfg: VisionConfig) -> Keyboard | None:
    """The on-screen keyboard, or None when none is shown (or something covers its keys)."""
    H, W = gray.shape
    top = int(H * (1 - cfg.keyboard_max_height_frac))
    band = shrink(gray[top:], _WORK_WIDTH / W)  # only the part searched is scaled down
    s = band.shape[1] / W
    w, y_from = band.shape[1], top * s
    h = y_from + band.shape[0]
    grad = cv2.morphologyEx(band, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    mask = (grad >= cfg.text_edge_threshold).astype(np.uint8)
    _, _, stats, _ = sparse_components(mask)
    x, y, bw, bh, _area = stats[1:].T.astype(np.float64)
    # a key's label: one glyph, as tall as a line of text, not much wider than tall
    ppd = cfg.px_per_dp * s
    unit = w / 10  # a row of ten keys spans the width
    glyph = (bh >= 6 * ppd) & (bh <= 30 * ppd) & (bw <= 1.5 * bh + 2)
    cx, cy, gh = x[glyph] + bw[glyph] / 2, y[glyph] + bh[glyph] / 2, bh[glyph]
    rows = []
    for i in np.argsort(cy):
        row = next((r for r in rows if abs(cy[i] - r[0]) <= 0.3 * gh[i]), None)
        if row is None:
            rows.append((cy[i], [cx[i]]))
        else:
            row[1].append(cx[i])
    key_rows = sorted(y0 for y0, xs in rows if _evenly_spread(np.sort(np.asarray(xs)), w, cfg))
    # key rows stand a key's height apart (a row of hint digits sits closer above its letters)
    steps = [b - a for a, b in zip(key_rows, key_rows[1:]) if 0.4 * unit <= b - a <= 2.2 * unit]
    if not steps:
        return None
    pitch = float(np.median(steps))
    if h - (y_from + key_rows[-1]) > 5 * unit + cfg.nav_bar_frac * 1.6 * h:
        return None  # its lower rows are covered: a pop-up drawn over it, so it is not on top
    return Keyboard(int((y_from + _top_edge(band, key_rows[0], pitch, cfg)) / s),
                    int((y_from + key_rows[0] - 0.5 * pitch) / s))


def _top_edge(band: np.ndarray, first_row: float, pitch: float, cfg: VisionConfig) -> float:
    """The keyboard's top edge above its first row of keys: the strongest full-width step within
    two keys' height above it (the suggestion strip belongs to the keyboard), else half a key above."""
    lo, hi = int(max(2, first_row - 2.2 * pitch)), int(first_row - 0.5 * pitch)
    if hi <= lo:
        return max(0.0, first_row - 0.5 * pitch)
    rows = band.astype(np.int16)
    support = (np.abs(rows[lo:hi] - rows[lo - 2:hi - 2]) >= cfg.popup_edge_threshold).mean(axis=1)
    best = int(np.argmax(support))
    return float(lo + best - 1) if support[best] >= 0.8 else max(0.0, first_row - 0.5 * pitch)


def _evenly_spread(xs: np.ndarray, w: int, cfg: VisionConfig) -> bool:
    """At least `keyboard_min_keys` keys at one pitch (a tenth of the width, or less on a wide
    screen), nearly all gaps alike, across three quarters of the width or more. Glyphs closer than
    half the pitch are one key (two digits of a calendar's "12", a key's hint)."""
    if xs.size < cfg.keyboard_min_keys:
        return False
    gaps = np.diff(xs)
    pitch = float(np.median(gaps[gaps > 0.02 * w])) if (gaps > 0.02 * w).any() else 0.0
    gaps = gaps[gaps > 0.5 * pitch]
    if gaps.size < cfg.keyboard_min_keys - 1:
        return False
    pitch = float(np.median(gaps))
    alike = np.mean(np.abs(gaps - pitch) <= 0.15 * pitch)  # keys are laid out on a grid
    return 0.05 * w <= pitch <= 0.12 * w and alike >= 0.8 and xs[-1] - xs[0] >= 0.75 * w
