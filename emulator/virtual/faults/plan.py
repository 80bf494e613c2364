"""The fault file's language, parsed without I/O.

One fault per line, `#` starts a comment:

    drop adb                              close every adb connection (the device announces itself again)
    drop stream [PREFIX]                  cut the next stream whose service starts with PREFIX mid-transfer
    kill uia2                             kill the uiautomator2 server process
    delay rpc SECONDS [COUNT]             answer JSON-RPCs SECONDS late (all, or the next COUNT)
    screenshot truncated|corrupt [COUNT]  mangle uiautomator2 screenshots (all, or the next COUNT)
    crash [PACKAGE]                       crash the app (default: the one in front)
    anr [PACKAGE]                         the app stops answering: the "isn't responding" dialog
    reboot SECONDS                        adb offline for SECONDS, then back with every app stopped
    refuse console                        the emulator console closes every connection at once

`delay rpc`, `screenshot` and `refuse console` are settings: they hold while their line is in
the file. The others are actions, run once each time the file changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Mangle = Literal["truncated", "corrupt"]
ActionKind = Literal["drop-adb", "drop-stream", "kill-uia2", "crash", "anr", "reboot"]


@dataclass(frozen=True)
class Action:
    kind: ActionKind
    arg: str = ""  # stream prefix or package ("" = any stream / the app in front)
    seconds: float = 0.0  # reboot only


@dataclass(frozen=True)
class Settings:
    rpc_delay_s: float = 0.0
    rpc_delay_count: int | None = None  # None: every RPC
    screenshot: Mangle | None = None
    screenshot_count: int | None = None
    refuse_console: bool = False


@dataclass(frozen=True)
class Plan:
    settings: Settings = Settings()
    actions: tuple[Action, ...] = ()
    errors: tuple[str, ...] = field(default=())  # one line each: `line N: …`


class _Bad(ValueError):
    pass


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _Bad(f"{text!r} is not a number of seconds") from None
    if not 0 <= value <= 3600:
        raise _Bad(f"{text!r}: seconds must be 0-3600")
    return value


def _count(words: list[str]) -> int | None:
    if not words:
        return None
    if len(words) > 1 or not words[0].isdigit() or int(words[0]) == 0:
        raise _Bad(f"expected one positive COUNT, got {' '.join(words)!r}")
    return int(words[0])


def parse(text: str) -> Plan:
    """The plan a fault file describes; bad lines are reported in `errors` and skipped."""
    settings: dict[str, object] = {}
    actions: list[Action] = []
    errors: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        try:
            match words:
                case ["drop", "adb"]:
                    actions.append(Action("drop-adb"))
                case ["drop", "stream", *prefix] if len(prefix) <= 1:
                    actions.append(Action("drop-stream", prefix[0] if prefix else ""))
                case ["kill", "uia2"]:
                    actions.append(Action("kill-uia2"))
                case ["crash" | "anr" as kind, *package] if len(package) <= 1:
                    actions.append(Action(kind, package[0] if package else ""))
                case ["reboot", seconds]:
                    actions.append(Action("reboot", seconds=_seconds(seconds)))
                case ["delay", "rpc", seconds, *count]:
                    settings.update(rpc_delay_s=_seconds(seconds), rpc_delay_count=_count(count))
                case ["screenshot", "truncated" | "corrupt" as how, *count]:
                    settings.update(screenshot=how, screenshot_count=_count(count))
                case ["refuse", "console"]:
                    settings.update(refuse_console=True)
                case _:
                    raise _Bad(f"unknown fault {' '.join(words)!r}")
        except _Bad as e:
            errors.append(f"line {number}: {e}")
    return Plan(Settings(**settings), tuple(actions), tuple(errors))  # type: ignore[arg-type]
