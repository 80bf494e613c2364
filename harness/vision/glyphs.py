"""X-glyph detection: thin crossing diagonal strokes of any colour, on any background.

The frame is scaled so that one dp is about `glyph_px_per_dp` pixels; a white and a black
top-hat keep thin strokes brighter / darker than their neighbourhood (so a white X on a light
photo still stands out), and every stroke component of X size is tested for two covered
diagonals. A second view keeps only strokes at least half as strong as their neighbours, which
frees a close glyph from fainter strokes touching it. An X inside a disc or ring is reported
with the disc's box.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .config import VisionConfig
from .image import components, contrast_ratio, shrink
from .types import Box

_N = 24  # side of the normalised glyph mask


@dataclass(frozen=True)
class GlyphHit:
    bbox: Box  # in input pixels: the disc/ring when there is one, else the strokes
    glyph_bbox: Box  # the strokes alone
    score: float
    contrast: float  # WCAG ratio of stroke vs. surroundings
    polarity: int  # +1 bright strokes, -1 dark strokes


def _odd(n: float) -> int:
    k = max(3, int(round(n)))
    return k if k % 2 else k + 1


def work_scale(cfg: VisionConfig) -> float:
    return min(1.0, cfg.glyph_px_per_dp / cfg.px_per_dp)


_YS, _XS = np.mgrid[0:_N, 0:_N]
_DIAG_DIST = np.minimum(np.abs(_YS - _XS), np.abs(_YS + _XS - (_N - 1))) / np.sqrt(2)  # to the nearer diagonal
_T = np.round(np.linspace(0.08, 0.92, 15) * (_N - 1)).astype(int)  # samples along a diagonal
_Q = _N // 2
_OFF = (np.array([_Q, _Q, 2, _N - 3]), np.array([2, _N - 3, _Q, _Q]))  # midpoints between the arms


def x_shape_score(mask: np.ndarray, min_cover: float = 0.0) -> tuple[float, float, float]:
    """(score, diagonal cover, on-diagonal fraction), each 0–1: how much a binary component mask
    looks like an X, i.e. two covered, crossing diagonals and little else. A cover below
    `min_cover` returns at once with score and on-diagonal fraction 0."""
    h, w = mask.shape
    if h < 5 or w < 5 or not 0.55 <= w / h <= 1.8:
        return 0.0, 0.0, 0.0
    m = (cv2.resize(mask.astype(np.uint8) * 255, (_N, _N), interpolation=cv2.INTER_AREA) > 60).astype(np.uint8)
    fill = m.mean()
    if not 0.06 <= fill <= 0.7:
        return 0.0, 0.0, 0.0
    grown = cv2.dilate(m, np.ones((3, 3), np.uint8))
    cover = float(min(grown[_T, _T].mean(), grown[_T, _N - 1 - _T].mean()))
    if cover < min_cover:
        return 0.0, cover, 0.0
    # stroke half-width from the distance transform: bold strokes may lie farther off the diagonal
    padded = cv2.copyMakeBorder(m, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)
    half_width = float(cv2.distanceTransform(padded, cv2.DIST_L2, 3).max())
    on_diag = float((_DIAG_DIST[m > 0] <= max(_N * 0.14, half_width + 1.0)).mean())
    # the two off-diagonal quadrant centres (left/right, top/bottom midpoints) must be empty
    empty = 1.0 - float(grown[_OFF].mean())
    return float(cover * on_diag * (0.5 + 0.5 * empty)), cover, on_diag


def _shape(mask: np.ndarray, cfg: VisionConfig) -> float:
    score, cover, on_diag = x_shape_score(mask, cfg.x_min_diagonal_cover)
    if cover < cfg.x_min_diagonal_cover or on_diag < cfg.x_min_on_diagonal:
        return 0.0
    return score


def _enclosing_disc(gray: np.ndarray, cx: float, cy: float, half: float) -> tuple[float, float, float] | None:
    """(centre x, centre y, radius) of a disc or ring around a glyph centred near (cx, cy), or None.
    Something touching the glyph (a letter of dimmed text under it) shifts its box: the centre
    is searched up to a fifth of the glyph's half-size away, nearest first."""
    reach = max(1, int(round(0.2 * half)))
    offsets = sorted(((dx, dy) for dx in range(-reach, reach + 1) for dy in range(-reach, reach + 1)),
                     key=lambda o: o[0] ** 2 + o[1] ** 2)
    for dx, dy in offsets:
        r = _disc_radius(gray, cx + dx, cy + dy, half)
        if r is not None:
            return cx + dx, cy + dy, r
    return None


def _disc_radius(gray: np.ndarray, cx: float, cy: float, half: float) -> float | None:
    """Radius of a disc (a step at its rim) or a ring (a thin line) around (cx, cy), or None.
    The rim must be seen all around: most sampled angles agree on the sign of the change."""
    h, w = gray.shape
    angles = np.linspace(0, 2 * np.pi, 32, endpoint=False)
    radii = np.linspace(half * 1.05, half * 2.8, 18)
    xs = np.clip(np.round(cx + np.outer(radii, np.cos(angles))).astype(int), 0, w - 1)
    ys = np.clip(np.round(cy + np.outer(radii, np.sin(angles))).astype(int), 0, h - 1)
    rings = gray[ys, xs].astype(np.float32)  # (radius, angle)
    med = np.median(rings, axis=1)
    for i in range(len(radii) - 2):  # the innermost rim wins
        inner, outer = rings[i], rings[i + 2]
        step = med[i] - med[i + 2]
        if abs(step) >= 14 and np.mean(np.sign(inner - outer) == np.sign(step)) >= 0.85:
            return float(radii[i + 1])
        if i >= 1:
            line = rings[i]
            a = rings[i - 1]
            peak = min(abs(med[i] - med[i - 1]), abs(med[i] - med[i + 2]))
            sign = np.sign(med[i] - med[i - 1])
            if peak >= 14 and sign == np.sign(med[i] - med[i + 2]) and \
                    np.mean((np.sign(line - a) == sign) & (np.sign(line - rings[i + 2]) == sign)) >= 0.8:
                return float(radii[i])
    return None


def find_x_glyphs(gray: np.ndarray, cfg: VisionConfig, roi: Box | None = None) -> list[GlyphHit]:
    """All X glyphs in a grey frame (input pixels), optionally only inside `roi`."""
    H, W = gray.shape
    ox, oy = 0, 0
    if roi is not None:
        x, y, w, h = roi
        x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
        if x1 - x0 < 4 or y1 - y0 < 4:
            return []
        gray, ox, oy = gray[y0:y1, x0:x1], x0, y0
    s = work_scale(cfg)
    small = shrink(gray, s)
    s = small.shape[1] / gray.shape[1]
    ppd = cfg.px_per_dp * s
    k = _odd(cfg.x_max_stroke_dp * ppd * 1.6 + 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    min_px, max_px = cfg.x_min_dp * ppd, cfg.x_max_dp * ppd
    hits: list[GlyphHit] = []
    for polarity, op in ((1, cv2.MORPH_TOPHAT), (-1, cv2.MORPH_BLACKHAT)):
        hat = cv2.morphologyEx(small, op, kernel)
        _, labels, stats = components((hat >= cfg.x_min_contrast).astype(np.uint8))
        for i in _glyph_sized(stats, min_px, max_px, cfg.x_min_aspect):
            x, y, w, h = stats[i, :4]
            comp = labels[y:y + h, x:x + w] == i
            hits += _judge(small, comp, stats, i, polarity, s, ox, oy, max_px, cfg.x_min_score, cfg)
        # Strokes that stand out from their neighbours. Under a scrim, dimmed text or a divider
        # running into a close button (drawn undimmed) joins it into one blob; dropping every pixel
        # under half the strongest contrast within two pixels of it frees the button's strokes.
        strong = (hat >= 2 * cfg.x_min_contrast) & (hat >= cv2.dilate(hat, np.ones((5, 5), np.uint8)) >> 1)
        _, slabels, sstats = components(strong.astype(np.uint8))
        for j in _glyph_sized(sstats, min_px, max_px, 0.75):
            x, y, w, h = sstats[j, :4]
            comp = slabels[y:y + h, x:x + w] == j
            bx, by, bw, bh = stats[labels[y:y + h, x:x + w][comp][0], :4]
            if bw <= w + 2 and bh <= h + 2:
                continue  # the same glyph as in the first view, judged there
            # a freed piece must look like a clean X: anything else is more likely part of a word
            hits += _judge(small, comp, sstats, j, polarity, s, ox, oy, max_px, max(cfg.x_min_score, 0.9), cfg)
    return _dedupe(hits)


def _judge(small, comp, stats, i, polarity, s, ox, oy, max_px, min_score, cfg: VisionConfig) -> list[GlyphHit]:
    """Component i (mask `comp`) as an X glyph: [hit] or []."""
    if not _centre_on(comp) or _shape(comp, cfg) < min_score:
        return []
    x, y, w, h = stats[i, :4]
    hit = _hit(small, comp, x, y, polarity, s, ox, oy, max_px, cfg)
    # a letter never sits alone in a disc or ring: only a bare X may be part of a word
    if hit.bbox != hit.glyph_bbox or not _is_in_text_line(stats[1:, :4], i - 1, x, y, w, h):
        return [hit]
    return []


def _glyph_sized(stats: np.ndarray, min_px: float, max_px: float, min_aspect: float) -> np.ndarray:
    """Indices of components of a close glyph's size and squareness that are not too sparse."""
    ws, hs, areas = stats[:, 2], stats[:, 3], stats[:, 4]
    long_side, short_side = np.maximum(ws, hs), np.minimum(ws, hs)
    ok = (long_side >= min_px) & (long_side <= max_px) & (short_side >= min_aspect * long_side) \
        & (areas >= 0.06 * ws * hs)
    ok[0] = False
    return np.flatnonzero(ok)


def _centre_on(comp: np.ndarray) -> bool:
    """Two crossing strokes cover the middle of their box."""
    h, w = comp.shape
    cy, cx = h // 2, w // 2
    return bool(comp[max(0, cy - 1):cy + 2, max(0, cx - 1):cx + 2].any())


def _hit(small, comp, x, y, polarity, s, ox, oy, max_px, cfg: VisionConfig) -> GlyphHit:
    h, w = comp.shape
    score = _shape(comp, cfg)
    stroke = float(np.median(small[y:y + h, x:x + w][comp]))
    contrast = contrast_ratio(stroke, _ring(small, x, y, w, h, comp))
    cx, cy = x + w / 2.0, y + h / 2.0
    disc = _enclosing_disc(small, cx, cy, max(w, h) / 2.0)
    glyph_box = (int(round(x / s + ox)), int(round(y / s + oy)), int(round(w / s)), int(round(h / s)))
    if disc is not None and 2 * disc[2] <= max_px * 1.2:
        cx, cy, r = disc
        box = (int(round((cx - r) / s + ox)), int(round((cy - r) / s + oy)), int(round(2 * r / s)), int(round(2 * r / s)))
    else:
        box = glyph_box
    return GlyphHit(box, glyph_box, score, contrast, polarity)


def _ring(small: np.ndarray, x: int, y: int, w: int, h: int, comp: np.ndarray) -> float:
    """Median grey of the glyph's surroundings: its box minus the strokes, plus a thin ring."""
    H, W = small.shape
    pad = max(2, w // 4)
    x0, y0, x1, y1 = max(0, x - pad), max(0, y - pad), min(W, x + w + pad), min(H, y + h + pad)
    region = small[y0:y1, x0:x1]
    m = np.ones(region.shape, bool)
    grown = cv2.dilate(comp.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    m[y - y0:y - y0 + h, x - x0:x - x0 + w] &= ~grown
    vals = region[m]
    return float(np.median(vals)) if vals.size else float(np.median(region))


def _is_in_text_line(boxes: np.ndarray, idx: int, x: int, y: int, w: int, h: int) -> bool:
    """An 'x' letter has neighbours of similar height on its line; a close X stands alone.
    Text: one neighbour set tight against it (which may be several letters run together), or
    two letter-sized ones within a letter's width."""
    if len(boxes) < 2:
        return False
    bx, by, bw, bh = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    overlap = np.minimum(by + bh, y + h) - np.maximum(by, y)
    gap = np.maximum(bx - (x + w), x - (bx + bw))
    similar = (overlap > 0.5 * h) & (bh > 0.6 * h) & (bh < 1.6 * h) & (bw * bh > 0.1 * w * h)
    similar[idx] = False
    tight = similar & (gap < 0.3 * w)
    near = similar & (bw < 3 * w) & (gap < 1.2 * w)
    return bool(tight.any() or near.sum() >= 2)


def _dedupe(hits: list[GlyphHit]) -> list[GlyphHit]:
    from .types import box_iou
    hits = sorted(hits, key=lambda g: -g.score)
    kept: list[GlyphHit] = []
    for g in hits:
        if all(box_iou(g.bbox, k.bbox) < 0.3 and box_iou(g.glyph_bbox, k.glyph_bbox) < 0.3 for k in kept):
            kept.append(g)
    return kept
