"""The `harness` command line: one subcommand per module in `harness/commands/`.

    harness analyze IMAGE… [--hierarchy XML] [--dpi 420] --json   screen analysis
    harness devices | doctor | verify DIR [--key PUB] [--against RESULTS.json]   devices, health, evidence
    harness keygen [--out DIR]                                    a lab key that signs evidence manifests
    harness report EVIDENCE_DIR [--out DIR] [--pdf FILE] | --merge JSON… --out DIR   HTML/PDF report, results.json
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .commands import PROG, analyze, devices, doctor, error, keygen, report, reproduce, verify

COMMANDS = (analyze, devices, doctor, verify, keygen, report, reproduce)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="MIIT 2023-26 UI compliance harness")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(sub).add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                                           help="show tracebacks")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        if args.debug:
            raise
        error(f"{type(e).__name__}: {e}".splitlines()[0])
        return 1


if __name__ == "__main__":
    sys.exit(main())
