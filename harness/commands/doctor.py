"""`harness doctor`: can this machine test on this device? adb, the device and its kind (virtual,
emulator or physical), the uiautomator2 server, the emulator console (auth, without ever
printing the token) and the capture rate."""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..config import ConfigError, HarnessConfig, load_config
from . import error
from .devices import add_server_options, list_devices

Status = Literal["ok", "FAIL", "skip"]


class Check(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    status: Status
    detail: str


class Skip(Exception):
    """A check that does not apply (e.g. no console on a physical phone)."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("doctor", help="check adb, the device, uiautomator2, the console and capture",
                                   description="Check that the harness can test on a device.")
    parser.add_argument("--serial", help="device to check (default: the only one attached)")
    parser.add_argument("--harness-config", type=Path, metavar="TOML", help="configuration file")
    parser.add_argument("--capture-seconds", type=float, default=2.0, help="how long to measure capture (s)")
    add_server_options(parser)
    parser.set_defaults(func=run)
    return parser


class Doctor:
    """Runs the checks in order; a check whose prerequisite failed is skipped, not failed twice."""

    def __init__(self, args: argparse.Namespace, config: HarnessConfig) -> None:
        self.args, self.config = args, config
        self.serial: str | None = args.serial
        self.session = None

    def checks(self) -> list[tuple[str, Callable[[], str]]]:
        return [("adb found", self.adb_found), ("adb server", self.adb_server), ("device reachable", self.device),
                ("device kind", self.kind), ("uiautomator2 server", self.uiautomator2), ("console auth", self.console),
                ("screen capture", self.capture)]

    def adb_found(self) -> str:
        import adbutils
        path = adbutils.adb_path()
        if not os.path.exists(path):
            raise RuntimeError(f"no adb binary at {path}")
        return path

    def adb_server(self) -> str:
        rows = list_devices(self.args.adb_host, self.args.adb_port)
        if self.serial is None:
            online = [r.serial for r in rows if r.state == "device"]
            if len(online) != 1:
                raise RuntimeError(f"{len(online)} devices online ({', '.join(online) or 'none'}); name one with --serial")
            self.serial = online[0]
        return f"{len(rows)} device(s) listed"

    def device(self) -> str:
        from ..device import DeviceSession
        self._need(self.serial)
        self.session = DeviceSession.connect(self.serial, host=self.args.adb_host, port=self.args.adb_port)
        ident = self.session.identity()
        return f"{self.serial}: {ident.manufacturer} {ident.model}, sdk {ident.sdk}"

    def kind(self) -> str:
        """What the verdicts will come from, as the report and JUnit state it."""
        self._need(self.session)
        ident = self.session.identity()
        note = "; its verdicts are not evidence about a real Android" if ident.kind == "virtual" else ""
        return f"{ident.kind}: {ident.summary}{note}"

    def uiautomator2(self) -> str:
        self._need(self.session)
        info = self.session.u2_call("device info", lambda: self.session.u2.info)
        return f"display {info.get('displayWidth')}x{info.get('displayHeight')}"

    def console(self) -> str:
        from ..console import ConsoleUnavailable, console_port, open_console
        self._need(self.serial)
        try:
            console_port(self.serial)
        except ConsoleUnavailable as e:
            raise Skip(str(e)) from None
        with open_console(self.serial, host=self.config.console_host, token_path=self.config.console_token_path,
                          timeout=self.config.console_timeout_s) as console:
            sensors = console.sensor_names()
            how = "authenticated" if console.greeting.auth_required else "no authentication asked"
        return f"{how}; sensors: {', '.join(sensors)}"

    def capture(self) -> str:
        from ..capture import CaptureConfig, FrameCapture
        self._need(self.session)
        config = CaptureConfig(fps=self.config.capture_fps, hierarchy_interval_s=None)
        with FrameCapture.for_session(self.session, config) as capture:
            time.sleep(self.args.capture_seconds)
        stats = capture.stats()
        fps = stats.achieved_fps or 0.0
        detail = f"{fps:.1f} frames/s (target {self.config.capture_fps:g}), {stats.dropped} dropped"
        if fps < self.config.capture_fps * 0.9:
            raise RuntimeError(detail)
        return detail

    @staticmethod
    def _need(value: object) -> None:
        if value is None:
            raise Skip("needs the check above")

    def close(self) -> None:
        if self.session is not None:
            self.session.close()


def run(args: argparse.Namespace) -> int:
    try:
        config = load_config(Path.cwd(), config_file=args.harness_config)
    except ConfigError as e:
        error(str(e))
        return 2
    doctor = Doctor(args, config)
    results = []
    try:
        for name, check in doctor.checks():
            try:
                results.append(Check(name=name, status="ok", detail=check()))
            except Skip as e:
                results.append(Check(name=name, status="skip", detail=str(e)))
            except Exception as e:  # every failure is one line; the next checks still run
                text = str(e).splitlines()[0] if str(e) else type(e).__name__
                results.append(Check(name=name, status="FAIL", detail=text))
            print(f"{results[-1].status:>4}  {name}: {results[-1].detail}", flush=True)
    finally:
        doctor.close()
    return 1 if any(c.status == "FAIL" for c in results) else 0
