"""Real emulators from the command line (no harness needed):

    python -m emulator.avd images                        installed system images
    python -m emulator.avd create NAME [--image ID]      an AVD from an installed image
    python -m emulator.avd start NAME [--port N] [--read-only] [--snapshot S]   headless; waits for boot
    python -m emulator.avd wait SERIAL                   until booted and the package manager answers
    python -m emulator.avd stop SERIAL                   `adb emu kill`, then until adb lets it go

The adb server is ANDROID_ADB_SERVER_PORT's (default 5037) unless --adb-server-port names one.
Exit 0 on success, 1 when the SDK, the emulator or the device fails, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from ..launch import AdbServer, LaunchError
from ..ports import free_console_port
from .boot import wait_for_boot
from .commands import (
    DEFAULT_DEVICE,
    DEFAULT_GPU,
    BadArgument,
    Headless,
    check_avd_name,
    check_console_port,
    create_argv,
    serial_of,
    start_argv,
)
from .sdk import INSTALL_HINT, SdkError, find_sdk

PROG = "python -m emulator.avd"


def _server(port: int | None) -> AdbServer:
    """The adb server to use, driven by the SDK's own adb when there is an SDK: an adb client of
    another version than the server kills and restarts it, dropping every device."""
    try:
        os.environ.setdefault("ADBUTILS_ADB_PATH", str(find_sdk().tool("adb")))
    except SdkError:
        pass  # the adb inside the adbutils wheel then (the virtual device needs nothing more)
    return AdbServer(port or int(os.environ.get("ANDROID_ADB_SERVER_PORT", "5037")))


def images(args: argparse.Namespace) -> int:
    found = find_sdk().system_images()
    if not found:
        raise SdkError(f"no system image installed: run {INSTALL_HINT}")
    print("\n".join(found))
    return 0


def create(args: argparse.Namespace) -> int:
    sdk = find_sdk()
    installed = sdk.system_images()
    if not installed:
        raise SdkError(f"no system image installed: run {INSTALL_HINT}")
    image = args.image or installed[0]
    if image not in installed:
        raise SdkError(f"system image {image} is not installed (installed: {', '.join(installed)}): "
                       f"run sdkmanager '{image}'")
    argv = create_argv(sdk.tool("avdmanager"), args.name, image, args.device, args.force)
    result = subprocess.run(argv, input="no\n", capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        lines = (result.stderr.strip() or result.stdout.strip() or "no output").splitlines()
        raise LaunchError(f"avdmanager failed ({result.returncode}): {lines[-1]}")
    print(f"AVD {args.name} created from {image}")
    return 0


def start(args: argparse.Namespace) -> int:
    emulator = find_sdk().tool("emulator")
    port = args.port or free_console_port()
    argv = start_argv(emulator, Headless(args.name, port, args.read_only, args.snapshot, args.gpu))
    server = _server(args.adb_server_port)
    server.start()  # running before the emulator, which announces itself to it
    log = args.log or Path(tempfile.gettempdir()) / f"avd-{args.name}-{port}.log"
    env = dict(os.environ, ANDROID_ADB_SERVER_PORT=str(server.port))
    with open(log, "wb") as out:
        # Its own session: the emulator outlives this command and a ^C here.
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    serial = serial_of(port)
    print(f"{serial} starting (pid {process.pid}, log {log})", flush=True)
    if args.no_wait:
        return 0
    try:
        took = wait_for_boot(server, serial, args.timeout, process=process)
    except LaunchError as e:
        lines = log.read_text(errors="replace").strip().splitlines()
        raise LaunchError(f"{e}" + (f"; its log ends: {lines[-1]}" if lines else "")) from None
    print(f"{serial} booted in {took:.0f} s")
    return 0


def wait(args: argparse.Namespace) -> int:
    took = wait_for_boot(_server(args.adb_server_port), args.serial, args.timeout)
    print(f"{args.serial} booted ({took:.1f} s waited)")
    return 0


def stop(args: argparse.Namespace) -> int:
    server = _server(args.adb_server_port)
    if server.device_state(args.serial) is None:
        raise LaunchError(f"{args.serial} is not attached to the adb server on port {server.port}")
    result = server.run("emu", "kill", serial=args.serial)
    if result.returncode != 0:
        raise LaunchError(f"adb emu kill {args.serial}: {(result.stderr or result.stdout).strip() or 'failed'}")
    deadline = time.monotonic() + args.timeout
    while server.device_state(args.serial) is not None:
        if time.monotonic() > deadline:
            raise LaunchError(f"{args.serial} still attached {args.timeout:g} s after `emu kill`")
        time.sleep(0.5)
    print(f"{args.serial} stopped")
    return 0


def _name(text: str) -> str:
    try:
        return check_avd_name(text)
    except BadArgument as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _port(text: str) -> int:
    try:
        return check_console_port(int(text))
    except (BadArgument, ValueError) as e:
        raise argparse.ArgumentTypeError(str(e) if isinstance(e, BadArgument) else f"not a port: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Create, start, wait for and stop real Android emulators.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub.add_parser("images", help="list the installed system images").set_defaults(func=images)

    p = sub.add_parser("create", help="create an AVD from an installed system image")
    p.add_argument("name", type=_name)
    p.add_argument("--image", help="system image, e.g. 'system-images;android-34;google_apis;x86_64' "
                                   "(default: the newest installed)")
    p.add_argument("--device", default=DEFAULT_DEVICE, help=f"hardware profile (default {DEFAULT_DEVICE})")
    p.add_argument("--force", action="store_true", help="replace an AVD of that name")
    p.set_defaults(func=create)

    p = sub.add_parser("start", help="start an AVD headless and wait for its boot")
    p.add_argument("name", type=_name)
    p.add_argument("--port", type=_port, help="even console port (default: the first free pair from 5554)")
    p.add_argument("--read-only", action="store_true", help="write nothing back to the AVD (several may run it)")
    p.add_argument("--snapshot", help="boot from this snapshot, never saving over it (default: cold boot)")
    p.add_argument("--gpu", default=DEFAULT_GPU, help=f"-gpu mode (default {DEFAULT_GPU})")
    p.add_argument("--log", type=Path, help="emulator output (default: a file in the temp folder)")
    p.add_argument("--no-wait", action="store_true", help="return once started, not booted")
    p.add_argument("--timeout", type=float, default=600, help="seconds to wait for boot (default 600)")
    _adb_server_option(p)
    p.set_defaults(func=start)

    for name, func, what, default in (("wait", wait, "wait until a device has booted", 600.0),
                                      ("stop", stop, "stop an emulator", 60.0)):
        p = sub.add_parser(name, help=what)
        p.add_argument("serial", help="e.g. emulator-5554")
        p.add_argument("--timeout", type=float, default=default, help=f"seconds (default {default:g})")
        _adb_server_option(p)
        p.set_defaults(func=func)
    return parser


def _adb_server_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--adb-server-port", type=int, help="adb server port (default: ANDROID_ADB_SERVER_PORT or 5037)")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (SdkError, LaunchError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
