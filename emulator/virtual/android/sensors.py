"""The device's motion sensors. The emulator console sets them; apps read them by sampling,
like a SensorManager listener at a fixed rate. Values keep their history so an app sampling
at its own rate sees every change the console made, in order and with its time."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

# The Android emulator's defaults for a phone lying in portrait, upright.
DEFAULTS: dict[str, tuple[float, ...]] = {
    "acceleration": (0.0, 9.77622, 0.813417),
    "gyroscope": (0.0, 0.0, 0.0),
    "magnetic-field": (0.0, 5.9, -48.4),
    "orientation": (0.0, 0.0, 0.0),
}


@dataclass(frozen=True)
class SensorSample:
    time: float  # time.monotonic() when the value was set
    name: str
    values: tuple[float, ...]


class Sensors:
    def __init__(self, history: int = 4096) -> None:
        self._lock = threading.Lock()
        self._values = dict(DEFAULTS)
        self._initial = dict(DEFAULTS)  # the value before the oldest kept change
        self._history: list[SensorSample] = []
        self._limit = history

    @property
    def names(self) -> list[str]:
        return list(self._values)

    def get(self, name: str) -> tuple[float, ...]:
        with self._lock:
            return self._values[name]

    def set(self, name: str, values: tuple[float, ...]) -> None:
        if name not in self._values:
            raise KeyError(name)
        if len(values) != len(self._values[name]):
            raise ValueError(f"{name} takes {len(self._values[name])} values")
        with self._lock:
            self._values[name] = tuple(float(v) for v in values)
            self._history.append(SensorSample(time.monotonic(), name, self._values[name]))
            for dropped in self._history[: max(0, len(self._history) - self._limit)]:
                self._initial[dropped.name] = dropped.values
            del self._history[: max(0, len(self._history) - self._limit)]

    def since(self, t: float) -> list[SensorSample]:
        """Every change made after monotonic time `t`, oldest first."""
        with self._lock:
            return [s for s in self._history if s.time > t]

    def value_at(self, name: str, t: float) -> tuple[float, ...]:
        """What a listener sampling at monotonic time `t` reads: the last value set by then."""
        with self._lock:
            value = self._initial[name]
            for sample in self._history:
                if sample.time > t:
                    break
                if sample.name == name:
                    value = sample.values
            return value

    def sample(self, name: str, start: float, end: float, rate_hz: float) -> list[SensorSample]:
        """The readings of a listener at `rate_hz` on its grid k/rate_hz in (start, end]."""
        period = 1.0 / rate_hz
        k = int(start // period) + 1
        out = []
        while k * period <= end:
            t = k * period
            out.append(SensorSample(t, name, self.value_at(name, t)))
            k += 1
        return out
