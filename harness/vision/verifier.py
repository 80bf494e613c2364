"""The learned verifiers: which card candidate, if any, is the pop-up, and which of the controls
found on it close it.

The card finder (`popups.find_cards`) proposes many candidates and measures each (edge support,
scrim evidence, brightness inside and out…); hand-set weights turn those into a score that
holds on the project's drawings but not on real screens, where a photo card, a list item or a
player panel measures much like a dialog. Here a small gradient-boosted tree ensemble, trained
on the development split of the real-screen corpus and on synthetic screens
(`python -m eval.train_verifier`), weighs the same measurements together with what the rest of
the analysis found around each candidate (close controls inside or beside it, other candidates
containing it or stacked beside it, what changed since the reference frame). It runs through
onnxruntime; the model file is committed (`models/popup_verifier.onnx`, tens of kB).

A second model does the same for the close controls attached to the chosen card: a crossing
icon inside a promo picture, an X on the dimmed page under a dialog or a "0.0" read in a coupon
measure much like a close button by shape or word alone; where they sit on the card and how they
stand out from the scrim tell them apart (`models/close_verifier.onnx`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import VisionConfig
from .image import grey_percentiles
from .popups import CardCandidate
from .reference import ChangeMap
from .types import CloseControl, box_center, box_contains_point, box_iou, box_within

MODELS = Path(__file__).resolve().parent / "models"
POPUP_MODEL = MODELS / "popup_verifier.onnx"
CLOSE_MODEL = MODELS / "close_verifier.onnx"

#: The measurements the model reads, in order (the training script writes the same).
FEATURES: tuple[str, ...] = (
    "is_sheet", "x", "y", "w", "h", "centre_offset", "gap_below", "area", "aspect", "landscape",
    "edge_support", "consistency", "dim", "hand_score", "brightness", "lum", "low", "flat",
    "outside_p2", "outside_p98", "outside_hi", "above_p98", "below_p98", "ref_dimmed", "twins",
    "x_inside", "text_inside", "x_beside", "text_beside", "best_control", "x_top_corner", "text_low",
    "sheet_closers", "open_sheet_closer", "controls_in_frame",
    "candidates", "score_rank", "containers", "dimmed_inside", "max_iou_other",
    "has_reference", "unchanged_inside", "changed_outside",
)


@dataclass(frozen=True)
class CardContext:
    """Where a candidate stands among the analysis's other findings (all in input pixels)."""

    controls: Sequence[CloseControl]
    cards: Sequence[CardCandidate]
    width: int
    height: int
    change: ChangeMap | None


def features(card: CardCandidate, ctx: CardContext, belongs, closes_sheet, cfg: VisionConfig) -> list[float]:
    """One candidate's row of `FEATURES`. `belongs(control, card_box, margin)` and
    `closes_sheet(control, card_box)` are the pipeline's own attachment rules."""
    W, H = ctx.width, ctx.height
    x, y, w, h = card.bbox
    a = card.around
    inside = [c for c in ctx.controls if box_contains_point(card.bbox, *box_center(c.bbox))]
    beside = [c for c in ctx.controls if c not in inside and belongs(c, card.bbox)]
    mine = inside + beside

    def top_corner(c: CloseControl) -> bool:
        cx, cy = box_center(c.bbox)
        return abs(cx - (x + w / 2)) > 0.25 * w and cy < y + 0.3 * h

    def low(c: CloseControl) -> bool:
        return box_center(c.bbox)[1] > y + 0.55 * h

    sheet_closers = sum(closes_sheet(c, card.bbox) for c in inside)
    others = [o for o in ctx.cards if o is not card]
    containers = sum(1 for o in others if _within(card.bbox, o.bbox))
    dimmed_inside = sum(1 for o in others if o.dim >= 0.5 and _within(o.bbox, card.bbox))
    rank = sum(1 for o in others if o.score > card.score)
    unchanged = changed = -1.0
    if ctx.change is not None:
        unchanged, changed = ctx.change.unchanged_inside(card.bbox), ctx.change.changed_outside(card.bbox)
    return [
        float(card.kind == "bottom_sheet"), x / W, y / H, w / W, h / H, abs(x + w / 2 - W / 2) / W,
        (H - y - h) / H, w * h / (W * H), h / max(1, w), float(W > H),
        card.edge_support, card.consistency, card.dim, card.score, card.brightness / 255, card.lum / 255,
        card.low / 255, card.flat, a.p2 / 255, a.p98 / 255, a.hi / 255, a.above_p98 / 255, a.below_p98 / 255,
        float(a.ref_dimmed), float(card.twins),
        sum(c.kind == "x_icon" for c in inside), sum(c.kind == "text" for c in inside),
        sum(c.kind == "x_icon" for c in beside), sum(c.kind == "text" for c in beside),
        max((c.score for c in mine), default=0.0), float(any(top_corner(c) for c in mine if c.kind == "x_icon")),
        float(any(low(c) for c in mine if c.kind == "text")), sheet_closers,
        # an undimmed sheet with its own way to close (a consent banner's Reject, an X in its
        # corner) is a pop-up; without one it is layout — too fine an interaction for shallow trees
        float(card.undimmed_sheet and sheet_closers > 0), float(len(ctx.controls)),
        float(len(ctx.cards)), float(rank), float(containers), float(dimmed_inside),
        max((box_iou(card.bbox, o.bbox) for o in others), default=0.0),
        float(ctx.change is not None), unchanged, changed,
    ]


def _within(a, b) -> bool:
    """Box a lies inside box b and is clearly smaller (not the same card found twice)."""
    return box_within(a, b) and a[2] * a[3] * 1.2 < b[2] * b[3]


#: What the close-control model reads of each control attached to the chosen card.
CONTROL_FEATURES: tuple[str, ...] = (
    "is_x", "from_pixels", "from_ocr", "score", "size_dp", "contrast", "countdown", "text_len",
    "inside", "rel_x", "rel_y", "off_centre", "outside_dp", "screen_x", "screen_y",
    "card_is_sheet", "card_dim", "card_flat", "attached", "same_kind", "score_rank", "grey_hi", "grey_lo",
    "above_scrim", "in_toolbar",
)


def control_features(c: CloseControl, card: CardCandidate, attached: Sequence[CloseControl], gray: np.ndarray,
                     in_toolbar: bool, cfg: VisionConfig) -> list[float]:
    """One control's row of `CONTROL_FEATURES`: what it is, where it sits on its card, and how
    it stands out (an undimmed button on a scrim is brighter than everything dimmed around)."""
    H, W = gray.shape
    x, y, w, h = card.bbox
    cx, cy = box_center(c.bbox)
    dx = max(x - cx, 0.0, cx - (x + w))
    dy = max(y - cy, 0.0, cy - (y + h))
    bx, by, bw, bh = c.bbox
    patch = gray[max(0, by):max(0, by) + max(1, bh), max(0, bx):max(0, bx) + max(1, bw)]
    lo, hi = grey_percentiles(patch, (5, 95)) if patch.size else (0.0, 0.0)
    return [
        float(c.kind == "x_icon"), float(c.source == "pixels"), float("ocr" in c.source), c.score, c.size_dp / 48, c.contrast / 21, float(c.countdown is not None),
        float(len(c.text or "")), float(dx == 0 and dy == 0), (cx - x) / max(1, w), (cy - y) / max(1, h),
        abs(cx - (x + w / 2)) / max(1, w), (dx + dy) / cfg.px_per_dp / 48, cx / W, cy / H,
        float(card.kind == "bottom_sheet"), card.dim, card.flat, float(len(attached)),
        float(sum(o.kind == c.kind for o in attached)), float(sum(o.score > c.score for o in attached)),
        hi / 255, lo / 255, (hi - card.around.p98) / 255, float(in_toolbar),
    ]


class ModelMissing(RuntimeError):
    """The verifier's model file is absent: run `python -m eval.train_verifier`."""


_lock = threading.Lock()
_sessions: dict[Path, object] = {}


def _load(model: Path | bytes):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(model if isinstance(model, bytes) else str(model), opts,
                                providers=["CPUExecutionProvider"])


def _session(path: Path):
    with _lock:
        if path not in _sessions:
            if not path.is_file():
                raise ModelMissing(f"pop-up verifier model not found at {path}: run `python -m eval.train_verifier`")
            _sessions[path] = _load(path)
        return _sessions[path]


@contextmanager
def using(popup: bytes, close: bytes) -> Iterator[None]:
    """Analyse with these ONNX models in place of the committed files, in this process, until the
    block ends (the training's end-to-end cross-validation: each fold's models, never written)."""
    with _lock:
        saved = dict(_sessions)
        _sessions[POPUP_MODEL], _sessions[CLOSE_MODEL] = _load(popup), _load(close)
    try:
        yield
    finally:
        with _lock:
            _sessions.clear()
            _sessions.update(saved)


def fits(path: Path = POPUP_MODEL) -> bool:
    """Whether the model file exists and reads as many measurements as the analysis now writes."""
    try:
        return _width(_session(path)) == len(FEATURES if path == POPUP_MODEL else CONTROL_FEATURES)
    except ModelMissing:
        return False


def _width(sess) -> int:
    return int(sess.get_inputs()[0].shape[1])


def probabilities(rows: Sequence[Sequence[float]], path: Path = POPUP_MODEL) -> list[float]:
    """P(positive) for each feature row: a pop-up (`POPUP_MODEL`) or a close control (`CLOSE_MODEL`)."""
    if not rows:
        return []
    sess = _session(path)
    x = np.asarray(rows, dtype=np.float32)
    if x.shape[1] != _width(sess):
        raise ModelMissing(f"{path.name} reads {_width(sess)} measurements, the analysis writes {x.shape[1]}: "
                           "run `python -m eval.train_verifier`")
    outputs = sess.run(None, {sess.get_inputs()[0].name: x})
    probs = outputs[1]  # skl2onnx classifiers: [labels, probabilities]
    if isinstance(probs, list):  # a list of {class: probability} maps (zipmap)
        return [float(p[1]) for p in probs]
    return [float(p) for p in np.asarray(probs)[:, 1]]
