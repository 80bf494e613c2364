"""Service names → services, as adbd resolves them. Unknown names are refused (None)."""

from __future__ import annotations

from ..android.system import AndroidSystem
from ..streams import ByteStream, Service
from .shell import raw_shell, shell_v2
from .sync import serve_sync


def resolver(system: AndroidSystem, features: frozenset[str]):
    """Build the resolve function the adbd server calls for every OPEN."""

    def resolve(name: str) -> Service | None:
        if name.startswith(("shell,", "shell:")):
            options, _, command = name.partition(":")
            if "v2" in options.split(",")[1:] and "shell_v2" in features:
                return shell_v2(system, command)
            return raw_shell(system, command)
        if name.startswith("exec:"):
            return raw_shell(system, name.removeprefix("exec:"))
        if name == "sync:":
            async def sync(stream: ByteStream) -> None:
                await serve_sync(stream, system.fs)
            return sync
        if name.startswith("tcp:"):
            port = name.removeprefix("tcp:").split(":")[0]
            return system.net.service_at(int(port)) if port.isdigit() else None
        return None

    return resolve
