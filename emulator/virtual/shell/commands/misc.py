"""Small system commands: toybox dispatch, identity, time and environment."""

from __future__ import annotations

import time

from ..context import Ctx
from .registry import COMMANDS, TOYBOX, command

SHELL_IDENTITY = ("uid=2000(shell) gid=2000(shell) groups=2000(shell),1004(input),1007(log),"
                  "1011(adb),1015(sdcard_rw),1028(sdcard_r),1078(ext_data_rw),1079(ext_obb_rw),"
                  "3001(net_bt_admin),3002(net_bt),3003(inet),3006(net_bw_stats),3009(readproc),"
                  "3011(uhid),3012(readtracefs) context=u:r:shell:s0")


@command("toybox")
async def toybox(ctx: Ctx, args: list[str]) -> int:
    if not args:
        await ctx.out(" ".join(sorted(TOYBOX)) + "\n")
        return 0
    if args[0] not in TOYBOX:
        await ctx.err(f"toybox: Unknown command {args[0]}\n")
        return 1
    return await COMMANDS[args[0]](ctx, args[1:])


# `cmd SERVICE …` reaches a system service's shell command, which for these services is the
# same command the pm/am/settings/wm/input wrappers run (the banner advertises `cmd`).
CMD_SERVICES = {"package": "pm", "activity": "am", "settings": "settings", "window": "wm",
                "input": "input"}


@command("cmd")
async def cmd(ctx: Ctx, args: list[str]) -> int:
    if not args or args[0] == "-l":
        await ctx.out("Currently running services:\n" + "".join(f"  {s}\n" for s in sorted(CMD_SERVICES)))
        return 0
    target = CMD_SERVICES.get(args[0])
    if target is None:
        await ctx.err(f"cmd: Can't find service: {args[0]}\n")
        return 20
    return await COMMANDS[target](ctx, args[1:])


@command("id", toybox=True)
async def id_(ctx: Ctx, args: list[str]) -> int:
    await ctx.out(("2000" if "-u" in args else SHELL_IDENTITY) + "\n")
    return 0


@command("whoami", toybox=True)
async def whoami(ctx: Ctx, args: list[str]) -> int:
    await ctx.out("shell\n")
    return 0


@command("date", toybox=True)
async def date(ctx: Ctx, args: list[str]) -> int:
    fmt = next((a[1:] for a in args if a.startswith("+")), "%a %b %e %H:%M:%S %Z %Y")
    await ctx.out(time.strftime(fmt, time.gmtime()) + "\n")
    return 0


@command("uname", toybox=True)
async def uname(ctx: Ctx, args: list[str]) -> int:
    fields = {"s": "Linux", "n": "localhost", "r": "6.1.23-android14-4-00257-g7e35917775b8-ab9964412",
              "v": "#1 SMP PREEMPT Mon Apr 17 20:50:58 UTC 2023", "m": "x86_64"}
    wanted = "snrvm" if "-a" in args else "".join(a[1:] for a in args if a.startswith("-")) or "s"
    await ctx.out(" ".join(fields[c] for c in "snrvm" if c in wanted) + "\n")
    return 0


@command("env", toybox=True)
async def env(ctx: Ctx, args: list[str]) -> int:
    await ctx.out("".join(f"{k}={v}\n" for k, v in sorted(ctx.env.items())))
    return 0


@command("getenforce")
async def getenforce(ctx: Ctx, args: list[str]) -> int:
    await ctx.out("Enforcing\n")
    return 0


@command("which", toybox=True)
async def which(ctx: Ctx, args: list[str]) -> int:
    found = [a for a in args if a in COMMANDS]
    await ctx.out("".join(f"/system/bin/{a}\n" for a in found))
    return 0 if len(found) == len(args) else 1

