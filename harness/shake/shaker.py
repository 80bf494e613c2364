"""Shake a device through its emulator console, with the stimulus kept as evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..clock import Clock
from ..console import ConsoleClient, ConsoleError, open_console
from .sender import ShakeAborted, ShakeRecord, send_waveform
from .waveform import ACCELERATION, GYROSCOPE, ORIENTATION, Rest, ShakeSpec, Vec3, waveform

if TYPE_CHECKING:  # config imports this package's waveform; only its type is needed here
    from ..config import HarnessConfig
    from ..evidence import EvidenceSink


class ShakeUnsupported(ConsoleError):
    """The device lacks a sensor the shake needs."""


def _vec3(values: tuple[float, ...]) -> Vec3:
    return (values[0], values[1], values[2])


class Shaker:
    """`clock` (the device session's) stamps shake events on the timeline of launches and frames."""

    def __init__(self, console: ConsoleClient, config: HarnessConfig, evidence: EvidenceSink | None = None,
                 clock: Clock | None = None) -> None:
        self.console = console
        self.config = config
        self.evidence = evidence
        self.clock = clock
        self._count = 0

    @classmethod
    def open(cls, serial: str, config: HarnessConfig, evidence: EvidenceSink | None = None,
             clock: Clock | None = None) -> Shaker:
        console = open_console(serial, host=config.console_host, token_path=config.console_token_path,
                               timeout=config.console_timeout_s)
        return cls(console, config, evidence, clock)

    def close(self) -> None:
        self.console.close()

    def __enter__(self) -> Shaker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def spec(self, **overrides: Any) -> ShakeSpec:
        """The configured reference shake, with any field replaced (e.g. peak_accel_ms2=5)."""
        c = self.config
        base = dict(peak_accel_ms2=c.shake_accel_ms2, frequency_hz=c.shake_frequency_hz, duration_s=c.shake_duration_s,
                    rotation_deg=c.shake_rotation_deg, rate_hz=c.shake_rate_hz, shape=c.shake_shape)
        return ShakeSpec(**{**base, **overrides})

    def rest(self) -> Rest:
        """The device's current sensor values, taken as rest; a sensor it lacks stays None."""
        names = set(self.console.sensor_names())
        get = self.console.sensor_get
        return Rest(acceleration=_vec3(get(ACCELERATION)),
                    gyroscope=_vec3(get(GYROSCOPE)) if GYROSCOPE in names else None,
                    orientation=_vec3(get(ORIENTATION)) if ORIENTATION in names else None)

    def shake(self, spec: ShakeSpec | None = None, **overrides: Any) -> ShakeRecord:
        """Play one shake (the configured one, or `spec`, with `overrides`) and record it."""
        spec = spec.model_copy(update=overrides) if spec is not None else self.spec(**overrides)
        rest = self.rest()
        if spec.rotation_deg > 0 and rest.gyroscope is None and rest.orientation is None:
            raise ShakeUnsupported("the device has neither a gyroscope nor an orientation sensor to turn")
        try:
            record = send_waveform(self.console, spec, rest, waveform(spec, rest))
        except ShakeAborted as e:
            self._keep(e.record)
            raise
        self._keep(record)
        return record

    def _keep(self, record: ShakeRecord) -> None:
        self._count += 1
        if self.evidence is None:
            return
        path = f"shakes/shake-{self._count:03d}.json"
        self.evidence.write_bytes(path, record.model_dump_json(indent=1).encode())
        last = record.samples[-1].sent_mono_ms if record.samples else record.started_mono_ms
        stamps: dict[str, Any] = {}
        if self.clock is not None:
            start = self.clock.stamp(record.started_mono_ms / 1000)
            stamps = dict(t_ms=start.t_ms, since_launch_ms=start.since_launch_ms,
                          ended_t_ms=self.clock.ms(last / 1000))
        self.evidence.event("shake", mono_ms=record.started_mono_ms, ended_mono_ms=last, file=path, **stamps,
                            spec=record.spec.model_dump(), samples=len(record.samples), complete=record.complete,
                            achieved_rate_hz=round(record.achieved_rate_hz, 2), max_lag_ms=round(record.max_lag_ms, 2))
