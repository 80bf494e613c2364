"""What console command handlers act on: the connection's settings, the sensors, and its state."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class SensorPort(Protocol):
    """The part of `android.sensors.Sensors` the console drives."""

    @property
    def names(self) -> list[str]: ...

    def get(self, name: str) -> tuple[float, ...]: ...

    def set(self, name: str, values: tuple[float, ...]) -> None: ...


@dataclass(frozen=True)
class ConsoleConfig:
    avd_name: str
    token: str  # "" means no authentication, as with an empty token file
    token_path: str  # shown in the greeting


_BARE_LF = re.compile(r"(?<!\r)\n")


class Context:
    """One connection's state. Handlers write text; the emulator turns every bare \\n into
    \\r\\n on the way out, so this does too."""

    def __init__(self, config: ConsoleConfig, sensors: SensorPort) -> None:
        self.config = config
        self.sensors = sensors
        self.authenticated = not config.token
        self.finished = False
        self._out: list[str] = []

    def write(self, text: str) -> None:
        self._out.append(_BARE_LF.sub("\r\n", text))

    def write_lines(self, lines: Sequence[str]) -> None:
        self.write("".join(line + "\r\n" for line in lines))

    def take_output(self) -> bytes:
        out = "".join(self._out).encode()
        self._out.clear()
        return out
