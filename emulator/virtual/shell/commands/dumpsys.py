"""`dumpsys`: dispatch to the registered system services; battery and power live here."""

from __future__ import annotations

from ..context import Ctx
from .registry import DUMPSYS, command, dumpsys_service

SEPARATOR = "-" * 79


@command("dumpsys")
async def dumpsys(ctx: Ctx, args: list[str]) -> int:
    if args[:1] == ["-l"]:
        await ctx.out("Currently running services:\n" + "".join(f"  {n}\n" for n in sorted(DUMPSYS)))
        return 0
    if args:
        service = DUMPSYS.get(args[0])
        if service is None:
            await ctx.err(f"Can't find service: {args[0]}\n")
            return 0
        return await service(ctx, args[1:])
    for name in sorted(DUMPSYS):
        await ctx.out(f"{SEPARATOR}\nDUMP OF SERVICE {name}:\n")
        await DUMPSYS[name](ctx, [])
    return 0


@dumpsys_service("battery")
async def battery(ctx: Ctx, args: list[str]) -> int:
    # The emulator's virtual battery: on AC, full, healthy.
    await ctx.out("Current Battery Service state:\n  AC powered: true\n  USB powered: false\n"
                  "  Wireless powered: false\n  Dock powered: false\n  Max charging current: 0\n"
                  "  Max charging voltage: 0\n  Charge counter: 10000\n  status: 2\n  health: 2\n"
                  "  present: true\n  level: 100\n  scale: 100\n  voltage: 5000\n"
                  "  temperature: 250\n  technology: Li-ion\n")
    return 0


@dumpsys_service("power")
async def power(ctx: Ctx, args: list[str]) -> int:
    await ctx.out("POWER MANAGER (dumpsys power)\n\nPower Manager State:\n  mDirty=0x0\n"
                  "  mWakefulness=Awake\n  mWakefulnessChanging=false\n  mIsPowered=true\n"
                  "  mPlugType=1\n  mStayOn=false\n  mProximityPositive=false\n"
                  "  mBootCompleted=true\n  mSystemReady=true\n"
                  "  mHoldingWakeLockSuspendBlocker=false\n"
                  "  mHoldingDisplaySuspendBlocker=true\n")
    return 0
