"""What a command sees: the device, its I/O, its environment and the shell it runs in."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..fs import FileSystem
from .io import ShellIO

if TYPE_CHECKING:
    from ..android.system import AndroidSystem

SHELL = "/system/bin/sh"


class ShellExit(Exception):
    """`exit N`: unwinds to the end of the script (or of the subshell)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class BrokenPipe(Exception):
    """Writing to a pipe whose reader has gone: the writer dies like on SIGPIPE."""


@dataclass
class ShellState:
    """The variables and working directory of one `sh` process."""

    vars: dict[str, str]
    cwd: str = "/"
    status: int = 0
    pid: int = 0
    jobs: list[asyncio.Task[int]] = field(default_factory=list)
    # Runs a nested script in this shell (`sh -c`, `$(…)`); set by the interpreter.
    run_script: Callable[[str, ShellIO], Awaitable[int]] | None = None

    def fork(self) -> ShellState:
        """A subshell's state: a copy, so its assignments and `cd` do not leak back."""
        return ShellState(dict(self.vars), self.cwd, self.status, self.pid)


@dataclass
class Ctx:
    system: AndroidSystem
    io: ShellIO
    env: dict[str, str]
    state: ShellState

    async def out(self, text: str) -> None:
        if text:
            await self.io.stdout(text.encode())

    async def err(self, text: str) -> None:
        if text:
            await self.io.stderr(text.encode())

    def path(self, p: str) -> str:
        return FileSystem.normalize(p, self.state.cwd)

    async def read_stdin(self) -> bytes:
        data = bytearray()
        while chunk := await self.io.stdin():
            data += chunk
        return bytes(data)
