"""Shell builtins: they act on the shell itself (variables, cwd, exit) or are trivial."""

from __future__ import annotations

import asyncio
import codecs
import shlex

from ...fs import FsError
from ..context import SHELL, Ctx, ShellExit
from .args import UsageError
from .registry import command


@command("true", ":")
async def true(ctx: Ctx, args: list[str]) -> int:
    return 0


@command("false")
async def false(ctx: Ctx, args: list[str]) -> int:
    return 1


@command("exit")
async def exit_(ctx: Ctx, args: list[str]) -> int:
    if args and not args[0].lstrip("-").isdigit():
        await ctx.err(f"{SHELL}: exit: {args[0]}: bad number\n")
        raise ShellExit(1)
    raise ShellExit(int(args[0]) & 0xFF if args else ctx.state.status)


@command("cd")
async def cd(ctx: Ctx, args: list[str]) -> int:
    target = ctx.path(args[0] if args else ctx.env.get("HOME", "/"))
    try:
        if not ctx.system.fs.stat(target).is_dir:
            raise FsError("ENOTDIR", target)
    except FsError as e:
        await ctx.err(f"{SHELL}: cd: {args[0] if args else target}: {e.strerror}\n")
        return 2
    ctx.state.cwd = target
    return 0


@command("pwd", toybox=True)
async def pwd(ctx: Ctx, args: list[str]) -> int:
    await ctx.out(ctx.state.cwd + "\n")
    return 0


@command("export")
async def export(ctx: Ctx, args: list[str]) -> int:
    for arg in args:
        name, sep, value = arg.partition("=")
        if sep:
            ctx.state.vars[name] = value
        else:
            ctx.state.vars.setdefault(name, "")
    if not args:
        await ctx.out("".join(f"export {k}={v}\n" for k, v in sorted(ctx.state.vars.items())))
    return 0


@command("unset")
async def unset(ctx: Ctx, args: list[str]) -> int:
    for name in args:
        ctx.state.vars.pop(name, None)
    return 0


@command("sh")
async def sh(ctx: Ctx, args: list[str]) -> int:
    """`sh -c SCRIPT`: a child shell running SCRIPT."""
    if len(args) < 2 or args[0] != "-c":
        raise UsageError("only `sh -c SCRIPT` is supported")
    from ..interpreter import Interpreter  # the interpreter imports this table

    child = Interpreter(ctx.system, ctx.state.fork())
    child.state.vars.update(ctx.env)
    try:
        return await child.run_source(args[1], ctx.io)
    except ShellExit as e:
        return e.status


@command("exec")
async def exec_(ctx: Ctx, args: list[str]) -> int:
    """`exec CMD …`: CMD replaces the shell, so its status ends the script. `adb logcat`
    runs `exec logcat …` on the device."""
    if not args:
        return 0
    from ..interpreter import Interpreter  # the interpreter imports this table

    child = Interpreter(ctx.system, ctx.state.fork())
    child.state.vars.update(ctx.env)
    try:
        status = await child.run_source(shlex.join(args), ctx.io)
    except ShellExit as e:
        status = e.status
    raise ShellExit(status)


@command("echo", toybox=True)
async def echo(ctx: Ctx, args: list[str]) -> int:
    newline, escapes = True, False
    while args and args[0][:1] == "-" and len(args[0]) > 1 and set(args[0][1:]) <= set("neE"):
        newline = newline and "n" not in args[0]
        escapes = ("e" in args[0]) or (escapes and "E" not in args[0])
        args = args[1:]
    text = " ".join(args)
    if escapes:
        text, stop, _ = text.partition("\\c")  # \c: stop output here, no newline
        newline = newline and not stop
        text = codecs.decode(text.encode("latin-1", "backslashreplace"), "unicode_escape")
    await ctx.out(text + ("\n" if newline else ""))
    return 0


@command("sleep", toybox=True)
async def sleep(ctx: Ctx, args: list[str]) -> int:
    if not args:
        raise UsageError("Needs 1 argument")
    try:
        seconds = sum(_duration(a) for a in args)
    except ValueError:
        raise UsageError(f"Not a number '{args[0]}'") from None
    await asyncio.sleep(seconds)  # cancellation simply propagates
    return 0


def _duration(text: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    if text and text[-1] in units:
        return float(text[:-1]) * units[text[-1]]
    return float(text)
