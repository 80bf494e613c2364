"""Loading and normalising input images."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np

from ..encoded import JPEG_SOI, PNG_MAGIC, image_size


class ImageError(ValueError):
    """The input is not a readable image."""


def load_image(path: str | Path) -> np.ndarray:
    """Read PNG/JPEG/WebP… as a BGR uint8 array. Raises ImageError when unreadable."""
    data = np.fromfile(str(path), dtype=np.uint8) if Path(path).is_file() else None
    if data is None:
        raise ImageError(f"cannot read {path}: no such file")
    if data.size == 0:
        raise ImageError(f"cannot read {path}: empty file")
    head = data[:8].tobytes()
    if head.startswith((PNG_MAGIC, JPEG_SOI)):  # checked before decoding: no giant or broken decode
        try:
            image_size(data.tobytes())
        except ValueError as e:
            raise ImageError(f"cannot read {path}: {e}") from None
    img = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    if img is None:
        raise ImageError(f"cannot read {path}: not a decodable image")
    return to_bgr(img)


def to_bgr(img: np.ndarray) -> np.ndarray:
    """Any uint8/uint16/float grey, BGR or BGRA array → contiguous BGR uint8."""
    if not isinstance(img, np.ndarray) or img.ndim not in (2, 3) or img.size == 0:
        raise ImageError("image must be a non-empty 2-D or 3-D array")
    if img.dtype == np.uint16:
        img = (img >> 8).astype(np.uint8)
    elif img.dtype != np.uint8:
        f = img.astype(np.float32)
        img = np.clip(f * 255.0 if f.max() <= 1.0 else f, 0, 255).astype(np.uint8)
    if img.ndim == 2:
        return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    channels = img.shape[2]
    if channels == 1:
        return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    if channels == 4:
        return cv2.cvtColor(img, cv2.COLOR_BGRA2BGR)
    if channels != 3:
        raise ImageError(f"unsupported channel count {channels}")
    return np.ascontiguousarray(img)


def to_gray(bgr: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)


def contrast_ratio(lum_a: float, lum_b: float) -> float:
    """WCAG 2 contrast ratio of two sRGB grey levels (0–255): (L1 + 0.05) / (L2 + 0.05), 1–21."""
    def rel(v: float) -> float:
        c = v / 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    la, lb = rel(lum_a), rel(lum_b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def shrink(img: np.ndarray, scale: float) -> np.ndarray:
    """Downscale by `scale` (< 1): exact 2× area steps (fast in OpenCV), then one linear step
    for the remaining factor (< 2, so little aliasing). Returns `img` itself for scale >= 1."""
    if scale >= 1.0:
        return img
    h, w = img.shape[:2]
    tw, th = max(1, int(round(w * scale))), max(1, int(round(h * scale)))
    out = img
    while out.shape[1] // 2 >= tw and out.shape[0] // 2 >= th:
        out = cv2.resize(out, (out.shape[1] // 2, out.shape[0] // 2), interpolation=cv2.INTER_AREA)
    if (out.shape[1], out.shape[0]) != (tw, th):
        out = cv2.resize(out, (tw, th), interpolation=cv2.INTER_LINEAR)
    return out


def components(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """8-connected components of a binary uint8 mask: (count with the background, labels, stats).
    16-bit labels are several times faster in OpenCV than 32-bit ones; a mask with more components
    than 16 bits can count (speckle) falls back to 32 bits."""
    try:
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_16U)
    except cv2.error:
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_32S)
    return n, labels, stats


def sparse_components(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """`components` of a binary uint8 mask labelled on its rows that hold any pixel: the same
    components, numbered alike, for less work, as UI masks leave most rows empty. Rows go in
    aligned pairs (OpenCV labels 2×2 blocks: whole pairs keep its numbering), and each run of
    empty pairs is kept as one so that no component joins across it. Returns (count with the
    background, labels of the kept rows, stats with the components' boxes in the mask's own
    coordinates (the background's row is not moved), the mask row of each labels row)."""
    H = mask.shape[0]
    filled = cv2.reduce(mask, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel() > 0
    pairs = np.append(filled, False)[:H + H % 2].reshape(-1, 2).any(axis=1)
    keep = pairs.copy()
    keep[1:] |= pairs[:-1]  # the first empty pair after a run: a gap between runs
    rows = (np.flatnonzero(keep)[:, None] * 2 + np.arange(2)).ravel()
    rows = rows[rows < H] if rows.size else np.zeros(1, np.intp)
    n, labels, stats = components(np.take(mask, rows, axis=0))
    stats[1:, 1] = rows[stats[1:, 1]]
    return n, labels, stats, rows


def grey_histogram(img: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Counts of the 256 grey levels of a uint8 image (int64), only where `mask` (uint8) is
    non-zero when one is given. Row-strided views (every other row) need no copy."""
    return cv2.calcHist([img], [0], mask, [256], [0, 256]).ravel().astype(np.int64)


def histogram_percentiles(counts: np.ndarray, qs: Sequence[float]) -> list[float]:
    """`np.percentile(values, qs)` (numpy's default linear interpolation) of the grey levels
    counted in `counts`: the same numbers, without the values themselves."""
    cum = np.cumsum(counts)
    n = int(cum[-1])
    if n == 0:
        raise ValueError("percentiles of no pixels")
    # numpy's rule: the value at the fractional rank (n - 1)·q, interpolated between neighbours;
    # all ranks looked up at once (this runs for every pop-up candidate)
    ranks = [min((n - 1) * (q / 100), n - 1) for q in qs]
    los = [int(r) for r in ranks]
    found = np.searchsorted(cum, los + [min(lo + 1, n - 1) for lo in los], side="right").tolist()
    out = []
    for i, (rank, lo) in enumerate(zip(ranks, los)):
        t = rank - lo
        a, b = found[i], found[i + len(los)]
        out.append(float(a) if t == 0 else a + (b - a) * t if t < 0.5 else b - (b - a) * (1 - t))
    return out


def grey_percentiles(img: np.ndarray, qs: Sequence[float], mask: np.ndarray | None = None) -> list[float]:
    """`np.percentile(img[mask], qs)` of a uint8 image, read from its histogram: the same
    numbers without copying or sorting the pixels. `mask`: uint8, non-zero where pixels count."""
    return histogram_percentiles(grey_histogram(img, mask), qs)
