"""`harness devices`: the devices an adb server knows, with state and model."""

from __future__ import annotations

import argparse

from pydantic import BaseModel, ConfigDict

from . import error


class DeviceRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    serial: str
    state: str
    model: str | None


class AdbUnavailable(RuntimeError):
    pass


def list_devices(host: str | None = None, port: int | None = None) -> list[DeviceRow]:
    """Every device of the adb server (default: ANDROID_ADB_SERVER_HOST/PORT, as adb uses)."""
    import adbutils  # reads ANDROID_ADB_SERVER_PORT when imported; callers may set it first

    client = adbutils.AdbClient(host=host, port=port)
    try:
        infos = client.list(extended=True)
    except (adbutils.AdbError, OSError) as e:
        raise AdbUnavailable(f"adb server at {client.host}:{client.port} is not reachable: {e}") from None
    return [DeviceRow(serial=i.serial, state=i.state, model=i.tags.get("model")) for i in infos]


def add_server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--adb-host", help="adb server host (default: ANDROID_ADB_SERVER_HOST or 127.0.0.1)")
    parser.add_argument("--adb-port", type=int, help="adb server port (default: ANDROID_ADB_SERVER_PORT or 5037)")


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("devices", help="list the devices of the adb server",
                                   description="List the devices of the adb server: serial, state, model.")
    add_server_options(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        rows = list_devices(args.adb_host, args.adb_port)
    except AdbUnavailable as e:
        error(str(e))
        return 1
    if not rows:
        print("no devices attached")
        return 0
    width = max(len(r.serial) for r in rows)
    for r in rows:
        print(f"{r.serial:<{width}}  {r.state:<12}  {r.model or '-'}")
    return 0
