"""Screen capture commands: `screencap` and `uiautomator dump`."""

from __future__ import annotations

import asyncio
import struct

from ...fs import FsError
from ..context import Ctx
from .args import getopt
from .registry import command

PIXEL_FORMAT_RGBA_8888 = 1
COLORSPACE_SRGB = 1
DEFAULT_DUMP = "/sdcard/window_dump.xml"


async def _raw_rgba(ctx: Ctx) -> bytes:
    """Android 14's raw screencap: width, height, format and colour space, then RGBA pixels."""
    from ...android import render  # written alongside; imported when first needed

    screen = ctx.system.screen()
    image = await asyncio.to_thread(render.render, screen)
    pixels = await asyncio.to_thread(lambda: image.convert("RGBA").tobytes())
    header = struct.pack("<4I", image.width, image.height, PIXEL_FORMAT_RGBA_8888, COLORSPACE_SRGB)
    return header + pixels


async def _encoded(ctx: Ctx, fmt: str) -> bytes:
    from ...android import render

    return await asyncio.to_thread(render.encode, ctx.system.screen(), fmt)


@command("screencap")
async def screencap(ctx: Ctx, args: list[str]) -> int:
    opts, operands = getopt(args, "pjh", "da")
    path = operands[0] if operands else None
    if "p" in opts or (path or "").endswith(".png"):
        data = await _encoded(ctx, "png")
    elif "j" in opts or (path or "").endswith((".jpg", ".jpeg")):
        data = await _encoded(ctx, "jpeg")
    else:
        data = await _raw_rgba(ctx)
    if path is None:
        await ctx.io.stdout(data)
        return 0
    try:
        ctx.system.fs.write(ctx.path(path), data)
    except FsError as e:
        await ctx.err(f"Error opening file: {path} ({e.strerror})\n")
        return 1
    return 0


@command("uiautomator")
async def uiautomator(ctx: Ctx, args: list[str]) -> int:
    from ...android.hierarchy import (
        dump_xml,  # written alongside; imported when first needed
    )

    if not args or args[0] != "dump":
        await ctx.out("Usage: uiautomator <subcommand> [options]\n\nAvailable subcommands:\n\n"
                      "help: displays help message\n\ndump: creates an XML dump of current UI "
                      "hierarchy\n")
        return 1 if args else 0
    operands = [a for a in args[1:] if not a.startswith("--")]
    path = operands[0] if operands else DEFAULT_DUMP
    xml = dump_xml(ctx.system.screen(), indent=False)
    try:
        ctx.system.fs.write(ctx.path(path), xml.encode())
    except FsError as e:
        await ctx.err(f"ERROR: could not write {path}: {e.strerror}\n")
        return 1
    await ctx.out(f"UI hierchary dumped to: {path}\n")  # sic: Android's spelling
    return 0
