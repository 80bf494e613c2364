"""`logcat`: dump, clear or follow the device log, in Android's output formats."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from datetime import datetime

from ...android.system import LogEntry
from ..context import Ctx
from .args import UsageError, getopt
from .registry import command

LEVELS = "VDIWEFS"
FORMATS = ("threadtime", "time", "brief", "tag", "process", "raw", "long")
BEGINNING = "--------- beginning of main\n"


def _stamp(t: float) -> str:
    return time.strftime("%m-%d %H:%M:%S", time.localtime(t)) + f".{int(t * 1000) % 1000:03d}"


def format_entry(entry: LogEntry, fmt: str) -> str:
    """One entry, each message line with its prefix (as liblog's logprint does)."""
    e = entry
    prefix, suffix = {
        "threadtime": (f"{_stamp(e.time)} {e.pid:5d} {e.tid:5d} {e.level} {e.tag:<8}: ", ""),
        "time": (f"{_stamp(e.time)} {e.level}/{e.tag:<8}({e.pid:5d}): ", ""),
        "brief": (f"{e.level}/{e.tag:<8}({e.pid:5d}): ", ""),
        "tag": (f"{e.level}/{e.tag:<8}: ", ""),
        "process": (f"{e.level}({e.pid:5d}) ", f"  ({e.tag})"),
        "raw": ("", ""),
    }.get(fmt, ("", ""))
    if fmt == "long":
        return f"[ {_stamp(e.time)} {e.pid:5d}:{e.tid:5d} {e.level}/{e.tag} ]\n{e.message}\n\n"
    return "".join(f"{prefix}{line}{suffix}\n" for line in e.message.split("\n"))


@dataclass
class Filter:
    default: str = "V"
    tags: dict[str, str] = field(default_factory=dict)
    regex: re.Pattern[str] | None = None
    pid: int | None = None

    def accepts(self, e: LogEntry) -> bool:
        level = self.tags.get(e.tag, self.default)
        if LEVELS.index(e.level) < LEVELS.index(level) or level == "S":
            return False
        if self.pid is not None and e.pid != self.pid:
            return False
        return self.regex is None or bool(self.regex.search(e.message))


def _filter(opts: dict, specs: list[str]) -> Filter:
    f = Filter(default="S" if "s" in opts else "V")
    for spec in specs:
        tag, _, level = spec.partition(":")
        level = (level or "V").upper()[:1]
        if level not in LEVELS:
            raise UsageError(f"Invalid filter expression '{spec}'")
        if tag == "*":
            f.default = level
        else:
            f.tags[tag] = level
    if isinstance(opts.get("e"), str):
        f.regex = re.compile(opts["e"])
    if isinstance(opts.get("pid"), str):
        f.pid = int(opts["pid"])
    return f


def _since(spec: str, entries: list[LogEntry]) -> list[LogEntry]:
    """`-t/-T N` keeps the last N entries; `-t/-T 'MM-DD hh:mm:ss.mmm'` those since a time."""
    if spec.isdigit():
        return entries[-int(spec):] if int(spec) else []
    for pattern in ("%Y-%m-%d %H:%M:%S.%f", "%m-%d %H:%M:%S.%f"):
        try:
            when = datetime.strptime(spec, pattern)
        except ValueError:
            continue
        if pattern.startswith("%m"):
            when = when.replace(year=datetime.now().year)
        return [e for e in entries if e.time >= when.timestamp()]
    try:
        return [e for e in entries if e.time >= float(spec)]
    except ValueError:
        raise UsageError(f"-t \"{spec}\" not in time format") from None


_LONG = {"--clear": "-c", "--dump": "-d", "--regex": "-e", "--max-count": "-m",
         "--format": "-v", "--buffer": "-b"}


def _normalize(args: list[str]) -> list[str]:
    out = []
    for a in args:
        name, eq, value = a.partition("=")
        if name == "--pid":
            out += ["-P", value]  # internal spelling for --pid=N
        elif name in _LONG:
            out += [_LONG[name]] + ([value] if eq else [])
        else:
            out.append(a)
    return out


class _Printer:
    def __init__(self, ctx: Ctx, fmt: str, limit: int | None) -> None:
        self.ctx, self.fmt, self.limit, self.count = ctx, fmt, limit, 0

    @property
    def done(self) -> bool:
        return self.limit is not None and self.count >= self.limit

    async def print(self, entry: LogEntry) -> None:
        if self.count == 0:
            await self.ctx.out(BEGINNING)
        self.count += 1
        await self.ctx.out(format_entry(entry, self.fmt))


@command("logcat")
async def logcat(ctx: Ctx, args: list[str]) -> int:
    opts, specs = getopt(_normalize(args), "cdsg", "vbtTemP")
    if "P" in opts:
        opts["pid"] = opts.pop("P")
    buffer = ctx.system.logcat
    if "c" in opts:
        buffer.clear()
        return 0
    if "g" in opts:
        used = sum(len(e.message) + len(e.tag) + 24 for e in buffer.entries()) // 1024
        await ctx.out(f"main: ring buffer is 256 KiB ({used} KiB consumed), max entry is 5120 B,"
                      " max payload is 4068 B\n")
        return 0
    fmt = str(opts.get("v", "threadtime"))
    if fmt not in FORMATS:
        raise UsageError(f"Invalid parameter \"{fmt}\" to -v.")
    flt = _filter(opts, specs)
    printer = _Printer(ctx, fmt, int(opts["m"]) if isinstance(opts.get("m"), str) else None)
    follow = not ("d" in opts or "t" in opts)

    queue: asyncio.Queue[LogEntry] = asyncio.Queue()
    loop = asyncio.get_running_loop()
    # Subscribe before taking the backlog so nothing logged in between is lost.
    unsubscribe = buffer.subscribe(lambda e: loop.call_soon_threadsafe(queue.put_nowait, e)) if follow else None
    try:
        backlog = buffer.entries()
        seen = {id(e) for e in backlog}
        since = opts.get("t", opts.get("T"))
        selected = [e for e in backlog if flt.accepts(e)]
        for entry in _since(since, selected) if isinstance(since, str) else selected:
            if printer.done:
                return 0
            await printer.print(entry)
        while follow and not printer.done:
            entry = await queue.get()
            if id(entry) not in seen and flt.accepts(entry):
                await printer.print(entry)
        return 0
    finally:
        if unsubscribe is not None:
            unsubscribe()
