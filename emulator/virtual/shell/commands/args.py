"""Option parsing the way toybox does it: combined short flags, options anywhere, `--` ends them."""

from __future__ import annotations


class UsageError(Exception):
    """Bad arguments; the message is printed after `<command>: `."""


def getopt(args: list[str], flags: str, valued: str = "") -> tuple[dict[str, str | bool], list[str]]:
    """Split `args` into ({flag: True | value}, operands).

    `flags` are boolean single-letter options, `valued` take a value (`-n 5` or `-n5`).
    A lone `-` is an operand (stdin).
    """
    opts: dict[str, str | bool] = {}
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            rest.extend(args[i:])
            break
        if not arg.startswith("-") or arg == "-":
            rest.append(arg)
            continue
        for j, ch in enumerate(arg[1:], start=1):
            if ch in valued:
                value = arg[j + 1:]
                if not value:
                    if i >= len(args):
                        raise UsageError(f"-{ch} needs 1 arg")
                    value = args[i]
                    i += 1
                opts[ch] = value
                break
            if ch not in flags:
                raise UsageError(f"Unknown option '{ch}'")
            opts[ch] = True
    return opts, rest
