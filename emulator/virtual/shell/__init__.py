"""The device shell: a small `/system/bin/sh` (mksh-like) with the Android commands clients use.

`run(system, script, io)` runs one `shell:` command line and returns its exit status. The adb
services call it; cancelling the task ends long-running commands (logcat, sleep, app_process).
"""

from __future__ import annotations

import asyncio
import itertools
from typing import TYPE_CHECKING

from .context import ShellExit, ShellState
from .interpreter import Interpreter
from .io import ShellIO

if TYPE_CHECKING:
    from ..android.system import AndroidSystem

__all__ = ["DEFAULT_ENV", "ShellIO", "run"]

DEFAULT_ENV = {
    "PATH": "/product/bin:/apex/com.android.runtime/bin:/apex/com.android.art/bin:"
            "/system_ext/bin:/system/bin:/system/xbin:/odm/bin:/vendor/bin:/vendor/xbin",
    "HOME": "/",
    "SHELL": "/bin/sh",
    "USER": "shell",
    "LOGNAME": "shell",
    "TMPDIR": "/data/local/tmp",
    "ANDROID_DATA": "/data",
    "ANDROID_ROOT": "/system",
    "ANDROID_STORAGE": "/storage",
    "EXTERNAL_STORAGE": "/sdcard",
    "ASEC_MOUNTPOINT": "/mnt/asec",
    "HOSTNAME": "localhost",
}

_shell_pids = itertools.count(5000)


async def run(system: AndroidSystem, script: str, io: ShellIO, env: dict[str, str] | None = None) -> int:
    """Run `script` like `/system/bin/sh -c script` on the device; returns the exit status."""
    state = ShellState(vars={**DEFAULT_ENV, **(env or {})}, pid=next(_shell_pids))
    try:
        try:
            status = await Interpreter(system, state).run_source(script, io)
        except ShellExit as e:
            status = e.status
        if state.jobs:  # background jobs hold the output stream open until they end
            await asyncio.gather(*state.jobs, return_exceptions=True)
        return status
    finally:
        for job in state.jobs:
            job.cancel()
