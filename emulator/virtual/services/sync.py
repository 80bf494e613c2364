"""adbd's `sync:` service (file push, pull, stat and list), sans-IO.

`SyncParser` turns the request byte stream into events whatever the chunking (adb WRTE
boundaries do not line up with sync messages). `SyncSession` answers those events from the
FileSystem with reply bytes, the way AOSP `daemon/file_sync_service.cpp` does, including its
error strings and its habit of closing the service after any failure. `serve_sync` is the only
part that does I/O.

Only the v1 requests plus STA2/LST2 exist here: sendrecv_v2 and ls_v2 are not advertised.
"""

from __future__ import annotations

import posixpath
import re
import stat as statmod
import struct
from dataclasses import dataclass

from ..fs import FileSystem, FsError, Stat
from ..streams import ByteStream

SYNC_DATA_MAX = 64 * 1024
PATH_MAX = 1024  # adbd refuses longer request paths with "path too long"

REQUESTS = frozenset({b"STAT", b"STA2", b"LST2", b"LIST", b"SEND", b"RECV", b"QUIT"})

_HEADER = struct.Struct("<4sI")
_STAT_V1 = struct.Struct("<4sIII")
_STAT_V2 = struct.Struct("<4sIQQIIIIQqqq")  # 72 bytes
_DENT_V1 = struct.Struct("<4sIIII")

SHELL_UID = 2000
_DEVICE_ID = 0xFD05  # st_dev of an emulator's /data (dm-5); any stable value will do


# ---- events ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Request:
    """A request header and its path: STAT, STA2, LST2, LIST, SEND, RECV or QUIT."""
    id: bytes
    path: bytes


@dataclass(frozen=True)
class Data:
    """One DATA chunk of a SEND."""
    payload: bytes


@dataclass(frozen=True)
class Done:
    """The end of a SEND, carrying the file's mtime."""
    mtime: int


@dataclass(frozen=True)
class UnexpectedMessage:
    """Neither DATA nor DONE inside a SEND; the parser stops."""
    id: bytes


@dataclass(frozen=True)
class PathTooLong:
    length: int


@dataclass(frozen=True)
class UnknownCommand:
    id: bytes


Event = Request | Data | Done | UnexpectedMessage | PathTooLong | UnknownCommand


class SyncParser:
    """Bytes in, events out. After QUIT or a protocol error it stops and ignores further bytes."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._in_send = False
        self.stopped = False

    def feed(self, data: bytes) -> list[Event]:
        if self.stopped:
            return []
        self._buf += data
        events: list[Event] = []
        while not self.stopped and (event := self._next()) is not None:
            events.append(event)
        return events

    def _next(self) -> Event | None:
        if len(self._buf) < _HEADER.size:
            return None
        ident, length = _HEADER.unpack_from(self._buf)
        if self._in_send:
            return self._next_in_send(ident, length)
        if length > PATH_MAX:
            return self._stop(PathTooLong(length), _HEADER.size)
        if len(self._buf) < _HEADER.size + length:
            return None
        path = bytes(self._buf[_HEADER.size:_HEADER.size + length])
        if ident not in REQUESTS:
            return self._stop(UnknownCommand(ident), _HEADER.size + length)
        del self._buf[:_HEADER.size + length]
        if ident == b"QUIT":
            self.stopped = True
        self._in_send = ident == b"SEND"
        return Request(ident, path)

    def _next_in_send(self, ident: bytes, length: int) -> Event | None:
        if ident == b"DONE":
            del self._buf[:_HEADER.size]
            self._in_send = False
            return Done(length)
        if ident != b"DATA":
            return self._stop(UnexpectedMessage(ident), _HEADER.size)
        if len(self._buf) < _HEADER.size + length:
            return None
        payload = bytes(self._buf[_HEADER.size:_HEADER.size + length])
        del self._buf[:_HEADER.size + length]
        return Data(payload)

    def _stop(self, event: Event, consumed: int) -> Event:
        del self._buf[:consumed]
        self.stopped = True
        return event


# ---- reply encoding -------------------------------------------------------------------------

def fail(message: str) -> bytes:
    raw = message.encode()
    return _HEADER.pack(b"FAIL", len(raw)) + raw


def okay() -> bytes:
    return _HEADER.pack(b"OKAY", 0)


def data_chunks(content: bytes) -> bytes:
    """DATA messages of at most SYNC_DATA_MAX bytes each, then DONE (an empty file sends no DATA)."""
    out = bytearray()
    for i in range(0, len(content), SYNC_DATA_MAX):
        chunk = content[i:i + SYNC_DATA_MAX]
        out += _HEADER.pack(b"DATA", len(chunk)) + chunk
    out += _HEADER.pack(b"DONE", 0)
    return bytes(out)


def stat_v1(st: Stat | None) -> bytes:
    """lstat as 3×u32; a missing path is all zeros (adbd ignores lstat's failure)."""
    if st is None:
        return _STAT_V1.pack(b"STAT", 0, 0, 0)
    return _STAT_V1.pack(b"STAT", st.mode, st.size & 0xFFFFFFFF, int(st.mtime) & 0xFFFFFFFF)


def stat_v2(ident: bytes, path: str, st: Stat | None, errno: int = 0) -> bytes:
    if st is None:
        return _STAT_V2.pack(ident, errno, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    uid = gid = _owner(path)
    t = int(st.mtime)
    return _STAT_V2.pack(ident, 0, _DEVICE_ID, st.ino, st.mode, st.nlink, uid, gid, st.size,
                         t, t, t)


def dent_v1(name: bytes, st: Stat) -> bytes:
    return _DENT_V1.pack(b"DENT", st.mode, st.size & 0xFFFFFFFF, int(st.mtime) & 0xFFFFFFFF,
                         len(name)) + name


def dent_done() -> bytes:
    # LIST ends with a whole zeroed dent record whose id is DONE.
    return _DENT_V1.pack(b"DONE", 0, 0, 0, 0)


def _owner(path: str) -> int:
    # Files adb pushes to /data/local/tmp belong to shell; the rest of our tree to root.
    return SHELL_UID if (path + "/").startswith("/data/local/tmp/") else 0


def _strtoul(text: str) -> int | None:
    """C strtoul(text, NULL, 0): leading number in base 16/8/10, 0 if none; None on overflow."""
    m = re.match(r"\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)?", text)
    assert m is not None
    digits = m.group(2)
    if not digits:
        return 0
    base = 16 if digits[:2].lower() == "0x" else 8 if digits.startswith("0") else 10
    value = int(digits, base)
    if value > 0xFFFFFFFFFFFFFFFF:
        return None
    return (-value) & 0xFFFFFFFFFFFFFFFF if m.group(1) == "-" else value


def push_mode(requested: int) -> int:
    """Permissions adbd gives a pushed file: rwx of the user copied to group and other."""
    mode = requested & 0o777
    mode |= (mode >> 3) & 0o070
    mode |= (mode >> 3) & 0o007
    return mode


# ---- the service's logic --------------------------------------------------------------------

class SyncSession:
    """Answers sync requests from `fs`. Feed it bytes; it returns reply bytes. `closed` turns
    True when adbd would end the service (QUIT, any FAIL, a protocol error)."""

    def __init__(self, fs: FileSystem) -> None:
        self.fs = fs
        self.parser = SyncParser()
        self.closed = False
        self._send_path: str | None = None  # file being written by the current SEND
        self._send_failed = False  # FAIL already sent: drain DATA until DONE, then close

    def receive_data(self, data: bytes) -> bytes:
        out = bytearray()
        for event in self.parser.feed(data):
            if self.closed:
                break
            out += self._handle(event)
        return bytes(out)

    def receive_eof(self) -> None:
        """The host went away; a half-pushed file is removed as adbd unlinks it."""
        if self._send_path is not None:
            try:
                self.fs.remove(self._send_path)
            except FsError:
                pass
        self._send_path = None
        self.closed = True

    def _handle(self, event: Event) -> bytes:
        match event:
            case Request(id=ident, path=raw):
                return self._request(ident, raw.decode("utf-8", "surrogateescape"))
            case Data(payload=payload):
                if self._send_path is not None:  # None while draining after a FAIL
                    self.fs.write(self._send_path, payload, append=True)
                return b""
            case Done(mtime=mtime):
                return self._send_done(mtime)
            case UnexpectedMessage():
                self.closed = True
                return b"" if self._send_failed else fail("invalid data message")
            case PathTooLong():
                self.closed = True
                return fail("path too long")
            case UnknownCommand(id=ident):
                self.closed = True
                return fail(f"unknown command {struct.unpack('<I', ident)[0]:08x}")
        raise AssertionError(event)

    def _request(self, ident: bytes, path: str) -> bytes:
        if ident == b"STAT":
            return stat_v1(self._lstat(path))
        if ident in (b"STA2", b"LST2"):
            try:
                return stat_v2(ident, path, self.fs.stat(path))
            except FsError as e:
                return stat_v2(ident, path, None, e.errno)
        if ident == b"LIST":
            return self._list(path)
        if ident == b"RECV":
            return self._recv(path)
        if ident == b"SEND":
            return self._send_start(path)
        self.closed = True  # QUIT
        return b""

    def _lstat(self, path: str) -> Stat | None:
        try:
            return self.fs.stat(path)
        except FsError:
            return None

    def _list(self, path: str) -> bytes:
        # readdir's view: "." and ".." first, then the entries; a failed opendir lists nothing.
        try:
            names = self.fs.listdir(path)
        except FsError:
            return dent_done()
        out = bytearray()
        for name in [".", "..", *names]:
            st = self._lstat(posixpath.join(path, name))
            if st is not None:
                out += dent_v1(name.encode("utf-8", "surrogateescape"), st)
        return bytes(out + dent_done())

    def _recv(self, path: str) -> bytes:
        try:
            return data_chunks(self.fs.read(path))
        except FsError as e:
            self.closed = True
            # open(2) succeeds on a directory; it is read(2) that fails.
            step = "read failed" if e.errno_name == "EISDIR" else "open failed"
            return fail(f"{step}: {e.strerror}")

    def _send_start(self, spec: str) -> bytes:
        path, comma, mode_text = spec.rpartition(",")
        if not comma:
            self.closed = True
            return fail("missing , in ID_SEND_V1")
        mode = _strtoul(mode_text)
        if mode is None:
            self.closed = True
            return fail("bad mode")
        try:
            self._create(path, push_mode(mode))
        except _SendError as e:
            self._send_failed = True
            return fail(str(e))
        self._send_path = path
        return b""

    def _create(self, path: str, mode: int) -> None:
        """open(O_CREAT|O_EXCL) after unlinking a regular file; on ENOENT make the parents."""
        fs = self.fs
        st = self._lstat(path)
        if st is not None and statmod.S_ISREG(st.mode):
            fs.remove(path)
        try:
            fs.write(path, b"", mode=mode)
            return
        except FsError as e:
            if e.errno_name != "ENOENT":
                raise _SendError(f"couldn't create file: {e.strerror}") from e
        try:
            fs.mkdir(posixpath.dirname(fs.normalize(path)), parents=True)
        except FsError as e:
            raise _SendError(f"secure_mkdirs() failed: {e.strerror}") from e
        try:
            fs.write(path, b"", mode=mode)
        except FsError as e:
            raise _SendError(f"couldn't create file: {e.strerror}") from e

    def _send_done(self, mtime: int) -> bytes:
        path, self._send_path = self._send_path, None
        if self._send_failed:
            self.closed = True
            return b""
        assert path is not None
        self.fs.write(path, b"", append=True, mtime=float(mtime))
        return okay()


class _SendError(Exception):
    """A SEND that cannot create its file; the message is adbd's FAIL text."""


# ---- I/O --------------------------------------------------------------------------------

async def serve_sync(stream: ByteStream, fs: FileSystem) -> None:
    """Serve one `sync:` stream until QUIT, a failure, or EOF."""
    session = SyncSession(fs)
    try:
        while not session.closed:
            data = await stream.read()
            if not data:
                break
            if reply := session.receive_data(data):
                await stream.write(reply)
    finally:
        # EOF, a closed stream or cancellation (the host closed it): drop a half-pushed file.
        if not session.closed:
            session.receive_eof()
