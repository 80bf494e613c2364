"""Play a waveform into the emulator console on the monotonic clock and keep what was sent."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from ..console import ConsoleError
from .waveform import Rest, ShakeSpec, Vec3, WaveSample


class CommandPort(Protocol):
    """The console operation the sender needs (ConsoleClient.run_all)."""

    def run_all(self, commands: list[str]) -> object: ...


class SentSample(BaseModel):
    model_config = ConfigDict(frozen=True)

    planned_ms: float  # offset in the waveform
    sent_mono_ms: float  # time.monotonic() in ms just before the commands went out
    acked_mono_ms: float  # ... and when the console had answered them: the device had the values by then
    values: dict[str, Vec3]  # exactly the numbers in the commands, per sensor


class ShakeRecord(BaseModel):
    """The stimulus as it was delivered, for the evidence."""

    model_config = ConfigDict(frozen=True)

    spec: ShakeSpec
    rest: Rest
    started_mono_ms: float
    started_wall: str
    samples: tuple[SentSample, ...]
    complete: bool  # False when the console failed part-way

    @property
    def max_lag_ms(self) -> float:
        """How late the latest sample may have reached the device (its answer's time): the
        sensors hold their last value, so a late return to rest lengthens the shake."""
        start = self.started_mono_ms
        return max((s.acked_mono_ms - start - s.planned_ms for s in self.samples), default=0.0)

    @property
    def achieved_rate_hz(self) -> float:
        if len(self.samples) < 2:
            return 0.0
        span = self.samples[-1].sent_mono_ms - self.samples[0].sent_mono_ms
        return (len(self.samples) - 1) / (span / 1000) if span > 0 else 0.0


class ShakeAborted(ConsoleError):
    """The console failed mid-shake; `record` holds what had been sent (evidence is never lost)."""

    def __init__(self, message: str, record: ShakeRecord) -> None:
        super().__init__(message)
        self.record = record


def number(value: float) -> str:
    """How a value goes over the wire: fixed point, enough for µm/s² and micro-degrees."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def set_command(sensor: str, values: Vec3) -> tuple[str, Vec3]:
    texts = [number(v) for v in values]
    return f"sensor set {sensor} {':'.join(texts)}", (float(texts[0]), float(texts[1]), float(texts[2]))


def send_waveform(console: CommandPort, spec: ShakeSpec, rest: Rest, samples: list[WaveSample], *,
                  clock: Callable[[], float] = time.monotonic,
                  sleep: Callable[[float], None] = time.sleep) -> ShakeRecord:
    """Send each sample at its time (late samples go at once; their lag is in the record). The
    last sample, which puts the sensors back at rest, is sent even after a failure."""
    start = clock()
    wall = datetime.now(UTC).isoformat(timespec="milliseconds")
    sent: list[SentSample] = []
    error: ConsoleError | None = None
    for sample in samples[:-1]:
        sleep(max(0.0, start + sample.t_s - clock()))
        try:
            _send(console, sample, sent, clock)
        except ConsoleError as e:
            error = e
            break
    sleep(max(0.0, start + samples[-1].t_s - clock()) if error is None else 0.0)
    try:
        _send(console, samples[-1], sent, clock)
    except ConsoleError as e:
        error = error or e
    record = ShakeRecord(spec=spec, rest=rest, started_mono_ms=start * 1000, started_wall=wall,
                         samples=tuple(sent), complete=error is None)
    if error is not None:
        raise ShakeAborted(f"shake aborted after {len(sent)} samples: {error}", record)
    return record


def _send(console: CommandPort, sample: WaveSample, sent: list[SentSample], clock: Callable[[], float]) -> None:
    commands, values = [], {}
    for name, v in sample.values.items():
        command, values[name] = set_command(name, v)
        commands.append(command)
    now = clock()
    console.run_all(commands)
    sent.append(SentSample(planned_ms=sample.t_s * 1000, sent_mono_ms=now * 1000, acked_mono_ms=clock() * 1000,
                           values=values))
