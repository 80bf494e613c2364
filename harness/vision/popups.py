"""Pop-up (card / bottom-sheet) detection from one frame, optionally with a reference frame.

Works on a small grey copy of the frame. Long straight horizontal and vertical steps are
found with a line-shaped morphological opening; pairs of horizontal steps with vertical
support at both ends make card candidates, and a full-width step low on the screen makes a
bottom-sheet candidate. A candidate scores by how much of its perimeter shows the step, how
consistently its inside differs from its outside, and how dimmed the rest of the screen is
(a scrim): the outside's brightest pixels stay below the card's brightness, or, with a
reference frame, the outside is a darkened copy of what was there before.
Toasts and snackbars are too low, in-layout banners are not dimmed around and have content
below them; a list of similar cards is a layout, not a pop-up.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from .config import VisionConfig
from .image import components, grey_histogram, grey_percentiles, histogram_percentiles, shrink
from .keyboard import Keyboard
from .types import Box, PopupKind


@dataclass(frozen=True)
class Surround:
    """Grey-level statistics of the screen around a candidate (status and navigation bars left out)."""

    p2: float = 0.0
    p98: float = 0.0
    hi: float = 0.0  # 99.9th percentile brightness (max channel)
    above_p98: float = 0.0  # the part above the card alone (0: none)
    below_p98: float = 0.0  # the part below it alone (0: none)
    ref_dimmed: bool = False  # a darkened copy of the reference frame


@dataclass(frozen=True)
class CardCandidate:
    bbox: Box  # input pixels
    kind: PopupKind
    score: float
    edge_support: float
    consistency: float
    dim: float
    brightness: float = 0.0  # 98th percentile grey inside the card
    # what the scores were made of, for the learned verifier (harness/vision/verifier.py)
    lum: float = 0.0  # 60th percentile grey inside the card
    low: float = 0.0  # 2nd percentile grey inside the card
    flat: float = 0.0  # fraction of the card within a few grey levels of its median (a plain surface)
    around: Surround = Surround()
    twins: int = 0  # same-width cards stacked above or below it (a list)

    @property
    def undimmed_sheet(self) -> bool:
        """A panel at the screen's foot with no scrim above it: layout, unless it has its own closer."""
        return self.kind == "bottom_sheet" and self.dim < 0.5


def _segments(mask: np.ndarray, min_len: int) -> list[tuple[int, int, int]]:
    """Long horizontal runs in a binary step mask: (start column, end column, row)."""
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (min_len, 1))
    # a step that wanders between two adjacent rows still makes one run, and so does one with
    # short breaks (a keyboard's key gaps or a list's dividers meeting a card's edge)
    joined = cv2.morphologyEx(cv2.dilate(mask, np.ones((3, 1), np.uint8)), cv2.MORPH_CLOSE, np.ones((1, 3), np.uint8))
    opened = cv2.morphologyEx(joined, cv2.MORPH_OPEN, k)
    _, labels, stats = components(opened)
    segs = []
    for i, (x, y, w, h, _a) in enumerate(stats[1:], start=1):
        # a run's row is its fullest one, the middle of equally full rows (the dilation across
        # makes three): runs joined across rows (an edge with text just under it) keep the edge's place
        counts = np.count_nonzero(labels[y:y + h, x:x + w] == i, axis=1)
        row = y + int(np.flatnonzero(counts >= 0.9 * counts.max()).mean())
        segs.append((int(x), int(x + w - 1), row))
    return segs


def _support(hcum: np.ndarray, y: int, a: int, b: int) -> float:
    """Fraction of columns a..b of row y of a horizontal-step map dilated across the line by
    ±2 px (given as its running sums along rows, `hcum`), i.e. how much of the line shows the step."""
    a, b = max(0, a), min(hcum.shape[1] - 1, b)
    if b <= a:
        return 0.0
    return float(hcum[y, b] - hcum[y, a]) / (b - a)


def _side_samples(g: np.ndarray, x0: int, y0: int, x1: int, y1: int, sides: str, d: int = 3):
    """Inner and outer grey samples along the requested sides (t, b, l, r) of a box."""
    H, W = g.shape
    inner, outer = [], []
    mx, my = max(2, (x1 - x0) // 10), max(2, (y1 - y0) // 10)  # skip rounded corners
    if "t" in sides and y0 - d >= 0:
        inner.append(g[min(H - 1, y0 + d), x0 + mx:x1 - mx])
        outer.append(g[y0 - d, x0 + mx:x1 - mx])
    if "b" in sides and y1 + d < H:
        inner.append(g[y1 - d, x0 + mx:x1 - mx])
        outer.append(g[y1 + d, x0 + mx:x1 - mx])
    if "l" in sides and x0 - d >= 0:
        inner.append(g[y0 + my:y1 - my, min(W - 1, x0 + d)])
        outer.append(g[y0 + my:y1 - my, x0 - d])
    if "r" in sides and x1 + d < W:
        inner.append(g[y0 + my:y1 - my, x1 - d])
        outer.append(g[y0 + my:y1 - my, x1 + d])
    if not inner:
        return np.zeros(0, np.float32), np.zeros(0, np.float32)
    return (np.concatenate(inner).astype(np.float32), np.concatenate(outer).astype(np.float32))


class _RowHistograms:
    """Grey-level histograms of every fourth row of a uint8 image between `top` and `bottom`,
    cumulated over rows: the histogram of any band of those rows, or of a rectangle on them,
    without gathering pixels (each candidate's surround is measured this way)."""

    STEP = 4  # a quarter of the rows is plenty for a surround's statistics

    def __init__(self, img: np.ndarray, top: int, bottom: int) -> None:
        rows = img[top:bottom:self.STEP]
        n = rows.shape[0]
        per_row = np.bincount((np.arange(n, dtype=np.int64)[:, None] * 256 + rows).ravel(),
                              minlength=n * 256).reshape(n, 256)
        self.cum = np.vstack([np.zeros((1, 256), np.int64), np.cumsum(per_row, axis=0)])
        self.img, self.top, self.n = img, top, n

    def _index(self, y: int) -> int:
        """Index of the first counted row at or below y."""
        return min(max(0, -(-(int(y) - self.top) // self.STEP)), self.n)

    def band(self, y0: int, y1: int) -> np.ndarray:
        """Counts of the counted rows in [y0, y1)."""
        return self.cum[self._index(y1)] - self.cum[self._index(y0)]

    def rect(self, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
        """Counts of the counted rows in [y0, y1) between columns [x0, x1)."""
        i0, i1 = self._index(y0), self._index(y1)
        x0, x1 = max(0, x0), min(self.img.shape[1], x1)
        if i1 <= i0 or x1 <= x0:
            return np.zeros(256, np.int64)
        return grey_histogram(self.img[self.top + self.STEP * i0:self.top + self.STEP * i1:self.STEP, x0:x1])


def _minus(r: tuple[int, int, int, int], box: tuple[int, int, int, int]) -> list[tuple[int, int, int, int]]:
    """Rectangle r = (x0, y0, x1, y1), exclusive ends, minus box: up to four rectangles."""
    x0, y0, x1, y1 = r
    bx0, by0, bx1, by1 = box
    if x1 <= bx0 or bx1 <= x0 or y1 <= by0 or by1 <= y0:
        return [r]
    out = [(x0, y0, x1, by0), (x0, by1, x1, y1), (x0, max(y0, by0), bx0, min(y1, by1)), (bx1, max(y0, by0), x1, min(y1, by1))]
    return [q for q in out if q[2] > q[0] and q[3] > q[1]]


@dataclass(frozen=True)
class _Frame:
    """The small frame the candidates are measured on."""

    g: np.ndarray  # grey
    v: np.ndarray  # brightness (max channel: a saturated orange is bright though its grey is not)
    ref: np.ndarray | None  # the reference frame's grey, same size
    g_rows: _RowHistograms
    v_rows: _RowHistograms
    top: int  # below the status bar
    bottom: int  # above the navigation bar
    exclude: list[tuple[int, int, int, int]]  # the close glyphs found (x0, y0, x1, y1), kept out of the surround


def _dim_score(f: _Frame, x0: int, y0: int, x1: int, y1: int, card_lum: float, card_hi: float, card_top: float,
               cfg: VisionConfig) -> tuple[float, Surround]:
    """0–1 evidence of a scrim around the box, and what it was measured on."""
    H, W = f.g.shape
    top, bottom = f.top, f.bottom
    card = (x0, y0, x1 + 1, y1 + 1)
    ya, yb = max(top, y0), min(bottom, y1 + 1)
    # outside = the bands above and below the card, the strips beside it, less the close glyphs
    # (the pop-up's own close button may sit just outside it, bright on the scrim)
    pieces = [(0, top, W, ya), (0, max(ya, yb), W, bottom), (0, ya, x0, yb), (x1 + 1, ya, W, yb)]
    dropped = [q for e in f.exclude for q in _minus(e, card)]

    def counts(rows: _RowHistograms) -> np.ndarray:
        c = rows.band(*pieces[0][1::2]) + rows.band(*pieces[1][1::2])
        c = c + rows.rect(*pieces[2]) + rows.rect(*pieces[3])
        for q in dropped:
            c = c - rows.rect(*q)
        return np.maximum(c, 0)

    g_counts = counts(f.g_rows)
    if _RowHistograms.STEP * int(g_counts.sum()) < cfg.popup_min_outside_frac * H * W:
        return 0.0, Surround()  # too little outside to judge a scrim
    p2, p98 = histogram_percentiles(g_counts, (2, 98))
    hi = histogram_percentiles(counts(f.v_rows), (99.9,))[0]

    def band_p98(c: np.ndarray) -> float:
        return histogram_percentiles(c, (98,))[0] if _RowHistograms.STEP * c.sum() > 0.02 * H * W else 0.0

    around = Surround(p2, p98, hi, band_p98(f.g_rows.band(top, y0)), band_p98(f.g_rows.band(y1 + 1, bottom)))
    if f.ref is not None:
        sel = np.zeros((H, W), bool)
        sel[top:bottom:_RowHistograms.STEP] = True
        sel[y0:y1 + 1, x0:x1 + 1] = False
        vals, before = f.g[sel].astype(np.float32), f.ref[sel].astype(np.float32)
        mb = float(before.mean())
        if mb > 20:
            ratio = float(vals.mean()) / mb
            corr = float(np.corrcoef(vals[::7], before[::7])[0, 1]) if before[::7].std() > 2 else 0.0
            if ratio <= cfg.popup_ref_dim_ratio and (corr > 0.5 or vals.std() < 0.5 * before.std()):
                return 1.0, replace(around, ref_dimmed=True)
    # any theme: a scrim caps the outside's highlights (white text or backgrounds) well below white
    capped = min(1.0, max(0.0, (cfg.scrim_max_highlight - hi) / 25.0)) * float(card_top > hi + 15)
    if card_lum < 110 or card_top <= hi:
        return capped, around  # not a light surface, or something outside is as bright as the card's brightest
    # light surface: everything outside stays below the card's own highlights
    light = float(np.clip((card_hi * cfg.popup_dim_ratio - p98) / (card_hi * 0.15), 0.0, 1.0))
    return max(capped, light), around


def find_cards(gray: np.ndarray, cfg: VisionConfig, ref_gray: np.ndarray | None = None,
               bgr: np.ndarray | None = None, controls: list[Box] | None = None,
               keyboard: Keyboard | None = None) -> list[CardCandidate]:
    """Card and bottom-sheet candidates with their scores (input pixels), see `CardFinder`."""
    return CardFinder(gray, cfg, ref_gray, bgr, controls, keyboard).cards()


class CardFinder:
    """Card and bottom-sheet candidates of one frame, measured on a small copy of it. `bgr`, when
    given, lets colour edges count (a picture card over a grey scrim of the same brightness);
    `controls` (boxes of close glyphs already found) are left out of the scrim statistics, and so
    is an on-screen `keyboard`: no scrim dims it, and its keys' edges are no card's."""

    def __init__(self, gray: np.ndarray, cfg: VisionConfig, ref_gray: np.ndarray | None = None,
                 bgr: np.ndarray | None = None, controls: list[Box] | None = None,
                 keyboard: Keyboard | None = None) -> None:
        self._prepare(gray, cfg, ref_gray, bgr, controls or [], keyboard)

    def _prepare(self, gray, cfg, ref_gray, bgr, controls, keyboard) -> None:
        H, W = gray.shape
        s = cfg.popup_work_width / W
        w, h = cfg.popup_work_width, max(8, int(round(H * s)))
        small_bgr = cv2.resize(shrink(bgr, s), (w, h)) if bgr is not None else None
        g = cv2.cvtColor(small_bgr, cv2.COLOR_BGR2GRAY) if small_bgr is not None else cv2.resize(shrink(gray, s), (w, h))
        v = cv2.max(cv2.max(small_bgr[:, :, 0], small_bgr[:, :, 1]), small_bgr[:, :, 2]) if small_bgr is not None else g
        ref = None
        if ref_gray is not None and ref_gray.shape[0] > 8 and ref_gray.shape[1] > 8:
            ref = cv2.resize(shrink(ref_gray, w / ref_gray.shape[1]), (w, h))
        top, bottom = int(h * cfg.status_bar_frac), int(h * (1 - cfg.nav_bar_frac))
        if keyboard is not None:
            bottom = max(top + 1, min(bottom, int(keyboard.top * s)))
        exclude = [(int(b[0] * s), int(b[1] * s), int(np.ceil((b[0] + b[2]) * s)) + 1, int(np.ceil((b[1] + b[3]) * s)) + 1)
                   for b in controls]
        frame = _Frame(g, v, ref, _RowHistograms(g, top, bottom), _RowHistograms(v, top, bottom), top, bottom, exclude)
        src = small_bgr if small_bgr is not None else g
        # steps across rows / columns (2-px apart), the largest over the colour channels
        dy_full = np.zeros(src.shape, np.uint8)
        dx_full = np.zeros(src.shape, np.uint8)
        dy_full[1:-1] = cv2.absdiff(src[2:], src[:-2])
        dx_full[:, 1:-1] = cv2.absdiff(src[:, 2:], src[:, :-2])
        if src.ndim == 3:
            dy_full = cv2.max(cv2.max(dy_full[:, :, 0], dy_full[:, :, 1]), dy_full[:, :, 2])
            dx_full = cv2.max(cv2.max(dx_full[:, :, 0], dx_full[:, :, 1]), dx_full[:, :, 2])
        hstep = (dy_full >= cfg.popup_edge_threshold).astype(np.uint8)
        vstep = (dx_full >= cfg.popup_edge_threshold).astype(np.uint8)
        # running sums: the support of any row or column stretch is then two look-ups
        # (from OpenCV's integral images: rows of one, columns of the other, differenced)
        h_int = cv2.integral(cv2.dilate(hstep, np.ones((5, 1), np.uint8)), sdepth=cv2.CV_32S)
        v_int = cv2.integral(cv2.dilate(vstep, np.ones((1, 5), np.uint8)), sdepth=cv2.CV_32S)
        hcum, vcum = h_int[1:] - h_int[:-1], v_int[:, 1:] - v_int[:, :-1]
        self.cfg, self.H, self.s, self.w, self.h = cfg, H, s, w, h
        self.floor = int(keyboard.keys_top * s) if keyboard is not None else h
        self.frame, self.hstep, self.hcum, self.vcum = frame, hstep, hcum, vcum

    def cards(self) -> list[CardCandidate]:
        """Pairs of horizontal steps with vertical support at both ends (floating cards), and
        full-width steps low on the screen (bottom sheets)."""
        cfg, H, s, w, h = self.cfg, self.H, self.s, self.w, self.h
        frame, hstep, hcum, vcum = self.frame, self.hstep, self.hcum, self.vcum
        # a dialog's width follows the phone's short side: in landscape it spans less of the width
        min_w = cfg.popup_min_width_frac * min(w, h)
        hsegs = _segments(hstep, max(8, int(min_w * 0.6)))
        top_limit = int(h * cfg.status_bar_frac)
        # an edge among the keyboard's keys is one of its rows
        hsegs = [sg for sg in hsegs if top_limit < sg[2] < self.floor]
        min_h, max_h = cfg.popup_min_height_frac * h, cfg.popup_max_height_frac * h
        tol = int(0.08 * w)
        out: list[CardCandidate] = []
        boxes: list[tuple[float, int, int, int, int]] = []

        # floating cards: a top and a bottom step that overlap (a side may vanish against a similar
        # background), with vertical support searched near both ends
        for t in hsegs:
            for b in hsegs:
                if not (min_h <= b[2] - t[2] <= max_h):
                    continue
                u0, u1 = min(t[0], b[0]), max(t[1], b[1])
                i0, i1 = max(t[0], b[0]), min(t[1], b[1])
                if i1 - i0 < 0.5 * (u1 - u0):
                    continue
                y0, y1 = t[2], b[2]
                lo, hi = y0 + (y1 - y0) // 8, y1 - (y1 - y0) // 8
                # the sides near the wider run's ends, and near the narrower one's: a card's edge
                # may run on into a wider edge just behind it (a page's own card under a dialog)
                for e0, e1 in [(u0, u1)] + ([(i0, i1)] if max(i0 - u0, u1 - i1) > tol else []):
                    x0, ls = _best_column(vcum, e0, tol, lo, hi, w, -1)
                    x1, rs = _best_column(vcum, e1, tol, lo, hi, w, +1)
                    if (x1 - x0) < min_w or x0 <= 1 or x1 >= w - 2:
                        continue
                    ts = _support(hcum, y0, x0 + (x1 - x0) // 8, x1 - (x1 - x0) // 8)
                    bs = _support(hcum, y1, x0 + (x1 - x0) // 8, x1 - (x1 - x0) // 8)
                    support = (ts + bs + ls + rs) / 4
                    if support >= cfg.popup_min_edge_support:
                        boxes.append((support, x0, y0, x1, y1))
        # score only the best-supported distinct boxes (the scrim test reads the whole frame)
        boxes.sort(key=lambda b: -b[0])
        seen: list[tuple[int, int, int, int]] = []
        for support, x0, y0, x1, y1 in boxes:
            if any(abs(x0 - a) + abs(y0 - b) + abs(x1 - c) + abs(y1 - d) < 8 for a, b, c, d in seen):
                continue
            seen.append((x0, y0, x1, y1))
            out.append(_score(frame, x0, y0, x1, y1, "dialog", support, "tblr", cfg, s))
            if len(seen) >= cfg.popup_max_candidates:
                break

        # bottom sheets: a full-width step with nothing full-width below it but the navigation bar
        # (part of the top edge may vanish against content of the same colour: a long run that spans
        # the middle is enough when the whole width then shows enough step)
        for t in hsegs:
            if t[1] - t[0] < 0.6 * w or t[0] > 0.4 * w or t[1] < 0.6 * w:
                continue
            y0 = t[2]
            if not (cfg.popup_min_height_frac * h <= h - y0 <= cfg.sheet_max_height_frac * h):
                continue
            nav = h * (1 - cfg.nav_bar_frac * 1.6)
            inner_long = [o for o in hsegs if y0 + 4 < o[2] < nav and o[1] - o[0] > 0.5 * w]
            support = _support(hcum, y0, int(0.1 * w), int(0.9 * w))
            if support < cfg.popup_min_edge_support:
                continue
            # a sheet spans the screen edge to edge (its rounded corners bend away only in the outer
            # few per cent); a button or card with side margins does not
            ends = min(_support(hcum, y0, int(0.04 * w), int(0.08 * w)), _support(hcum, y0, int(0.92 * w), int(0.96 * w)))
            if ends < cfg.sheet_min_end_support:
                continue
            depth = max(4, int(0.3 * (h - y0)))
            band = int(0.075 * w)
            sides = [_best_column(vcum, x, band, y0 + 4, y0 + depth, w, o)[1] for x, o in ((band, -1), (w - 1 - band, 1))]
            if min(sides) >= 0.5:
                continue  # vertical rims going down near both screen edges: a card, not an edge-to-edge sheet
            cand = _score(frame, 0, y0, w - 1, h - 1, "bottom_sheet", support, "t", cfg, s)
            if inner_long and cand.dim < 0.5:
                continue  # the top of an in-layout block (a banner) with more layout below it
            out.append(cand)
        return _suppress_layouts(_nms(out), cfg, H)


    def around(self, boxes: list[Box]) -> list[CardCandidate]:
        """Cards grown from close controls (input pixels): the flat surface right beside a control,
        flood-filled, is the card that holds it, even when the card's rim fades into the scrim or
        its edges run into content of the same brightness."""
        cfg, s, w, h, f = self.cfg, self.s, self.w, self.h, self.frame
        min_w = cfg.popup_min_width_frac * min(w, h)
        min_h, max_h = cfg.popup_min_height_frac * h, cfg.popup_max_height_frac * h
        tol = (cfg.card_fill_tolerance,) * 3
        flags = 4 | cv2.FLOODFILL_MASK_ONLY | cv2.FLOODFILL_FIXED_RANGE | (1 << 8)
        out: list[CardCandidate] = []
        seen: list[tuple[int, int, int, int]] = []
        for bx, by, bw, bh in boxes:
            x0, y0 = int(bx * s), int(by * s)
            x1, y1 = int(np.ceil((bx + bw) * s)), int(np.ceil((by + bh) * s))
            cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
            for px, py in ((cx, y0 - 3), (cx, y1 + 2), (x0 - 3, cy), (x1 + 2, cy)):
                if not (0 <= px < w and f.top <= py < f.bottom):
                    continue
                mask = np.zeros((h + 2, w + 2), np.uint8)
                cv2.floodFill(f.g, mask, (px, py), 0, tol, tol, flags)
                rx, ry, rw, rh = cv2.boundingRect(mask[1:-1, 1:-1])
                if rw < min_w or not min_h <= rh <= max_h or ry <= f.top + 2:
                    continue
                full_width, at_foot = rx <= 1 and rx + rw >= w - 2, ry + rh >= f.bottom - 2
                if (rx <= 1 or rx + rw >= w - 2) and not (full_width and at_foot):
                    continue  # a band or column of the layout, not a floating card or a sheet
                if any(abs(rx - a) + abs(ry - b) + abs(rw - c) + abs(rh - d) < 8 for a, b, c, d in seen):
                    continue
                seen.append((rx, ry, rw, rh))
                xa, ya, xb, yb = rx, ry, rx + rw - 1, ry + rh - 1
                if full_width:
                    out.append(_score(f, 0, ya, w - 1, h - 1, "bottom_sheet", _support(self.hcum, ya, int(0.1 * w), int(0.9 * w)),
                                      "t", cfg, s))
                    continue
                lo, hi = ya + rh // 8, yb - rh // 8
                sides = [_support(self.hcum, y, xa + rw // 8, xb - rw // 8) for y in (ya, yb)]
                sides += [float(_column_support(self.vcum, lo, hi, x, x + 1)[0]) for x in (xa, xb)]
                out.append(_score(f, xa, ya, xb, yb, "dialog", sum(sides) / 4, "tblr", cfg, s))
        return out


def _column_support(vcum: np.ndarray, lo: int, hi: int, c0: int, c1: int) -> np.ndarray:
    """Fraction of rows lo..hi of each column c0..c1-1 that shows a vertical step (`vcum`: the
    dilated vertical-step map's running sums down the columns), like `_support` for a row."""
    return (vcum[hi, c0:c1] - vcum[lo, c0:c1]) / max(1, hi - lo)


def _best_column(vcum: np.ndarray, x: int, tol: int, lo: int, hi: int, w: int, outward: int) -> tuple[int, float]:
    """The column near x with the most vertical-step support between rows lo and hi (`vcum`: the
    dilated vertical-step map's running sums down the columns); ties go outward (a card's rim
    rather than content inside it). No support: the segment's end itself."""
    # the screen's own border columns are never a floating card's rim (a list's thumbnails may
    # start there, and the outward tie rule would prefer them)
    c0, c1 = max(2, x - tol), min(w - 2, x + tol + 1)
    lo, hi = max(0, lo), min(vcum.shape[0] - 1, hi)
    if c1 <= c0 or hi <= lo:
        return x, 0.0
    sup = _column_support(vcum, lo, hi, c0, c1).tolist()
    order = range(len(sup)) if outward < 0 else range(len(sup) - 1, -1, -1)
    best, best_i = 0.0, None
    for i in order:
        if sup[i] > best + 0.02:
            best, best_i = sup[i], i
    if best_i is None or best < 0.3:
        return x, 0.0
    return c0 + best_i, best


def _score(f: _Frame, x0, y0, x1, y1, kind: PopupKind, support: float, sides: str, cfg: VisionConfig,
           s: float) -> CardCandidate:
    g, v = f.g, f.v
    inner, outer = _side_samples(g, x0, y0, x1, y1, sides)
    if inner.size:
        diff = inner - outer
        # the sign of the median difference, by counting (a median sorts)
        sign = -1.0 if 2 * int(np.count_nonzero(diff < 0)) > diff.size else 1.0
        consistency = float(np.count_nonzero(sign * diff > 4)) / diff.size
    else:
        consistency = 0.0
    y_end = min(y1 - 1, int(g.shape[0] * (1 - cfg.nav_bar_frac)))  # not the navigation bar's icons
    card = g[y0 + 2:y_end:2, x0 + 2:x1 - 1]
    card_low = card_med = card_lum = card_hi = card_top = flat = 0.0
    if card.size:
        counts = grey_histogram(card)
        card_low, card_med, card_lum, card_hi = histogram_percentiles(counts, (2, 50, 60, 98))
        m = int(card_med)
        flat = float(counts[max(0, m - 6):m + 7].sum() / card.size)
        card_top = grey_percentiles(v[y0 + 2:y_end:2, x0 + 2:x1 - 1], (99.9,))[0]
    dim, around = _dim_score(f, x0, y0, x1, y1, card_lum, card_hi, card_top, cfg)
    score = 0.3 * support + 0.2 * consistency + 0.5 * dim
    cx = (x0 + x1) / 2 / g.shape[1]
    if kind == "dialog" and abs(cx - 0.5) > cfg.popup_center_tolerance:
        score *= 0.75
    if kind == "dialog" and dim < cfg.popup_min_dialog_dim:
        score *= 0.5  # a card in the layout: nothing around it is dimmed
    box = (int(round(x0 / s)), int(round(y0 / s)), int(round((x1 - x0 + 1) / s)), int(round((y1 - y0 + 1) / s)))
    return CardCandidate(box, kind, float(score), support, consistency, dim, card_hi, card_lum, card_low, flat, around)


def _nms(cands: list[CardCandidate]) -> list[CardCandidate]:
    from .types import box_iou
    kept: list[CardCandidate] = []
    for c in sorted(cands, key=lambda c: (-c.score, -(c.bbox[2] * c.bbox[3]))):
        if all(box_iou(c.bbox, k.bbox) < 0.6 for k in kept):
            kept.append(c)
    return kept


def _suppress_layouts(cands: list[CardCandidate], cfg: VisionConfig, H: int) -> list[CardCandidate]:
    """Two or more same-width cards stacked without a scrim are a list, not pop-ups. A bottom
    sheet is anchored to the screen's bottom edge, not stacked: the list card it covers (a consent
    sheet cuts the layout without a scrim) does not make it a list item."""
    out = []
    for c in cands:
        twins = [] if c.kind == "bottom_sheet" else [o for o in cands if o is not c and abs(o.bbox[2] - c.bbox[2]) < 0.05 * c.bbox[2]
                 and abs(o.bbox[0] - c.bbox[0]) < 0.05 * c.bbox[2]
                 and (o.bbox[1] >= c.bbox[1] + c.bbox[3] - 4 or c.bbox[1] >= o.bbox[1] + o.bbox[3] - 4)]
        c = replace(c, twins=len(twins))
        if twins and c.dim < 1.0:
            c = replace(c, score=c.score * 0.6)
        out.append(c)
    return out
