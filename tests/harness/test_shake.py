"""Shake injection: the waveform's numbers, the sender's pacing and record, and shakes through
a virtual device's console — read back with `sensor get` and judged by the demo apps' detectors."""

from __future__ import annotations

import math
import threading
import time

import pytest
import uiautomator2 as u2

from harness.config import HarnessConfig
from harness.console import ConsoleCommandFailed, open_console
from harness.evidence import EVENTS, EvidenceBundle, verify
from harness.scenario.shake import ShakeProbe, ShakeSearch
from harness.shake import Rest, ShakeAborted, Shaker, ShakeSpec, send_waveform, waveform
from harness.verdict import Inconclusive

from ..conftest import start_device, stop_device

REST = Rest(acceleration=(0.0, 9.77622, 0.813417), gyroscope=(0.0, 0.0, 0.0), orientation=(0.0, 0.0, 0.0))


def linear(values, rest=REST.acceleration) -> float:
    return math.dist(values, rest)


def test_square_shake_holds_its_peak_and_returns_to_rest():
    spec = ShakeSpec(peak_accel_ms2=15, frequency_hz=2, duration_s=3, rotation_deg=35, rate_hz=50)
    samples = waveform(spec, REST)
    assert len(samples) == 151 and samples[1].t_s == pytest.approx(0.02)
    shake, rest = samples[:-1], samples[-1]
    assert all(linear(s.values["acceleration"]) == pytest.approx(15) for s in shake)
    signs = [s.values["acceleration"][0] > 0 for s in shake]
    assert signs[:13] == [True] * 13 and signs[13] is False  # reverses every quarter second at 2 Hz
    assert shake[-1].values["orientation"][0] == pytest.approx(35)
    turned = sum(math.degrees(s.values["gyroscope"][2]) / spec.rate_hz for s in shake)
    assert turned == pytest.approx(35)
    assert rest.t_s == pytest.approx(3.0) and rest.values == REST.values()


def test_sine_shake_and_no_rotation_without_sensors():
    spec = ShakeSpec(peak_accel_ms2=5, frequency_hz=2, duration_s=1, rotation_deg=20, shape="sine", rate_hz=100)
    samples = waveform(spec, Rest(acceleration=REST.acceleration))
    assert max(linear(s.values["acceleration"]) for s in samples) == pytest.approx(5, rel=0.01)
    assert all(set(s.values) == {"acceleration"} for s in samples)


def test_spec_limits():
    with pytest.raises(ValueError):
        ShakeSpec(peak_accel_ms2=5, frequency_hz=2, duration_s=1, rate_hz=20)  # under 50 Hz
    with pytest.raises(ValueError, match="needs a sample rate"):
        ShakeSpec(peak_accel_ms2=5, frequency_hz=20, duration_s=1, rate_hz=50)


class FakeConsole:
    def __init__(self, clock, fail_at: int | None = None) -> None:
        self.clock, self.fail_at, self.sent = clock, fail_at, []

    def run_all(self, commands):
        if self.fail_at is not None and len(self.sent) >= self.fail_at and "acceleration 0:" not in commands[0]:
            raise ConsoleCommandFailed(commands[0], "device gone")
        self.sent.append((self.clock.now, list(commands)))


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_sender_paces_on_the_clock_and_records_exactly_what_it_sent():
    clock = FakeClock()
    console = FakeConsole(clock)
    spec = ShakeSpec(peak_accel_ms2=5, frequency_hz=2, duration_s=0.2, rate_hz=50)
    record = send_waveform(console, spec, REST, waveform(spec, REST), clock=clock, sleep=clock.sleep)
    assert [t for t, _ in console.sent] == pytest.approx([100 + k * 0.02 for k in range(11)])
    assert console.sent[0][1] == ["sensor set acceleration 5:9.77622:0.813417"]
    assert console.sent[-1][1] == ["sensor set acceleration 0:9.77622:0.813417", "sensor set gyroscope 0:0:0",
                                   "sensor set orientation 0:0:0"]
    assert record.complete and len(record.samples) == 11 and record.max_lag_ms == pytest.approx(0, abs=1e-6)
    assert record.samples[0].values == {"acceleration": (5.0, 9.77622, 0.813417)}
    assert record.achieved_rate_hz == pytest.approx(50)


def test_a_late_answer_to_the_return_to_rest_shows_as_lag():
    # A loaded device takes the rest sample 250 ms late: the shake lasted that much longer.
    clock = FakeClock()

    class SlowRest(FakeConsole):
        def run_all(self, commands):
            super().run_all(commands)
            if len(commands) == 3 and commands[0].startswith("sensor set acceleration 0:"):
                clock.now += 0.25

    spec = ShakeSpec(peak_accel_ms2=5, frequency_hz=2, duration_s=0.2, rotation_deg=10, rate_hz=50)
    record = send_waveform(SlowRest(clock), spec, REST, waveform(spec, REST), clock=clock, sleep=clock.sleep)
    assert record.max_lag_ms == pytest.approx(250)
    assert record.samples[-1].acked_mono_ms - record.samples[-1].sent_mono_ms == pytest.approx(250)


def test_a_late_shake_is_played_again_and_only_the_on_time_one_counts(monkeypatch):
    config = HarnessConfig(shake_max_lag_ms=100, shake_late_retries=2, shake_late_pause_s=3)
    pauses = []
    search = ShakeSearch(None, Shaker(None, config), None, config, on_splash=False, pause=pauses.append)
    lags = iter([250.0, 40.0])
    monkeypatch.setattr(search, "_probe_once", lambda spec, still: ShakeProbe(spec, "stayed", 1, still, next(lags)))
    probe = search.probe(rotation_deg=32.5)
    assert (probe.late_ms, search.replayed, search.probes) == (40.0, 1, [probe])

    always_late = iter([150.0] * 3)
    monkeypatch.setattr(search, "_probe_once", lambda spec, still: ShakeProbe(spec, "jumped", 1, still,
                                                                              next(always_late)))
    with pytest.raises(Inconclusive, match="150 ms late in 3 launches"):
        search.probe(rotation_deg=30)
    assert len(search.probes) == 1  # the late jumps are not judged
    assert pauses == [3, 3, 6]  # a longer pause before each replay, none before a first try


def test_a_console_failure_mid_shake_still_restores_rest_and_keeps_the_record():
    clock = FakeClock()
    console = FakeConsole(clock, fail_at=4)
    spec = ShakeSpec(peak_accel_ms2=5, frequency_hz=2, duration_s=0.2, rate_hz=50)
    with pytest.raises(ShakeAborted) as info:
        send_waveform(console, spec, REST, waveform(spec, REST), clock=clock, sleep=clock.sleep)
    record = info.value.record
    assert not record.complete and len(record.samples) == 5  # 4 shake samples + rest
    assert "9.77622" in console.sent[-1][1][0] and console.sent[-1][1][0].startswith("sensor set acceleration 0:")


# ---- through a virtual device -------------------------------------------------------------
SENSITIVE, OK = "com.demo.shake.sensitive", "com.demo.shake.ok"


@pytest.fixture(scope="module")
def shake_device(adb_server, tmp_path_factory, console_token):
    proc = start_device(adb_server, tmp_path_factory.mktemp("shake-device"), console_token,
                        install=f"{SENSITIVE},{OK}")
    yield proc
    stop_device(proc)


@pytest.fixture(scope="module")
def d(shake_device):
    client = u2.connect(shake_device.serial)
    yield client
    client.stop_uiautomator()


@pytest.fixture
def config(shake_device) -> HarnessConfig:
    return HarnessConfig(console_token_path=shake_device.token_path)


def test_a_shake_arrives_as_sent_read_back_during_the_shake(shake_device, config, tmp_path, caplog, capsys,
                                                            console_token):
    seen: list[tuple[float, tuple[float, ...]]] = []
    done = threading.Event()

    def watch() -> None:
        with open_console(shake_device.serial, token_path=config.console_token_path) as reader:
            while not done.is_set():
                seen.append((time.monotonic() * 1000, reader.sensor_get("acceleration")))
                time.sleep(0.01)

    bundle = EvidenceBundle(tmp_path / "ev")
    shaker = Shaker.open(shake_device.serial, config, bundle)
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        time.sleep(0.1)
        record = shaker.shake(peak_accel_ms2=8, frequency_hz=2, duration_s=1.0, rotation_deg=0)
        after = shaker.console.sensor_get("acceleration")
    finally:
        done.set()
        watcher.join()
        shaker.close()
    bundle.seal()
    assert record.complete and record.achieved_rate_hz >= 45 and len(record.samples) == 51
    rest = record.rest.acceleration
    during = [v for t, v in seen if record.samples[0].sent_mono_ms + 30 < t < record.samples[-1].sent_mono_ms - 30]
    assert len(during) >= 10
    assert all(linear(v, rest) == pytest.approx(8, abs=1e-3) for v in during)  # the peak, held, each way
    assert {v[0] > 0 for v in during} == {True, False}
    assert after == pytest.approx(rest)  # back at rest
    # the stimulus is in the evidence, and the token is nowhere
    assert verify(tmp_path / "ev").intact
    events = (tmp_path / "ev" / EVENTS).read_text()
    assert '"kind": "shake"' in events and '"samples": 51' in events
    everything = b"".join(p.read_bytes() for p in (tmp_path / "ev").rglob("*") if p.is_file())
    assert console_token.encode() not in everything
    out = capsys.readouterr()
    assert console_token not in caplog.text + out.out + out.err


def launch(d: u2.Device, package: str) -> None:
    d.app_stop(package)
    d.app_start(package)
    d(resourceId=f"{package}:id/advert_title").wait_gone(timeout=1)
    assert d.app_current()["package"] == package


def jumped(d: u2.Device, package: str, timeout: float = 1.5) -> bool:
    return d(resourceId=f"{package}:id/advert_title").wait(timeout=timeout)


def test_sensitive_app_jumps_on_a_light_shake(shake_device, d, config):
    launch(d, SENSITIVE)
    with Shaker.open(shake_device.serial, config) as shaker:
        shaker.shake(peak_accel_ms2=6, frequency_hz=2, duration_s=0.4, rotation_deg=0)
    assert jumped(d, SENSITIVE)
    assert d.app_current()["activity"].endswith("AdvertActivity")


def test_reference_app_ignores_weak_or_short_shakes_and_jumps_on_a_strong_long_one(shake_device, d, config):
    launch(d, OK)
    with Shaker.open(shake_device.serial, config) as shaker:
        shaker.shake(peak_accel_ms2=6, frequency_hz=2, duration_s=0.4, rotation_deg=0)
        assert not jumped(d, OK, 0.3)
        shaker.shake(peak_accel_ms2=16, frequency_hz=2, duration_s=1.5, rotation_deg=40)
        assert not jumped(d, OK, 0.3)
        shaker.shake(peak_accel_ms2=16, frequency_hz=2, duration_s=3.5, rotation_deg=40)
    assert jumped(d, OK)
