"""X-glyph detection: thin crossing diagonal strokes of any colour, on any background.

The frame is scaled so that one dp is about `glyph_px_per_dp` pixels; a white and a black
top-hat keep thin strokes brighter / darker than their neighbourhood (so a white X on a light
photo still stands out), and every stroke component of X size is tested for two covered
diagonals. An X inside a disc or ring is reported with the disc's box.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .config import VisionConfig
from .image import contrast_ratio, shrink
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


def x_shape_score(mask: np.ndarray) -> tuple[float, float, float]:
    """(score, diagonal cover, on-diagonal fraction), each 0–1: how much a binary component mask
    looks like an X, i.e. two covered, crossing diagonals and little else."""
    h, w = mask.shape
    if h < 5 or w < 5 or not 0.55 <= w / h <= 1.8:
        return 0.0, 0.0, 0.0
    m = cv2.resize(mask.astype(np.uint8) * 255, (_N, _N), interpolation=cv2.INTER_AREA) > 60
    fill = m.mean()
    if not 0.06 <= fill <= 0.7:
        return 0.0, 0.0, 0.0
    # stroke half-width from the distance transform: bold strokes may lie farther off the diagonal
    half_width = float(cv2.distanceTransform(np.pad(m, 1).astype(np.uint8), cv2.DIST_L2, 3).max())
    ys, xs = np.nonzero(m)
    d1 = np.abs(ys - xs) / np.sqrt(2)
    d2 = np.abs(ys + xs - (_N - 1)) / np.sqrt(2)
    on_diag = float((np.minimum(d1, d2) <= max(_N * 0.14, half_width + 1.0)).mean())
    grown = cv2.dilate(m.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    t = np.linspace(0.08, 0.92, 15) * (_N - 1)
    ti = np.round(t).astype(int)
    cov1 = float(grown[ti, ti].mean())
    cov2 = float(grown[ti, _N - 1 - ti].mean())
    # the two off-diagonal quadrant centres (left/right, top/bottom midpoints) must be empty
    q = _N // 2
    off = [grown[q, 2], grown[q, _N - 3], grown[2, q], grown[_N - 3, q]]
    empty = 1.0 - float(np.mean(off))
    return float(min(cov1, cov2) * on_diag * (0.5 + 0.5 * empty)), min(cov1, cov2), on_diag


def _shape(mask: np.ndarray, cfg: VisionConfig) -> float:
    score, cover, on_diag = x_shape_score(mask)
    if cover < cfg.x_min_diagonal_cover or on_diag < cfg.x_min_on_diagonal:
        return 0.0
    return score


def _enclosing_disc(gray: np.ndarray, cx: float, cy: float, half: float) -> float | None:
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
        mask = (hat >= cfg.x_min_contrast).astype(np.uint8)
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        boxes = stats[1:, :4]
        ws, hs, areas = stats[:, 2], stats[:, 3], stats[:, 4]
        long_side, short_side = np.maximum(ws, hs), np.minimum(ws, hs)
        plausible = (long_side >= min_px) & (areas >= 0.06 * ws * hs) & (long_side <= 2.5 * max_px) \
            & (long_side <= 2.5 * short_side)
        plausible[0] = False
        glyph_sized = (long_side <= max_px) & (short_side >= cfg.x_min_aspect * long_side)
        for i in np.flatnonzero(plausible):
            x, y, w, h, _area = stats[i]
            if glyph_sized[i]:
                comp = labels[y:y + h, x:x + w] == i
                cy, cx = h // 2, w // 2
                if comp[max(0, cy - 1):cy + 2, max(0, cx - 1):cx + 2].any() and _shape(comp, cfg) >= cfg.x_min_score:
                    hit = _hit(small, comp, x, y, polarity, s, ox, oy, max_px, cfg)
                    # a letter never sits alone in a disc or ring: only a bare X may be part of a word
                    if hit.bbox != hit.glyph_bbox or not _is_in_text_line(boxes, i - 1, x, y, w, h):
                        hits.append(hit)
                    continue
            # a strong X touching fainter strokes (dimmed text under a scrim): split at a higher level
            if cv2.minMaxLoc(hat[y:y + h, x:x + w])[1] < 4 * cfg.x_min_contrast:
                continue
            for hit in _split(small, hat, labels, i, (x, y, w, h), polarity, s, ox, oy, min_px, max_px, cfg):
                gx, gy, gw, gh = (int(v * s) for v in hit.glyph_bbox)
                if not _is_in_text_line(boxes, i - 1, gx - int(ox * s), gy - int(oy * s), gw, gh):
                    hits.append(hit)
    return _dedupe(hits)


def _hit(small, comp, x, y, polarity, s, ox, oy, max_px, cfg: VisionConfig) -> GlyphHit:
    h, w = comp.shape
    score = _shape(comp, cfg)
    stroke = float(np.median(small[y:y + h, x:x + w][comp]))
    contrast = contrast_ratio(stroke, _ring(small, x, y, w, h, comp))
    cx, cy = x + w / 2.0, y + h / 2.0
    r = _enclosing_disc(small, cx, cy, max(w, h) / 2.0)
    glyph_box = (int(round(x / s + ox)), int(round(y / s + oy)), int(round(w / s)), int(round(h / s)))
    if r is not None and 2 * r <= max_px * 1.2:
        box = (int(round((cx - r) / s + ox)), int(round((cy - r) / s + oy)), int(round(2 * r / s)), int(round(2 * r / s)))
    else:
        box = glyph_box
    return GlyphHit(box, glyph_box, score, contrast, polarity)


def _split(small, hat, labels, i, bbox, polarity, s, ox, oy, min_px, max_px, cfg: VisionConfig) -> list[GlyphHit]:
    x, y, w, h = bbox
    region = np.where(labels[y:y + h, x:x + w] == i, hat[y:y + h, x:x + w], 0)
    top = float(region.max())
    out: list[GlyphHit] = []
    if top < 4 * cfg.x_min_contrast:
        return out
    on = region[region > 0]
    if float(np.mean(on >= 0.5 * top)) > 0.5:
        return out  # evenly strong strokes (a word): nothing stands out to split off
    for level in (0.5 * top, 0.7 * top):
        n, lab, st, _ = cv2.connectedComponentsWithStats((region >= level).astype(np.uint8), connectivity=8)
        for j in range(1, n):
            a, b, ww, hh, area = st[j]
            if not (min_px <= max(ww, hh) <= max_px and min(ww, hh) >= 0.75 * max(ww, hh)):
                continue
            comp = lab[b:b + hh, a:a + ww] == j
            if _shape(comp, cfg) >= max(cfg.x_min_score, 0.9) and not _is_in_text_line(st[1:, :4], j - 1, a, b, ww, hh):
                out.append(_hit(small, comp, x + a, y + b, polarity, s, ox, oy, max_px, cfg))
        if out:
            break
    return out


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
    Text: one neighbour set tight against it, or two within a letter's width."""
    if len(boxes) < 2:
        return False
    bx, by, bw, bh = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    overlap = np.minimum(by + bh, y + h) - np.maximum(by, y)
    gap = np.maximum(bx - (x + w), x - (bx + bw))
    similar = (overlap > 0.5 * h) & (bh > 0.6 * h) & (bh < 1.6 * h) & (bw < 3 * w) & (bw * bh > 0.1 * w * h)
    similar[idx] = False
    tight = similar & (gap < 0.3 * w)
    near = similar & (gap < 1.2 * w)
    return bool(tight.any() or near.sum() >= 2)


def _dedupe(hits: list[GlyphHit]) -> list[GlyphHit]:
    from .types import box_iou
    hits = sorted(hits, key=lambda g: -g.score)
    kept: list[GlyphHit] = []
    for g in hits:
        if all(box_iou(g.bbox, k.bbox) < 0.3 and box_iou(g.glyph_bbox, k.glyph_bbox) < 0.3 for k in kept):
            kept.append(g)
    return kept
