"""File commands on the device filesystem, with toybox's messages."""

from __future__ import annotations

import hashlib
import posixpath
import stat as statmod
import time

from ...fs import FsError, Stat
from ..context import Ctx
from ..plumbing import DEV_NULL
from .args import UsageError, getopt
from .registry import command


async def _fail(ctx: Ctx, name: str, e: FsError, shown: str) -> int:
    await ctx.err(f"{name}: {shown}: {e.strerror}\n")
    return 1


async def read_input(ctx: Ctx, name: str, operand: str) -> bytes | None:
    """A file operand's bytes (`-` is stdin); None after reporting an error."""
    if operand == "-":
        return await ctx.read_stdin()
    path = ctx.path(operand)
    if path == DEV_NULL:
        return b""
    try:
        return ctx.system.fs.read(path)
    except FsError as e:
        await _fail(ctx, name, e, operand)
        return None


@command("cat", toybox=True)
async def cat(ctx: Ctx, args: list[str]) -> int:
    _, files = getopt(args, "uvteA")
    status = 0
    for operand in files or ["-"]:
        if operand == "-":
            while chunk := await ctx.io.stdin():  # stream: `cat` may sit in a pipe
                await ctx.io.stdout(chunk)
            continue
        data = await read_input(ctx, "cat", operand)
        if data is None:
            status = 1
        else:
            await ctx.io.stdout(data)
    return status


def _digest(algorithm: str, name: str):
    async def run(ctx: Ctx, args: list[str]) -> int:
        _, files = getopt(args, "bs")
        status = 0
        for operand in files or ["-"]:
            data = await read_input(ctx, name, operand)
            if data is None:
                status = 1
                continue
            await ctx.out(f"{hashlib.new(algorithm, data).hexdigest()}  {operand}\n")
        return status
    return run


for _alg in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512"):
    command(f"{_alg}sum", toybox=True)(_digest(_alg, f"{_alg}sum"))
# Some devices only have `md5`; uiautomator2 falls back to it.
command("md5")(_digest("md5", "md5"))


@command("ls", toybox=True)
async def ls(ctx: Ctx, args: list[str]) -> int:
    opts, operands = getopt(args, "laAd1RhsFnpi")
    fs, status = ctx.system.fs, 0
    files: list[tuple[str, Stat]] = []
    dirs: list[tuple[str, str]] = []
    for operand in operands or ["."]:
        try:
            st = fs.stat(ctx.path(operand))
        except FsError as e:
            status = await _fail(ctx, "ls", e, operand)
            continue
        if st.is_dir and "d" not in opts:
            dirs.append((operand, ctx.path(operand)))
        else:
            files.append((operand, st))
    out = [_ls_line(name, st, opts) for name, st in sorted(files)]
    show_headers = len(dirs) + len(files) > 1
    for n, (shown, path) in enumerate(sorted(dirs)):
        names = fs.listdir(path)
        if "a" in opts:
            names = [".", ".."] + names
        elif "A" not in opts:
            names = [x for x in names if not x.startswith(".")]
        entries = [(x, fs.stat(posixpath.join(path, x))) for x in names]
        if out or n:
            out.append("")
        if show_headers:
            out.append(f"{shown}:")
        if "l" in opts:
            out.append(f"total {sum((st.size + 1023) // 1024 for _, st in entries)}")
        out += [_ls_line(x, st, opts) for x, st in entries]
    await ctx.out("".join(line + "\n" for line in out))
    return status


def _ls_line(name: str, st: Stat, opts: dict) -> str:
    if "l" not in opts:
        return name
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(st.mtime))
    owner = "root    root  " if st.is_dir else "shell   shell "
    return f"{statmod.filemode(st.mode)} {st.nlink:>2} {owner}{st.size:>8} {stamp} {name}"


@command("rm", toybox=True)
async def rm(ctx: Ctx, args: list[str]) -> int:
    opts, operands = getopt(args, "rRfiv")
    if not operands:
        if "f" in opts:
            return 0
        raise UsageError("Needs 1 argument")
    status = 0
    for operand in operands:
        try:
            ctx.system.fs.remove(ctx.path(operand), recursive="r" in opts or "R" in opts)
        except FsError as e:
            if not ("f" in opts and e.errno_name == "ENOENT"):
                status = await _fail(ctx, "rm", e, operand)
    return status


@command("rmdir", toybox=True)
async def rmdir(ctx: Ctx, args: list[str]) -> int:
    status = 0
    for operand in args:
        try:
            ctx.system.fs.rmdir(ctx.path(operand))
        except FsError as e:
            status = await _fail(ctx, "rmdir", e, operand)
    return status


@command("mkdir", toybox=True)
async def mkdir(ctx: Ctx, args: list[str]) -> int:
    opts, operands = getopt(args, "pv", "m")
    if not operands:
        raise UsageError("Needs 1 argument")
    status = 0
    for operand in operands:
        try:
            ctx.system.fs.mkdir(ctx.path(operand), parents="p" in opts)
        except FsError as e:
            status = await _fail(ctx, "mkdir", e, operand)
    return status


@command("touch", toybox=True)
async def touch(ctx: Ctx, args: list[str]) -> int:
    _, operands = getopt(args, "acmh", "dtr")
    fs, status = ctx.system.fs, 0
    for operand in operands:
        path = ctx.path(operand)
        try:
            if fs.exists(path) and fs.stat(path).is_dir:
                continue
            fs.write(path, fs.read(path) if fs.exists(path) else b"")
        except FsError as e:
            status = await _fail(ctx, "touch", e, operand)
    return status


async def _copy(ctx: Ctx, name: str, args: list[str], remove_source: bool) -> int:
    _, operands = getopt(args, "fnvrRpaiT")
    if len(operands) < 2:
        raise UsageError("Needs 2 arguments")
    fs, status = ctx.system.fs, 0
    *sources, dest = operands
    dest_path = ctx.path(dest)
    into_dir = fs.exists(dest_path) and fs.stat(dest_path).is_dir
    for src in sources:
        target = posixpath.join(dest_path, posixpath.basename(ctx.path(src))) if into_dir else dest_path
        try:
            fs.write(target, fs.read(ctx.path(src)))
            if remove_source:
                fs.remove(ctx.path(src))
        except FsError as e:
            status = await _fail(ctx, name, e, src if e.path == ctx.path(src) else dest)
    return status


@command("cp", toybox=True)
async def cp(ctx: Ctx, args: list[str]) -> int:
    return await _copy(ctx, "cp", args, remove_source=False)


@command("mv", toybox=True)
async def mv(ctx: Ctx, args: list[str]) -> int:
    return await _copy(ctx, "mv", args, remove_source=True)


@command("chmod", toybox=True)
async def chmod(ctx: Ctx, args: list[str]) -> int:
    """Checks its operands exist; the fs keeps no permission bits worth changing."""
    _, operands = getopt(args, "Rfv")
    if len(operands) < 2:
        raise UsageError("Needs 2 arguments")
    status = 0
    for operand in operands[1:]:
        try:
            ctx.system.fs.stat(ctx.path(operand))
        except FsError as e:
            status = await _fail(ctx, "chmod", e, operand)
    return status
