"""The command table: every command the device shell can run, by name.

A command is `async def cmd(ctx, args) -> status` where `args` excludes the command name.
`toybox NAME …` runs only the commands registered as toybox applets; `dumpsys NAME …`
dispatches to the services registered with `dumpsys_service`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from ..context import Ctx

Command = Callable[[Ctx, list[str]], Awaitable[int]]

COMMANDS: dict[str, Command] = {}
TOYBOX: set[str] = set()
DUMPSYS: dict[str, Command] = {}


def command(*names: str, toybox: bool = False) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        for name in names:
            COMMANDS[name] = fn
            if toybox:
                TOYBOX.add(name)
        return fn
    return register


def dumpsys_service(*names: str) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        for name in names:
            DUMPSYS[name] = fn
        return fn
    return register
