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
from .image import contrast_ratio, grey_percentiles, shrink, sparse_components
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
# flat indices into the normalised mask
_DIAG_A, _DIAG_B = _T * _N + _T, _T * _N + (_N - 1 - _T)
_OFF = np.array([_Q * _N + 2, _Q * _N + _N - 3, 2 * _N + _Q, (_N - 3) * _N + _Q])  # midpoints between the arms
_K3 = np.ones((3, 3), np.uint8)


def x_shape_score(mask: np.ndarray, min_cover: float = 0.0,
                  fill: tuple[float, float] = VisionConfig().x_fill) -> tuple[float, float, float]:
    """(score, diagonal cover, on-diagonal fraction), each 0–1: how much a binary component mask
    looks like an X, i.e. two covered, crossing diagonals and little else. A cover below
    `min_cover`, or strokes filling a share of the box outside `fill`, returns at once with score
    and on-diagonal fraction 0."""
    return _shape_scores([np.multiply(mask, 255, dtype=np.uint8)], min_cover, fill)[0]


def _shape_scores(masks: list[np.ndarray], min_cover: float,
                  fill_bounds: tuple[float, float]) -> list[tuple[float, float, float]]:
    """`x_shape_score` of uint8 0/255 masks, all at once on their normalised 24×24 copies (a frame
    has a few hundred stroke components: per-mask calls would cost more than the tests)."""
    out = [(0.0, 0.0, 0.0)] * len(masks)
    ks = np.array([k for k, mask in enumerate(masks) if mask.shape[0] >= 5 and mask.shape[1] >= 5
                   and 0.55 <= mask.shape[1] / mask.shape[0] <= 1.8], dtype=np.intp)
    if not ks.size:
        return out
    ms = (np.stack([cv2.resize(masks[k], (_N, _N), interpolation=cv2.INTER_AREA) for k in ks]) > 60).astype(np.uint8)
    counts = np.count_nonzero(ms, axis=(1, 2))
    # the masks stacked with a zero row and column around each: the 3×3 dilation and the distance
    # transform of the stack are those of each mask on its own
    padded = np.pad(ms, ((0, 0), (1, 1), (1, 1)))
    grown = cv2.dilate(padded.reshape(-1, _N + 2), _K3).reshape(padded.shape)[:, 1:-1, 1:-1].reshape(len(ks), -1)
    covers = np.minimum(np.count_nonzero(grown[:, _DIAG_A], axis=1), np.count_nonzero(grown[:, _DIAG_B], axis=1)) / len(_T)
    fill = counts / (_N * _N)
    filled = (fill >= fill_bounds[0]) & (fill <= fill_bounds[1])
    for k, cover in zip(ks[filled & (covers < min_cover)].tolist(), covers[filled & (covers < min_cover)].tolist()):
        out[k] = (0.0, cover, 0.0)
    full = np.flatnonzero(filled & (covers >= min_cover))
    if not full.size:
        return out
    # stroke half-width from the distance transform: bold strokes may lie farther off the diagonal
    distances = cv2.distanceTransform(padded[full].reshape(-1, _N + 2), cv2.DIST_L2, 3)
    half_width = distances.reshape(len(full), -1).max(axis=1).astype(np.float64)
    near = np.maximum(_N * 0.14, half_width + 1.0)[:, None, None] >= _DIAG_DIST
    on_diag = np.count_nonzero(near & (ms[full] > 0), axis=(1, 2)) / counts[full]
    # the two off-diagonal quadrant centres (left/right, top/bottom midpoints) must be empty
    empty = 1.0 - np.count_nonzero(grown[full][:, _OFF], axis=1) / len(_OFF)
    scores = covers[full] * on_diag * (0.5 + 0.5 * empty)
    for k, score, cover, diag in zip(ks[full].tolist(), scores.tolist(), covers[full].tolist(), on_diag.tolist()):
        out[k] = (score, cover, diag)
    return out


def _shapes(masks: list[np.ndarray], cfg: VisionConfig, min_score: float) -> list[float]:
    """The X score of each 0/255 mask, 0 when it fails a test; a cover below `min_score` fails at
    once, as the score never exceeds the cover."""
    return [0.0 if cover < cfg.x_min_diagonal_cover or on_diag < cfg.x_min_on_diagonal else score
            for score, cover, on_diag in _shape_scores(masks, max(cfg.x_min_diagonal_cover, min_score), cfg.x_fill)]


_ANGLES = np.linspace(0, 2 * np.pi, 32, endpoint=False)
_COS, _SIN = np.cos(_ANGLES), np.sin(_ANGLES)


def _enclosing_disc(gray: np.ndarray, cx: float, cy: float, half: float) -> tuple[float, float, float] | None:
    """(centre x, centre y, radius) of a disc or ring around a glyph centred near (cx, cy), or None.
    Something touching the glyph (a letter of dimmed text under it) shifts its box: the centre
    is searched up to a fifth of the glyph's half-size away, nearest first."""
    reach = max(1, int(round(0.2 * half)))
    offsets = sorted(((dx, dy) for dx in range(-reach, reach + 1) for dy in range(-reach, reach + 1)),
                     key=lambda o: o[0] ** 2 + o[1] ** 2)
    # judged in two numpy passes: the 3×3 block around the centre (where a disc usually is
    # centred), then every farther offset at once
    for batch in (offsets[:9], offsets[9:]):
        if not batch:
            break
        shifts = np.array(batch, dtype=float)
        centres_x, centres_y = cx + shifts[:, 0], cy + shifts[:, 1]
        radii = _disc_radii(gray, centres_x, centres_y, half)
        found = np.flatnonzero(~np.isnan(radii))
        if found.size:
            k = found[0]
            return float(centres_x[k]), float(centres_y[k]), float(radii[k])
    return None


def _disc_radii(gray: np.ndarray, cx: np.ndarray, cy: np.ndarray, half: float) -> np.ndarray:
    """For each centre (cx[k], cy[k]): the radius of a disc (a step at its rim) or a ring (a thin
    line) around it, or NaN. The rim must be seen all around: most sampled angles agree on the
    sign of the change. The innermost rim wins."""
    h, w = gray.shape
    radii = np.linspace(half * 1.05, half * 2.8, 18)
    xs = np.clip(np.round(cx[:, None, None] + np.outer(radii, _COS)).astype(np.intp), 0, w - 1)
    ys = np.clip(np.round(cy[:, None, None] + np.outer(radii, _SIN)).astype(np.intp), 0, h - 1)
    levels = gray[ys, xs]  # (centre, radius, angle)
    # the median of 32 grey levels: the mean of the middle two (exact in float32)
    middle = np.partition(levels, (15, 16), axis=2)
    med = (middle[..., 15].astype(np.float32) + middle[..., 16]) / 2
    rings = levels.astype(np.int16)
    out2 = np.sign(rings[:, :-2] - rings[:, 2:])  # radius i against i + 2
    in1 = np.sign(rings[:, 1:] - rings[:, :-1])  # radius i + 1 against i
    # a step between radius i and i + 2: the rim of a disc at i + 1
    step = med[:, :-2] - med[:, 2:]
    agree = np.mean(out2 == np.sign(step)[..., None], axis=2)
    disc = (np.abs(step) >= 14) & (agree >= 0.85)
    # a thin line at radius i (1 <= i < n - 2), brighter or darker than i - 1 and i + 2
    m_line, m_before, m_after = med[:, 1:-2], med[:, :-3], med[:, 3:]
    peak = np.minimum(np.abs(m_line - m_before), np.abs(m_line - m_after))
    sign = np.sign(m_line - m_before)[..., None]
    agree = np.mean((in1[:, :-2] == sign) & (out2[:, 1:] == sign), axis=2)
    ring = np.zeros_like(disc)
    ring[:, 1:] = (peak >= 14) & (sign[..., 0] == np.sign(m_line - m_after)) & (agree >= 0.8)
    # at each radius index a disc's step is tried before a ring's line: interleave, first wins
    events = np.stack([disc, ring], axis=2).reshape(len(cx), -1)
    event_radius = np.stack([radii[1:-1], radii[:-2]], axis=1).ravel()
    first = np.argmax(events, axis=1)
    return np.where(events.any(axis=1), event_radius[first], np.nan)


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
        first = _View.of(hat >= cfg.x_min_contrast)
        idx = _candidates(first, min_px, max_px, cfg.x_min_aspect)[0]
        hits += _judge(small, first, idx, polarity, s, ox, oy, max_px, cfg.x_min_score, cfg)
        # Strokes that stand out from their neighbours. Under a scrim, dimmed text or a divider
        # running into a close button (drawn undimmed) joins it into one blob; dropping every pixel
        # under half the strongest contrast within two pixels of it frees the button's strokes.
        strong = (hat >= 2 * cfg.x_min_contrast) & (hat >= cv2.dilate(hat, np.ones((5, 5), np.uint8)) >> 1)
        second = _View.of(strong)
        pieces, rows, cols = _candidates(second, min_px, max_px, 0.75)
        # the first-view component holding each piece (the strong mask lies within the first):
        # one no more than 2 px larger is the same glyph, judged there
        parents = first.stats[first.label_at(rows, cols)]
        freed = (parents[:, 2] > second.stats[pieces, 2] + 2) | (parents[:, 3] > second.stats[pieces, 3] + 2)
        # a freed piece must look like a clean X: anything else is more likely part of a word
        hits += _judge(small, second, pieces[freed], polarity, s, ox, oy, max_px, max(cfg.x_min_score, 0.9), cfg)
    return _dedupe(hits)


@dataclass(frozen=True)
class _View:
    """The stroke components of one view of the work image (see image.sparse_components)."""

    labels: np.ndarray  # over the rows that hold strokes
    stats: np.ndarray  # in work-image coordinates
    rows: np.ndarray  # the work-image row of each labels row

    @classmethod
    def of(cls, mask: np.ndarray) -> _View:
        _, labels, stats, rows = sparse_components(mask.astype(np.uint8))
        return cls(labels, stats, rows)

    def label_at(self, ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
        """Labels at work-image positions (on rows that hold strokes)."""
        return self.labels[np.searchsorted(self.rows, ys), xs]

    def masks(self, idx: np.ndarray) -> list[np.ndarray]:
        """Components `idx` over their boxes, 0/255."""
        boxes = self.stats[idx, :4].tolist()
        starts = np.searchsorted(self.rows, self.stats[idx, 1]).tolist()  # a box's rows all hold strokes
        return [cv2.compare(self.labels[r:r + h, x:x + w], i, cv2.CMP_EQ)
                for i, r, (x, _, w, h) in zip(idx.tolist(), starts, boxes)]


def _judge(small, view: _View, idx, polarity, s, ox, oy, max_px, min_score, cfg: VisionConfig) -> list[GlyphHit]:
    """The X glyphs among components `idx` of a view."""
    stats = view.stats
    masks = view.masks(idx)
    hits = []
    for i, mask, score in zip(idx, masks, _shapes(masks, cfg, min_score)):
        if score < min_score:
            continue
        x, y, w, h = stats[i, :4]
        hit = _hit(small, mask > 0, score, x, y, polarity, s, ox, oy, max_px)
        # a letter never sits alone in a disc or ring: only a bare X may be part of a word
        if hit.bbox != hit.glyph_bbox or not _is_in_text_line(stats[1:, :4], i - 1, x, y, w, h):
            hits.append(hit)
    return hits


def _candidates(view: _View, min_px: float, max_px: float,
                min_aspect: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(indices, row, column of a pixel of each) of components of a close glyph's size and
    squareness, not too sparse, whose strokes cover the middle of their box (as two crossing
    strokes do): tested on all components at once, before any is judged alone."""
    xs, ys, ws, hs, areas = view.stats[:, 0], view.stats[:, 1], view.stats[:, 2], view.stats[:, 3], view.stats[:, 4]
    long_side, short_side = np.maximum(ws, hs), np.minimum(ws, hs)
    ok = (long_side >= min_px) & (long_side <= max_px) & (short_side >= min_aspect * long_side) \
        & (areas >= 0.06 * ws * hs)
    ok[0] = False
    idx = np.flatnonzero(ok)
    # the 3×3 pixels around each box's middle (clipped to the box): does one belong to it?
    d = np.arange(-1, 2)
    rows = ys[idx, None] + np.clip(hs[idx, None] // 2 + d, 0, hs[idx, None] - 1)
    cols = xs[idx, None] + np.clip(ws[idx, None] // 2 + d, 0, ws[idx, None] - 1)
    centre = (view.label_at(rows[:, :, None], cols[:, None, :]) == idx[:, None, None]).reshape(len(idx), 9)
    on = centre.any(axis=1)
    first = np.argmax(centre[on], axis=1)  # a pixel of the component among the nine
    return idx[on], rows[on, first // 3], cols[on, first % 3]


def _hit(small, comp, score, x, y, polarity, s, ox, oy, max_px) -> GlyphHit:
    h, w = comp.shape
    stroke = grey_percentiles(small[y:y + h, x:x + w], (50,), comp.view(np.uint8))[0]  # the median
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
    around = np.ones(region.shape, np.uint8)
    around[y - y0:y - y0 + h, x - x0:x - x0 + w][cv2.dilate(comp.view(np.uint8), _K3) > 0] = 0
    return grey_percentiles(region, (50,), around if around.any() else None)[0]  # the median


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
