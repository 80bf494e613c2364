"""The drawn extent of a button around a found control: the pill or box its label sits on.

A close text found by OCR has a box as tight as its letters; the button a finger hits is the
flat fill around them. Flood the fill from inside the label's box: a fill that stays bounded
within a button's largest padding is the button; one that runs on (text on an open page or a
picture) is no button, and the result is None.
"""

from __future__ import annotations

import cv2
import numpy as np

from .types import Box

#: Grey levels within which pixels count as the same fill (JPEG noise and anti-aliasing stay under).
FILL_TOLERANCE = 12


def button_extent(gray: np.ndarray, box: Box, max_pad_x: int, max_pad_y: int,
                  tolerance: int = FILL_TOLERANCE) -> Box | None:
    """The box of the flat button holding `box` (x, y, w, h) in a grey image, or None when the
    label sits on no bounded fill within `max_pad_x`/`max_pad_y` pixels of it."""
    H, W = gray.shape
    x, y, w, h = box
    if w <= 0 or h <= 0:
        return None
    inner = gray[max(0, y):min(H, y + h), max(0, x):min(W, x + w)]
    if inner.size == 0:
        return None
    fill = int(np.bincount(inner.ravel()).argmax())  # letters are thin: the commonest level is the fill
    # a window one pixel wider than the largest button: touching its rim means the fill ran on
    x0, y0 = max(0, x - max_pad_x - 1), max(0, y - max_pad_y - 1)
    x1, y1 = min(W, x + w + max_pad_x + 1), min(H, y + h + max_pad_y + 1)
    window = np.ascontiguousarray(gray[y0:y1, x0:x1])
    # seeds on the box's rim: a letter's enclosed counter (the hole of an "o") is no fill
    near = np.abs(inner.astype(np.int16) - fill) <= tolerance // 2
    rim = np.zeros_like(near)
    rim[[0, -1], :], rim[:, [0, -1]] = True, True
    ys, xs = np.nonzero(near & rim)
    if ys.size == 0:
        ys, xs = np.nonzero(near)
    if ys.size == 0:
        return None
    ox, oy = max(0, x) - x0, max(0, y) - y0
    mask = np.zeros((window.shape[0] + 2, window.shape[1] + 2), np.uint8)
    flags = 4 | cv2.FLOODFILL_FIXED_RANGE | cv2.FLOODFILL_MASK_ONLY | (255 << 8)
    for sy, sx in zip(ys[::4], xs[::4]):
        if not mask[sy + oy + 1, sx + ox + 1]:  # not reached by an earlier seed
            cv2.floodFill(window, mask, (int(sx) + ox, int(sy) + oy), 0, (tolerance,), (tolerance,), flags)
    filled = mask[1:-1, 1:-1] > 0
    rows, cols = np.nonzero(filled.any(axis=1))[0], np.nonzero(filled.any(axis=0))[0]
    fy0, fy1, fx0, fx1 = int(rows[0]), int(rows[-1]), int(cols[0]), int(cols[-1])
    ran_on = (fx0 == 0 and x0 > 0) or (fy0 == 0 and y0 > 0) or \
        (fx1 == window.shape[1] - 1 and x1 < W) or (fy1 == window.shape[0] - 1 and y1 < H)
    if ran_on:
        return None
    bx0, by0 = min(fx0 + x0, x), min(fy0 + y0, y)
    bx1, by1 = max(fx1 + x0 + 1, x + w), max(fy1 + y0 + 1, y + h)
    return bx0, by0, bx1 - bx0, by1 - by0
