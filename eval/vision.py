"""Precision / recall / F1 of the screen analysis on labelled synthetic screenshots.

    python -m eval.vision [--per-style 20] [--seed 0] [--no-ocr] [--dump DIR]

Three measures, per style and overall: pop-up presence (per image), close-control presence
(per image: does a pop-up carry a close control), and close-control localisation (each labelled
control matched by a reported one with IoU >= 0.5; extra reported controls are false positives).
This prints a table; it is not a pass/fail test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass

from harness.vision import VisionConfig, analyze, box_iou

from .metrics import prf
from .synth import NEGATIVE, STYLES, dataset

IOU_MIN = 0.5


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> tuple[float, float, float]:
        return prf(self.tp, self.fp, self.fn)


def _presence(truth: bool, pred: bool) -> Counts:
    return Counts(tp=int(truth and pred), fp=int(pred and not truth), fn=int(truth and not pred))


def _localisation(truth: list, pred: list) -> Counts:
    unmatched = list(pred)
    c = Counts()
    for t in truth:
        best = max(unmatched, key=lambda p: box_iou(t, p), default=None)
        if best is not None and box_iou(t, best) >= IOU_MIN:
            c.tp += 1
            unmatched.remove(best)
        else:
            c.fn += 1
    c.fp += len(unmatched)
    return c


def evaluate(per_style: int, seed: int, use_ocr: bool, dump: str | None = None, styles=STYLES):
    table: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    times: list[float] = []
    failures: list[str] = []
    for s in dataset(per_style, seed, styles):
        t0 = time.perf_counter()
        res = analyze(s.image, cfg=VisionConfig(dpi=s.dpi), use_ocr=use_ocr)
        times.append((time.perf_counter() - t0) * 1000)
        pred_controls = [c.bbox for p in res.popups for c in p.close_controls]
        m = {
            "popup": _presence(bool(s.popups), bool(res.popups)),
            "close": _presence(bool(s.controls), bool(pred_controls)),
            "locate": _localisation(s.controls, pred_controls),
        }
        for k, v in m.items():
            table[s.style][k].add(v)
        table[s.style]["images"].tp += 1
        if any(v.fp or v.fn for v in m.values()):
            failures.append(f"{s.style} seed={s.seed}: popups={[(p.kind, p.bbox, round(p.score, 2)) for p in res.popups]} "
                            f"controls={[(c.kind, c.text, c.bbox) for p in res.popups for c in p.close_controls]} "
                            f"truth popups={s.popups} controls={s.controls}")
            if dump:
                import cv2
                cv2.imwrite(f"{dump}/{s.style}_{s.seed}.png", s.image)
    return table, times, failures


def print_table(table, times, out=sys.stdout) -> None:
    head = f"| {'style':<28} | {'pop-up P/R/F1':<17} | {'close P/R/F1':<17} | {'locate P/R/F1':<17} |"
    print(head, file=out)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|", file=out)
    total: dict[str, Counts] = defaultdict(Counts)
    for style, m in table.items():
        cells = []
        n = m["images"].tp
        for k in ("popup", "close", "locate"):
            total[k].add(m[k])
            p, r, f = m[k].prf()
            # a style with no pop-up has no true positives: count its false alarms instead
            cells.append(f"FP {m[k].fp}/{n} images" if style in NEGATIVE else f"{p:.2f} {r:.2f} {f:.2f}")
        neg = " (no pop-up)" if style in NEGATIVE else ""
        print(f"| {style + neg:<28} | " + " | ".join(f"{c:<17}" for c in cells) + " |", file=out)
    cells = []
    for k in ("popup", "close", "locate"):
        p, r, f = total[k].prf()
        cells.append(f"{p:.3f} {r:.3f} {f:.3f}")
    print(f"| {'ALL':<28} | " + " | ".join(f"{c:<17}" for c in cells) + " |", file=out)
    times = sorted(times)
    if times:
        print(f"\n{len(times)} images; analysis time median {times[len(times) // 2]:.0f} ms, "
              f"p95 {times[int(len(times) * 0.95) - 1]:.0f} ms (default threads)", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.vision", description=__doc__.split("\n")[0])
    ap.add_argument("--per-style", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-ocr", action="store_true")
    ap.add_argument("--style", action="append", help="only these styles")
    ap.add_argument("--failures", action="store_true", help="list the images with an error")
    ap.add_argument("--dump", help="write the images with an error to this folder")
    a = ap.parse_args(argv)
    styles = tuple(a.style) if a.style else STYLES
    table, times, failures = evaluate(a.per_style, a.seed, not a.no_ocr, a.dump, styles)
    print_table(table, times)
    if a.failures:
        print("\n".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
