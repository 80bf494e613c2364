"""One virtual device: the Android model, adbd on the odd port, the console on the even one."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .adb.registration import register_with_server
from .adb.server import start_adbd
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
            adbd = await start_adbd(self.banner, resolve, cfg.host, cfg.adb_port)
            self._closers.append(adbd.aclose)
        except BaseException:
            await self.stop()
            raise
        clock = asyncio.get_running_loop().create_task(run_clock(self.system))
        self._closers.append(_task_closer(clock))
        if cfg.adb_server_port is not None:
            await register_with_server(cfg.adb_server_port, cfg.adb_port, cfg.host)

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
