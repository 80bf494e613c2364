"""A session with one device over adbutils (shell, sync) and uiautomator2 (screen, input)."""

from __future__ import annotations

import hashlib
import http.client
import shlex
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import adbutils
import uiautomator2 as u2

from ..clock import Clock, Stamp
from ..sink import EvidenceSink, emit
from . import identity as ident
from .errors import (
    ApkError,
    CommandFailed,
    DeviceError,
    DeviceGone,
    DeviceNotFound,
    DeviceOffline,
    DeviceUnauthorized,
    PackageNotFound,
)
from .retry import Backoff, retrying
from .wait import wait_until

SHELL_TIMEOUT = 30.0
RETRY = Backoff()  # a transient failure: three calls in all, 0.2 s then 0.4 s apart
ONCE = Backoff(attempts=1)
RECONNECT_S = 30.0  # after losing the device, how long the next call waits for it (a reboot)
# What uiautomator2 raises when its server or the adb stream under it failed, as opposed to
# an answer it did not like (UiObjectNotFound …), which no retry changes.
U2_TRANSIENT = (u2.exceptions.DeviceError, u2.exceptions.RPCInvalidError, OSError, http.client.HTTPException,
                adbutils.AdbError)
INSTALL_TMP = "/data/local/tmp/harness-install.apk"


class BoundedDevice(adbutils.AdbDevice):
    """An AdbDevice whose device-port connections (uiautomator2's HTTP) time out: adbutils
    leaves them blocking forever, so a stuck server would hang the harness."""

    socket_timeout_s = 30.0

    def create_connection(self, network: adbutils.Network, address: int | str) -> Any:
        sock = super().create_connection(network, address)
        sock.settimeout(self.socket_timeout_s)
        return sock


@dataclass(frozen=True)
class Foreground:
    package: str
    activity: str  # the full class name (dumpsys's `.Cls` expanded)


@dataclass(frozen=True)
class Launch:
    """A cold launch: the instant its command was sent (on the shared clock) and how."""

    package: str
    stamp: Stamp
    command: str
    returned_ms: float  # when the start command returned, on the shared clock
    cleared: bool


def device_state(client: adbutils.AdbClient, serial: str) -> str | None:
    """The serial's state as `adb devices` lists it (None when not listed)."""
    try:
        infos = client.list()
    except adbutils.AdbError as e:
        raise DeviceError(f"adb server at {client.host}:{client.port} is not reachable: {e}") from None
    return next((i.state for i in infos if i.serial == serial), None)


def check_online(client: adbutils.AdbClient, serial: str) -> None:
    state = device_state(client, serial)
    where = f"on adb server {client.host}:{client.port}"
    if state is None:
        others = ", ".join(sorted(i.serial for i in client.list())) or "none"
        raise DeviceNotFound(f"device {serial} not found {where} (attached: {others})")
    if state == "unauthorized":
        raise DeviceUnauthorized(f"device {serial} is unauthorized {where}: accept the USB debugging prompt")
    if state == "offline":
        raise DeviceOffline(f"device {serial} is offline {where}")
    if state != "device":
        raise DeviceOffline(f"device {serial} is in state '{state}' {where}, not 'device'")


class DeviceSession:
    """One device: identity, apps, launch, input and the clock every observation shares."""

    def __init__(self, client: adbutils.AdbClient, adb: adbutils.AdbDevice, u2_device: u2.Device,
                 clock: Clock, sink: EvidenceSink | None = None) -> None:
        self.client, self.adb, self.u2, self.clock, self.sink = client, adb, u2_device, clock, sink
        self._identity: ident.DeviceIdentity | None = None
        self._screen: ident.Screen | None = None
        self.sink_failures = 0
        self.backoff = RETRY
        self.reconnect_s = RECONNECT_S
        self.lost: str | None = None  # why the device was last seen gone, until it is back

    @classmethod
    def connect(cls, serial: str, *, host: str | None = None, port: int | None = None,
                clock: Clock | None = None, sink: EvidenceSink | None = None) -> DeviceSession:
        """Connect to `serial` through the adb server at host:port (default: the adbutils
        environment, ANDROID_ADB_SERVER_HOST/PORT) and start the uiautomator2 server."""
        client = adbutils.AdbClient(host=host, port=port)
        check_online(client, serial)
        adb = BoundedDevice(client, serial=serial)
        try:
            device = u2.connect(adb)
        except Exception as e:  # uiautomator2 raises many unrelated types; all mean no server
            raise DeviceError(f"uiautomator2 server on {serial} did not start: {type(e).__name__}: {e}") from None
        return cls(client, adb, device, clock or Clock(), sink)

    @property
    def serial(self) -> str:
        return str(self.adb.serial)

    def is_online(self) -> bool:
        """Whether adb still lists the device as `device` (False when the server is gone too)."""
        try:
            return device_state(self.client, self.serial) == "device"
        except DeviceError:
            return False

    def close(self) -> None:
        try:
            self.u2.stop_uiautomator(wait=False)
        except Exception:  # the device may be gone already; closing must not fail on that
            pass

    # ---- calls to the device -----------------------------------------------------------
    def adb_call(self, what: str, call: Any, retry: bool = True, recover: bool = True) -> Any:
        """Run an adb call. A failure while the device stays online is retried (`retry`: the
        call is safe to repeat); a device that went offline or away raises DeviceGone. After
        such a loss the next call waits for the device to be back (`recover`), except in an
        observer that must not paper over the hole (the capture), which gets DeviceGone."""
        return self._guarded(what, call, (adbutils.AdbError,), retry, recover)

    def u2_call(self, what: str, call: Any, retry: bool = True, recover: bool = True) -> Any:
        """Run a uiautomator2 call, like `adb_call`; `retry` only for calls that read: a tap
        whose answer was lost may have landed, so it is not repeated."""
        return self._guarded(what, call, (Exception,), retry, recover, U2_TRANSIENT)

    def _guarded(self, what: str, call: Any, catch: tuple[type[Exception], ...], retry: bool, recover: bool,
                 transient: tuple[type[Exception], ...] | None = None) -> Any:
        if self.lost is not None and not recover:
            raise DeviceGone(f"device {self.serial} was lost ({self.lost}) before {what}")
        self._recover(what)

        def once() -> Any:
            try:
                return call()
            except DeviceError:
                raise
            except catch as e:
                state = device_state(self.client, self.serial)
                if state != "device":
                    self.lost = f"{state or 'not listed'} during {what}"
                    self._event("device_lost", self.clock.now(), what=what, state=state)
                    raise DeviceGone(f"device {self.serial} is gone ({self.lost})") from None
                text = " ".join(f"{type(e).__name__}: {e}".split())
                if transient is not None and not isinstance(e, transient):
                    raise DeviceError(f"{what} on {self.serial} failed: {text}") from None
                raise _Transient(f"{what} on {self.serial} failed: {text}") from None

        def note(attempt: int, error: Exception, pause: float) -> None:
            self._event("retry", self.clock.now(), what=what, attempt=attempt, error=str(error), pause_s=pause)

        backoff = self.backoff if retry else ONCE
        try:
            return retrying(once, backoff, lambda e: isinstance(e, _Transient), note)
        except _Transient as e:
            tries = f" (after {backoff.attempts} attempts)" if backoff.attempts > 1 else ""
            raise DeviceError(f"{e}{tries}") from None

    def _recover(self, what: str) -> None:
        """After the device was lost, wait (bounded) for it to be back before the next call."""
        if self.lost is None:
            return
        started = time.monotonic()
        pause = self.backoff.first_s or 0.1
        while not self.is_online():
            if time.monotonic() - started >= self.reconnect_s:
                raise DeviceGone(f"device {self.serial} did not come back within {self.reconnect_s:g} s "
                                 f"(gone: {self.lost}) for {what}")
            time.sleep(pause)
            pause = min(pause * 2, 1.0)
        self._event("device_back", self.clock.now(), after_s=round(time.monotonic() - started, 3), lost=self.lost)
        self.lost = None

    def shell(self, command: str, timeout: float = SHELL_TIMEOUT) -> str:
        # through shell_rc: its exit-status trailer shows a stream cut off mid-output
        return self.shell_rc(command, timeout)[0]

    def shell_rc(self, command: str, timeout: float = SHELL_TIMEOUT, retry: bool = True) -> tuple[str, int]:
        result = self.adb_call(f"`{command}`", lambda: self.adb.shell2(command, timeout=timeout, rstrip=True), retry)
        return result.output, result.returncode

    def _event(self, kind: str, stamp: Stamp, **fields: Any) -> None:
        if not emit(self.sink, kind, stamp, **fields):
            self.sink_failures += 1

    # ---- identity ---------------------------------------------------------------------
    def identity(self) -> ident.DeviceIdentity:
        if self._identity is None:
            self._identity = ident.device_identity(self.serial, ident.parse_getprop(self.shell("getprop")))
        return self._identity

    def screen(self) -> ident.Screen:
        if self._screen is None:
            size, density = self.shell("wm size"), self.shell("wm density")
            screen = ident.parse_screen(size, density)
            if screen is None:
                raise CommandFailed(f"cannot read the screen of {self.serial}: `wm size` said {size!r}, "
                                    f"`wm density` said {density!r}")
            self._screen = screen
        return self._screen

    def apk_paths(self, package: str) -> list[str]:
        """`pm path`; PackageNotFound when the package is not installed."""
        if not package or any(c.isspace() for c in package):
            raise PackageNotFound(f"invalid package name {package!r}")
        out, _ = self.shell_rc(f"pm path {shlex.quote(package)}")
        paths = ident.parse_pm_path(out)
        if not paths:
            raise PackageNotFound(f"package {package} is not installed on {self.serial}")
        return paths

    def app_identity(self, package: str, label: str | None = None) -> ident.AppIdentity:
        paths = self.apk_paths(package)
        fields = ident.parse_package_dump(self.shell(f"dumpsys package {shlex.quote(package)}"), package)
        return ident.AppIdentity(package=package, label=label, apk_paths=tuple(paths),
                                 apk_sha256=self.file_sha256(paths[0]), **fields)

    def file_sha256(self, remote: str) -> str:
        """SHA-256 of a device file, streamed through sync (never held whole in memory)."""
        def digest() -> str:
            h = hashlib.sha256()
            for chunk in self.adb.sync.iter_content(remote):
                h.update(chunk)
            return h.hexdigest()
        return self.adb_call(f"pulling {remote}", digest)

    def pull(self, remote: str, local: Path) -> int:
        return self.adb_call(f"pulling {remote}", lambda: self.adb.sync.pull_file(remote, local))

    # ---- apps -------------------------------------------------------------------------
    def install(self, apk: str | Path) -> None:
        """`adb install -r -t` through sync + `pm install`; ApkError for a path that is not an APK
        or an install the package manager refuses."""
        path = Path(apk)
        if not path.is_file():
            raise ApkError(f"APK not found: {path}")
        if not zipfile.is_zipfile(path):
            raise ApkError(f"not an APK (not a zip archive): {path}")
        self.adb_call(f"pushing {path}", lambda: self.adb.sync.push(path, INSTALL_TMP))
        try:
            out, rc = self.shell_rc(f"pm install -r -t {INSTALL_TMP}", timeout=120)
        finally:
            self.shell(f"rm -f {INSTALL_TMP}")
        if rc != 0 or "Success" not in out:
            raise ApkError(f"install of {path.name} failed: {out.strip().splitlines()[-1] if out.strip() else rc}")

    def cold_launch(self, package: str, clear: bool = False) -> Launch:
        """Force-stop (and with `clear`, `pm clear`) then start the launcher activity; the
        clock's launch instant is taken just before the start command is sent."""
        self.apk_paths(package)  # PackageNotFound before anything is stopped
        info = ident.parse_package_dump(self.shell(f"dumpsys package {shlex.quote(package)}"), package)
        self.shell(f"am force-stop {shlex.quote(package)}")
        if clear:
            self.clear_data(package)
        activity = info["launcher_activity"]
        if activity:
            command = (f"am start -W -a android.intent.action.MAIN -c android.intent.category.LAUNCHER "
                       f"-n {shlex.quote(str(activity))}")
        else:  # no resolver entry printed: let monkey resolve the launcher intent
            command = f"monkey -p {shlex.quote(package)} -c android.intent.category.LAUNCHER 1"
        stamp = self.clock.mark_launch()
        out, rc = self.shell_rc(command, retry=False)  # a second start would move the launch instant
        returned = self.clock.now().t_ms
        if rc != 0 or "Error" in out or "monkey aborted" in out:
            raise CommandFailed(f"launch of {package} failed: {_last_line(out) or f'exit code {rc}'}")
        self._event("launch", stamp, package=package, command=command, cleared=clear, returned_ms=returned)
        return Launch(package, stamp, command, returned, clear)

    def clear_data(self, package: str) -> None:
        """`pm clear`: the app's data and runtime grants back to a fresh install's."""
        out = self.shell(f"pm clear {shlex.quote(package)}")
        if "Success" not in out:
            raise CommandFailed(f"pm clear {package} failed: {out.strip()}")

    def force_stop(self, package: str) -> None:
        self.shell(f"am force-stop {shlex.quote(package)}")

    # ---- foreground and input ---------------------------------------------------------
    def foreground(self) -> Foreground:
        info = self.adb_call("reading the foreground app", self.adb.app_current)
        # dumpsys names one activity `.Cls` or `pkg.Cls` depending on the window: one form only
        activity = info.activity
        return Foreground(info.package, info.package + activity if activity.startswith(".") else activity)

    def tap(self, x: float, y: float) -> Stamp:
        stamp = self.clock.now()
        self.u2_call(f"tap at {x:.0f},{y:.0f}", lambda: self.u2.click(x, y), retry=False)
        self._event("tap", stamp, x=x, y=y)
        return stamp

    def press(self, key: str) -> Stamp:
        """A key by uiautomator2 name: back, home, recent, enter …"""
        stamp = self.clock.now()
        self.u2_call(f"key {key}", lambda: self.u2.press(key), retry=False)
        self._event("key", stamp, key=key)
        return stamp

    def back(self) -> Stamp:
        return self.press("back")

    def home(self) -> Stamp:
        return self.press("home")

    def dump_hierarchy(self, recover: bool = True) -> str:
        return self.u2_call("hierarchy dump", self.u2.dump_hierarchy, recover=recover)

    def wait_until(self, predicate: Any, timeout: float, interval: float = 0.05, what: str = "condition") -> Any:
        return wait_until(predicate, timeout, interval, what)

    def wait_foreground(self, package: str, timeout: float = 5.0, activity: str | None = None) -> Foreground:
        def ready() -> Foreground | None:
            fg = self.foreground()
            ok = fg.package == package and (activity is None or fg.activity.endswith(activity))
            return fg if ok else None
        return wait_until(ready, timeout, 0.05, f"{package}{'/' + activity if activity else ''} in the foreground")


class _Transient(DeviceError):
    """A failure with the device still online: worth another try."""


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""
