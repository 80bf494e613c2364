"""Run a virtual device in the foreground: `python -m emulator.virtual --help`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

from ..ports import NoFreePort, free_console_port
from .android.apps import App
from .apps.catalog import load_apps
from .apps.loader import AppFileError
from .device import DeviceConfig, VirtualDevice


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    if not (100 <= w <= 8192 and 100 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"screen size out of range: {text}")
    return w, h


def _console_port(text: str) -> int:
    port = int(text) if text.isdigit() else -1
    if port < 1024 or port > 65534 or port % 2:
        raise argparse.ArgumentTypeError(f"console port must be an even number 1024-65534, got {text!r}")
    return port


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m emulator.virtual",
        description="A protocol-faithful virtual Android device: adbd on PORT+1, the emulator "
                    "console on PORT, a uiautomator2 server on device port 9008.")
    parser.add_argument("--console-port", type=_console_port,
                        help="even console port N (adbd listens on N+1); default: the first free pair from 5554")
    parser.add_argument("--adb-server-port", type=int,
                        default=int(os.environ.get("ANDROID_ADB_SERVER_PORT", "5037")),
                        help="adb server to register with (default: $ANDROID_ADB_SERVER_PORT or 5037)")
    parser.add_argument("--no-register", action="store_true",
                        help="do not announce the device to a running adb server")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--token-file", type=Path,
                        help="console auth token file (default ~/.emulator_console_auth_token)")
    parser.add_argument("--avd-name", default="virtual_pixel", help="name `avd name` reports")
    parser.add_argument("--size", type=_size, default=(1080, 2400), help="screen WIDTHxHEIGHT (default 1080x2400)")
    parser.add_argument("--density", type=int, default=420, help="screen density in dpi (default 420)")
    parser.add_argument("--install", default="", metavar="APPS",
                        help="apps to install at start, comma-separated: `all` (every demo app), demo package "
                             "names (com.demo.clean,…) or app files (path/to/app.yaml)")
    parser.add_argument("--faults", type=Path, metavar="FILE",
                        help="fault file, applied whenever it changes: `drop adb`, `drop stream [PREFIX]`, "
                             "`kill uia2`, `delay rpc SECONDS [COUNT]`, `screenshot truncated|corrupt [COUNT]`, "
                             "`crash|anr [PACKAGE]`, `reboot SECONDS`, `refuse console` (see emulator/virtual/faults)")
    return parser.parse_args(argv)


async def _run(args: argparse.Namespace, apps: list[App]) -> None:
    port = args.console_port or free_console_port(args.host)
    config = DeviceConfig(
        console_port=port, host=args.host,
        adb_server_port=None if args.no_register else args.adb_server_port,
        token_path=args.token_file, avd_name=args.avd_name,
        width=args.size[0], height=args.size[1], density=args.density, faults_path=args.faults)
    device = VirtualDevice(config, apps)
    await device.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(f"{config.serial} ready", flush=True)  # after the handlers: a SIGTERM right after it stops cleanly
    try:
        await stop.wait()
    finally:
        await device.stop()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        apps = load_apps(args.install)
    except AppFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        asyncio.run(_run(args, apps))
    except NoFreePort as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot listen: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
