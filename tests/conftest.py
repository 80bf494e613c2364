"""Shared fixtures. Every adb server here runs on a private port, never the user's 5037.

adbutils reads ANDROID_ADB_SERVER_PORT when it is imported, so the private port is chosen and
exported here, before any test module imports adbutils or uiautomator2.
"""

from __future__ import annotations

import os

from emulator.launch import AdbServer, VirtualDeviceProcess, start_virtual_device
from emulator.ports import private_adb_server_port

ADB_SERVER_PORT = private_adb_server_port()
os.environ["ANDROID_ADB_SERVER_PORT"] = str(ADB_SERVER_PORT)

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def adb_server():
    server = AdbServer(ADB_SERVER_PORT)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def console_token(tmp_path_factory) -> str:
    return "test-token-" + os.urandom(4).hex()


def start_device(adb_server: AdbServer, folder, console_token: str, install: str | None = None,
                 extra: tuple[str, ...] = ()) -> VirtualDeviceProcess:
    """A virtual device with `install`ed apps (and `extra` arguments), announced to the private
    adb server and online."""
    token = folder / "console_token"
    token.write_text(console_token)
    extra = (("--install", install) if install else ()) + extra
    device = start_virtual_device(adb_server.port, folder / "device.log", token_path=token, extra_args=extra)
    try:
        adb_server.wait_for_device(device.serial)
    except BaseException:
        stop_device(device)
        raise
    return device


def stop_device(device: VirtualDeviceProcess) -> None:
    device.stop()
    log = device.log()
    if "Traceback" in log:
        print(f"--- virtual device log ---\n{log}")


@pytest.fixture(scope="session")
def virtual_device(adb_server, tmp_path_factory, console_token):
    """One virtual device for the session, announced to the private adb server."""
    device = start_device(adb_server, tmp_path_factory.mktemp("device"), console_token)
    yield device
    stop_device(device)
