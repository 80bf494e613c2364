"""`shell:` (v1), `shell,v2,…:` and `exec:` services: run the device shell on a stream.

v1 and exec carry raw bytes both ways, stdout and stderr merged, and lose the exit status;
v2 frames stdin/stdout/stderr and ends with the exit status.
"""

from __future__ import annotations

import asyncio
import contextlib

from ..android.system import AndroidSystem
from ..shell import run as run_shell
from ..shell.io import ShellIO
from ..streams import ByteStream, Service
from . import shell_protocol as v2

PROMPT = "{device}:/ $ "


def raw_shell(system: AndroidSystem, command: str) -> Service:
    """v1 `shell:` and `exec:`: the stream is stdout+stderr out, stdin in."""

    async def serve(stream: ByteStream) -> None:
        io = ShellIO(stdout=stream.write, stderr=stream.write, stdin=stream.read)
        if command.strip():
            await run_shell(system, command, io)
        else:
            await _interactive(system, io)

    return serve


async def _interactive(system: AndroidSystem, io: ShellIO) -> int:
    """An interactive session without a pty: read lines, run them, prompt again."""
    prompt = PROMPT.format(device=system.props.get("ro.product.device", "generic")).encode()
    status, pending = 0, bytearray()
    await io.stdout(prompt)
    while chunk := await io.stdin():
        pending += chunk
        while b"\n" in pending:
            line, _, rest = bytes(pending).partition(b"\n")
            pending[:] = rest
            text = line.decode("utf-8", "replace").strip()
            if text == "exit":
                return status
            if text:
                status = await run_shell(system, text, io)
            await io.stdout(prompt)
    return status


def shell_v2(system: AndroidSystem, command: str) -> Service:
    async def serve(stream: ByteStream) -> None:
        stdin: asyncio.Queue[bytes] = asyncio.Queue()
        reader = v2.PacketReader()

        async def pump_input() -> None:
            while chunk := await stream.read():
                for packet in reader.feed(chunk):
                    if packet.id == v2.ID_STDIN:
                        stdin.put_nowait(packet.data)
                    elif packet.id == v2.ID_CLOSE_STDIN:
                        stdin.put_nowait(b"")
            stdin.put_nowait(b"")

        async def read_stdin() -> bytes:
            return await stdin.get()

        async def out(data: bytes) -> None:
            await stream.write(v2.encode(v2.ID_STDOUT, data))

        async def err(data: bytes) -> None:
            await stream.write(v2.encode(v2.ID_STDERR, data))

        io = ShellIO(stdout=out, stderr=err, stdin=read_stdin)
        pump = asyncio.create_task(pump_input())
        try:
            if command.strip():
                status = await run_shell(system, command, io)
            else:
                status = await _interactive(system, io)
            await stream.write(v2.encode(v2.ID_EXIT, bytes([status & 0xFF])))
        finally:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump

    return serve
