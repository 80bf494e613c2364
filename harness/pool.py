"""A pool of devices that pytest-xdist workers lease, one each for their whole session.

    pytest -n 4 scenarios/ --app com.vendor.app --adb-server 127.0.0.1:5037 --adb-server 10.0.0.5:5037

The pool is every device the adb servers list (or only the `--pool-device` serials). A worker
goes round the pool from its own place in it (gw0 from the first device, gw1 from the second…)
and leases the first device whose lock file it can hold and that passes the health checks:
online, boot completed, package manager and uiautomator2 answering. A device that fails them is
left out, its reason kept; with no device left, the worker's tests are ERROR with every reason.
Locks are files in one folder per machine, so concurrent runs share a pool as well, and the OS
frees a dead worker's lock.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from filelock import BaseFileLock, FileLock, Timeout

LOCK_DIR = Path(tempfile.gettempdir()) / "harness-device-pool"


class PoolError(RuntimeError):
    pass


@dataclass(frozen=True, order=True)
class AdbAddress:
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True, order=True)
class PoolDevice:
    server: AdbAddress
    serial: str  # may hold a colon itself (`10.0.0.7:5555` after `adb connect`)

    def __str__(self) -> str:
        return f"{self.serial}@{self.server}"

    @property
    def lock_name(self) -> str:
        return re.sub(r"[^A-Za-z0-9.-]+", "_", f"{self.server}_{self.serial}") + ".lock"


@dataclass(frozen=True)
class PoolSpec:
    servers: tuple[AdbAddress, ...]
    serials: tuple[str, ...]  # only these; empty: every device the servers list


def parse_address(text: str) -> AdbAddress:
    """`HOST:PORT` of an adb server (raises argparse's error type, so it works as an option type)."""
    host, _, port = text.strip().rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT of an adb server, got {text!r}")
    return AdbAddress(host, int(port))


def default_address(environ: Mapping[str, str]) -> AdbAddress:
    """The adb server adbutils and adb use when none is named."""
    return AdbAddress(environ.get("ANDROID_ADB_SERVER_HOST", "127.0.0.1"),
                      int(environ.get("ANDROID_ADB_SERVER_PORT", "5037")))


def pool_spec(enabled: bool, servers: Sequence[AdbAddress], serials: Sequence[str],
              environ: Mapping[str, str]) -> PoolSpec | None:
    """The pool the options ask for (naming servers or serials asks for one), or None."""
    if not (enabled or servers or serials):
        return None
    return PoolSpec(tuple(dict.fromkeys(servers)) or (default_address(environ),), tuple(dict.fromkeys(serials)))


def worker_index(worker: str | None) -> int:
    """gw3 → 3; a session without xdist is 0."""
    return int(worker.removeprefix("gw")) if worker and worker.removeprefix("gw").isdigit() else 0


def members(spec: PoolSpec, listings: Mapping[AdbAddress, Sequence[str]]) -> tuple[list[PoolDevice], list[str]]:
    """The pool's devices in the order every worker sees, from each reachable server's `adb
    devices` serials; and why named serials are missing."""
    devices = sorted({PoolDevice(server, serial) for server, serials in listings.items() for serial in serials
                      if not spec.serials or serial in spec.serials})
    listed = {d.serial for d in devices}
    missing = [f"{s}: no adb server lists it" for s in spec.serials if s not in listed]
    return devices, missing


def rotated(devices: Sequence[PoolDevice], start: int) -> list[PoolDevice]:
    if not devices:
        return []
    start %= len(devices)
    return [*devices[start:], *devices[:start]]


@dataclass(frozen=True)
class Lease:
    device: PoolDevice
    lock: BaseFileLock

    def release(self) -> None:
        self.lock.release()


def lease(devices: Sequence[PoolDevice], start: int, check: Callable[[PoolDevice], str | None],
          lock_dir: Path = LOCK_DIR, notes: Sequence[str] = ()) -> Lease:
    """The first device from `start` on that is free and healthy (`check` says why not, or None).
    A device that fails the check is unlocked again: a later worker checks it afresh."""
    lock_dir.mkdir(parents=True, exist_ok=True)
    reasons = list(notes)
    for device in rotated(devices, start):
        lock = FileLock(lock_dir / device.lock_name)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            reasons.append(f"{device}: leased by another worker or run")
            continue
        problem = check(device)
        if problem is None:
            return Lease(device, lock)
        lock.release()
        reasons.append(f"{device}: {problem}")
    raise PoolError("no healthy device free" + (f" ({'; '.join(reasons)})" if reasons else ": the pool is empty"))


def listings(spec: PoolSpec) -> tuple[dict[AdbAddress, list[str]], list[str]]:
    """Every reachable server's serials (any state: an offline device is checked and left out
    with its reason) and why the others were not reached."""
    from .commands.devices import AdbUnavailable, list_devices

    found: dict[AdbAddress, list[str]] = {}
    unreachable = []
    for server in spec.servers:
        try:
            found[server] = [row.serial for row in list_devices(server.host, server.port)]
        except AdbUnavailable as e:
            unreachable.append(str(e))
    return found, unreachable


def health_problem(device: PoolDevice, timeout: float = 30) -> str | None:
    """Why the device cannot be tested on (offline, still booting, no package manager, no
    uiautomator2 server), or None; only through adb and uiautomator2, as a test would."""
    import adbutils
    import uiautomator2 as u2

    from emulator.avd.boot import BOOT_COMPLETED, PACKAGE_MANAGER, boot_problem

    from .device.errors import DeviceError
    from .device.session import check_online

    client = adbutils.AdbClient(host=device.server.host, port=device.server.port)
    try:
        check_online(client, device.serial)
        adb = client.device(device.serial)
        problem = boot_problem(adb.shell(BOOT_COMPLETED, timeout=timeout), adb.shell(PACKAGE_MANAGER, timeout=timeout))
    except DeviceError as e:  # its messages are one line already
        return str(e)
    except (adbutils.AdbError, OSError) as e:
        return f"adb: {_first_line(e)}"
    if problem is not None:
        return problem
    try:
        info = u2.connect(adb).info  # a JSON-RPC round trip to the server
    except Exception as e:  # uiautomator2 raises many unrelated types; all mean no server
        return f"uiautomator2 not answering: {_first_line(e)}"
    return None if info else "uiautomator2 answered with no device info"


def _first_line(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}".splitlines()[0]


def lease_device(spec: PoolSpec, start: int, timeout: float = 30, lock_dir: Path = LOCK_DIR) -> Lease:
    """Find the pool's devices now and lease one (see `lease`)."""
    found, unreachable = listings(spec)
    devices, missing = members(spec, found)
    return lease(devices, start, lambda d: health_problem(d, timeout), lock_dir, [*unreachable, *missing])


def export(device: PoolDevice, environ: MutableMapping[str, str]) -> None:
    """Point adbutils (DeviceSession.connect and the rest of the harness) at the device's server."""
    environ["ANDROID_ADB_SERVER_HOST"] = device.server.host
    environ["ANDROID_ADB_SERVER_PORT"] = str(device.server.port)
