"""The sensor values of a hand shake, sample by sample: pure numbers, no device.

The device is shaken side to side along its x axis with peak linear acceleration A at frequency
f for T seconds, optionally turning about its z axis through θ degrees on the way (orientation
azimuth ramps up to θ; the gyroscope reports the matching rate). Before and after, every sensor
holds its rest value as read from the device.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Vec3 = tuple[float, float, float]
ACCELERATION, GYROSCOPE, ORIENTATION = "acceleration", "gyroscope", "orientation"


def sampling_problem(rate_hz: float, frequency_hz: float) -> str | None:
    """Why a rate cannot carry a frequency: both directions of every swing need two samples."""
    if rate_hz < 4 * frequency_hz:
        return f"a shake at {frequency_hz:g} Hz needs a sample rate of at least {4 * frequency_hz:g} Hz"
    return None


class ShakeSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    peak_accel_ms2: float = Field(gt=0)
    frequency_hz: float = Field(gt=0)
    duration_s: float = Field(gt=0)
    rotation_deg: float = Field(0.0, ge=0)
    rate_hz: float = Field(50.0, ge=50)
    # Detectors test |a - gravity| ≥ A on every sample, so a sine dips under A twice a swing;
    # "square" holds the peak for the whole shake, as the reference values describe.
    shape: Literal["square", "sine"] = "square"

    @model_validator(mode="after")
    def _sampled_enough(self) -> ShakeSpec:
        problem = sampling_problem(self.rate_hz, self.frequency_hz)
        if problem:
            raise ValueError(problem)
        return self

    @property
    def samples(self) -> int:
        return max(1, round(self.duration_s * self.rate_hz))


class Rest(BaseModel):
    """Sensor values of the device at rest; None for a sensor the device does not have."""

    model_config = ConfigDict(frozen=True)

    acceleration: Vec3
    gyroscope: Vec3 | None = None
    orientation: Vec3 | None = None

    def values(self) -> dict[str, Vec3]:
        return {name: v for name, v in ((ACCELERATION, self.acceleration), (GYROSCOPE, self.gyroscope),
                                         (ORIENTATION, self.orientation)) if v is not None}


class WaveSample(BaseModel):
    model_config = ConfigDict(frozen=True)

    t_s: float  # from the start of the shake
    values: dict[str, Vec3]  # sensor name → value to set


def swing(spec: ShakeSpec, t_s: float) -> float:
    """Linear acceleration along x at time t (m/s²)."""
    phase = (t_s * spec.frequency_hz) % 1.0
    if spec.shape == "square":
        return spec.peak_accel_ms2 if phase < 0.5 else -spec.peak_accel_ms2
    return spec.peak_accel_ms2 * math.sin(2 * math.pi * phase)


def _plus(base: Vec3, delta: Vec3) -> Vec3:
    return (base[0] + delta[0], base[1] + delta[1], base[2] + delta[2])


def waveform(spec: ShakeSpec, rest: Rest) -> list[WaveSample]:
    """One sample every 1/rate_hz during the shake, then one that puts every sensor back at rest."""
    n = spec.samples
    rotate = spec.rotation_deg > 0
    gyro_rate = math.radians(spec.rotation_deg) / (n / spec.rate_hz)  # rad/s that turns θ over the shake
    out = []
    for k in range(n):
        t = k / spec.rate_hz
        values = {ACCELERATION: _plus(rest.acceleration, (swing(spec, t), 0.0, 0.0))}
        if rotate and rest.gyroscope is not None:
            values[GYROSCOPE] = _plus(rest.gyroscope, (0.0, 0.0, gyro_rate))
        if rotate and rest.orientation is not None:
            values[ORIENTATION] = _plus(rest.orientation, (spec.rotation_deg * (k + 1) / n, 0.0, 0.0))
        out.append(WaveSample(t_s=t, values=values))
    out.append(WaveSample(t_s=n / spec.rate_hz, values=rest.values()))
    return out
