"""The emulator console of the virtual device over real TCP, as an emulator client sees it."""

from __future__ import annotations

import socket

import pytest


class Console:
    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buf = b""

    def read_until_status(self) -> list[str]:
        """Lines up to and including the next OK / KO: line."""
        lines = []
        while True:
            while b"\n" not in self.buf:
                chunk = self.sock.recv(4096)
                if not chunk:
                    return lines
                self.buf += chunk
            line, _, self.buf = self.buf.partition(b"\n")
            text = line.decode().rstrip("\r")
            lines.append(text)
            if text == "OK" or text.startswith("KO"):
                return lines

    def cmd(self, text: str) -> list[str]:
        self.sock.sendall(text.encode() + b"\n")
        return self.read_until_status()


@pytest.fixture
def console(virtual_device):
    c = Console(virtual_device.console_port)
    greeting = c.read_until_status()
    assert any("Authentication required" in line for line in greeting)
    yield c
    c.sock.close()


def test_commands_are_refused_before_auth(console):
    assert console.cmd("sensor get acceleration")[-1].startswith("KO")


def test_bad_token_then_auth_then_sensors(console, console_token, virtual_device):
    assert console.cmd("auth wrong")[-1].startswith("KO")
    assert console.cmd(f"auth {console_token}")[-1] == "OK"
    assert console.cmd("avd name")[-1] == "OK"
    assert console.cmd("sensor set acceleration 2.5:9.81:0.5")[-1] == "OK"
    reply = console.cmd("sensor get acceleration")
    assert reply[-1] == "OK" and reply[0] == "acceleration = 2.5:9.81:0.5"
    assert console.cmd("no-such-command")[-1].startswith("KO")
    console.cmd("sensor set acceleration 0:9.77622:0.813417")


def test_quit_closes(console, console_token):
    console.cmd(f"auth {console_token}")
    console.sock.sendall(b"quit\n")
    received = b""
    while chunk := console.sock.recv(4096):  # the console closes: recv returns b"" (5 s timeout)
        received += chunk
    assert b"KO" not in received
