"""Line filters that usually sit at the end of a pipe: grep, head, tail, wc."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

from ..context import Ctx
from .args import UsageError, getopt
from .files import read_input
from .registry import command


async def _inputs(ctx: Ctx, name: str, operands: list[str]) -> tuple[list[tuple[str, bytes]], int]:
    """(operand, bytes) for each readable operand (stdin when none) and the error status."""
    found, status = [], 0
    for operand in operands or ["-"]:
        data = await read_input(ctx, name, operand)
        if data is None:
            status = 1
        else:
            found.append((operand, data))
    return found, status


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


async def _stdin_lines(ctx: Ctx) -> AsyncIterator[bytes]:
    """Lines as they arrive, so `logcat | grep X` and `logcat | head` work on a live stream."""
    pending = b""
    while chunk := await ctx.io.stdin():
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            yield line + b"\n"
    if pending:
        yield pending


async def _iterate(lines: list[bytes]) -> AsyncIterator[bytes]:
    for line in lines:
        yield line


async def _line_sources(ctx: Ctx, name: str, operands: list[str]) -> tuple[list[tuple[str, AsyncIterator[bytes]]], int]:
    """(operand, lines) for each readable operand (stdin, streamed, when none) and the error status."""
    sources, status = [], 0
    for operand in operands or ["-"]:
        if operand == "-":
            sources.append((operand, _stdin_lines(ctx)))
            continue
        data = await read_input(ctx, name, operand)
        if data is None:
            status = 1
        else:
            sources.append((operand, _iterate(_lines(data))))
    return sources, status


def _bre(pattern: str) -> str:
    """A POSIX basic regex (GNU flavour: `\\|`, `\\(`, `\\+` are operators) as a Python regex."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            out.append(nxt if nxt in "|(){}+?" else c + nxt)
            i += 2
            continue
        out.append("\\" + c if c in "|(){}+?" else c)
        i += 1
    return "".join(out)


@command("grep", toybox=True)
async def grep(ctx: Ctx, args: list[str]) -> int:
    opts, operands = getopt(args, "vicqnlEFowxsH", "em")
    pattern = opts.get("e")
    if not isinstance(pattern, str):
        if not operands:
            raise UsageError("Needs 1 argument")
        pattern, operands = operands[0], operands[1:]
    if "F" in opts:
        regex = re.escape(pattern)
    else:
        regex = pattern if "E" in opts else _bre(pattern)
    if "w" in opts:
        regex = rf"\b(?:{regex})\b"
    if "x" in opts:
        regex = rf"^(?:{regex})$"
    try:
        matcher = re.compile(regex.encode(), re.IGNORECASE if "i" in opts else 0)
    except re.error:
        await ctx.err(f"grep: bad regex '{pattern}'\n")
        return 2
    sources, status = await _line_sources(ctx, "grep", operands)
    prefix_names = len(sources) > 1 or "H" in opts
    limit = int(opts["m"]) if isinstance(opts.get("m"), str) else None
    matched_any = False
    for name, lines in sources:
        count, n = 0, 0
        async for line in lines:
            n += 1
            body = line.rstrip(b"\n")
            hit = matcher.search(body)
            if bool(hit) == ("v" in opts):
                continue
            count += 1
            matched_any = True
            if "q" in opts:
                return 0
            if "c" in opts or "l" in opts:
                continue
            head = (name.encode() + b":" if prefix_names else b"") + (f"{n}:".encode() if "n" in opts else b"")
            text = hit.group() if "o" in opts and hit else body
            await ctx.io.stdout(head + text + b"\n")
            if limit is not None and count >= limit:
                break
        if "c" in opts:
            await ctx.out((f"{name}:" if prefix_names else "") + f"{count}\n")
        elif "l" in opts and count:
            await ctx.out(f"{name}\n")
    return 2 if status and not matched_any else (0 if matched_any else 1)


def _count_option(args: list[str]) -> list[str]:
    """`head -5` is `head -n 5`."""
    return [f"-n{a[1:]}" if len(a) > 1 and a[0] == "-" and a[1:].isdigit() else a for a in args]


@command("head", toybox=True)
async def head(ctx: Ctx, args: list[str]) -> int:
    opts, operands = getopt(_count_option(args), "qv", "nc")
    if isinstance(opts.get("c"), str):
        inputs, status = await _inputs(ctx, "head", operands)
        for _, data in inputs:
            await ctx.io.stdout(data[:int(opts["c"])])
        return status
    sources, status = await _line_sources(ctx, "head", operands)
    wanted = int(opts.get("n", "10"))
    for _, lines in sources:
        if wanted <= 0:
            continue
        count = 0
        async for line in lines:
            await ctx.io.stdout(line)
            count += 1
            if count >= wanted:
                break  # stop reading: a writer upstream then gets a broken pipe
    return status


@command("tail", toybox=True)
async def tail(ctx: Ctx, args: list[str]) -> int:
    opts, operands = getopt(_count_option(args), "qvf", "nc")
    inputs, status = await _inputs(ctx, "tail", operands)
    spec = str(opts.get("n", "10"))
    for _, data in inputs:
        lines = _lines(data)
        chosen = lines[int(spec[1:]) - 1:] if spec.startswith("+") else lines[-int(spec):] if int(spec) else []
        await ctx.io.stdout(b"".join(chosen))
    return status


@command("wc", toybox=True)
async def wc(ctx: Ctx, args: list[str]) -> int:
    opts, operands = getopt(args, "lwcm")
    wanted = [c for c in "lwc" if c in opts or ("m" in opts and c == "c")] or ["l", "w", "c"]
    inputs, status = await _inputs(ctx, "wc", operands)
    totals = {c: 0 for c in wanted}
    rows = []
    for name, data in inputs:
        counts = {"l": data.count(b"\n"), "w": len(data.split()), "c": len(data)}
        for c in wanted:
            totals[c] += counts[c]
        rows.append(([counts[c] for c in wanted], "" if name == "-" and not operands else name))
    if len(rows) > 1:
        rows.append(([totals[c] for c in wanted], "total"))
    for numbers, name in rows:
        # toybox pads columns only when it prints more than one number or a name
        cells = [str(n) for n in numbers] if len(numbers) == 1 and not name else [f"{n:7}" for n in numbers]
        await ctx.out(" ".join(cells + ([name] if name else [])) + "\n")
    return status
