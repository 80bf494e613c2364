"""`harness analyze IMAGE… [--hierarchy XML] [--reference IMAGE] [--dpi N] [--no-ocr] --json`:
find pop-ups and their close controls in screenshots, one JSON object per image per line."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path

from . import PROG, error


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    an = subparsers.add_parser("analyze", help="find pop-ups and their close controls in screenshots",
                               description="Find pop-ups and their close controls in PNG/JPEG screenshots.")
    an.add_argument("images", nargs="+", metavar="IMAGE")
    an.add_argument("--hierarchy", metavar="XML", help="uiautomator2 hierarchy dump of the same screen")
    an.add_argument("--reference", metavar="IMAGE",
                    help="the same screen a moment before (what a pop-up appeared over); unchanged layout is never a pop-up")
    an.add_argument("--dpi", type=_positive, default=None,
                    help="screen density of the images (default: inferred from each image's short side)")
    an.add_argument("--json", action="store_true", help="one JSON object per image per line")
    an.add_argument("--no-ocr", action="store_true", help="skip text recognition (pixels and hierarchy only)")
    an.set_defaults(func=run)
    return an


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text!r}")
    return value


def run(args: argparse.Namespace) -> int:
    from ..vision import ImageError, VisionConfig, analyze, load_image

    cfg = VisionConfig(dpi=args.dpi)
    xml: bytes | None = None
    if args.hierarchy:
        try:
            xml = Path(args.hierarchy).read_bytes()
        except OSError as e:
            error(f"{args.hierarchy}: cannot read hierarchy: {e.strerror or e}")
            return 2
        from ..hierarchy import HierarchyError, parse_nodes
        try:
            parse_nodes(xml)
        except HierarchyError as e:
            print(f"{PROG}: warning: {args.hierarchy}: {e}; analysing pixels only", file=sys.stderr)
            xml = None
    reference = None
    if args.reference:
        try:
            reference = load_image(args.reference)
        except ImageError as e:
            error(str(e))
            return 2
    failed = 0
    for path in args.images:
        try:
            image = load_image(path)
            result = analyze(image, hierarchy_xml=xml, reference=reference, cfg=cfg, use_ocr=not args.no_ocr)
        except ImageError as e:
            failed += 1
            error(str(e))
            continue
        except Exception as e:  # one bad image never stops the others
            failed += 1
            if args.debug:
                traceback.print_exc()
            error(f"cannot analyse {path}: {type(e).__name__}: {e}".splitlines()[0])
            continue
        if args.json:
            print(json.dumps(result.to_json(str(path)), ensure_ascii=False), flush=True)
        else:
            print(_human(str(path), result), flush=True)
    return 1 if failed else 0


def _human(path: str, result) -> str:
    lines = [f"{path}: {result.width}x{result.height} at {result.dpi} dpi, {len(result.popups)} pop-up(s), "
             f"{result.timing_ms.get('total', 0):.0f} ms"]
    for p in result.popups:
        lines.append(f"  {p.kind} {list(p.bbox)} score {p.score:.2f}")
        if not p.close_controls:
            lines.append("    no close control found")
        for c in p.close_controls:
            text = f" {c.text!r}" if c.text else ""
            cd = f" countdown {c.countdown}" if c.countdown is not None else ""
            lines.append(f"    {c.kind}{text}{cd} {list(c.bbox)} {c.size_dp:.0f} dp, contrast {c.contrast:.1f}:1, "
                         f"score {c.score:.2f}")
    return "\n".join(lines)
