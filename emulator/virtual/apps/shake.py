"""A shake detector as apps write them with SensorManager: read the sensors at a fixed rate and
fire when the linear acceleration (and, if asked, the rotation) stays over a threshold long
enough."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..android.sensors import DEFAULTS
from .schema import Shake

GRAVITY = DEFAULTS["acceleration"]  # the device at rest; |a - GRAVITY| is the linear part
REST_ORIENTATION = DEFAULTS["orientation"]


@dataclass(frozen=True)
class Reading:
    """One listener callback: the three sensors at one sampling instant."""

    acceleration: tuple[float, ...]
    orientation: tuple[float, ...]  # degrees
    gyroscope: tuple[float, ...]  # rad/s


def linear_acceleration(a: tuple[float, ...]) -> float:
    return math.dist(a, GRAVITY)


class ShakeDetector:
    def __init__(self, spec: Shake) -> None:
        self.spec = spec
        self.period = 1.0 / spec.rate_hz
        self._held = 0  # consecutive samples over the acceleration threshold
        self._turned = 0.0  # the most rotation seen during them, degrees
        self._gyro_angle = 0.0  # gyroscope rate integrated over them, degrees

    def feed(self, reading: Reading) -> bool:
        """Take one sample; True when the shake fires (the detector then starts over)."""
        if linear_acceleration(reading.acceleration) < self.spec.accel:
            self.reset()
            return False
        self._held += 1
        self._gyro_angle += math.degrees(math.hypot(*reading.gyroscope)) * self.period
        offset = max(abs(v - r) for v, r in zip(reading.orientation, REST_ORIENTATION))
        self._turned = max(self._turned, offset, self._gyro_angle)
        long_enough = self._held * self.period >= self.spec.min_duration_ms / 1000 - 1e-9
        turned_enough = self.spec.rotation_deg is None or self._turned >= self.spec.rotation_deg
        if long_enough and turned_enough:
            self.reset()
            return True
        return False

    def reset(self) -> None:
        self._held, self._turned, self._gyro_angle = 0, 0.0, 0.0
