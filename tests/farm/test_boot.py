"""Waiting for a boot and the pool's health check, through adb only, against virtual devices
(whose sys.boot_completed a test can set back to 0, as on an emulator still booting)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import emulator.launch
from emulator.avd.boot import boot_problem, readiness, wait_for_boot
from emulator.launch import LaunchError, PortTaken, start_virtual_device
from harness.pool import AdbAddress, PoolDevice, health_problem

ROOT = Path(__file__).resolve().parents[2]


def test_booted_means_boot_completed_and_a_package_manager():
    assert boot_problem("1\n", "package:/system/framework/framework-res.apk\n") is None
    assert boot_problem("", "") == "boot not complete (sys.boot_completed='')"
    assert boot_problem("0", "package:/x") == "boot not complete (sys.boot_completed='0')"
    assert boot_problem("1", "Error: Could not access the Package Manager.  Is the system running?\n") == (
        "package manager not answering (`pm path android` said 'Error: Could not access the Package Manager.  "
        "Is the system running?')")


@pytest.fixture
def still_booting(farm):
    """The first device with sys.boot_completed=0 until the test sets it (restored after)."""
    server, devices = farm
    device = devices[0]
    server.run("shell", "setprop sys.boot_completed 0", serial=device.serial)
    yield server, device
    server.run("shell", "setprop sys.boot_completed 1", serial=device.serial)


def test_a_booted_device_is_ready_at_once(farm):
    server, devices = farm
    assert readiness(server, devices[1].serial) is None
    assert wait_for_boot(server, devices[1].serial, timeout=5) < 2


def test_the_wait_ends_when_boot_completes(still_booting):
    server, device = still_booting
    assert readiness(server, device.serial) == "boot not complete (sys.boot_completed='0')"
    completes = threading.Timer(1.5, server.run, ("shell", "setprop sys.boot_completed 1"), {"serial": device.serial})
    completes.start()
    try:
        waited = wait_for_boot(server, device.serial, timeout=20, poll=0.2)
    finally:
        completes.join()
    assert 1.4 <= waited < 10


def test_a_device_that_never_boots_times_out_with_the_reason(still_booting):
    server, device = still_booting
    started = time.monotonic()
    with pytest.raises(LaunchError) as error:
        wait_for_boot(server, device.serial, timeout=1, poll=0.2)
    assert time.monotonic() - started < 5
    assert str(error.value) == f"{device.serial} not booted after 1 s: boot not complete (sys.boot_completed='0')"


def test_a_serial_adb_does_not_list_is_not_ready(farm):
    server, _ = farm
    assert readiness(server, "emulator-5682") == "adb does not list it"


def test_the_cli_waits_on_the_named_adb_server(farm):
    server, devices = farm

    def wait(serial: str, timeout: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "emulator.avd", "wait", serial, "--adb-server-port",
                               str(server.port), "--timeout", timeout], cwd=ROOT, capture_output=True, text=True,
                              timeout=60)

    ok = wait(devices[1].serial, "10")
    assert ok.returncode == 0 and ok.stdout.startswith(f"{devices[1].serial} booted"), ok.stderr
    missing = wait("emulator-5682", "0.5")
    assert missing.returncode == 1
    assert missing.stderr == "error: emulator-5682 not booted after 0.5 s: adb does not list it\n"


def test_health_check_of_a_pool_device(farm):
    server, devices = farm
    here = AdbAddress("127.0.0.1", server.port)
    assert health_problem(PoolDevice(here, devices[1].serial)) is None
    assert health_problem(PoolDevice(here, "emulator-5682")).startswith(
        f"device emulator-5682 not found on adb server 127.0.0.1:{server.port}")


def test_health_check_of_a_booting_device(still_booting):
    server, device = still_booting
    problem = health_problem(PoolDevice(AdbAddress("127.0.0.1", server.port), device.serial))
    assert problem == "boot not complete (sys.boot_completed='0')"


def test_a_device_that_loses_its_port_to_another_process_starts_on_another(tmp_path, monkeypatch):
    # Another worker binds the pair this one found free before its device binds it.
    taken = socket.socket()
    for attempt in range(5):  # the pair found free may go to a parallel test's device first
        try:
            taken.bind(("127.0.0.1", emulator.launch.free_console_port(scatter=attempt > 0)))
            break
        except OSError:
            continue
    taken.listen()
    picks = iter([taken.getsockname()[1]])
    real = emulator.launch.free_console_port
    monkeypatch.setattr(emulator.launch, "free_console_port", lambda scatter=False: next(picks, None) or real(scatter=scatter))
    try:
        with pytest.raises(PortTaken, match="(?i)address already in use"):
            start_virtual_device(None, tmp_path / "fixed.log", console_port=taken.getsockname()[1])
        device = start_virtual_device(None, tmp_path / "moved.log")
        try:
            assert device.console_port != taken.getsockname()[1]
        finally:
            device.stop()
    finally:
        taken.close()
