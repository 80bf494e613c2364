"""Check boxes, radio buttons and switches found from pixels, with their state and the text
beside them: what a consent or auto-renewal control looks like when the app draws it on a canvas
(Flutter, game engines, canvas WebViews) and the hierarchy has no node for it.

    toggles = find_toggles(bgr, hierarchy_xml=None, cfg=ToggleConfig(dpi=420), recognize=ocr.recognize)

Shapes come from closed edge contours at a work resolution: a square or round box of
`box_min_dp`–`box_max_dp`, or a pill-shaped track. A candidate must stand clear of other
content on three of its four sides (a character inside a line of text is not a box). Its
state is read at full resolution:

- a box is checked when a tick (an asymmetric mark: ✓, √, drawn in any colour) or a centred dot
  (a radio button) is inside it, hollow or filled; a filled box with no mark is checked when its
  fill is a colour, and no box at all when it is grey (a bullet, a button). Any other mark (an X, a +, a letter) makes it no toggle at all:
  a circled X is a close button.
- a switch is on when its knob sits at the right end (left-to-right layouts): the knob is where
  the edges inside the track gather (its rim), whatever the colours of the theme.

The label is the line of text beside the control (to the right of a box, to the left of a
switch, else the other side), read from a hierarchy node when one is there, else by OCR of that
line's crop (the shared recognizer of `harness.vision.ocr`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..hierarchy import HierarchyError, parse_nodes
from .image import shrink, to_bgr
from .types import Box, box_center, box_iou

ToggleKind = Literal["checkbox", "radio", "switch"]
Recognizer = Callable[[list[np.ndarray]], list[tuple[str, float]]]


class ToggleConfig(BaseModel):
    """Thresholds of the check box and switch detector; sizes in dp are converted with `dpi`."""

    model_config = ConfigDict(frozen=True)

    dpi: int = Field(420, description="screen density of the input image (dots per inch)")
    work_px_per_dp: float = Field(2.0, description="work resolution of the shape search, px per dp (downscale only)")
    edge_low: float = Field(25.0, description="Canny hysteresis low threshold (an iOS off track is #E9E9EA on white)")
    edge_high: float = Field(60.0, description="Canny hysteresis high threshold")
    box_min_dp: float = Field(12.0, description="smallest check box or radio button side (dp); Material draws 18, apps 14–32")
    box_max_dp: float = Field(36.0, description="largest check box or radio button side (dp)")
    box_max_aspect: float = Field(1.25, description="longer / shorter side of a box")
    switch_min_height_dp: float = Field(10.0, description="lowest switch (track with knob) (dp)")
    switch_max_height_dp: float = Field(40.0, description="highest switch (dp); iOS 31, Material 3 32")
    switch_aspect: tuple[float, float] = Field((1.4, 3.0), description="width / height range of a switch")
    min_solidity: float = Field(0.7, description="min area of the closed contour / its bounding box (a circle is 0.785)")
    near_clear_dp: float = Field(3.5, description="strip right around a control that must be empty on all sides (dp); characters of a line sit closer")
    near_clear_fraction: float = Field(0.97, description="min share of that strip in the background colour")
    clear_sides: int = Field(3, description="sides of the control (of 4) that must be clear of other content")
    clear_fraction: float = Field(0.85, description="min share of a side's band in the background colour for that side to be clear")
    ink_delta: float = Field(24.0, description="min RGB distance from the background for a pixel to count as drawn")
    mark_delta: float = Field(48.0, description="min RGB distance from a box's fill for a pixel to count as its mark")
    mark_min_fraction: float = Field(0.03, description="min share of a box's inside covered by a mark")
    mark_min_extent: float = Field(0.3, description="min extent of a tick across the box's inside (its larger side)")
    tick_max_symmetry: float = Field(0.6, description="max overlap of a mark with its mirror image for a tick (an X or + is ~1)")
    rim_min_cover: float = Field(0.85, description="min share of each side's middle half that the box's rim covers (a character's strokes leave gaps)")
    fill_min_fraction: float = Field(0.6, description="min share of a box's inside that differs from the background for a filled box")
    fill_min_chroma: float = Field(40.0, description="min chroma (max - min channel) of a filled box with no mark (else it is no box)")
    knob_min_fit: float = Field(0.8, description="min overlap of a switch knob with a disc centred on its end")
    knob_min_margin: float = Field(0.05, description="min lead of the knob's disc fit over the other end's")
    label_max_gap_dp: float = Field(32.0, description="largest gap between a box and its label (dp)")
    label_word_gap: float = Field(2.5, description="largest gap inside a label, in label-band heights")
    label_min_score: float = Field(0.5, description="min OCR confidence for a label")

    @property
    def px_per_dp(self) -> float:
        return self.dpi / 160.0


@dataclass(frozen=True)
class Toggle:
    bbox: Box  # the box, ring or track, in input pixels
    kind: ToggleKind
    checked: bool
    score: float  # how sure the shape is a toggle with this state, 0–1
    size_dp: float  # a box's side or a track's height
    text: str | None = None  # the label beside it
    text_bbox: Box | None = None
    source: str = "pixels"  # "pixels"; "+hierarchy" when the label came from a node
    in_hierarchy: bool = False  # a checkable node (CheckBox, Switch …) lies over it

    def to_json(self) -> dict:
        return {"bbox": list(self.bbox), "kind": self.kind, "checked": self.checked, "score": round(self.score, 3),
                "size_dp": round(self.size_dp, 1), "text": self.text, "source": self.source}


# ---- shapes -------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Shape:
    bbox: Box  # input px
    kind: Literal["box", "switch"]
    round: bool


def _edges(bgr: np.ndarray, cfg: ToggleConfig) -> np.ndarray:
    """Edges of lightness and of both colour axes: a green track on a grey of the same
    lightness still has an edge."""
    lab = cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB)
    out = np.zeros(bgr.shape[:2], np.uint8)
    for channel in cv2.split(lab):
        out |= cv2.Canny(channel, cfg.edge_low, cfg.edge_high)
    return cv2.dilate(out, np.ones((3, 3), np.uint8))


def _shapes(bgr: np.ndarray, cfg: ToggleConfig) -> list[_Shape]:
    H, W = bgr.shape[:2]
    scale = min(1.0, cfg.work_px_per_dp / cfg.px_per_dp)
    small = shrink(bgr, scale)
    sx, sy = W / small.shape[1], H / small.shape[0]
    ppd = cfg.px_per_dp / sx
    contours, _ = cv2.findContours(_edges(small, cfg), cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    found: list[_Shape] = []
    lo_a, hi_a = cfg.switch_aspect
    for c in contours:
        x, y, w, h = cv2.boundingRect(c)
        if w < 4 or h < 4:
            continue
        wd, hd = w / ppd, h / ppd
        solidity = cv2.contourArea(c) / float(w * h)
        if solidity < cfg.min_solidity:
            continue
        box = (int(x * sx), int(y * sy), int(round(w * sx)), int(round(h * sy)))
        if cfg.box_min_dp <= min(wd, hd) and max(wd, hd) <= cfg.box_max_dp and max(w, h) <= cfg.box_max_aspect * min(w, h):
            found.append(_Shape(box, "box", solidity < 0.86))
        elif cfg.switch_min_height_dp <= hd <= cfg.switch_max_height_dp and lo_a <= w / h <= hi_a:
            found.append(_Shape(box, "switch", True))
    return found


def _bands(bgr: np.ndarray, box: Box, gap: int, depth: int) -> list[np.ndarray]:
    """The four strips around a box (left, right, above, below), `gap` px out and `depth` px deep."""
    H, W = bgr.shape[:2]
    x, y, w, h = box
    return [bgr[max(0, y):y + h, max(0, x - gap - depth):max(0, x - gap)],
            bgr[max(0, y):y + h, min(W, x + w + gap):min(W, x + w + gap + depth)],
            bgr[max(0, y - gap - depth):max(0, y - gap), max(0, x):x + w],
            bgr[min(H, y + h + gap):min(H, y + h + gap + depth), max(0, x):x + w]]


def _clear(bgr: np.ndarray, box: Box, cfg: ToggleConfig) -> tuple[bool, np.ndarray]:
    """Whether the shape stands clear of other content, and the background colour around it:
    nothing right against any side (the next character of a line is closer than a label is to its
    box), and nothing further out on most sides."""
    side = min(box[2], box[3])
    near = _bands(bgr, box, 1, max(2, int(cfg.near_clear_dp * cfg.px_per_dp)))
    far = _bands(bgr, box, max(2, int(0.12 * side)), max(3, int(0.25 * side)))
    present = [b.reshape(-1, 3) for b in near + far if b.size]
    if not present:
        return False, np.zeros(3)
    bg = np.median(np.concatenate(present), axis=0)

    def clean(band: np.ndarray, fraction: float) -> bool:
        return band.size == 0 or float(np.mean(_distance(band, bg) <= cfg.ink_delta)) >= fraction

    return all(clean(b, cfg.near_clear_fraction) for b in near) \
        and sum(clean(b, cfg.clear_fraction) for b in far) >= cfg.clear_sides, bg


def _distance(pixels: np.ndarray, colour: np.ndarray) -> np.ndarray:
    return np.linalg.norm(pixels.astype(np.float32) - colour.astype(np.float32), axis=-1)


def _shape_mask(w: int, h: int, round_: bool, inset: float) -> np.ndarray:
    """The inside of a box or track, shrunk by `inset` px from its rim."""
    mask = np.zeros((h, w), np.uint8)
    i = int(round(inset))
    if w - 2 * i < 2 or h - 2 * i < 2:
        return mask
    if round_:
        r = (h - 2 * i) // 2 if w > 1.2 * h else None
        if r is None:
            cv2.ellipse(mask, (w // 2, h // 2), (max(1, w // 2 - i), max(1, h // 2 - i)), 0, 0, 360, 1, -1)
        else:  # a pill: two half discs and the band between
            cv2.rectangle(mask, (i + r, i), (w - 1 - i - r, h - 1 - i), 1, -1)
            cv2.circle(mask, (i + r, h // 2), r, 1, -1)
            cv2.circle(mask, (w - 1 - i - r, h // 2), r, 1, -1)
    else:
        cv2.rectangle(mask, (i, i), (w - 1 - i, h - 1 - i), 1, -1)
    return mask.astype(bool)


# ---- state of a box ---------------------------------------------------------------------------
def _box_state(bgr: np.ndarray, shape: _Shape, bg: np.ndarray, cfg: ToggleConfig) -> tuple[ToggleKind, bool, float] | None:
    """(kind, checked, score) of a box, or None when what it holds makes it no toggle."""
    x, y, w, h = shape.bbox
    crop = bgr[y:y + h, x:x + w]
    if crop.shape[0] != h or crop.shape[1] != w:
        return None
    side = min(w, h)
    inner = _shape_mask(w, h, shape.round, max(2.0, 0.16 * side))
    if not inner.any():
        return None
    ink = _distance(crop, bg) > cfg.ink_delta
    if _rim_cover(ink, max(3, int(0.2 * side))) < cfg.rim_min_cover:
        return None
    filled = float(ink[inner].mean()) >= cfg.fill_min_fraction
    if filled:
        fill = np.median(crop[inner & ink], axis=0)
        mark = (_distance(crop, fill) > cfg.mark_delta) & inner
    else:
        mark = ink & inner
    share = float(mark.sum()) / float(inner.sum())
    if share < cfg.mark_min_fraction:
        if not filled:
            return "checkbox", False, 0.8
        if float(fill.max() - fill.min()) < cfg.fill_min_chroma:
            return None  # a grey disc or tile: a button, a bullet, an avatar; no box is drawn so
        return "checkbox", True, 0.6
    ys, xs = np.nonzero(mark)
    extent = max(xs.max() - xs.min() + 1, ys.max() - ys.min() + 1) / float(side)
    mirrored = mark[:, ::-1]
    symmetry = float((mark & mirrored).sum()) / float((mark | mirrored).sum())
    if symmetry <= cfg.tick_max_symmetry and extent >= cfg.mark_min_extent:
        return "checkbox", True, 0.9  # a tick
    mw, mh = xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
    centred = abs(xs.mean() - w / 2) <= 0.12 * w and abs(ys.mean() - h / 2) <= 0.12 * h
    if shape.round and centred and mark.sum() >= 0.6 * mw * mh and 0.2 <= extent <= 0.8 \
            and max(mw, mh) <= 1.3 * min(mw, mh):
        return "radio", True, 0.85  # a dot
    return None  # an X, a +, a letter: an icon or a close button


def _rim_cover(ink: np.ndarray, depth: int) -> float:
    """How much of a box's rim is drawn: for each side, the share of its middle half whose band
    of `depth` px from the edge holds ink; the worst side."""
    h, w = ink.shape
    cols, rows = slice(w // 4, w - w // 4), slice(h // 4, h - h // 4)
    sides = (ink[:depth, cols].any(axis=0), ink[h - depth:, cols].any(axis=0),
             ink[rows, :depth].any(axis=1), ink[rows, w - depth:].any(axis=1))
    return min(float(s.mean()) for s in sides if s.size) if all(s.size for s in sides) else 0.0


# ---- state of a switch ----------------------------------------------------------------------
def _switch_state(bgr: np.ndarray, shape: _Shape, cfg: ToggleConfig) -> tuple[bool, float] | None:
    """(on, score) from which end of the track holds the knob: the ends' centres differ, and the
    colour around one of them fills a disc centred there. None when the ends look alike or
    neither is clearly the disc (a pill button with a label)."""
    x, y, w, h = shape.bbox
    crop = bgr[y:y + h, x:x + w]
    if crop.shape[0] != h or crop.shape[1] != w:
        return None
    inside = _shape_mask(w, h, True, max(2.0, 0.12 * h))
    if not inside.any():
        return None
    r = max(1, int(0.12 * h))
    centres = {False: h // 2, True: w - 1 - h // 2}
    colour = {side: np.median(crop[h // 2 - r:h // 2 + r + 1, c - r:c + r + 1].reshape(-1, 3), axis=0)
              for side, c in centres.items()}
    if float(_distance(colour[True], colour[False])) < cfg.ink_delta:
        return None  # both ends alike: no knob
    roundness = {side: _disc_fit(crop, inside, colour[side], centres[side], cfg) for side in centres}
    on = roundness[True] > roundness[False]
    if roundness[on] < cfg.knob_min_fit or roundness[on] - roundness[not on] < cfg.knob_min_margin:
        return None
    return on, min(1.0, roundness[on])


def _disc_fit(crop: np.ndarray, inside: np.ndarray, colour: np.ndarray, cx: int, cfg: ToggleConfig) -> float:
    """How well the region of `colour` around an end's centre matches a disc centred there
    (IoU): a knob does; the track (a band bitten by the knob) or a label's strokes do not."""
    h, w = crop.shape[:2]
    mask = ((_distance(crop, colour) <= cfg.ink_delta) & inside).astype(np.uint8)
    n, labels = cv2.connectedComponents(mask, connectivity=8)
    label = labels[h // 2, cx]
    if label == 0:
        return 0.0
    region = labels == label
    radius = np.sqrt(region.sum() / np.pi)
    if radius < 0.2 * h:
        return 0.0
    yy, xx = np.mgrid[0:h, 0:w]
    disc = (xx - cx) ** 2 + (yy - h / 2) ** 2 <= radius ** 2
    return float((region & disc).sum()) / float((region | disc).sum())


# ---- labels -------------------------------------------------------------------------------
def _ink_runs(profile: np.ndarray, max_gap: int) -> list[tuple[int, int]]:
    """Runs of True, joined across gaps of at most `max_gap`."""
    idx = np.flatnonzero(profile)
    if idx.size == 0:
        return []
    runs = [[int(idx[0]), int(idx[0])]]
    for i in idx[1:]:
        if i - runs[-1][1] - 1 <= max_gap:
            runs[-1][1] = int(i)
        else:
            runs.append([int(i), int(i)])
    return [(a, b) for a, b in runs]


def _label_lines(bgr: np.ndarray, box: Box, bg: np.ndarray, side: Literal["right", "left"], max_gap_px: float,
                 cfg: ToggleConfig) -> list[Box]:
    """Boxes of the text line beside a control (and the line under it when the label wraps)."""
    H, W = bgr.shape[:2]
    x, y, w, h = box
    ppd = cfg.px_per_dp
    half = max(0.6 * h, 9 * ppd)
    cy = y + h / 2
    y0, y1 = int(max(0, cy - 2.2 * half)), int(min(H, cy + 3.2 * half))
    near = int(max(0, cy - half)), int(min(H, cy + half))
    start = x + w + int(2 * ppd) if side == "right" else x - int(2 * ppd)
    if side == "right" and start >= W or side == "left" and start <= 0:
        return []
    span = bgr[near[0]:near[1], start:] if side == "right" else bgr[near[0]:near[1], :start][:, ::-1]
    count = (_distance(span, bg) > cfg.ink_delta).sum(axis=0)
    cols = (count >= 2) & (count < 0.9 * span.shape[0])  # a column all "ink" is a surface's edge, not text
    runs = _ink_runs(cols, int(cfg.label_word_gap * 2 * half))
    if not runs or runs[0][0] > max_gap_px:
        return []
    a, b = runs[0]
    x0, x1 = (start + a, start + b + 1) if side == "right" else (start - b - 1, start - a)
    block = bgr[y0:y1, x0:x1]
    row_ink = (_distance(block, bg) > cfg.ink_delta).mean(axis=1)
    rows = (row_ink > 0) & (row_ink < 0.8)  # a row all "ink" is another surface (a card's edge), not text
    lines = [(y0 + r0, y0 + r1 + 1) for r0, r1 in _ink_runs(rows, max(1, int(0.15 * half)))
             if r1 - r0 + 1 >= 5 * ppd]
    if not lines:
        return []
    first = min(range(len(lines)), key=lambda i: abs((lines[i][0] + lines[i][1]) / 2 - cy))
    chosen = lines[first:first + 2]
    if len(chosen) == 2 and chosen[1][0] - chosen[0][1] > 0.8 * (chosen[0][1] - chosen[0][0]):
        chosen = chosen[:1]  # the next line is another paragraph, not the label's second line
    out = []
    for top, bottom in chosen:
        sub = bgr[top:bottom, x0:x1]
        used = np.flatnonzero((_distance(sub, bg) > cfg.ink_delta).sum(axis=0) >= 1)
        if used.size:
            out.append((x0 + int(used[0]), top, int(used[-1] - used[0] + 1), bottom - top))
    return out


def _node_label(nodes: list, box: Box, lines: list[Box]) -> str | None:
    """The text of hierarchy nodes over the label's lines, when the app reports them."""
    texts = []
    for lx, ly, lw, lh in lines:
        cx, cy = lx + lw / 2, ly + lh / 2
        hit = [n for n in nodes if n.bounds and (n.text or n.content_desc)
               and n.bounds[0] <= cx <= n.bounds[2] and n.bounds[1] <= cy <= n.bounds[3]]
        if hit:
            best = min(hit, key=lambda n: (n.bounds[2] - n.bounds[0]) * (n.bounds[3] - n.bounds[1]))
            if (best.text or best.content_desc) not in texts:
                texts.append(best.text or best.content_desc)
    return "".join(texts) or None


def _crop(bgr: np.ndarray, b: Box) -> np.ndarray:
    H, W = bgr.shape[:2]
    x, y, w, h = b
    p = max(2, h // 4)
    return bgr[max(0, y - p):min(H, y + h + p), max(0, x - p):min(W, x + w + p)]


# ---- the detector -------------------------------------------------------------------------
def find_toggles(image: np.ndarray, hierarchy_xml: str | bytes | None = None, cfg: ToggleConfig | None = None,
                 recognize: Recognizer | None = None) -> tuple[Toggle, ...]:
    """Every check box, radio button and switch drawn on `image` (BGR), with its state and its
    label. `recognize` reads text crops (e.g. `harness.vision.ocr.recognize`); without it and
    without a node beside the control, the label is None."""
    cfg = cfg or ToggleConfig()
    bgr = to_bgr(image)
    nodes = []
    if hierarchy_xml:
        try:
            nodes = [n for n in parse_nodes(hierarchy_xml) if n.bounds is not None]
        except HierarchyError:
            nodes = []
    kept: list[tuple[Toggle, np.ndarray]] = []
    # switches first, then larger boxes first: a knob inside its track, or the inner rim of an
    # outlined box, is the same control
    shapes = sorted(_shapes(bgr, cfg), key=lambda s: (s.kind != "switch", -s.bbox[2] * s.bbox[3]))
    for shape in shapes:
        cx, cy = box_center(shape.bbox)
        if any(box_iou(t.bbox, shape.bbox) > 0.3 or _inside(t.bbox, cx, cy) for t, _ in kept):
            continue
        clear, bg = _clear(bgr, shape.bbox, cfg)
        if not clear:
            continue
        shape = _Shape(_tighten(bgr, shape.bbox, bg, cfg), shape.kind, shape.round)
        if shape.kind == "switch":
            state = _switch_state(bgr, shape, cfg)
            if state is None:
                continue
            toggle = Toggle(shape.bbox, "switch", state[0], state[1], shape.bbox[3] / cfg.px_per_dp)
        else:
            box_state = _box_state(bgr, shape, bg, cfg)
            if box_state is None:
                continue
            kind, checked, score = box_state
            toggle = Toggle(shape.bbox, kind, checked, score, min(shape.bbox[2], shape.bbox[3]) / cfg.px_per_dp)
        kept.append((toggle, bg))
    return tuple(_labelled(bgr, kept, nodes, cfg, recognize))


def _tighten(bgr: np.ndarray, box: Box, bg: np.ndarray, cfg: ToggleConfig) -> Box:
    """The drawn extent inside a contour's box: edges found on the colour axes of a JPEG spread
    a few pixels beyond what is drawn (chroma subsampling)."""
    x, y, w, h = box
    ink = _distance(bgr[y:y + h, x:x + w], bg) > cfg.ink_delta
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size < 0.5 * h or cols.size < 0.5 * w:
        return box
    return x + int(cols[0]), y + int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1)


def _inside(b: Box, x: float, y: float) -> bool:
    return b[0] <= x <= b[0] + b[2] and b[1] <= y <= b[1] + b[3]


def _labelled(bgr: np.ndarray, kept: list[tuple[Toggle, np.ndarray]], nodes: list, cfg: ToggleConfig,
              recognize: Recognizer | None) -> list[Toggle]:
    from dataclasses import replace

    out: list[Toggle] = []
    pending: list[tuple[int, list[Box]]] = []
    for toggle, bg in kept:
        cx, cy = box_center(toggle.bbox)
        in_hierarchy = any(n.checkable and n.bounds[0] <= cx <= n.bounds[2] and n.bounds[1] <= cy <= n.bounds[3]
                           for n in nodes)
        sides: tuple[Literal["right", "left"], ...] = ("left", "right") if toggle.kind == "switch" else ("right", "left")
        lines: list[Box] = []
        for side in sides:
            gap = bgr.shape[1] if toggle.kind == "switch" and side == "left" else cfg.label_max_gap_dp * cfg.px_per_dp
            lines = _label_lines(bgr, toggle.bbox, bg, side, gap, cfg)
            if lines:
                break
        text_bbox = _union(lines) if lines else None
        text = _node_label(nodes, toggle.bbox, lines) if lines and nodes else None
        toggle = replace(toggle, text=text, text_bbox=text_bbox, in_hierarchy=in_hierarchy,
                         source="pixels+hierarchy" if text else "pixels")
        if text is None and lines and recognize is not None:
            pending.append((len(out), lines))
        out.append(toggle)
    if pending:
        crops = [_crop(bgr, line) for _, lines in pending for line in lines]
        read = iter(recognize(crops))
        for index, lines in pending:
            parts = [t for t, score in (next(read) for _ in lines) if score >= cfg.label_min_score and t.strip()]
            if parts:
                out[index] = replace(out[index], text="".join(parts))
    return out


def _union(boxes: list[Box]) -> Box:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0
