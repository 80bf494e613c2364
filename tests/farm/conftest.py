"""A small farm for the pool's tests: two virtual devices on an adb server of their own (a private
port above the session's), so the pool holds exactly these two."""

from __future__ import annotations

import pytest

from emulator.launch import AdbServer
from emulator.ports import free_port

from ..conftest import ADB_SERVER_PORT, start_device, stop_device


@pytest.fixture(scope="package")
def farm(tmp_path_factory, console_token):
    server = AdbServer(free_port(range(ADB_SERVER_PORT + 1, 16037)))
    devices = []
    try:
        server.start()
        for name in ("a", "b"):
            devices.append(start_device(server, tmp_path_factory.mktemp(f"farm-{name}"), console_token))
        yield server, devices
    finally:
        for device in devices:
            stop_device(device)
        server.stop()
