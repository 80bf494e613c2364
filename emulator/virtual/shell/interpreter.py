"""Runs a parsed script against an AndroidSystem, like mksh (`/system/bin/sh`) would."""

from __future__ import annotations

import asyncio
import posixpath
from typing import TYPE_CHECKING

from ..fs import FsError
from .commands import COMMANDS
from .commands.args import UsageError
from .commands.registry import Command as CommandFn
from .context import SHELL, BrokenPipe, Ctx, ShellExit, ShellState
from .expand import expand_word, expand_words
from .io import ShellIO, collecting_io
from .lexer import CmdSub, ShellSyntaxError, Word
from .parser import (
    AndOr,
    Command,
    Item,
    Pipeline,
    Redirect,
    Script,
    Simple,
    Subshell,
    parse,
)
from .plumbing import DEV_NULL, Pipe, bytes_reader, file_writer

if TYPE_CHECKING:
    from ..android.system import AndroidSystem

# Where a command named by path is still one of ours (`/system/bin/ls`).
_BIN_DIRS = ("/system/bin", "/system/xbin", "/vendor/bin", "/bin", "/product/bin")
STATUS_SIGPIPE = 141


class Interpreter:
    def __init__(self, system: AndroidSystem, state: ShellState) -> None:
        self.system = system
        self.state = state
        state.run_script = self.run_source

    # ---- scripts ----------------------------------------------------------------------
    async def run_source(self, source: str, io: ShellIO) -> int:
        """Parse and run; a syntax error is reported like mksh and gives status 1."""
        try:
            script = parse(source)
        except ShellSyntaxError as e:
            await io.stderr(f"{SHELL}: {e}\n".encode())
            self.state.status = 1
            return 1
        return await self.run_script(script, io)

    async def run_script(self, script: Script, io: ShellIO) -> int:
        for item in script.items:
            await self.run_item(item, io)
        return self.state.status

    async def run_item(self, item: Item, io: ShellIO) -> None:
        if item.background:
            # Like a real background job: it keeps the output stream open until it ends.
            self.state.jobs.append(asyncio.create_task(self.run_and_or(item.body, io)))
            self.state.status = 0
        else:
            await self.run_and_or(item.body, io)

    async def run_and_or(self, chain: AndOr, io: ShellIO) -> int:
        status = await self.run_pipeline(chain.first, io)
        for op, pipeline in chain.rest:
            if (op == "&&") == (status == 0):
                status = await self.run_pipeline(pipeline, io)
        return status

    async def run_pipeline(self, pipeline: Pipeline, io: ShellIO) -> int:
        if len(pipeline.commands) == 1:
            status = await self.run_command(pipeline.commands[0], io)
        else:
            status = await self._run_stages(pipeline.commands, io)
        if pipeline.negate:
            status = int(status == 0)
        self.state.status = status
        return status

    async def _run_stages(self, commands: tuple[Command, ...], io: ShellIO) -> int:
        pipes = [Pipe() for _ in commands[1:]]
        tasks = []
        for n, cmd in enumerate(commands):
            stdin = pipes[n - 1].read if n else io.stdin
            stdout = pipes[n].write if n < len(pipes) else io.stdout
            tasks.append(asyncio.create_task(self._stage(
                cmd, ShellIO(stdout, io.stderr, stdin),
                pipes[n - 1] if n else None, pipes[n] if n < len(pipes) else None)))
        try:
            results = await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
        return results[-1]

    async def _stage(self, cmd: Command, io: ShellIO, src: Pipe | None, dst: Pipe | None) -> int:
        """One pipeline stage: a subshell of its own, so `exit` or `cd` stay inside it."""
        sub = Interpreter(self.system, self.state.fork())
        try:
            return await sub.run_command(cmd, io)
        except ShellExit as e:
            return e.status
        finally:
            if src is not None:
                src.close_read()
            if dst is not None:
                dst.close_write()

    # ---- commands ---------------------------------------------------------------------
    async def run_command(self, cmd: Command, io: ShellIO) -> int:
        try:
            cmd_io = await self._redirected(cmd.redirects, io)
        except _RedirectError as e:
            await io.stderr(f"{SHELL}: {e}\n".encode())
            self.state.status = 1
            return 1
        if isinstance(cmd, Subshell):
            sub = Interpreter(self.system, self.state.fork())
            try:
                status = await sub.run_script(cmd.body, cmd_io)
            except ShellExit as e:
                status = e.status
        else:
            status = await self._run_simple(cmd, cmd_io)
        self.state.status = status
        return status

    async def _run_simple(self, cmd: Simple, io: ShellIO) -> int:
        argv = await expand_words(cmd.words, self.lookup, self.capture, self.system.fs,
                                  self.state.cwd)
        assigns = {name: await expand_word(w, self.lookup, self.capture) for name, w in cmd.assigns}
        if not argv:
            self.state.vars.update(assigns)
            return self.state.status if any(_has_cmdsub(w) for _, w in cmd.assigns) else 0
        name, args = argv[0], argv[1:]
        fn = self._resolve(name)
        if fn is None:
            return await self._not_found(name, io)
        ctx = Ctx(self.system, io, {**self.state.vars, **assigns}, self.state)
        try:
            return await fn(ctx, args)
        except UsageError as e:
            await ctx.err(f"{posixpath.basename(name)}: {e}\n")
            return 1
        except BrokenPipe:
            return STATUS_SIGPIPE

    def _resolve(self, name: str) -> CommandFn | None:
        if "/" in name and posixpath.dirname(name) in _BIN_DIRS:
            name = posixpath.basename(name)
        return None if "/" in name else COMMANDS.get(name)

    async def _not_found(self, name: str, io: ShellIO) -> int:
        if "/" not in name:
            await io.stderr(f"{SHELL}: {name}: inaccessible or not found\n".encode())
            return 127
        path = self.system.fs.normalize(name, self.state.cwd)
        if self.system.fs.exists(path):
            # Pushed files are not executable programs for this device.
            await io.stderr(f"{SHELL}: {name}: can't execute: Permission denied\n".encode())
            return 126
        await io.stderr(f"{SHELL}: {name}: not found\n".encode())
        return 127

    # ---- expansion --------------------------------------------------------------------
    def lookup(self, name: str) -> str | None:
        special = {"?": str(self.state.status), "$": str(self.state.pid), "#": "0",
                   "0": SHELL, "!": ""}
        if name in special:
            return special[name]
        if name.isdigit():
            return None
        return self.state.vars.get(name)

    async def capture(self, source: str) -> str:
        io, out, _ = collecting_io()
        # `$(…)` runs in a subshell whose stderr still reaches the caller's stream.
        sub = Interpreter(self.system, self.state.fork())
        try:
            await sub.run_source(source, io)
        except ShellExit as e:
            sub.state.status = e.status
        self.state.status = sub.state.status
        return out.decode(errors="replace")

    # ---- redirection ------------------------------------------------------------------
    async def _redirected(self, redirects: tuple[Redirect, ...], io: ShellIO) -> ShellIO:
        if not redirects:
            return io
        fds = {0: io.stdin, 1: io.stdout, 2: io.stderr}
        fs = self.system.fs
        for r in redirects:
            target = await expand_word(r.target, self.lookup, self.capture)
            if r.op in (">&", "<&"):
                if not target.isdigit() or int(target) not in fds:
                    raise _RedirectError(f"{target}: bad file descriptor")
                fds[r.fd] = fds[int(target)]
                continue
            path = fs.normalize(target, self.state.cwd)
            try:
                if r.op == "<":
                    fds[r.fd] = bytes_reader(b"" if path == DEV_NULL else fs.read(path))
                else:
                    fds[r.fd] = file_writer(fs, path, append=r.op == ">>")
            except FsError as e:
                verb = "open" if r.op == "<" else "create"
                raise _RedirectError(f"can't {verb} {target}: {e.strerror}") from e
        return ShellIO(fds[1], fds[2], fds[0])  # type: ignore[arg-type]


class _RedirectError(Exception):
    pass


def _has_cmdsub(word: Word) -> bool:
    return any(isinstance(p, CmdSub) for p in word.parts)
