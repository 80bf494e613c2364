"""The `harness` command line. Subcommands: analyze (screen analysis); later issues add more.

    harness analyze IMAGE… [--hierarchy XML] [--dpi 420] [--reference IMAGE] [--no-ocr] --json
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

PROG = "harness"


def _err(msg: str) -> None:
    print(f"{PROG}: error: {msg}", file=sys.stderr)


def _analyze(args: argparse.Namespace) -> int:
    from .vision import ImageError, VisionConfig, analyze, load_image

    cfg = VisionConfig(dpi=args.dpi)
    xml: bytes | None = None
    if args.hierarchy:
        try:
            xml = Path(args.hierarchy).read_bytes()
        except OSError as e:
            _err(f"{args.hierarchy}: cannot read hierarchy: {e.strerror or e}")
            return 2
        from .vision.hierarchy import HierarchyError, parse_nodes
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
            _err(str(e))
            return 2
    failed = 0
    for path in args.images:
        try:
            image = load_image(path)
            result = analyze(image, hierarchy_xml=xml, reference=reference, cfg=cfg, use_ocr=not args.no_ocr)
        except ImageError as e:
            failed += 1
            _err(str(e))
            continue
        except Exception as e:  # one bad image never stops the others
            failed += 1
            if args.debug:
                traceback.print_exc()
            _err(f"cannot analyse {path}: {type(e).__name__}: {e}".splitlines()[0])
            continue
        if args.json:
            print(json.dumps(result.to_json(str(path)), ensure_ascii=False), flush=True)
        else:
            print(_human(str(path), result), flush=True)
    return 1 if failed else 0


def _human(path: str, result) -> str:
    lines = [f"{path}: {result.width}x{result.height}, {len(result.popups)} pop-up(s), "
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


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=PROG, description="MIIT 2023-26 UI compliance harness")
    ap.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    an = sub.add_parser("analyze", help="find pop-ups and their close controls in screenshots",
                        description="Find pop-ups and their close controls in PNG/JPEG screenshots.")
    an.add_argument("images", nargs="+", metavar="IMAGE")
    an.add_argument("--hierarchy", metavar="XML", help="uiautomator2 hierarchy dump of the same screen")
    an.add_argument("--reference", metavar="IMAGE", help="an earlier frame of the same screen without the pop-up")
    an.add_argument("--dpi", type=int, default=420, help="screen density of the images (default 420)")
    an.add_argument("--json", action="store_true", help="one JSON object per image per line")
    an.add_argument("--no-ocr", action="store_true", help="skip text recognition (pixels and hierarchy only)")
    an.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    an.set_defaults(func=_analyze)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "dpi", 1) <= 0:
        _err("--dpi must be positive")
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        if args.debug:
            raise
        _err(f"{type(e).__name__}: {e}".splitlines()[0])
        return 1


if __name__ == "__main__":
    sys.exit(main())
