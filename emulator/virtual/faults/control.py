"""Apply a fault file to a running device, and watch the file for changes."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .plan import Action, Plan, parse
from .switches import Faults

if TYPE_CHECKING:  # the system imports the switches: no import cycle at run time
    from ..android.system import AndroidSystem

log = logging.getLogger(__name__)
POLL_S = 0.1


class Target(Protocol):
    """The device-level operations the actions need (VirtualDevice)."""

    system: AndroidSystem
    faults: Faults

    async def drop_adb(self) -> None: ...

    async def reboot(self, seconds: float) -> None: ...


async def apply(plan: Plan, target: Target) -> None:
    for error in plan.errors:
        log.error("fault file: %s (ignored)", error)
    target.faults.configure(plan.settings)
    log.warning("faults: settings %s", plan.settings)
    for action in plan.actions:
        await _run(action, target)


async def _run(action: Action, target: Target) -> None:
    system = target.system
    log.warning("fault: %s %s", action.kind, action.arg or (action.seconds if action.kind == "reboot" else ""))
    if action.kind == "drop-adb":
        await target.drop_adb()
    elif action.kind == "drop-stream":
        target.faults.arm_cut(action.arg)
    elif action.kind == "kill-uia2":
        log.warning("fault: killed %d uiautomator2 server(s)", target.faults.kill_uia2())
    elif action.kind == "reboot":
        await target.reboot(action.seconds)
    else:
        package = action.arg or system.foreground().package
        (system.crash if action.kind == "crash" else system.anr)(package)


async def watch(path: Path, target: Target) -> None:
    """Apply `path` whenever its content or modification time changes (a missing file: no faults)."""
    seen: tuple[int, str] | None = None
    while True:
        try:
            stamp = path.stat().st_mtime_ns
            current = (stamp, path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            current = (0, "")
        if current != seen:
            if seen is not None or current[1]:
                await apply(parse(current[1]), target)
            seen = current
        await asyncio.sleep(POLL_S)
