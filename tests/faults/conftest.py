"""One virtual device for the fault tests, started with a fault file the tests write."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from emulator.launch import AdbServer, VirtualDeviceProcess

from ..conftest import start_device, stop_device

APPLIED = "faults: settings"  # the device logs this line each time it applies the file


class FaultFile:
    """Write faults for the device and wait until it has applied them (its log says so)."""

    def __init__(self, path: Path, device: VirtualDeviceProcess, server: AdbServer) -> None:
        self.path, self.device, self.server = path, device, server

    def inject(self, text: str, timeout: float = 5.0) -> None:
        before = self.device.log().count(APPLIED)
        self.path.write_text(text + "\n")
        deadline = time.monotonic() + timeout
        while self.device.log().count(APPLIED) == before:
            assert time.monotonic() < deadline, f"the device did not apply {text!r}"
            time.sleep(0.05)

    def clear(self) -> None:
        """No faults, and the device online again (after a reboot or a drop)."""
        if self.path.read_text().strip():
            self.inject("")
        self.server.wait_for_device(self.device.serial, timeout=20)


@pytest.fixture(scope="package")
def fault_device(adb_server, tmp_path_factory, console_token):
    folder = tmp_path_factory.mktemp("fault-device")
    faults = folder / "faults.txt"
    faults.write_text("")
    device = start_device(adb_server, folder, console_token, install="com.demo.clean,com.demo.splash.ok",
                          extra=("--faults", str(faults)))
    yield device, FaultFile(faults, device, adb_server)
    stop_device(device)


@pytest.fixture
def faults(fault_device):
    _, fault_file = fault_device
    yield fault_file
    fault_file.clear()
