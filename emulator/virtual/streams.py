"""The byte-stream interface every device-side service is written against.

An adb stream (shell, sync, tcp:9008 …) and an in-memory pipe look the same to a service, so
services are tested without a transport and the transport is tested without services.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Protocol


class StreamClosed(Exception):
    """Raised by write() once either side has closed the stream."""


class ByteStream(Protocol):
    async def read(self) -> bytes:
        """The next chunk from the peer, or b'' once the peer has closed its side."""

    async def write(self, data: bytes) -> None:
        """Send data; returns once flow control admits it. Raises StreamClosed."""

    async def aclose(self) -> None:
        """Close our side. Idempotent."""


Service = Callable[[ByteStream], Awaitable[None]]
"""A device-side service: serves one stream until it returns (the stream is then closed)."""


class PipeEnd:
    """One end of an in-memory duplex pipe (see `pipe`)."""

    def __init__(self) -> None:
        self._inbox: asyncio.Queue[bytes] = asyncio.Queue()
        self._peer: PipeEnd | None = None
        self._closed = False
        self._eof = False

    async def read(self) -> bytes:
        if self._eof:
            return b""
        chunk = await self._inbox.get()
        if not chunk:
            self._eof = True
        return chunk

    async def write(self, data: bytes) -> None:
        if self._closed or self._peer is None or self._peer._closed:
            raise StreamClosed
        if data:
            self._peer._inbox.put_nowait(bytes(data))

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._inbox.put_nowait(b"")  # wake our own pending read
        if self._peer is not None and not self._peer._closed:
            self._peer._inbox.put_nowait(b"")

    async def read_all(self) -> bytes:
        """Read until the peer closes (test convenience)."""
        out = bytearray()
        while chunk := await self.read():
            out += chunk
        return bytes(out)


def pipe() -> tuple[PipeEnd, PipeEnd]:
    """Two connected stream ends: what one writes, the other reads."""
    a, b = PipeEnd(), PipeEnd()
    a._peer, b._peer = b, a
    return a, b
