"""A delivered shake (`shakes/shake-NNN.json`) as the acceleration a detector saw, over time."""

from __future__ import annotations

import math

from ..shake.sender import ShakeRecord
from ..shake.waveform import ACCELERATION
from .models import ShakeResult, ShakeSample


def _norm(x: float, y: float, z: float) -> float:
    return math.sqrt(x * x + y * y + z * z)


def shake_result(file: str, record: ShakeRecord) -> ShakeResult:
    rest = record.rest.acceleration
    samples = []
    for s in record.samples:
        a = s.values.get(ACCELERATION)
        if a is None:  # a sample that only turned the device
            continue
        samples.append(ShakeSample(t_ms=round(s.sent_mono_ms - record.started_mono_ms, 3),
                                   accel_ms2=round(_norm(*a), 4),
                                   linear_ms2=round(_norm(a[0] - rest[0], a[1] - rest[1], a[2] - rest[2]), 4)))
    return ShakeResult(file=file, spec=record.spec, started_wall=record.started_wall, complete=record.complete,
                       achieved_rate_hz=round(record.achieved_rate_hz, 2), max_lag_ms=round(record.max_lag_ms, 2),
                       samples=tuple(samples))
