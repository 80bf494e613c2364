"""One virtual device: the Android model, adbd on the odd port, the console on the even one."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import faults
from .adb.registration import register_with_server
from .adb.server import AdbdServer, start_adbd
from .adb.transport import Banner
from .android.apps import App, HelloApp
from .android.system import AndroidSystem, Display
from .console import start_console
from .services.dispatch import resolver

FEATURES = ("shell_v2", "cmd", "stat_v2", "fixed_push_mkdir", "delayed_ack")


@dataclass(frozen=True)
class DeviceConfig:
    console_port: int
    host: str = "127.0.0.1"
    adb_server_port: int | None = 5037  # registered with at start; None: don't register
    token_path: Path | None = None  # console auth token file; None: ~/.emulator_console_auth_token
    avd_name: str = "virtual_pixel"
    width: int = 1080
    height: int = 2400
    density: int = 420
    faults_path: Path | None = None  # a fault file watched for changes (see faults.plan)

    @property
    def adb_port(self) -> int:
        return self.console_port + 1

    @property
    def serial(self) -> str:
        return f"emulator-{self.console_port}"


class VirtualDevice:
    def __init__(self, config: DeviceConfig, apps: Sequence[App] = ()) -> None:
        """`apps` are installed besides the launcher and HelloApp (which the protocol tests use)."""
        self.config = config
        self.system = AndroidSystem(
            serial=config.serial,
            display=Display(config.width, config.height, config.density),
            apps=[HelloApp(), *apps])
        self.faults = self.system.faults
        self._adbd: AdbdServer | None = None
        self._closers: list[Callable[[], Awaitable[None]]] = []

    @property
    def banner(self) -> Banner:
        p = self.system.props
        return Banner(p["ro.product.name"], p["ro.product.model"], p["ro.product.device"], FEATURES)

    async def start(self) -> None:
        cfg = self.config
        resolve = resolver(self.system, frozenset(FEATURES))
        try:
            console = await start_console(self.system, cfg.host, cfg.console_port,
                                          token_path=cfg.token_path, avd_name=cfg.avd_name)
            self._closers.append(_server_closer(console))
            self._resolve = resolve
            await self._start_adbd()
            self._closers.append(self._close_adbd)
        except BaseException:
            await self.stop()
            raise
        loop = asyncio.get_running_loop()
        self._closers.append(_task_closer(loop.create_task(run_clock(self.system))))
        if cfg.faults_path is not None:
            self._closers.append(_task_closer(loop.create_task(faults.watch(cfg.faults_path, self))))
        await self._register()

    async def _start_adbd(self) -> None:
        cfg = self.config
        self._adbd = await start_adbd(self.banner, self._resolve, cfg.host, cfg.adb_port, self.faults)

    async def _close_adbd(self) -> None:
        if self._adbd is not None:
            await self._adbd.aclose()
            self._adbd = None

    async def _register(self) -> None:
        cfg = self.config
        if cfg.adb_server_port is not None:
            await register_with_server(cfg.adb_server_port, cfg.adb_port, cfg.host)

    # ---- faults -----------------------------------------------------------------------
    async def drop_adb(self) -> None:
        """Close every adb connection, then announce the device again (adbd restarting)."""
        if self._adbd is not None:
            await self._adbd.drop_links()
        await self._register()

    async def reboot(self, seconds: float) -> None:
        """adbd gone for `seconds` (the adb server loses the device), every app stopped, then
        back and announced again. The console stays up, as the emulator's does."""
        await self._close_adbd()
        with self.system.lock:
            for package in list(self.system.processes):
                self.system.kill_process(package, "reboot")
            self.system.go_home()
        await asyncio.sleep(seconds)
        await self._start_adbd()
        await self._register()

    async def stop(self) -> None:
        while self._closers:
            with contextlib.suppress(Exception):
                await self._closers.pop()()


CLOCK_PERIOD = 0.02  # s: side effects of app timers (logcat, starts) show within this


async def run_clock(system: AndroidSystem) -> None:
    """Drive app timers and sensor listeners in real time, waking early for a due timer."""
    while True:
        system.tick()
        deadline = system.next_deadline()
        delay = CLOCK_PERIOD if deadline is None else min(CLOCK_PERIOD, deadline - time.monotonic())
        await asyncio.sleep(max(0.0, delay))


def _task_closer(task: asyncio.Task) -> Callable[[], Awaitable[None]]:
    async def close() -> None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    return close


def _server_closer(server: asyncio.Server) -> Callable[[], Awaitable[None]]:
    async def close() -> None:
        server.close()
        await asyncio.wait_for(server.wait_closed(), 2)
    return close
