"""asyncio I/O around `DeviceConnection`: accept TCP connections from adb servers and run one
service task per opened stream. All protocol decisions stay in the state machine."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Callable

from ..faults.switches import Faults
from ..streams import Service, StreamClosed
from .message import ProtocolError
from .transport import Banner, DataReceived, DeviceConnection, Event, HostConnected, OpenRequested, SendDrained
from .transport import StreamClosed as HostClosed

log = logging.getLogger(__name__)

Resolver = Callable[[str], Service | None]
"""Maps a service name (`shell:ls`, `sync:`, `tcp:9008` …) to a service, or None to refuse it."""


class AdbStream:
    """One adb stream seen from a device service (implements streams.ByteStream)."""

    def __init__(self, link: _Link, local_id: int, service: str = "") -> None:
        self._link = link
        self.local_id = local_id
        self.service = service
        self._inbox: asyncio.Queue[bytes] = asyncio.Queue()
        self._drained = asyncio.Event()
        self.closed = False

    async def read(self) -> bytes:
        if self.closed and self._inbox.empty():
            return b""
        chunk = await self._inbox.get()
        if chunk:
            # OKAY only once the service took the data: the host's next WRTE waits for it.
            self._link.conn.ack(self.local_id, len(chunk))
            await self._link.flush()
        return chunk

    async def write(self, data: bytes) -> None:
        if self.closed:
            raise StreamClosed
        if not data:
            return
        if self._link.faults is not None and self._link.faults.take_cut(self.service):
            # fault injection: half of this write goes out, then the stream closes
            if half := data[: len(data) // 2]:
                await self._send(half)
            await self.aclose()
            raise StreamClosed
        await self._send(data)

    async def _send(self, data: bytes) -> None:
        self._drained.clear()
        self._link.conn.send(self.local_id, data)
        await self._link.flush()
        while self._link.conn.pending_bytes(self.local_id):
            if self.closed:
                raise StreamClosed
            await self._drained.wait()
            self._drained.clear()

    async def aclose(self) -> None:
        if not self.closed:
            self.closed = True
            self._link.conn.close(self.local_id)
            await self._link.flush()
        self._wake()

    # called by the link
    def _deliver(self, data: bytes) -> None:
        self._inbox.put_nowait(data)

    def _wake(self) -> None:
        self._drained.set()
        self._inbox.put_nowait(b"")


class _Link:
    """One TCP connection from an adb server."""

    def __init__(self, banner: Banner, resolve: Resolver,
                 reader: asyncio.StreamReader, writer: asyncio.StreamWriter, faults: Faults | None = None) -> None:
        self.conn = DeviceConnection(banner)
        self.resolve = resolve
        self.faults = faults
        self.reader = reader
        self.writer = writer
        self.streams: dict[int, AdbStream] = {}
        self.tasks: dict[int, asyncio.Task[None]] = {}

    async def run(self) -> None:
        try:
            while data := await self.reader.read(256 * 1024):
                self.conn.receive_data(data)
                while (event := self.conn.next_event()) is not None:
                    self.handle(event)
                await self.flush()
        except ProtocolError as exc:
            log.warning("adb protocol error from %s, closing the connection: %s",
                        self.writer.get_extra_info("peername"), exc)
        except (ConnectionError, OSError):
            pass
        finally:
            for stream in self.streams.values():
                stream.closed = True
                stream._wake()
            for task in list(self.tasks.values()):
                task.cancel()
            await asyncio.gather(*self.tasks.values(), return_exceptions=True)
            self.writer.close()
            with contextlib.suppress(Exception):
                await self.writer.wait_closed()

    def handle(self, event: Event) -> None:
        if isinstance(event, OpenRequested):
            self._open(event)
        elif isinstance(event, DataReceived):
            if (stream := self.streams.get(event.local_id)) is not None:
                stream._deliver(event.data)
        elif isinstance(event, SendDrained):
            if (stream := self.streams.get(event.local_id)) is not None:
                stream._drained.set()
        elif isinstance(event, HostClosed):
            self._host_closed(event.local_id)
        elif isinstance(event, HostConnected):
            log.info("adb host connected: version %#010x (checksums %s), maxdata %d, delayed-ack %s",
                     event.version, "on" if event.checksums else "off", event.max_payload,
                     "on" if event.delayed_ack else "off")
            # A re-handshake drops every stream, as on a real transport.
            for local_id in list(self.streams):
                self._host_closed(local_id)

    def _open(self, request: OpenRequested) -> None:
        service = self.resolve(request.service)
        if service is None:
            self.conn.refuse(request)
            return
        local_id = self.conn.accept(request)
        stream = AdbStream(self, local_id, request.service)
        self.streams[local_id] = stream
        self.tasks[local_id] = asyncio.get_running_loop().create_task(
            self._serve(service, stream), name=f"adb:{request.service[:40]}")

    async def _serve(self, service: Service, stream: AdbStream) -> None:
        try:
            await service(stream)
        except (StreamClosed, ConnectionError):
            pass
        except asyncio.CancelledError:
            raise
        except Exception:  # a broken service must not take the transport down
            log.exception("service failed on stream %d", stream.local_id)
        finally:
            self.tasks.pop(stream.local_id, None)
            self.streams.pop(stream.local_id, None)
            if not stream.closed:
                with contextlib.suppress(Exception):
                    await stream.aclose()

    def _host_closed(self, local_id: int) -> None:
        stream = self.streams.pop(local_id, None)
        if stream is not None:
            stream.closed = True
            stream._wake()
        task = self.tasks.pop(local_id, None)
        if task is not None:
            # Like SIGHUP to a shell whose socket closed.
            task.cancel()

    async def flush(self) -> None:
        data = self.conn.data_to_send()
        if data and not self.writer.is_closing():
            self.writer.write(data)
            with contextlib.suppress(ConnectionError):
                await self.writer.drain()


class AdbdServer:
    """Listens for adb servers; `aclose()` also ends every live connection and its services."""

    def __init__(self, banner: Banner, resolve: Resolver, faults: Faults | None = None) -> None:
        self.banner = banner
        self.resolve = resolve
        self.faults = faults
        self._server: asyncio.Server | None = None
        self._links: set[asyncio.Task[None]] = set()

    async def start(self, host: str, port: int) -> None:
        self._server = await asyncio.start_server(self._on_client, host, port, reuse_address=True)

    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        if sock is not None:  # replies are small and latency-bound: no Nagle
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        task = asyncio.current_task()
        assert task is not None
        self._links.add(task)
        try:
            await _Link(self.banner, self.resolve, reader, writer, self.faults).run()
        except asyncio.CancelledError:
            pass  # the device is shutting down; run() already cleaned up
        finally:
            self._links.discard(task)

    async def drop_links(self) -> None:
        """End every live connection and its services; keep listening."""
        for task in list(self._links):
            task.cancel()
        await asyncio.gather(*self._links, return_exceptions=True)

    async def aclose(self) -> None:
        if self._server is not None:
            self._server.close()
        await self.drop_links()
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)


async def start_adbd(banner: Banner, resolve: Resolver, host: str, port: int,
                     faults: Faults | None = None) -> AdbdServer:
    """Listen for adb servers on host:port."""
    server = AdbdServer(banner, resolve, faults)
    await server.start(host, port)
    return server
