"""Shake detectors: thresholds on |a - gravity|, rotation and hold time, at a sampling rate."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from emulator.virtual.android import sensors as sensors_module
from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.apps.catalog import load_apps
from emulator.virtual.apps.schema import Shake
from emulator.virtual.apps.shake import GRAVITY, Reading, ShakeDetector, linear_acceleration

REST = Reading(GRAVITY, (0.0, 0.0, 0.0), (0.0, 0.0, 0.0))


def pushed(linear: float, orientation: float = 0.0, gyro: float = 0.0) -> Reading:
    return Reading((linear, *GRAVITY[1:]), (orientation, 0.0, 0.0), (0.0, 0.0, gyro))


def samples_until_fire(detector: ShakeDetector, reading: Reading, limit: int = 1000) -> int | None:
    for i in range(1, limit + 1):
        if detector.feed(reading):
            return i
    return None


def test_linear_acceleration_removes_gravity():
    assert linear_acceleration(GRAVITY) == 0
    assert linear_acceleration(pushed(5.0).acceleration) == pytest.approx(5.0)


def test_threshold_and_hold_time():
    detector = ShakeDetector(Shake(accel=5, min_duration_ms=200, rate_hz=50, do=[]))
    assert samples_until_fire(detector, pushed(4.9), 200) is None
    assert samples_until_fire(detector, pushed(5.0)) == 10  # 10 samples at 50 Hz = 0.2 s


def test_a_calm_sample_restarts_the_hold():
    detector = ShakeDetector(Shake(accel=5, min_duration_ms=200, rate_hz=50, do=[]))
    for _ in range(9):
        assert not detector.feed(pushed(6))
    assert not detector.feed(REST)
    assert samples_until_fire(detector, pushed(6)) == 10


def test_rotation_from_orientation_or_integrated_gyroscope():
    spec = Shake(accel=15, rotation_deg=35, min_duration_ms=3000, rate_hz=50, do=[])
    assert samples_until_fire(ShakeDetector(spec), pushed(16, orientation=30), 400) is None
    assert samples_until_fire(ShakeDetector(spec), pushed(16, orientation=36)) == 150
    # 0.2 rad/s for 3 s turns 34.4°: not enough; 0.25 rad/s turns 43°
    assert samples_until_fire(ShakeDetector(spec), pushed(16, gyro=0.2), 150) is None
    assert samples_until_fire(ShakeDetector(spec), pushed(16, gyro=0.25)) == 150
    assert samples_until_fire(ShakeDetector(spec), pushed(14, orientation=90), 400) is None


class Clock:
    """The sensors' clock, so values are set at known times on the timeline the test ticks."""

    def __init__(self, monkeypatch) -> None:
        self.now = time.monotonic()
        monkeypatch.setattr(sensors_module, "time", SimpleNamespace(monotonic=lambda: self.now))

    def set(self, system: AndroidSystem, at: float, name: str, values: tuple[float, ...]) -> None:
        self.now = at
        system.sensors.set(name, values)


def on_shake_app(package: str) -> tuple[AndroidSystem, float]:
    system = AndroidSystem(apps=load_apps(package))
    system.launch(package)
    t0 = time.monotonic()
    system.tick(t0)
    return system, t0


def test_sensitive_app_jumps_on_a_sensor_burst_read_at_its_rate(monkeypatch):
    clock = Clock(monkeypatch)
    system, t0 = on_shake_app("com.demo.shake.sensitive")
    system.tick(t0 + 1.0)  # calm
    assert system.foreground().activity.endswith("HomeActivity")
    clock.set(system, t0 + 1.0, "acceleration", (5.0, *GRAVITY[1:]))
    system.tick(t0 + 1.15)
    assert system.foreground().activity.endswith("HomeActivity")  # held 0.15 s: not yet
    system.tick(t0 + 1.25)
    assert system.foreground().activity.endswith("AdvertActivity")


def test_sensitive_app_ignores_a_burst_shorter_than_its_hold(monkeypatch):
    clock = Clock(monkeypatch)
    system, t0 = on_shake_app("com.demo.shake.sensitive")
    clock.set(system, t0 + 0.5, "acceleration", (9.0, *GRAVITY[1:]))
    clock.set(system, t0 + 0.6, "acceleration", GRAVITY)
    system.tick(t0 + 2.0)
    assert system.foreground().activity.endswith("HomeActivity")


def test_reference_app_needs_rotation_held_3_s(monkeypatch):
    clock = Clock(monkeypatch)
    system, t0 = on_shake_app("com.demo.shake.ok")
    clock.set(system, t0 + 0.1, "acceleration", (20.0, *GRAVITY[1:]))
    system.tick(t0 + 4.0)
    assert system.foreground().activity.endswith("HomeActivity")  # strong and long, but no rotation
    clock.set(system, t0 + 4.0, "acceleration", GRAVITY)
    # a new shake that turns the phone 40° on the way: it fires once it has lasted 3 s
    clock.set(system, t0 + 5.0, "acceleration", (20.0, *GRAVITY[1:]))
    clock.set(system, t0 + 6.0, "orientation", (40.0, 0.0, 0.0))
    system.tick(t0 + 7.9)
    assert system.foreground().activity.endswith("HomeActivity")
    system.tick(t0 + 8.1)
    assert system.foreground().activity.endswith("AdvertActivity")


def test_the_listener_pauses_in_the_background(monkeypatch):
    clock = Clock(monkeypatch)
    system, t0 = on_shake_app("com.demo.shake.sensitive")
    system.go_home()
    system.tick(t0 + 0.1)
    clock.set(system, t0 + 0.2, "acceleration", (8.0, *GRAVITY[1:]))
    system.tick(t0 + 1.0)
    assert system.foreground().package == "com.android.launcher3"
