"""The Android model's clock, sensors and back-key hooks (what app timers build on)."""

from __future__ import annotations

from emulator.virtual.android.apps import HelloApp
from emulator.virtual.android.keys import KEYCODES
from emulator.virtual.android.sensors import DEFAULTS, Sensors
from emulator.virtual.android.system import AndroidSystem


def test_a_listener_reads_the_last_value_set_at_each_sampling_instant():
    sensors = Sensors()
    sensors.set("acceleration", (1.0, 2.0, 3.0))
    t1 = sensors.since(0)[-1].time
    sensors.set("acceleration", (4.0, 5.0, 6.0))
    t2 = sensors.since(t1)[-1].time
    assert sensors.value_at("acceleration", t1 - 1e-6) == DEFAULTS["acceleration"]
    assert sensors.value_at("acceleration", t1) == (1.0, 2.0, 3.0)
    assert sensors.value_at("acceleration", t2 + 1) == (4.0, 5.0, 6.0)
    assert sensors.value_at("gyroscope", t2) == DEFAULTS["gyroscope"]
    grid = sensors.sample("acceleration", t1 - 0.1, t2 + 0.1, rate_hz=50)
    assert all(abs(round(s.time * 50) - s.time * 50) < 1e-6 for s in grid)  # on the 50 Hz grid
    assert grid[0].values == DEFAULTS["acceleration"] and grid[-1].values == (4.0, 5.0, 6.0)


def test_history_is_bounded_and_keeps_the_value_before_it():
    sensors = Sensors(history=3)
    for i in range(10):
        sensors.set("gyroscope", (float(i), 0.0, 0.0))
    assert len(sensors.since(0)) == 3
    assert sensors.value_at("gyroscope", 0) == (6.0, 0.0, 0.0)


class TimedApp(HelloApp):
    """Shows 'late' 0.5 s after it is first advanced; swallows back once."""

    def advance(self, device, now):
        start = self.state.setdefault("start", now)
        if now - start >= 0.5 and not self.state.get("late"):
            self.state["late"] = True
            device.changed()

    def next_deadline(self):
        start = self.state.get("start")
        return None if start is None or self.state.get("late") else start + 0.5

    def on_back(self, device, activity):
        if self.state.get("swallowed"):
            return False
        self.state["swallowed"] = True
        return True


def test_tick_runs_app_timers_and_apps_can_consume_back():
    app = TimedApp()
    system = AndroidSystem(apps=[app])
    system.launch(app.package)
    system.tick(now=100.0)
    assert system.next_deadline() == 100.5
    generation = system.generation
    system.tick(now=100.6)
    assert app.state["late"] and system.generation > generation
    assert system.next_deadline() is None
    system.press_key(KEYCODES["KEYCODE_BACK"])
    assert system.foreground().package == app.package  # consumed by the app
    system.press_key(KEYCODES["KEYCODE_BACK"])
    assert system.foreground().package == system.launcher.package
