"""System properties: getprop and setprop."""

from __future__ import annotations

from ..context import Ctx
from .registry import command


@command("getprop", toybox=True)
async def getprop(ctx: Ctx, args: list[str]) -> int:
    props = ctx.system.props
    if not args:
        await ctx.out("".join(f"[{k}]: [{v}]\n" for k, v in sorted(props.items())))
    else:
        await ctx.out(props.get(args[0], args[1] if len(args) > 1 else "") + "\n")
    return 0


@command("setprop", toybox=True)
async def setprop(ctx: Ctx, args: list[str]) -> int:
    if len(args) != 2:
        await ctx.err("usage: setprop NAME VALUE\n\nSets an Android system property.\n")
        return 1
    name, value = args
    # Read-only properties can be set once, at boot; later attempts fail like on a device.
    if name.startswith("ro.") and name in ctx.system.props:
        await ctx.err(f"Failed to set property '{name}' to '{value}'.\nSee dmesg for error reason.\n")
        return 1
    ctx.system.props[name] = value
    return 0
