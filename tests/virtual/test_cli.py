"""`python -m emulator.virtual`: help, bad input, a busy port, and a clean stop."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys

from emulator.launch import start_virtual_device
from emulator.ports import free_console_port


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "emulator.virtual", *args],
                          capture_output=True, text=True, timeout=60)


def test_help_works():
    result = cli("--help")
    assert result.returncode == 0 and "--console-port" in result.stdout


def test_an_odd_console_port_is_a_clear_error():
    result = cli("--console-port", "5555")
    assert result.returncode == 2
    assert "console port must be an even number" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_busy_port_is_a_one_line_error_without_traceback():
    port = free_console_port()
    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        busy.bind(("127.0.0.1", port + 1))
        busy.listen()
        result = cli("--console-port", str(port), "--no-register")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot listen" in errors[0]
    assert "Traceback" not in result.stderr


def test_sigterm_stops_it_cleanly(tmp_path):
    device = start_virtual_device(None, tmp_path / "device.log")
    device.process.send_signal(signal.SIGTERM)
    assert device.process.wait(10) == 0
    assert "Traceback" not in device.log()
    with socket.socket() as s:  # both ports are free again
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", device.adb_port))
