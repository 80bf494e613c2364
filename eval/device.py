"""The screen analysis on screens of the virtual device's demo apps (`python -m eval.device`).

Starts a virtual device with every demo app on private ports (like `make demo`), opens each app
through uiautomator2, waits until its pop-up, splash or permission dialog is due (the app's
`truth.yaml` timeline), takes a screenshot and the hierarchy, and compares the analysis with
the app's truth: a pop-up is expected when the timeline has one; the labelled close controls
are the truth's `controls` bounds. Reported per app and overall, pixels alone and with the
hierarchy. These screens are drawn by another team's renderer, not by `eval.synth`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "emulator" / "virtual" / "apps" / "demo"
POPUP_EVENTS = ("popup_shown", "skip_visible", "permission_dialog", "consent_shown")


def _truths() -> list[dict]:
    import yaml

    out = []
    for f in sorted(APPS.glob("*/truth.yaml")):
        t = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        t.setdefault("package", f.parent.name)
        out.append(t)
    return out


def _observe(serial: str, a: argparse.Namespace) -> list[tuple]:
    """Launch every demo app, screenshot it when its pop-up is due, and score the analysis
    against the app's truth file (pixels alone, then with the hierarchy)."""
    import uiautomator2 as u2

    from harness.vision import VisionConfig, analyze, box_iou

    cfg = VisionConfig(dpi=a.dpi)
    rows = []
    d = u2.connect(serial)
    for truth in _truths():
        pkg = truth["package"]
        timeline = truth.get("timeline_ms") or {}
        due = [v for k, v in timeline.items() if k in POPUP_EVENTS and isinstance(v, (int, float))]
        d.app_start(pkg)
        time.sleep((max(due) if due else 800) / 1000 + 0.6)
        shot = np.asarray(d.screenshot())[:, :, ::-1].copy()
        xml = d.dump_hierarchy()
        d.app_stop(pkg)
        if a.out:
            Path(a.out).mkdir(parents=True, exist_ok=True)
            import cv2
            cv2.imwrite(str(Path(a.out) / f"{pkg}.png"), shot)
        labels = [tuple(c["bounds"][:2]) + (c["bounds"][2] - c["bounds"][0], c["bounds"][3] - c["bounds"][1])
                  for c in (truth.get("controls") or {}).values() if c.get("bounds")]
        for mode, hx in (("pixels", None), ("+hierarchy", xml)):
            res = analyze(shot, hierarchy_xml=hx, cfg=cfg)
            found = [c.bbox for p in res.popups for c in p.close_controls]
            hit = sum(any(box_iou(lab, f) >= 0.5 for f in found) for lab in labels)
            rows.append((pkg, mode, bool(due), bool(res.popups), len(labels), hit, len(found),
                         ", ".join(f"{p.kind}" for p in res.popups) or "-",
                         "; ".join(f"{c.kind} {c.text or ''} {c.size_dp:.0f}dp" for p in res.popups
                                   for c in p.close_controls) or "-"))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.device", description=__doc__.split("\n")[0])
    ap.add_argument("--dpi", type=int, default=420)
    ap.add_argument("--out", help="save the screenshots here")
    a = ap.parse_args(argv)
    if not APPS.is_dir():
        print("no demo apps in this checkout: nothing to evaluate")
        return 0
    from emulator.launch import LaunchError, private_virtual_device

    try:
        with private_virtual_device(install="all") as (_, device):
            rows = _observe(device.serial, a)
    except LaunchError as exc:
        print(f"error: virtual device unavailable: {exc}", file=sys.stderr)
        return 1  # an evaluation that could not look at anything must not look like a pass

    print(f"| {'app':<28} | {'mode':<10} | pop-up expected/found | controls labelled/matched/reported | found")
    print(f"|{'-' * 30}|{'-' * 12}|-----------------------|------------------------------------|------")
    for pkg, mode, exp, got, n, hit, rep, kinds, ctl in rows:
        print(f"| {pkg:<28} | {mode:<10} | {exp!s:>5} / {got!s:<5}         | {n} / {hit} / {rep:<28} | {kinds}: {ctl}")
    for mode in ("pixels", "+hierarchy"):
        r = [x for x in rows if x[1] == mode]
        tp = sum(x[2] and x[3] for x in r)
        fp = sum(x[3] and not x[2] for x in r)
        fn = sum(x[2] and not x[3] for x in r)
        labelled, matched = sum(x[4] for x in r), sum(x[5] for x in r)
        print(f"{mode}: pop-up presence TP {tp} FP {fp} FN {fn}; close controls matched {matched}/{labelled} (IoU >= 0.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
