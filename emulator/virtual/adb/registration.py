"""Tell a running adb server about our adbd port, as an emulator does at boot.

The server answers `host:emulator:<port>` by connecting to that port; it sends no reply.
A server started later finds us by itself when the port is one it scans (5555–5585).
"""

from __future__ import annotations

import asyncio
import contextlib


def host_request(service: str) -> bytes:
    """The smart-socket framing of a request to the adb server: 4 hex digits of length."""
    payload = service.encode()
    return f"{len(payload):04x}".encode() + payload


async def register_with_server(server_port: int, adbd_port: int, host: str = "127.0.0.1",
                               timeout: float = 2.0) -> bool:
    """True when a server was listening and took the request."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, server_port), timeout)
    except (TimeoutError, OSError):
        return False
    try:
        writer.write(host_request(f"host:emulator:{adbd_port}"))
        await writer.drain()
        return True
    except OSError:
        return False
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()
