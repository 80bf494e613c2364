"""Shared helpers for the device-shell tests."""

from __future__ import annotations

import asyncio

from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.shell import run
from emulator.virtual.shell.io import collecting_io


def sh(system: AndroidSystem, script: str) -> tuple[int, str, str]:
    """Run a script to completion: (status, stdout, stderr)."""
    io, out, err = collecting_io()
    status = asyncio.run(run(system, script, io))
    return status, out.decode(), err.decode()


def sh_bytes(system: AndroidSystem, script: str) -> bytes:
    io, out, _ = collecting_io()
    asyncio.run(run(system, script, io))
    return bytes(out)
