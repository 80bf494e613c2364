"""`app_process`: starts a Java program; the one this device can run is uiautomator2's server."""

from __future__ import annotations

from ..context import Ctx
from .registry import command

U2_MAIN = "com.wetest.uia2.Main"
DEFAULT_PORT = 9008


async def _class_not_found(ctx: Ctx, cls: str) -> int:
    await ctx.err(f"Error: Could not find or load main class {cls}\n"
                  f"Caused by: java.lang.ClassNotFoundException: {cls}\n")
    return 1


def _port(args: list[str]) -> int:
    for i, arg in enumerate(args[:-1]):
        if arg == "-p" and args[i + 1].isdigit():
            return int(args[i + 1])
    return DEFAULT_PORT


@command("app_process", "app_process64")
async def app_process(ctx: Ctx, args: list[str]) -> int:
    # app_process [vm-options] <parent-dir> <class> [args…]
    operands = [a for a in args if not a.startswith("-")] if args else []
    if len(operands) < 2:
        await ctx.err("Usage: app_process [java-options] cmd-dir start-class-name [options]\n")
        return 1
    cls = operands[1]
    jars = [j for j in ctx.env.get("CLASSPATH", "").split(":") if j]
    if cls != U2_MAIN or not any(ctx.system.fs.exists(ctx.path(j)) for j in jars):
        return await _class_not_found(ctx, cls)
    from ...uia2 import (
        run_server,  # the server lives in its own package; imported on demand
    )

    # Runs until the adb stream closes and the shell task is cancelled.
    await run_server(ctx.system, _port(args[args.index(cls) + 1:]), ctx.io.stdout)
    return 0
