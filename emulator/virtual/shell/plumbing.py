"""Pipes and redirection endpoints, as ShellIO writers and readers."""

from __future__ import annotations

import asyncio

from ..fs import FileSystem
from .context import BrokenPipe
from .io import Reader, Writer

DEV_NULL = "/dev/null"


class Pipe:
    """`a | b`: unbounded, so a writer never blocks; once the reader is gone writes fail."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[bytes] = asyncio.Queue()
        self._eof = False
        self._reader_gone = False

    async def write(self, data: bytes) -> None:
        if self._reader_gone:
            raise BrokenPipe
        if data:
            self._queue.put_nowait(bytes(data))

    def close_write(self) -> None:
        self._queue.put_nowait(b"")

    async def read(self) -> bytes:
        if self._eof:
            return b""
        chunk = await self._queue.get()
        self._eof = not chunk
        return chunk

    def close_read(self) -> None:
        self._reader_gone = True


async def discard(_: bytes) -> None:
    return None


def file_writer(fs: FileSystem, path: str, append: bool) -> Writer:
    """Opens (creating or truncating) `path` now, like the shell does before running the command.

    Raises FsError when it cannot be created.
    """
    if path == DEV_NULL:
        return discard
    fs.write(path, b"", append=append)  # creates the file; `>` also truncates it

    async def write(data: bytes) -> None:
        fs.write(path, data, append=True)
    return write


def bytes_reader(data: bytes) -> Reader:
    chunks = [data] if data else []

    async def read() -> bytes:
        return chunks.pop() if chunks else b""
    return read
