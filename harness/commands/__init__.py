"""`harness` subcommands, one module each: `register(subparsers)` adds the parser (its `func`
default is the module's `run(args) -> int`)."""

from __future__ import annotations

import sys

PROG = "harness"


def error(message: str) -> None:
    """One line on stderr, the way every command reports bad input or a failure."""
    print(f"{PROG}: error: {message}", file=sys.stderr)
