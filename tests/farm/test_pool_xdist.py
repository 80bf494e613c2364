"""The device pool with pytest-xdist, end to end: a pytest run in a subprocess with two workers
over an adb server with two virtual devices. Each worker leases a different device for its whole
session; a device that fails the health checks is left out and the tests of the worker that found
no other are reported ERROR, not lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("xdist")

TESTS = 8
RECORDER = f"""
import json, os
from pathlib import Path
import pytest

@pytest.mark.parametrize("n", range({TESTS}))
def test_leased(n, device, worker_id):
    # device is the harness's DeviceSession: it reached the leased serial through the exported server
    record = dict(worker=worker_id, serial=device.serial, boot=device.shell("getprop sys.boot_completed"))
    (Path(os.environ["POOL_RECORDS"]) / f"{{n}}.json").write_text(json.dumps(record))
"""


def run_pool(tmp_path: Path, farm, *extra: str) -> tuple[subprocess.CompletedProcess, list[dict]]:
    """The recorder under `-n 2` with the farm's two devices as the pool. They are named: an adb
    server also finds every other emulator on this machine's scanned ports (5555-5585)."""
    server, devices = farm
    (tmp_path / "test_recorder.py").write_text(RECORDER)
    records = tmp_path / "records"
    records.mkdir()
    env = dict(os.environ, ANDROID_ADB_SERVER_PORT=str(server.port), POOL_RECORDS=str(records))
    named = [arg for d in devices for arg in ("--pool-device", d.serial)]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "-p", "no:cacheprovider", "--timeout", "60",
         "--adb-server", f"127.0.0.1:{server.port}", *named, "--evidence-dir", str(tmp_path / "evidence"), *extra,
         "test_recorder.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    return proc, [json.loads(p.read_text()) for p in sorted(records.glob("*.json"))]


def test_two_workers_lease_two_different_devices(farm, tmp_path):
    _, devices = farm
    proc, records = run_pool(tmp_path, farm)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert len(records) == TESTS
    serial_of = {}
    for r in records:
        assert serial_of.setdefault(r["worker"], r["serial"]) == r["serial"], "a worker changed device"
    assert sorted(serial_of) == ["gw0", "gw1"]
    assert sorted(serial_of.values()) == sorted(d.serial for d in devices)
    assert {r["boot"] for r in records} == {"1"}


@pytest.fixture
def booting(farm):
    """The second device, still booting as far as adb can tell, for one test."""
    server, devices = farm
    sick = devices[1]
    server.run("shell", "setprop sys.boot_completed 0", serial=sick.serial)
    yield sick
    server.run("shell", "setprop sys.boot_completed 1", serial=sick.serial)


def test_a_device_failing_its_health_check_is_left_out_and_its_tests_error(farm, booting, tmp_path):
    server, devices = farm
    proc, records = run_pool(tmp_path, farm, "-rE")
    # Every test is reported: those of the worker that got the healthy device pass on it …
    assert {r["serial"] for r in records} == {devices[0].serial}
    assert len({r["worker"] for r in records}) == 1
    # … and the other worker's tests are ERROR, with the booting device's reason.
    assert proc.returncode == 1
    assert f"{len(records)} passed, {TESTS - len(records)} error" in proc.stdout, proc.stdout[-3000:]
    assert 0 < len(records) < TESTS
    assert f"{booting.serial}@127.0.0.1:{server.port}: boot not complete (sys.boot_completed='0')" in proc.stdout


def test_pool_excludes_serial(farm, tmp_path):
    _, devices = farm
    proc, records = run_pool(tmp_path, farm, "--serial", devices[0].serial)
    assert proc.returncode == 1 and not records
    assert "the device pool options exclude --virtual and --serial" in proc.stdout


def test_a_bad_adb_server_is_a_usage_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--adb-server", "farm-2.lab"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == pytest.ExitCode.USAGE_ERROR
    assert "error: argument --adb-server: expected HOST:PORT of an adb server, got 'farm-2.lab'" in proc.stderr
