"""Speed of the screen analysis per 1080×2400 frame on one core (`python -m bench.vision`).

OpenCV runs with one thread and the OCR engine with one intra-op thread. Measures:
pop-up + X detection (no OCR), the full pipeline (OCR on candidate regions only), and the
naive approach — PP-OCR detection + recognition over the whole frame — for the ratio. The
stages' own timings (`Analysis.timing_ms`) show which part of each measure costs what.
Frames are synthetic screens of every style from `eval.synth` (the same for every run).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import cv2

from eval.synth import STYLES, generate
from harness.vision import VisionConfig, analyze
from harness.vision import ocr as ocr_mod

SCREEN = (1080, 2400, 420)


def _stats(ms: list[float]) -> tuple[float, float]:
    ms = sorted(ms)
    return statistics.median(ms), ms[max(0, int(round(0.95 * len(ms))) - 1)]


def run(frames: int, repeats: int, naive_frames: int) -> list[tuple[str, float, float, str]]:
    cv2.setNumThreads(1)
    cfg = VisionConfig(dpi=SCREEN[2], ocr_threads=1)
    images = [generate(1000 + i, STYLES[i % len(STYLES)], SCREEN).image for i in range(frames)]
    analyze(images[0], cfg=cfg)  # load the OCR engine once, outside the measurement
    no_ocr, full = [], []
    stages: dict[str, list[float]] = {}  # where the time goes, for whoever speeds a stage up
    for _ in range(repeats):
        for img in images:
            t0 = time.perf_counter()
            r = analyze(img, cfg=cfg, use_ocr=False)
            no_ocr.append((time.perf_counter() - t0) * 1000)
            for stage in ("glyphs", "popups"):
                stages.setdefault(stage, []).append(r.timing_ms.get(stage, 0.0))
            t0 = time.perf_counter()
            r = analyze(img, cfg=cfg, use_ocr=True)
            full.append((time.perf_counter() - t0) * 1000)
            for stage in ("text_regions", "ocr"):
                stages.setdefault(stage, []).append(r.timing_ms.get(stage, 0.0))
    naive = []
    for img in images[:naive_frames]:
        t0 = time.perf_counter()
        ocr_mod.full_frame(img, threads=1)
        naive.append((time.perf_counter() - t0) * 1000)
    rows = []
    m, p = _stats(no_ocr)
    rows.append(("pop-ups + X glyphs (no OCR)", m, p, "<= 30 ms median"))
    rows += [(f"  of which {name}", *_stats(stages[key]), "") for key, name in (("glyphs", "X glyphs"), ("popups", "pop-ups"))]
    m2, p2 = _stats(full)
    rows.append(("full pipeline, OCR on candidates", m2, p2, "<= 120 ms median"))
    rows += [(f"  of which {name}", *_stats(stages[key]), "") for key, name in (("text_regions", "text regions"),
                                                                                ("ocr", "OCR of the regions"))]
    m3, p3 = _stats(naive)
    rows.append(("naive: PP-OCR det+rec on the whole frame", m3, p3, ""))
    rows.append(("ratio naive / full pipeline (median)", m3 / m2, p3 / p2, ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.vision", description=__doc__.split("\n")[0])
    ap.add_argument("--frames", type=int, default=32)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--naive-frames", type=int, default=6)
    a = ap.parse_args(argv)
    rows = run(a.frames, a.repeats, a.naive_frames)
    print(f"screen analysis, one core, {SCREEN[0]}x{SCREEN[1]} frames ({a.frames} frames x {a.repeats})\n")
    print(f"| {'measure':<42} | {'median':>8} | {'p95':>8} | target")
    print(f"|{'-' * 44}|{'-' * 10}|{'-' * 10}|-------")
    for name, m, p, target in rows:
        unit = "x" if name.startswith("ratio") else " ms"
        print(f"| {name:<42} | {m:>6.1f}{unit:<2}| {p:>6.1f}{unit:<2}| {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
