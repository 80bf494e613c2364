"""The screen analysis on the real-screen corpus (`eval/real/`), per split, source and screen size.

    python -m eval.real_eval [--split heldout] [--no-ocr] [--failures]

The analysis runs as a user would run `harness analyze` on a still: no density given (it is
inferred from each image), no hierarchy. Images whose label carries a `reference` (the same
screen before the pop-up, e.g. a component's background screen) are measured a second time
with it. Marketing frames (`raw_capture: false`) are left out.

Measures, each per group:
- pop-ups: a predicted pop-up matches a labelled one at IoU >= 0.5, or when both are
  full-screen sized (a full-screen kind covering most of the frame); precision, recall, F1;
- close controls (those the analysis attaches to a pop-up): a predicted control is right when
  its centre lies inside a labelled close box; recall counts the labelled boxes hit;
- false pop-ups on plain screens: the fraction of `popups: []` images with any predicted pop-up;
- each missed close control by why: its pop-up was not found, no control was found there at
  all, or one was found but not kept as the found pop-up's close control.
This prints tables; it is not a pass/fail test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from harness.vision import Analysis, VisionConfig, analyze, box_iou, load_image
from harness.vision.types import box_center, box_contains_point

from .metrics import prf
from .real.corpus import ROOT, Label, load

IOU_MIN = 0.5
#: A box covering this much of the frame is full-screen sized (a status bar may be left out).
FULLSCREEN_AREA = 0.7


def labels(root: Path = ROOT) -> list[Label]:
    """Every reviewed label of the corpus (screens and components), raw captures only."""
    return [rec for rec in load(root=root) if rec.raw_capture and rec.reviewed]


def size_group(rec: Label) -> str:
    """The capture's size class by its short side, and landscape apart."""
    w, h = rec.original_width, rec.original_height
    short = min(w, h)
    cls = "<=720p" if short < 900 else "1080p" if short < 1300 else ">=1440p"
    return f"landscape {cls}" if w > h else cls


@dataclass
class Score:
    images: int = 0
    plain: int = 0
    plain_flagged: int = 0
    pop_tp: int = 0
    pop_fp: int = 0
    pop_fn: int = 0
    ctl_pred: int = 0
    ctl_pred_ok: int = 0
    ctl_truth: int = 0
    ctl_truth_hit: int = 0
    # why a labelled close control was missed: its pop-up was not found / no control was found
    # there at all / one was found but not kept as the found pop-up's close control
    miss_popup: int = 0
    miss_unseen: int = 0
    miss_not_kept: int = 0
    ms: list[float] = field(default_factory=list)

    def add(self, o: Score) -> None:
        for k, v in vars(o).items():
            if k == "ms":
                self.ms += v
            else:
                setattr(self, k, getattr(self, k) + v)

    def popup_prf(self) -> tuple[float, float, float]:
        return prf(self.pop_tp, self.pop_fp, self.pop_fn)

    def close_pr(self) -> tuple[float, float]:
        p = self.ctl_pred_ok / self.ctl_pred if self.ctl_pred else 1.0
        r = self.ctl_truth_hit / self.ctl_truth if self.ctl_truth else 1.0
        return p, r

    def false_popup_rate(self) -> float:
        return self.plain_flagged / self.plain if self.plain else 0.0


def _fullscreen_sized(box, W: int, H: int) -> bool:
    return box[2] * box[3] >= FULLSCREEN_AREA * W * H


def popups_match(truth, pred, W: int, H: int) -> bool:
    if box_iou(tuple(truth.bbox), pred.bbox) >= IOU_MIN:
        return True
    both_full = (truth.kind == "fullscreen" or _fullscreen_sized(truth.bbox, W, H)) and \
        (pred.kind == "fullscreen" or _fullscreen_sized(pred.bbox, W, H))
    return both_full


def score(rec: Label, res: Analysis) -> Score:
    """One image's counts."""
    W, H = res.width, res.height
    s = Score(images=1)
    truth = list(rec.popups)
    if not truth:
        s.plain = 1
        s.plain_flagged = int(bool(res.popups))
    unmatched = list(res.popups)
    found: set[int] = set()  # indexes of the labelled pop-ups matched
    for i, t in enumerate(truth):
        hit = next((p for p in unmatched if popups_match(t, p, W, H)), None)
        if hit is not None:
            s.pop_tp += 1
            found.add(i)
            unmatched.remove(hit)
        else:
            s.pop_fn += 1
    s.pop_fp = len(unmatched)
    boxes = [tuple(c.bbox) for c in rec.close_controls]
    pred = [c for p in res.popups for c in p.close_controls]
    s.ctl_pred = len(pred)
    s.ctl_pred_ok = sum(any(box_contains_point(b, *box_center(c.bbox)) for b in boxes) for c in pred)
    s.ctl_truth = len(boxes)
    seen = pred + list(res.other_controls)
    for c in rec.close_controls:
        b = tuple(c.bbox)
        if any(box_contains_point(b, *box_center(p.bbox)) for p in pred):
            s.ctl_truth_hit += 1
        elif c.popup not in found:
            s.miss_popup += 1
        elif any(box_contains_point(b, *box_center(p.bbox)) for p in seen):
            s.miss_not_kept += 1
        else:
            s.miss_unseen += 1
    return s


def run(recs: Iterable[Label], root: Path, use_ocr: bool, cfg: VisionConfig,
        with_reference: bool) -> Iterator[tuple[Label, Analysis, Score]]:
    for rec in recs:
        ref = None
        if with_reference:
            if not rec.reference:
                continue
            ref = load_image(root / rec.reference)
        image = load_image(root / rec.image)
        t0 = time.perf_counter()
        res = analyze(image, reference=ref, cfg=cfg, use_ocr=use_ocr)
        s = score(rec, res)
        s.ms.append((time.perf_counter() - t0) * 1000)
        yield rec, res, s


def table(title: str, groups: dict[str, Score], out=sys.stdout) -> None:
    print(f"\n{title}\n", file=out)
    head = (f"| {'group':<34} | {'images':>6} | {'pop-up P / R / F1':<18} | {'close P / R':<12} | "
            f"{'false pop-ups on plain':<22} | {'closes missed: pop-up / unseen / not kept':<41} |")
    print(head, file=out)
    print("|" + "|".join("-" * len(c) for c in head.split("|")[1:-1]) + "|", file=out)
    for name, sc in groups.items():
        p, r, f = sc.popup_prf()
        cp, cr = sc.close_pr()
        pop = f"{p:.2f} / {r:.2f} / {f:.2f}" if sc.pop_tp + sc.pop_fp + sc.pop_fn else "-"
        ctl = f"{cp:.2f} / {cr:.2f}" if sc.ctl_pred or sc.ctl_truth else "-"
        fp = f"{sc.plain_flagged}/{sc.plain} ({100 * sc.false_popup_rate():.1f} %)" if sc.plain else "-"
        missed = f"{sc.miss_popup} / {sc.miss_unseen} / {sc.miss_not_kept}" if sc.ctl_truth else "-"
        print(f"| {name:<34} | {sc.images:>6} | {pop:<18} | {ctl:<12} | {fp:<22} | {missed:<41} |", file=out)


def evaluate(recs: list[Label], root: Path, use_ocr: bool, cfg: VisionConfig, with_reference: bool,
             failures: list[str] | None = None) -> dict[str, Score]:
    return grouped(run(recs, root, use_ocr, cfg, with_reference), failures)


def grouped(results: Iterable[tuple[Label, Analysis, Score]], failures: list[str] | None = None) -> dict[str, Score]:
    """Each image's counts summed per group: all, per source, per screen size, per both."""
    groups: dict[str, Score] = defaultdict(Score)
    for rec, res, s in results:
        for key in ("ALL", f"source {rec.source}", f"size {size_group(rec)}", f"{rec.source} / {size_group(rec)}"):
            groups[key].add(s)
        if failures is not None and (s.pop_fp or s.pop_fn or s.ctl_pred != s.ctl_pred_ok
                                     or s.ctl_truth != s.ctl_truth_hit):
            predicted = [(p.kind, list(p.bbox), round(p.score, 2), [(c.kind, c.text, list(c.bbox)) for c in p.close_controls])
                         for p in res.popups]
            failures.append(f"{rec.image}: predicted {predicted} truth {[(t.kind, list(t.bbox)) for t in rec.popups]} "
                            f"controls {[(c.kind, c.text, list(c.bbox)) for c in rec.close_controls]}")
    order = sorted(groups, key=lambda k: (k != "ALL", not k.startswith("source"), not k.startswith("size"), k))
    return {k: groups[k] for k in order}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.real_eval", description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="corpus folder (default eval/real)")
    ap.add_argument("--split", choices=("heldout", "dev", "both"), default="both",
                    help="which split to measure (default both: held-out first, dev for comparison)")
    ap.add_argument("--source", choices=("screens", "components"), help="only this source")
    ap.add_argument("--no-ocr", action="store_true")
    ap.add_argument("--failures", action="store_true", help="list the images with an error")
    a = ap.parse_args(argv)
    recs = labels(a.root)
    if not recs:
        print(f"no labelled raw captures under {a.root}/labels: nothing to measure", file=sys.stderr)
        return 1
    if a.source:
        recs = [r for r in recs if r.source == a.source]
    cfg = VisionConfig()  # density inferred per image, as `harness analyze` without --dpi
    splits = ("heldout", "dev") if a.split == "both" else (a.split,)
    print(f"real screens: {a.root} ({'no OCR' if a.no_ocr else 'full pipeline'}; density inferred from each image)")
    for split in splits:
        part = [r for r in recs if r.split == split]
        failures: list[str] | None = [] if a.failures else None
        groups = evaluate(part, a.root, not a.no_ocr, cfg, False, failures)
        ms = sorted(groups["ALL"].ms) if "ALL" in groups else []
        timing = f", analysis median {ms[len(ms) // 2]:.0f} ms per image" if ms else ""
        table(f"## {split} split, single frame ({len(part)} images{timing})", groups)
        with_ref = [r for r in part if r.reference]
        if with_ref:
            table(f"## {split} split, the same images without and with their reference frame ({len(with_ref)} images)",
                  {**{f"{k} (no reference)": v for k, v in evaluate(with_ref, a.root, not a.no_ocr, cfg, False).items()
                      if not k.startswith("size") and "/" not in k},
                   **{f"{k} (reference)": v for k, v in evaluate(with_ref, a.root, not a.no_ocr, cfg, True).items()
                      if not k.startswith("size") and "/" not in k}})
        if failures:
            print("\n" + "\n".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
