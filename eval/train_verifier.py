"""Train the pop-up and close-control verifiers (`harness/vision/models/*.onnx`) on two cores.

    python -m eval.train_verifier [--synthetic-per-style 20] [--cache out/verifier-rows.npz] [--cv-only]

Rows come from what the analysis proposes (`pipeline.observe`) on the development split of the
real-screen corpus (each image alone, and again with its reference frame when it has one) and
on synthetic screens (`eval.synth`, seed 0: the evaluation's seed 1 stays unseen).
Each real screen is also analysed at 0.625 of its size (training rows only: the cross-validation
scores the screens as captured). The synthetic pop-ups are drawn once more over the development
split's plain real screens.
- pop-up rows: every card candidate, positive when it matches a labelled pop-up as
  `eval.real_eval` counts a match;
- close rows: every control attached to the candidate that best matches a labelled pop-up,
  positive when its centre lies in a labelled close box.
Each image gives its rows twice: with every control, and with the OCR'd ones left out (the
no-OCR path reads the same models). The held-out split is never read here.
The analysis reads first the text of the card the committed pop-up model picks from the pixels
alone, so the rows follow that model; after the measurements change, the first pass reads text by
its place on the screen only, and a second pass with the model it wrote gives the final one.

First a cross-validation grouped by app (no app in both its training and its test part) prints
what to expect on unseen apps, against what the models replace; then both models are fitted on
everything and written as ONNX (through skl2onnx; inference needs only onnxruntime).
About 10 minutes on 2 cores, most of it running the analysis over the images.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from harness.vision import VisionConfig, box_iou, load_image
from harness.vision.config import DEFAULT_CONFIG
from harness.vision.pipeline import Observation, observe
from harness.vision.types import box_center, box_contains_point
from harness.vision.verifier import CLOSE_MODEL, CONTROL_FEATURES, FEATURES, POPUP_MODEL, fits, using

from . import real_eval
from .metrics import prf
from .real.corpus import ROOT, load
from .synth import STYLES, Sample, dataset, generate

SEED = 0


class Rows:
    """Feature rows of one model, with their labels, groups (apps) and image ids."""

    def __init__(self) -> None:
        self.X: list[list[float]] = []
        self.y: list[int] = []
        self.group: list[str] = []
        self.image: list[int] = []
        self.ocr: list[bool] = []

    def add(self, rows: list[list[float]], labels: list[int], group: str, image: int, ocr: bool) -> None:
        self.X += rows
        self.y += labels
        self.group += [group] * len(rows)
        self.image += [image] * len(rows)
        self.ocr += [ocr] * len(rows)

    def arrays(self, prefix: str, width: int) -> dict[str, np.ndarray]:
        return {f"{prefix}X": np.asarray(self.X, np.float32).reshape(-1, width), f"{prefix}y": np.asarray(self.y),
                f"{prefix}group": np.asarray(self.group), f"{prefix}image": np.asarray(self.image),
                f"{prefix}ocr": np.asarray(self.ocr)}


def _add_image(obs: Observation, truth_boxes: list, card_matches, close_boxes: list, group: str, image: int,
               cards: Rows, closes: Rows) -> None:
    card_labels = [int(card_matches(c)) for c in obs.cards]
    best = max((i for i, ok in enumerate(card_labels) if ok), default=None,
               key=lambda i: max((box_iou(obs.cards[i].bbox, t) for t in truth_boxes), default=0.0))
    for ocr, o in ((True, obs), (False, replace(obs, controls=[c for c in obs.controls if c.source != "ocr"]))):
        cards.add(o.card_features(), card_labels, group, image, ocr)
        if best is not None:
            attached = o.attached(o.cards[best])
            labels = [int(any(box_contains_point(b, *box_center(c.bbox)) for b in close_boxes)) for c in attached]
            closes.add(o.control_features(o.cards[best], attached), labels, group, image, ocr)


SCALES = (0.625,)


def _scaled(image: np.ndarray, f: float) -> np.ndarray:
    return cv2.resize(image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)


def _scaled_box(box, f: float) -> tuple[int, int, int, int]:
    x, y, w, h = box
    return round(x * f), round(y * f), max(1, round(w * f)), max(1, round(h * f))


def collect(per_style: int, root: Path = ROOT, cfg: VisionConfig = DEFAULT_CONFIG) -> dict[str, np.ndarray]:
    cards, closes = Rows(), Rows()
    truth: list[tuple[int, bool, str, str, str]] = []  # image id, has a pop-up, group, name, source
    n = 0
    for rec in (r for r in load(root=root, split="dev") if r.raw_capture and r.reviewed):
        image = load_image(root / rec.image)
        refs = [None] + ([load_image(root / rec.reference)] if rec.reference else [])
        # each screen also smaller (phones capture at 720p as well as at 1080p; the analysis
        # infers the density from the size): rows to train on, never scored by the CV
        views = [(image, ref, 1.0) for ref in refs] + [(_scaled(image, f), None, f) for f in SCALES]
        for img, ref, f in views:
            obs = observe(img, reference=ref, cfg=cfg)
            W, H = obs.width, obs.height
            popups = [t.model_copy(update={"bbox": _scaled_box(t.bbox, f)}) for t in rec.popups]
            _add_image(obs, [tuple(t.bbox) for t in popups],
                       lambda c, popups=popups, W=W, H=H: any(real_eval.popups_match(t, c, W, H) for t in popups),
                       [_scaled_box(c.bbox, f) for c in rec.close_controls], rec.app_id, n, cards, closes)
            name = rec.image + (" (reference)" if ref is not None else "") + (f" x{f:g}" if f != 1.0 else "")
            truth.append((n, bool(rec.popups), rec.app_id, name, "real" if f == 1.0 else "real-scaled"))
            n += 1
    def add_synthetic(s: Sample, group: str, name: str, source: str) -> None:
        nonlocal n
        obs = observe(s.image, cfg=cfg.model_copy(update={"dpi": s.dpi}))
        _add_image(obs, s.popups, lambda c: any(box_iou(t, c.bbox) >= 0.5 for t in s.popups), s.controls,
                   group, n, cards, closes)
        truth.append((n, bool(s.popups), group, name, source))
        n += 1

    for s in dataset(per_style, SEED):
        add_synthetic(s, f"synth-{s.style}-{s.seed % 5}", f"synthetic {s.style} {s.seed}", "synthetic")
    # the drawn pop-ups again over the real plain screens (grouped with their app): real layouts
    # under a scrim, real pictures around a sheet
    plain = [r for r in load(root=root, split="dev", source="screens")
             if r.raw_capture and r.reviewed and not r.popups and r.width < r.height]
    for k, rec in enumerate(plain):
        bg = load_image(root / rec.image)
        h, w = bg.shape[:2]
        dpi = VisionConfig().for_image(w, h).dpi
        style = STYLES[k % len(STYLES)]
        add_synthetic(generate(SEED * 7919 + k, style, (w, h, dpi), bg), rec.app_id, f"{rec.image} + drawn {style}",
                      "composite")
    return {**cards.arrays("card_", len(FEATURES)), **closes.arrays("close_", len(CONTROL_FEATURES)),
            "features": np.asarray(FEATURES), "control_features": np.asarray(CONTROL_FEATURES),
            "truth_image": np.asarray([t[0] for t in truth]), "truth_has": np.asarray([t[1] for t in truth]),
            "truth_group": np.asarray([t[2] for t in truth]), "truth_name": np.asarray([t[3] for t in truth]),
            "truth_source": np.asarray([t[4] for t in truth])}


def _model():
    from sklearn.ensemble import GradientBoostingClassifier

    # shallow trees: deeper ones (depth 3-4) fitted the development apps better and unseen apps
    # worse in the grouped cross-validation; forests scored the same with a model ten times larger
    return GradientBoostingClassifier(n_estimators=150, max_depth=2, learning_rate=0.1, subsample=0.8,
                                      min_samples_leaf=5, random_state=0)


def _picks(scores: np.ndarray, y: np.ndarray, image: np.ndarray, threshold: float,
           labelled: dict[int, bool]) -> tuple[int, int, int, list[int]]:
    """(tp, fp, fn, wrong image ids) of picking each image's top-scored candidate when it clears
    the threshold; `labelled`: image id -> has a labelled pop-up (no candidate: a miss)."""
    tp = fp = fn = 0
    wrong = []
    for img, has in labelled.items():
        m = image == img
        s, t = scores[m], y[m]
        best = int(np.argmax(s)) if s.size else -1
        if best >= 0 and s[best] >= threshold and t[best]:
            tp += 1
            continue
        picked = best >= 0 and s[best] >= threshold
        fp += int(picked)
        fn += int(has)
        if picked or has:
            wrong.append(img)
    return tp, fp, fn, wrong


def _grouped_predictions(X: np.ndarray, y: np.ndarray, groups: np.ndarray, folds: int) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    pred = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=folds).split(X, y, groups):
        pred[test] = _model().fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    return pred


def cross_validate(d: dict[str, np.ndarray], folds: int = 5, show_wrong: bool = False) -> None:
    print(f"grouped {folds}-fold cross-validation by app on the development rows (OCR rows; no-OCR in brackets):")
    source = dict(zip(d["truth_image"].tolist(), d["truth_source"].tolist()))
    names = dict(zip(d["truth_image"].tolist(), d["truth_name"].tolist()))
    X, y, image, ocr = d["card_X"], d["card_y"], d["card_image"], d["card_ocr"]
    pred = _grouped_predictions(X, y, d["card_group"], folds)
    hand = X[:, FEATURES.index("hand_score")]
    row_source = np.array([source[i] for i in image.tolist()])
    for name in ("real", "synthetic", "composite"):
        labelled = {int(i): bool(h) for i, h in zip(d["truth_image"], d["truth_has"]) if source[int(i)] == name}
        if not labelled:
            continue
        part = ocr & (row_source == name)
        found = sum(1 for i, h in labelled.items() if h and y[part & (image == i)].any())
        print(f"  {name}: {sum(labelled.values())} images with a labelled pop-up, {found} of them among the candidates")
        for label, scores, thr in (("pop-up verifier", pred, 0.5), ("hand score", hand, 0.55)):
            tp, fp, fn, wrong = _picks(scores[part], y[part], image[part], thr, labelled)
            no = ~ocr & (row_source == name)
            p, r, f = prf(tp, fp, fn)
            print(f"    {label:<16} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({prf(*_picks(scores[no], y[no], image[no], thr, labelled)[:3])[2]:.3f})")
            if show_wrong and label == "pop-up verifier":
                print("      wrong: " + ", ".join(names[i] for i in wrong))
    X, y, ocr = d["close_X"], d["close_y"], d["close_ocr"]
    pred = _grouped_predictions(X, y, d["close_group"], folds)
    row_source = np.array([source[i] for i in d["close_image"].tolist()])
    print("  close controls attached to the best-matching card (per control):")
    for name in ("real", "synthetic", "composite"):
        part = ocr & (row_source == name)
        if not part.any():
            continue
        keep = pred[part] >= 0.5
        t = y[part].astype(bool)
        tp, fp, fn = int((keep & t).sum()), int((keep & ~t).sum()), int((~keep & t).sum())
        p, r, _ = prf(tp, fp, fn)
        print(f"    {name:<10} {int(t.sum())} of {t.size} attached controls close: keeping all P {t.mean():.3f}; "
              f"close verifier P {p:.3f} R {r:.3f}")


def end_to_end(d: dict[str, np.ndarray], folds: int = 5, root: Path = ROOT, show_wrong: bool = False) -> None:
    """The whole analysis (OCR, the splash-evidence rule, the close verifier, the thresholds) on
    each development app's real screens, with models fitted on the other folds' apps: the
    `eval.real_eval` table to expect on apps nobody trained on, without reading the held-out split."""
    from sklearn.model_selection import GroupKFold

    groups = d["card_group"]
    fold_of: dict[str, int] = {}
    for k, (_, test) in enumerate(GroupKFold(n_splits=folds).split(groups, groups=groups)):
        fold_of.update(dict.fromkeys(groups[test].tolist(), k))
    recs = [r for r in real_eval.labels(root) if r.split == "dev"]

    def results():
        for k in range(folds):
            models = []
            for prefix, width in (("card_", len(FEATURES)), ("close_", len(CONTROL_FEATURES))):
                train = np.array([fold_of[g] != k for g in d[prefix + "group"].tolist()])
                models.append(_onnx(_model().fit(d[prefix + "X"][train], d[prefix + "y"][train]), width))
            with using(*models):  # an app without any row is tested in the first fold
                yield from real_eval.run([r for r in recs if fold_of.get(r.app_id, 0) == k], root, True,
                                         VisionConfig(), False)

    failures: list[str] | None = [] if show_wrong else None
    table = {k: v for k, v in real_eval.grouped(results(), failures).items() if "/" not in k}
    real_eval.table(f"end to end, grouped {folds}-fold by app: each development screen analysed with models "
                    f"that never saw its app ({len(recs)} images, single frame)", table)
    if failures:
        print("\n" + "\n".join(failures))


def _onnx(model, width: int) -> bytes:
    from skl2onnx import to_onnx

    onx = to_onnx(model, np.zeros((1, width), np.float32), options={id(model): {"zipmap": False}}, target_opset=17)
    return onx.SerializeToString()


def export(model, path: Path, width: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_onnx(model, width))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.train_verifier", description=__doc__.split("\n")[0])
    ap.add_argument("--synthetic-per-style", type=int, default=20)
    ap.add_argument("--cache", type=Path, help="reuse (or write) the collected rows in this .npz file")
    ap.add_argument("--cv-only", action="store_true", help="cross-validate, write no model")
    ap.add_argument("--wrong", action="store_true", help="list the images the cross-validated pop-up pick (and, with --end-to-end, the analysis) got wrong")
    ap.add_argument("--end-to-end", action="store_true", help="also run the whole analysis on each fold's development "
                    "screens with that fold's models and print the evaluation's table (about 3 min more)")
    a = ap.parse_args(argv)
    t0 = time.time()
    if a.cache and a.cache.is_file():
        d = dict(np.load(a.cache))
        if tuple(d["features"]) != FEATURES or tuple(d["control_features"]) != CONTROL_FEATURES:
            print(f"{a.cache} was written for other features: delete it and run again", file=sys.stderr)
            return 1
    else:
        cfg = VisionConfig()
        if not fits(POPUP_MODEL):
            # the analysis reads a card's text first when the committed model picks that card
            print(f"{POPUP_MODEL.name} is missing or was trained on other measurements: this pass reads text by "
                  "its place on the screen only; run the training once more with the model it writes", file=sys.stderr)
            cfg = VisionConfig(ocr_focus_min_probability=2.0)
        d = collect(a.synthetic_per_style, cfg=cfg)
        if a.cache:
            a.cache.parent.mkdir(parents=True, exist_ok=True)
            np.savez_compressed(a.cache, **d)
    print(f"{len(d['card_y'])} card rows ({int(d['card_y'].sum())} positive), {len(d['close_y'])} control rows "
          f"({int(d['close_y'].sum())} positive) from {len(d['truth_image'])} images in {time.time() - t0:.0f} s")
    cross_validate(d, show_wrong=a.wrong)
    if a.end_to_end:
        end_to_end(d, show_wrong=a.wrong)
    if a.cv_only:
        return 0
    for prefix, names, path in (("card_", FEATURES, POPUP_MODEL), ("close_", CONTROL_FEATURES, CLOSE_MODEL)):
        model = _model().fit(d[prefix + "X"], d[prefix + "y"])
        export(model, path, len(names))
        ranked = sorted(zip(model.feature_importances_, names), reverse=True)[:8]
        print(f"wrote {path} ({path.stat().st_size // 1024} kB); most used: "
              + ", ".join(f"{n} {v:.2f}" for v, n in ranked))
    print(f"done in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
