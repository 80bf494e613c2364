"""`ps` and `pidof`: the system daemons plus the app processes AndroidSystem runs."""

from __future__ import annotations

from dataclasses import dataclass

from ...android.system import AndroidSystem
from ..context import Ctx
from . import format as fmt
from .args import getopt
from .registry import command

ZYGOTE_PID = 370


@dataclass(frozen=True)
class Row:
    user: str
    pid: int
    ppid: int
    vsz: int
    rss: int
    wchan: str
    name: str
    state: str = "S"


def _system_rows(system: AndroidSystem) -> list[Row]:
    return [
        Row("root", 1, 0, 10937020, 11964, "do_epoll_wait", "init"),
        Row("root", 2, 0, 0, 0, "kthreadd", "[kthreadd]"),
        Row("logd", 254, 1, 10874652, 7644, "sigsuspend", "logd"),
        Row("system", 256, 1, 10903848, 6312, "do_epoll_wait", "servicemanager"),
        Row("system", 280, 1, 11218716, 26448, "do_epoll_wait", "surfaceflinger"),
        Row("root", ZYGOTE_PID, 1, 14535340, 165548, "do_sys_poll", "zygote64"),
        Row("shell", 420, 1, 10912480, 5540, "do_epoll_wait", "adbd"),
        Row("system", system.system_pid, ZYGOTE_PID, 16771964, 331288, "do_epoll_wait", "system_server"),
        Row("u0_a140", 790, ZYGOTE_PID, 15307124, 205116, "do_epoll_wait", "com.android.systemui"),
    ]


def rows(system: AndroidSystem) -> list[Row]:
    with system.lock:
        procs = sorted(system.processes.values(), key=lambda p: p.pid)
    apps = [Row(fmt.user_name(p.uid), p.pid, ZYGOTE_PID, 14588660, 123532, "do_epoll_wait", p.name)
            for p in procs]
    return _system_rows(system) + apps


# toybox's column titles and widths (negative: left-aligned).
COLUMNS = {"USER": -12, "PID": 5, "PPID": 6, "VSZ": 10, "RSS": 6, "WCHAN": -16, "ADDR": 4,
           "S": 1, "NAME": -27, "ARGS": -27, "CMD": -27, "COMM": -27, "UID": 5, "RES": 6}
DEFAULT = ["USER", "PID", "PPID", "VSZ", "RSS", "WCHAN", "ADDR", "S", "NAME"]


def _cell(row: Row, col: str) -> str:
    values = {"USER": row.user, "PID": row.pid, "PPID": row.ppid, "VSZ": row.vsz, "RSS": row.rss,
              "RES": row.rss, "WCHAN": row.wchan, "ADDR": 0, "S": row.state, "NAME": row.name,
              "ARGS": row.name, "CMD": row.name, "COMM": row.name[:15],
              "UID": {"root": 0, "system": 1000, "shell": 2000, "logd": 1036}.get(row.user, 0)}
    return str(values[col])


@command("ps", toybox=True)
async def ps(ctx: Ctx, args: list[str]) -> int:
    opts, pids = getopt(args, "AeflTwZM", "opkt")
    cols = [c.strip().upper().split("=")[0] for c in str(opts["o"]).split(",")] if "o" in opts else DEFAULT
    bad = [c for c in cols if c not in COLUMNS]
    if bad:
        await ctx.err(f"ps: bad -o {bad[0]}\n")
        return 1
    table = rows(ctx.system)
    wanted_pids = {int(p) for p in (pids + str(opts.get("p", "")).split(",")) if p.isdigit()}
    if wanted_pids:
        table = [r for r in table if r.pid in wanted_pids]
    elif not ("A" in opts or "e" in opts):
        # Plain `ps` shows only this session: the shell and ps itself.
        table = [Row("shell", ctx.state.pid, 420, 10910852, 3840, "sigsuspend", "sh"),
                 Row("shell", ctx.state.pid + 1, ctx.state.pid, 10928236, 3968, "0", "ps", "R")]

    def line(cells: list[str]) -> str:
        out = []
        for col, cell in zip(cols, cells):
            w = COLUMNS[col]
            out.append(cell.ljust(-w) if w < 0 and col != cols[-1] else cell if w < 0 else cell.rjust(w))
        return " ".join(out).rstrip()

    await ctx.out("\n".join([line(cols)] + [line([_cell(r, c) for c in cols]) for r in table]) + "\n")
    return 0


@command("pidof", toybox=True)
async def pidof(ctx: Ctx, args: list[str]) -> int:
    _, names = getopt(args, "s", "o")
    found = [str(r.pid) for r in rows(ctx.system) if r.name in names]
    if not found:
        return 1
    await ctx.out(" ".join(found) + "\n")
    return 0
