"""A host of the original protocol version (0x01000000) against the virtual device over TCP.

adb-shell (unmodified, a dev dependency) speaks 0x01000000 straight to the device's adbd port
(no adb server): it checksums what it sends and rejects any reply whose checksum is wrong."""

from __future__ import annotations

import hashlib
import os
import socket
import time

import adbutils
import pytest
from adb_shell.adb_device import AdbDeviceTcp
from adb_shell.constants import VERSION

from emulator.virtual.adb.message import A_CNXN, A_OPEN, A_VERSION, Message, MessageReader, checksum


@pytest.fixture
def old_host(virtual_device):
    host = AdbDeviceTcp("127.0.0.1", virtual_device.adb_port, default_transport_timeout_s=10)
    host.connect(transport_timeout_s=10, auth_timeout_s=10)
    yield host
    host.close()


def test_adb_shell_speaks_the_original_version():
    assert VERSION == 0x01000000  # the premise of this file


def test_shell_from_an_old_host(old_host):
    assert old_host.available
    assert old_host.shell("echo old-host; getprop ro.build.version.sdk").split() == ["old-host", "34"]


def test_push_and_pull_300_kB_round_trip(old_host, virtual_device, tmp_path):
    payload = os.urandom(300 * 1024)
    src, back = tmp_path / "up.bin", tmp_path / "down.bin"
    src.write_bytes(payload)
    remote = "/data/local/tmp/old-host/round-trip.bin"
    old_host.push(str(src), remote)
    old_host.pull(remote, str(back))
    assert hashlib.sha256(back.read_bytes()).hexdigest() == hashlib.sha256(payload).hexdigest()
    # the same file as a new host (the real adb server through adbutils) sees it
    dev = adbutils.adb.device(virtual_device.serial)
    assert dev.sync.read_bytes(remote) == payload


def test_a_bad_checksum_closes_that_connection_cleanly(virtual_device):
    with socket.create_connection(("127.0.0.1", virtual_device.adb_port), timeout=10) as sock:
        sock.sendall(Message(A_CNXN, 0x01000000, 4096, b"host::\0").encode(with_checksum=True))
        reader = MessageReader()
        reply = None
        while reply is None:
            reader.receive(sock.recv(4096))
            reply = reader.next_message()
        assert reply.command == A_CNXN and reply.arg0 == A_VERSION
        assert reply.data_check == checksum(reply.payload)
        wire = bytearray(Message(A_OPEN, 1, 0, b"shell:echo hi\0").encode(with_checksum=True))
        wire[16] ^= 0x01  # one bit of data_check
        sock.sendall(bytes(wire))
        assert sock.recv(4096) == b""  # closed, and nothing was run or answered
    deadline = time.monotonic() + 5
    while "adb protocol error" not in virtual_device.log() and time.monotonic() < deadline:
        time.sleep(0.05)
    log = virtual_device.log()
    assert "bad data checksum on OPEN from a protocol 0x01000000 host" in log
    assert "Traceback" not in log
    # the device goes on serving its other hosts
    assert adbutils.adb.device(virtual_device.serial).shell("echo still-here") == "still-here"
