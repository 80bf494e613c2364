"""The adbd `sync:` service: request parsing whatever the chunking, and the replies adb expects."""

from __future__ import annotations

import asyncio
import stat
import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.virtual.fs import FileSystem
from emulator.virtual.services.sync import (
    Data,
    Done,
    PathTooLong,
    Request,
    SyncParser,
    SyncSession,
    UnexpectedMessage,
    UnknownCommand,
    push_mode,
    serve_sync,
)
from emulator.virtual.streams import pipe


def req(ident: bytes, path: str | bytes) -> bytes:
    raw = path.encode() if isinstance(path, str) else path
    return ident + struct.pack("<I", len(raw)) + raw


def send(path: str, content: bytes, *, mode: int = 0o100644, mtime: int = 1_700_000_000,
         chunk: int = 64 * 1024) -> bytes:
    out = req(b"SEND", f"{path},{mode}")
    for i in range(0, len(content), chunk):
        part = content[i:i + chunk]
        out += b"DATA" + struct.pack("<I", len(part)) + part
    return out + b"DONE" + struct.pack("<I", mtime)


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)])]


def parse_status(reply: bytes) -> tuple[bytes, bytes]:
    ident, n = struct.unpack_from("<4sI", reply)
    return ident, reply[8:8 + n]


def parse_data(reply: bytes) -> tuple[bytes, bytes]:
    """Reassemble a RECV reply: (content, terminator id)."""
    out, i = bytearray(), 0
    while True:
        ident, n = struct.unpack_from("<4sI", reply, i)
        if ident != b"DATA":
            return bytes(out), ident
        assert n <= 64 * 1024
        out += reply[i + 8:i + 8 + n]
        i += 8 + n


def frozen_fs() -> FileSystem:
    """A fresh tree whose folders all carry mtime 0, so two runs reply byte for byte alike."""
    fs = FileSystem()
    todo = [fs.root]
    while todo:
        node = todo.pop()
        node.mtime = 0
        todo.extend((node.children or {}).values())
    return fs


SESSION_STREAM = (req(b"STAT", "/data/local/tmp") + req(b"LIST", "/data/local")
                  + send("/data/local/tmp/x/y.bin", bytes(range(256)) * 300, chunk=1000)
                  + req(b"STA2", "/data/local/tmp/x/y.bin") + req(b"RECV", "/data/local/tmp/x/y.bin")
                  + req(b"LST2", "/nope") + req(b"QUIT", ""))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(SESSION_STREAM)), max_size=30))
def test_parser_events_do_not_depend_on_chunking(cuts: list[int]) -> None:
    whole = SyncParser().feed(SESSION_STREAM)
    parser = SyncParser()
    events = [e for part in split(SESSION_STREAM, cuts) for e in parser.feed(part)]
    assert events == whole
    assert whole[0] == Request(b"STAT", b"/data/local/tmp")
    assert sum(len(e.payload) for e in whole if isinstance(e, Data)) == 256 * 300
    assert whole[-1] == Request(b"QUIT", b"") and parser.stopped


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(SESSION_STREAM)), max_size=30))
def test_session_replies_do_not_depend_on_chunking(cuts: list[int]) -> None:
    def run(parts: list[bytes]) -> tuple[bytes, bytes]:
        fs = frozen_fs()
        session = SyncSession(fs)
        out = b"".join(session.receive_data(p) for p in parts)
        assert session.closed
        return out, fs.read("/data/local/tmp/x/y.bin")

    assert run(split(SESSION_STREAM, cuts)) == run([SESSION_STREAM])


def test_parser_protocol_errors() -> None:
    assert SyncParser().feed(b"STAT" + struct.pack("<I", 1025)) == [PathTooLong(1025)]
    assert SyncParser().feed(req(b"ABCD", "/x")) == [UnknownCommand(b"ABCD")]
    assert SyncParser().feed(req(b"SEND", "/a,33188") + b"OKAY\0\0\0\0") == [
        Request(b"SEND", b"/a,33188"), UnexpectedMessage(b"OKAY")]
    assert SyncParser().feed(req(b"SEND", "/a,1") + b"DONE\x07\0\0\0") == [
        Request(b"SEND", b"/a,1"), Done(7)]


def test_stat_v1_file_dir_missing() -> None:
    fs = FileSystem()
    fs.write("/data/local/tmp/f.txt", b"hello", mtime=1234)
    s = SyncSession(fs)
    ident, mode, size, mtime = struct.unpack("<4sIII", s.receive_data(req(b"STAT", "/data/local/tmp/f.txt")))
    assert (ident, stat.S_ISREG(mode), size, mtime) == (b"STAT", True, 5, 1234)
    _, mode, size, _ = struct.unpack("<4sIII", s.receive_data(req(b"STAT", "/sdcard")))
    assert stat.S_ISDIR(mode) and size == 4096
    assert s.receive_data(req(b"STAT", "/no/such")) == b"STAT" + bytes(12)
    assert not s.closed


def test_stat_v2_file_and_missing() -> None:
    fs = FileSystem()
    fs.write("/data/local/tmp/f.txt", b"hello", mtime=1234)
    s = SyncSession(fs)
    reply = s.receive_data(req(b"STA2", "/data/local/tmp/f.txt"))
    assert len(reply) == 72
    (ident, error, dev, ino, mode, nlink, uid, gid, size, atime, mtime,
     ctime) = struct.unpack("<4sIQQIIIIQqqq", reply)
    assert (ident, error, nlink, uid, gid, size, mtime) == (b"STA2", 0, 1, 2000, 2000, 5, 1234)
    assert stat.S_ISREG(mode) and ino > 0
    reply = s.receive_data(req(b"LST2", "/data/local/tmp/missing"))
    assert len(reply) == 72 and reply[:8] == b"LST2" + struct.pack("<I", 2)  # ENOENT
    assert reply[8:] == bytes(64)
    reply = s.receive_data(req(b"STA2", "/data/local/tmp/f.txt/below"))
    assert struct.unpack_from("<I", reply, 4)[0] == 20  # ENOTDIR


def test_list_folder() -> None:
    fs = FileSystem()
    fs.write("/data/local/tmp/a.txt", b"aa", mtime=10)
    fs.mkdir("/data/local/tmp/sub")
    reply = SyncSession(fs).receive_data(req(b"LIST", "/data/local/tmp"))
    entries, i = {}, 0
    while True:
        ident, mode, size, mtime, namelen = struct.unpack_from("<4sIIII", reply, i)
        i += 20
        if ident == b"DONE":
            assert (mode, size, mtime, namelen) == (0, 0, 0, 0)
            break
        assert ident == b"DENT"
        entries[reply[i:i + namelen].decode()] = (mode, size, mtime)
        i += namelen
    assert i == len(reply)
    assert list(entries) == [".", "..", "a.txt", "sub"]
    assert entries["a.txt"][1:] == (2, 10) and stat.S_ISREG(entries["a.txt"][0])
    assert stat.S_ISDIR(entries["sub"][0])
    # opendir failing (missing path, or a file) lists nothing
    assert SyncSession(fs).receive_data(req(b"LIST", "/nope")) == b"DONE" + bytes(16)
    assert SyncSession(fs).receive_data(req(b"LIST", "/data/local/tmp/a.txt")) == b"DONE" + bytes(16)


def test_push_multi_chunk_creates_parents() -> None:
    fs = FileSystem()
    content = bytes(range(256)) * 1000  # 256 000 bytes: four 64 KiB chunks
    s = SyncSession(fs)
    assert s.receive_data(send("/data/local/tmp/new/deep/u2.jar", content, mode=0o100644)) == b"OKAY" + bytes(4)
    assert fs.read("/data/local/tmp/new/deep/u2.jar") == content
    st_ = fs.stat("/data/local/tmp/new/deep/u2.jar")
    assert st_.mtime == 1_700_000_000 and st_.mode & 0o777 == 0o666  # user bits copied, like adbd
    assert fs.stat("/data/local/tmp/new/deep").is_dir
    # the session stays open for the next request
    assert not s.closed
    assert s.receive_data(send("/data/local/tmp/new/deep/u2.jar", b"short")) == b"OKAY" + bytes(4)
    assert fs.read("/data/local/tmp/new/deep/u2.jar") == b"short"


def test_push_empty_file() -> None:
    fs = FileSystem()
    assert SyncSession(fs).receive_data(send("/sdcard/empty", b"")) == b"OKAY" + bytes(4)
    assert fs.read("/sdcard/empty") == b""


def test_push_onto_directory_fails_and_drains() -> None:
    fs = FileSystem()
    s = SyncSession(fs)
    first = s.receive_data(req(b"SEND", "/sdcard,33188"))
    assert parse_status(first) == (b"FAIL", b"couldn't create file: Is a directory")
    assert s.receive_data(b"DATA\x03\0\0\0abcDONE\0\0\0\0") == b""
    assert s.closed and fs.stat("/sdcard").is_dir


def test_push_below_a_file_fails() -> None:
    fs = FileSystem()
    fs.write("/data/local/tmp/file", b"x")
    reply = SyncSession(fs).receive_data(send("/data/local/tmp/file/inner/x", b"data"))
    assert parse_status(reply) == (b"FAIL", b"couldn't create file: Not a directory")
    assert fs.read("/data/local/tmp/file") == b"x"


def test_send_without_comma_and_bad_ids() -> None:
    assert parse_status(SyncSession(FileSystem()).receive_data(req(b"SEND", "/x"))) == (
        b"FAIL", b"missing , in ID_SEND_V1")
    s = SyncSession(FileSystem())
    assert parse_status(s.receive_data(req(b"ABCD", "/x"))) == (b"FAIL", b"unknown command 44434241")
    assert s.closed
    s = SyncSession(FileSystem())
    assert parse_status(s.receive_data(b"STAT" + struct.pack("<I", 2000))) == (b"FAIL", b"path too long")
    s = SyncSession(FileSystem())
    out = s.receive_data(req(b"SEND", "/sdcard/f,420") + b"STAT\0\0\0\0")
    assert parse_status(out) == (b"FAIL", b"invalid data message") and s.closed


def test_pull_file_and_errors() -> None:
    fs = FileSystem()
    content = bytes(200_000)
    fs.write("/sdcard/big", content)
    s = SyncSession(fs)
    assert parse_data(s.receive_data(req(b"RECV", "/sdcard/big"))) == (content, b"DONE")
    assert s.receive_data(req(b"RECV", "/sdcard/big")).endswith(b"DONE" + bytes(4))
    missing = SyncSession(fs)
    assert parse_status(missing.receive_data(req(b"RECV", "/sdcard/nope"))) == (
        b"FAIL", b"open failed: No such file or directory")
    assert missing.closed
    assert parse_status(SyncSession(fs).receive_data(req(b"RECV", "/sdcard"))) == (
        b"FAIL", b"read failed: Is a directory")


def test_eof_mid_push_removes_the_partial_file() -> None:
    fs = FileSystem()
    s = SyncSession(fs)
    s.receive_data(send("/sdcard/part", b"x" * 100)[:-8])
    assert fs.exists("/sdcard/part")
    s.receive_eof()
    assert not fs.exists("/sdcard/part") and s.closed


def test_push_mode() -> None:
    assert push_mode(0o100644) == 0o666
    assert push_mode(0o100755) == 0o777
    assert push_mode(0o100600) == 0o666


def test_serve_sync_over_pipe() -> None:
    async def main() -> None:
        fs = FileSystem()
        host, device = pipe()
        task = asyncio.create_task(serve_sync(device, fs))
        content = b"\x00\xffpayload" * 20_000
        stream = send("/data/local/tmp/dir/f.bin", content)
        # WRTE-like pieces that do not line up with sync messages
        for i in range(0, len(stream), 7777):
            await host.write(stream[i:i + 7777])
        assert await host.read() == b"OKAY" + bytes(4)
        await host.write(req(b"RECV", "/data/local/tmp/dir/f.bin"))
        got = b""
        while not got.endswith(b"DONE" + bytes(4)) or len(got) < len(content):
            got += await host.read()
        assert parse_data(got) == (content, b"DONE")
        await host.write(req(b"RECV", "/data/local/tmp/none"))
        reply = await host.read()
        assert parse_status(reply) == (b"FAIL", b"open failed: No such file or directory")
        await asyncio.wait_for(task, 1)  # the failure ended the service

        host, device = pipe()
        task = asyncio.create_task(serve_sync(device, fs))
        await host.write(req(b"STAT", "/data/local/tmp/dir/f.bin") + req(b"QUIT", ""))
        reply = await host.read()
        assert struct.unpack("<4sIII", reply)[2] == len(content)
        await asyncio.wait_for(task, 1)

        host, device = pipe()
        task = asyncio.create_task(serve_sync(device, fs))
        await host.aclose()  # EOF ends the service too
        await asyncio.wait_for(task, 1)

    asyncio.run(main())
