"""Start and stop devices and adb servers as separate processes.

This is the one door from the harness and the tests to a virtual device: it runs
`python -m emulator.virtual` as a child process and never touches the device's internals,
so whatever observes the device sees only adb, uiautomator2 and the console.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .ports import free_console_port, private_adb_server_port


class LaunchError(RuntimeError):
    pass


class PortTaken(LaunchError):
    """Another process bound the device's port between the check that it was free and the bind."""


def adb_binary() -> str:
    """The adb that ships inside the adbutils wheel (ADBUTILS_ADB_PATH overrides it)."""
    if os.environ.get("ADBUTILS_ADB_PATH"):
        return os.environ["ADBUTILS_ADB_PATH"]
    import importlib.util
    spec = importlib.util.find_spec("adbutils")
    if spec is None or spec.origin is None:
        raise LaunchError("adbutils is not installed; run `make install`")
    path = Path(spec.origin).parent / "binaries" / "adb"
    if not path.exists():
        raise LaunchError(f"the adbutils wheel has no adb binary at {path}")
    return str(path)


@dataclass
class AdbServer:
    """An adb server on a private port (never the user's 5037 unless asked)."""

    port: int

    def run(self, *args: str, timeout: float = 30, serial: str | None = None) -> subprocess.CompletedProcess:
        cmd = [adb_binary(), "-P", str(self.port)]
        if serial:
            cmd += ["-s", serial]
        return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=timeout)

    def start(self) -> None:
        result = self.run("start-server")
        if result.returncode != 0:
            raise LaunchError(f"adb server on port {self.port} did not start: {result.stderr.strip()}")

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.run("kill-server", timeout=10)

    def device_state(self, serial: str) -> str | None:
        out = self.run("devices").stdout
        for line in out.splitlines()[1:]:
            parts = line.split()
            if len(parts) >= 2 and parts[0] == serial:
                return parts[1]
        return None

    def wait_for_device(self, serial: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.device_state(serial) == "device":
                return
            time.sleep(0.1)
        raise LaunchError(f"{serial} did not come online on adb server port {self.port}")


@dataclass
class VirtualDeviceProcess:
    process: subprocess.Popen
    console_port: int
    token_path: Path | None
    log_path: Path

    @property
    def serial(self) -> str:
        return f"emulator-{self.console_port}"

    @property
    def adb_port(self) -> int:
        return self.console_port + 1

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, timeout: float = 10) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)


def start_virtual_device(adb_server_port: int | None, log_path: Path,
                         console_port: int | None = None, token_path: Path | None = None,
                         extra_args: tuple[str, ...] = (), timeout: float = 30) -> VirtualDeviceProcess:
    """Start `python -m emulator.virtual` and wait for its `ready` line.

    Its output goes to `log_path` (a pipe nobody reads would stall the device). With no
    `console_port` it takes the first free emulator pair; another process (a parallel run, an
    xdist worker) may bind it between the check and the device's bind, so a lost race is
    retried with the next free pair."""
    attempts = 1 if console_port else 5
    for attempt in range(attempts):
        try:
            return _start_once(adb_server_port, log_path, console_port or free_console_port(scatter=attempt > 0),
                               token_path, extra_args, timeout)
        except PortTaken:
            if console_port or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _start_once(adb_server_port: int | None, log_path: Path, port: int, token_path: Path | None,
                extra_args: tuple[str, ...], timeout: float) -> VirtualDeviceProcess:
    cmd = [sys.executable, "-m", "emulator.virtual", "--console-port", str(port)]
    cmd += ["--no-register"] if adb_server_port is None else ["--adb-server-port", str(adb_server_port)]
    if token_path is not None:
        cmd += ["--token-file", str(token_path)]
    cmd += list(extra_args)
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    device = VirtualDeviceProcess(proc, port, token_path, log_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if f"{device.serial} ready" in device.log():
            return device
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    device.stop()
    lines = device.log().strip().splitlines()
    last = lines[-1] if lines else "timeout"
    raise (PortTaken if "address already in use" in last.lower() else LaunchError)(
        f"virtual device did not start: {last}")


@contextlib.contextmanager
def private_virtual_device(install: str | None = None) -> Iterator[tuple[AdbServer, VirtualDeviceProcess]]:
    """An adb server on a private port with a virtual device online on it; both stopped on exit.

    The port is exported as ANDROID_ADB_SERVER_PORT, which adbutils reads when it is imported:
    enter this before anything imports adbutils or uiautomator2."""
    server = AdbServer(private_adb_server_port())
    os.environ["ANDROID_ADB_SERVER_PORT"] = str(server.port)
    device = None
    try:
        server.start()
        device = start_virtual_device(server.port, Path(tempfile.mkdtemp(prefix="virtual-device-")) / "device.log",
                                      extra_args=("--install", install) if install else ())
        server.wait_for_device(device.serial)
        yield server, device
    finally:
        if device is not None:
            device.stop()
        server.stop()
