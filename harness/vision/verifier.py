"""The learned pop-up verifier: which card candidate, if any, is the pop-up.

The card finder (`popups.find_cards`) proposes many candidates and measures each (edge support,
scrim evidence, brightness inside and out…); hand-set weights turn those into a score that
holds on the project's drawings but not on real screens, where a photo card, a list item or a
player panel measures much like a dialog. Here a small gradient-boosted tree ensemble, trained
on the development split of the real-screen corpus and on synthetic screens
(`python -m eval.train_verifier`), weighs the same measurements together with what the rest of
the analysis found around each candidate (close controls inside or beside it, other candidates
containing it or stacked beside it, what changed since the reference frame). It runs through
onnxruntime; the model file is committed (`models/popup_verifier.onnx`, a few hundred kB).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import VisionConfig
from .popups import CardCandidate
from .reference import ChangeMap
from .types import CloseControl, box_center, box_contains_point, box_iou

MODEL_PATH = Path(__file__).resolve().parent / "models" / "popup_verifier.onnx"

#: The measurements the model reads, in order (the training script writes the same).
FEATURES: tuple[str, ...] = (
    "is_sheet", "x", "y", "w", "h", "centre_offset", "gap_below", "area", "aspect", "landscape",
    "edge_support", "consistency", "dim", "hand_score", "brightness", "lum", "outside_p98", "outside_hi",
    "ref_dimmed", "twins",
    "x_inside", "text_inside", "x_beside", "text_beside", "best_control", "x_top_corner", "text_low",
    "sheet_closers", "controls_in_frame",
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
    inside = [c for c in ctx.controls if box_contains_point(card.bbox, *box_center(c.bbox))]
    beside = [c for c in ctx.controls if c not in inside and belongs(c, card.bbox)]
    mine = inside + beside

    def top_corner(c: CloseControl) -> bool:
        cx, cy = box_center(c.bbox)
        return abs(cx - (x + w / 2)) > 0.25 * w and cy < y + 0.3 * h

    def low(c: CloseControl) -> bool:
        return box_center(c.bbox)[1] > y + 0.55 * h

    others = [o for o in ctx.cards if o is not card]
    containers = sum(1 for o in others if _inside(card.bbox, o.bbox))
    dimmed_inside = sum(1 for o in others if o.dim >= 0.5 and _inside(o.bbox, card.bbox))
    rank = sum(1 for o in others if o.score > card.score)
    unchanged = changed = -1.0
    if ctx.change is not None:
        unchanged, changed = ctx.change.unchanged_inside(card.bbox), ctx.change.changed_outside(card.bbox)
    return [
        float(card.kind == "bottom_sheet"), x / W, y / H, w / W, h / H, abs(x + w / 2 - W / 2) / W,
        (H - y - h) / H, w * h / (W * H), h / max(1, w), float(W > H),
        card.edge_support, card.consistency, card.dim, card.score, card.brightness / 255, card.lum / 255,
        card.outside_p98 / 255, card.outside_hi / 255, float(card.ref_dimmed), float(card.twins),
        sum(c.kind == "x_icon" for c in inside), sum(c.kind == "text" for c in inside),
        sum(c.kind == "x_icon" for c in beside), sum(c.kind == "text" for c in beside),
        max((c.score for c in mine), default=0.0), float(any(top_corner(c) for c in mine if c.kind == "x_icon")),
        float(any(low(c) for c in mine if c.kind == "text")), sum(closes_sheet(c, card.bbox) for c in inside),
        float(len(ctx.controls)),
        float(len(ctx.cards)), float(rank), float(containers), float(dimmed_inside),
        max((box_iou(card.bbox, o.bbox) for o in others), default=0.0),
        float(ctx.change is not None), unchanged, changed,
    ]


def _inside(a, b) -> bool:
    """Box a lies within box b (a few pixels of slack) and is clearly smaller."""
    return (a[0] >= b[0] - 4 and a[1] >= b[1] - 4 and a[0] + a[2] <= b[0] + b[2] + 4
            and a[1] + a[3] <= b[1] + b[3] + 4 and a[2] * a[3] * 1.2 < b[2] * b[3])


class ModelMissing(RuntimeError):
    """The verifier's model file is absent: run `python -m eval.train_verifier`."""


_lock = threading.Lock()
_sessions: dict[Path, object] = {}


def _session(path: Path):
    with _lock:
        if path not in _sessions:
            if not path.is_file():
                raise ModelMissing(f"pop-up verifier model not found at {path}: run `python -m eval.train_verifier`")
            import onnxruntime as ort

            opts = ort.SessionOptions()
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            _sessions[path] = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        return _sessions[path]


def probabilities(rows: Sequence[Sequence[float]], path: Path = MODEL_PATH) -> list[float]:
    """P(pop-up) for each feature row."""
    if not rows:
        return []
    sess = _session(path)
    x = np.asarray(rows, dtype=np.float32)
    outputs = sess.run(None, {sess.get_inputs()[0].name: x})
    probs = outputs[1]  # skl2onnx classifiers: [labels, probabilities]
    if isinstance(probs, list):  # a list of {class: probability} maps (zipmap)
        return [float(p[1]) for p in probs]
    return [float(p) for p in np.asarray(probs)[:, 1]]
