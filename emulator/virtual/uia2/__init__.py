"""The device-side uiautomator2 server (`com.wetest.uia2.Main`): HTTP on a device port,
`GET /ping` and JSON-RPC on `POST /jsonrpc/0`, reachable through adb's `tcp:<port>`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from ..android.system import AndroidSystem
from ..network import PortInUse
from ..streams import ByteStream
from . import jsonrpc
from .http import Request, Response, serve_http
from .service import AutomatorService

__all__ = ["run_server", "make_service"]

Output = Callable[[bytes], Awaitable[None]]


def make_service(automator: AutomatorService) -> Callable[[ByteStream], Awaitable[None]]:
    """The per-connection network service for one running server."""
    methods = automator.methods()
    faults = automator.system.faults

    async def route(request: Request) -> Response:
        path = request.path.split("?", 1)[0]
        if path == "/ping":
            return Response(200, b"pong", "text/html")
        if path == "/jsonrpc/0" and request.method == "POST":
            if delay := faults.rpc_delay():
                await asyncio.sleep(delay)
            return Response(200, await jsonrpc.handle(request.body, methods), "application/json-rpc")
        return Response(404, b"Not Found", "text/plain")

    async def service(stream: ByteStream) -> None:
        await serve_http(stream, route)

    return service


async def run_server(system: AndroidSystem, port: int, out: Output) -> None:
    """Run the server until cancelled (its adb shell stream closed), like the real process.

    The port is registered before anything is printed: uiautomator2 pings it as soon as it
    sees output and otherwise waits another 0.5 s."""
    service = make_service(AutomatorService(system))
    try:
        system.net.listen(port, service)
    except PortInUse:
        await out(b"[server] INFO: [UiAutomator2Server] Starting Server\n"
                  b"java.net.BindException: bind failed: EADDRINUSE (Address already in use)\n")
        return
    try:
        await out(b"[server] INFO: [UiAutomator2Server] Starting Server\n")
        await out(f"[server] INFO: http server listening on *:{port}\n".encode())
        await system.faults.uia2_alive()  # until killed by a fault, or cancelled
    finally:
        system.net.unlisten(port, service)
