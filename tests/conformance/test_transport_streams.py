"""Many clients and streams at once through the real adb server; a client that vanishes
mid-stream harms no other; delayed-ack when the server runs in burst mode."""

from __future__ import annotations

import hashlib
import os
import socket
import struct
import threading
import time

import adbutils
import pytest

from emulator.launch import AdbServer, start_virtual_device
from emulator.ports import private_adb_server_port
from emulator.virtual.adb.registration import host_request


@pytest.fixture(scope="module")
def dev(virtual_device):
    return adbutils.adb.device(virtual_device.serial)


def test_many_clients_at_once(dev):
    errors: list[str] = []

    def worker(n: int) -> None:
        for i in range(15):
            got = dev.shell(f"echo {n}-{i}")
            if got != f"{n}-{i}":
                errors.append(f"{n}-{i}: {got!r}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []


def test_client_vanishing_mid_stream_harms_no_other_stream(dev, adb_server, virtual_device, tmp_path):
    payload = os.urandom(3 * 1024 * 1024)
    src = tmp_path / "big.bin"
    src.write_bytes(payload)
    dev.sync.push(str(src), "/data/local/tmp/big.bin")

    # a raw client opens a sync stream, starts a push and disappears in the middle of it
    raw = _transport_socket(adb_server.port, virtual_device.serial)
    raw.sendall(host_request("sync:"))
    assert raw.recv(4) == b"OKAY"
    path = b"/data/local/tmp/partial.bin,420"
    raw.sendall(b"SEND" + struct.pack("<I", len(path)) + path + b"DATA" + struct.pack("<I", 65536) + b"x" * 1000)
    # meanwhile a streaming shell keeps running
    follower = dev.shell("logcat -v threadtime", stream=True)
    raw.close()

    pulled = dev.sync.read_bytes("/data/local/tmp/big.bin")
    assert hashlib.sha256(pulled).digest() == hashlib.sha256(payload).digest()
    assert dev.shell("echo still-here") == "still-here"
    dev.shell("am start -n com.example.hello/.MainActivity")
    follower.conn.settimeout(10)
    seen = b""
    deadline = time.monotonic() + 10
    while b"cmp=com.example.hello" not in seen and time.monotonic() < deadline:
        seen += follower.conn.recv(65536)
    follower.close()
    dev.shell("input keyevent KEYCODE_HOME")
    assert b"cmp=com.example.hello" in seen
    # the vanished push left no half-written file behind
    assert "No such file" in dev.shell("ls /data/local/tmp/partial.bin")


def test_delayed_ack_with_a_burst_mode_server(tmp_path):
    port = private_adb_server_port()
    server = AdbServer(port)
    env_before = os.environ.get("ADB_BURST_MODE")
    os.environ["ADB_BURST_MODE"] = "1"  # the server process inherits it
    try:
        server.start()
    finally:
        if env_before is None:
            os.environ.pop("ADB_BURST_MODE")
        else:
            os.environ["ADB_BURST_MODE"] = env_before
    device = start_virtual_device(port, tmp_path / "burst.log")
    try:
        server.wait_for_device(device.serial)
        assert "delayed_ack" in server.run("host-features").stdout
        payload = os.urandom(5 * 1024 * 1024 + 17)
        (tmp_path / "in.bin").write_bytes(payload)
        push = server.run("push", str(tmp_path / "in.bin"), "/sdcard/burst.bin", serial=device.serial)
        assert push.returncode == 0, f"{push.stderr}\n--- device log ---\n{device.log()}"
        pull = server.run("pull", "/sdcard/burst.bin", str(tmp_path / "out.bin"), serial=device.serial)
        assert pull.returncode == 0, f"{pull.stderr}\n--- device log ---\n{device.log()}"
        assert (tmp_path / "out.bin").read_bytes() == payload
        assert server.run("shell", "echo ok; exit 7", serial=device.serial).returncode == 7
        # `adb features` hides delayed_ack, so the device's log is where negotiation shows
        assert "delayed-ack on" in device.log()
    finally:
        device.stop()
        server.stop()


def _transport_socket(server_port: int, serial: str) -> socket.socket:
    """A raw client connection to the adb server, switched to the device's transport."""
    sock = socket.create_connection(("127.0.0.1", server_port), timeout=10)
    sock.sendall(host_request(f"host:transport:{serial}"))
    assert sock.recv(4) == b"OKAY"
    return sock
