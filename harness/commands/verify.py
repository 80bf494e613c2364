"""`harness verify DIR`: is an evidence folder exactly what its manifest says?

Exit 0 when intact, 1 when any file changed, went missing or appeared, 2 when DIR is not an
evidence folder.
"""

from __future__ import annotations

import argparse

from ..evidence import NotEvidence, VerifyReport, verify
from . import error


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("verify", help="check an evidence folder against its manifest",
                                   description="Report changed, missing and extra files of an evidence folder.")
    parser.add_argument("folder", metavar="DIR")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(func=run)
    return parser


def describe(report: VerifyReport) -> list[str]:
    state = "sealed" if report.sealed else "NOT SEALED (the writer stopped before the end)"
    lines = [f"{report.folder}: {'intact' if report.intact else 'NOT INTACT'}, {state}, {report.files} files"]
    for label, paths in (("changed", report.changed), ("missing", report.missing), ("extra", report.extra),
                         ("manifest", report.problems)):
        lines += [f"  {label}: {p}" for p in paths]
    if report.interrupted:
        lines.append(f"  interrupted: {report.interrupted} (the last write, cut off; earlier evidence is intact)")
    return lines


def run(args: argparse.Namespace) -> int:
    try:
        report = verify(args.folder)
    except NotEvidence as e:
        error(str(e))
        return 2
    print(report.model_dump_json(indent=1) if args.json else "\n".join(describe(report)))
    return 0 if report.intact else 1
