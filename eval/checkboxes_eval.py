"""Check box and switch detection on the real-screen corpus (eval/real): precision and recall of
the controls found (IoU >= 0.3 with a labelled one, any kind), and how often the state of a
matched one is right. No OCR (labels are not scored). Raw captures only.

    python -m eval.checkboxes_eval [--split dev|heldout]
"""

from __future__ import annotations

import argparse
import time

from harness.vision import load_image
from harness.vision.checkboxes import ToggleConfig, find_toggles
from harness.vision.types import box_iou

from .real.corpus import load

IOU = 0.3
REFERENCE_DPR = 2.625  # a 420 dpi phone: the density assumed when a label gives none


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "heldout"))
    args = parser.parse_args()
    tp = fp = fn = state_ok = 0
    images = with_boxes = 0
    spent = []
    for label in load(split=args.split):
        if not label.raw_capture:
            continue
        images += 1
        with_boxes += bool(label.checkboxes)
        dpr = label.dpr or REFERENCE_DPR * label.width / max(label.original_width, 1)
        cfg = ToggleConfig(dpi=max(60, int(round(dpr * 160))))
        image = load_image(label.path)
        t0 = time.perf_counter()
        found = list(find_toggles(image, cfg=cfg))
        spent.append((time.perf_counter() - t0) * 1000)
        unmatched = list(label.checkboxes)
        for toggle in found:
            best = max(unmatched, key=lambda c: box_iou(c.bbox, toggle.bbox), default=None)
            if best is not None and box_iou(best.bbox, toggle.bbox) >= IOU:
                tp += 1
                state_ok += best.checked == toggle.checked
                unmatched.remove(best)
            else:
                fp += 1
        fn += len(unmatched)
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    print(f"split {args.split or 'all'}: {images} raw captures, {with_boxes} with labelled check boxes/switches")
    print(f"found {tp + fp}, labelled {tp + fn}: precision {precision:.3f}  recall {recall:.3f}  "
          f"state right on {state_ok}/{tp} matched")
    if spent:
        spent.sort()
        print(f"time per image: median {spent[len(spent) // 2]:.1f} ms")


if __name__ == "__main__":
    main()
