"""`input`: touches and keys, delivered to the device's window manager."""

from __future__ import annotations

import asyncio

from ...android.keys import parse_keycode
from ..context import Ctx
from .args import UsageError
from .registry import command

SOURCES = {"touchscreen", "touchpad", "keyboard", "mouse", "stylus", "dpad", "gamepad",
           "trackball", "joystick", "touchnavigation", "gesture"}


def _numbers(args: list[str], count: int, usage: str) -> list[float]:
    if len(args) < count:
        raise UsageError(usage)
    try:
        return [float(a) for a in args[:count]]
    except ValueError:
        raise UsageError(usage) from None


async def _tap(ctx: Ctx, args: list[str]) -> int:
    x, y = _numbers(args, 2, "usage: input [<source>] tap <x> <y>")
    ctx.system.tap(x, y)
    return 0


async def _swipe(ctx: Ctx, args: list[str]) -> int:
    """A swipe takes its duration on a device; it moves nothing the model tracks yet."""
    _numbers(args, 4, "usage: input [<source>] swipe <x1> <y1> <x2> <y2> [duration(ms)]")
    duration_ms = float(args[4]) if len(args) > 4 else 300.0
    await asyncio.sleep(max(0.0, duration_ms) / 1000)
    return 0


async def _keyevent(ctx: Ctx, args: list[str]) -> int:
    codes = [a for a in args if a not in ("--longpress", "--doubletap", "--delay")]
    if not codes:
        raise UsageError("usage: input [<source>] keyevent [--longpress|--doubletap] <key code> ...")
    for token in codes:
        code = parse_keycode(token)
        if code is None:
            await ctx.err(f"Error: Unknown keycode: {token}\n")
            return 1
        ctx.system.press_key(code)
    return 0


async def _text(ctx: Ctx, args: list[str]) -> int:
    """Typed text goes to the focused editor; the model has no editable views yet."""
    if not args:
        raise UsageError("usage: input [<source>] text <string>")
    return 0


ACTIONS = {"tap": _tap, "swipe": _swipe, "draganddrop": _swipe, "keyevent": _keyevent,
           "text": _text, "press": lambda ctx, a: _keyevent(ctx, ["DPAD_CENTER"])}


@command("input")
async def input_(ctx: Ctx, args: list[str]) -> int:
    if args and args[0] in SOURCES:
        args = args[1:]
    if args[:1] == ["-d"]:
        args = args[2:]  # display id: there is one display
    if not args or args[0] not in ACTIONS:
        await ctx.err(f"Error: Unknown command: {args[0]}\n" if args else
                      "Usage: input [<source>] [-d DISPLAY_ID] <command> [<arg>...]\n")
        return 1
    return await ACTIONS[args[0]](ctx, args[1:])
