"""The adbd transport state machine, driven with host messages as the real adb server sends them."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.virtual.adb.message import (
    A_CLSE,
    A_CNXN,
    A_OKAY,
    A_OPEN,
    A_WRTE,
    HEADER,
    Message,
    ProtocolError,
    decode_all,
)
from emulator.virtual.adb.transport import (
    Banner,
    DataReceived,
    DeviceConnection,
    HostConnected,
    OpenRequested,
    SendDrained,
    StreamClosed,
)

BANNER = Banner("sdk_gphone64_x86_64", "sdk_gphone64_x86_64", "emu64xa",
                ("shell_v2", "cmd", "stat_v2", "fixed_push_mkdir", "delayed_ack"))
HOST_FEATURES = "shell_v2,cmd,stat_v2,ls_v2,fixed_push_mkdir,apex,abb,fixed_push_symlink_timestamp"


def cnxn(features: str = HOST_FEATURES, maxdata: int = 1024 * 1024) -> bytes:
    return Message(A_CNXN, 0x01000001, maxdata, f"host::features={features}".encode()).encode()


def sent(conn: DeviceConnection) -> list[Message]:
    return decode_all(conn.data_to_send())


def feed(conn: DeviceConnection, data: bytes) -> list:
    """Receive bytes and pull every event (acting on none)."""
    conn.receive_data(data)
    events = []
    while (event := conn.next_event()) is not None:
        events.append(event)
    return events


def connected(features: str = HOST_FEATURES, maxdata: int = 1024 * 1024) -> DeviceConnection:
    conn = DeviceConnection(BANNER)
    feed(conn, cnxn(features, maxdata))
    conn.data_to_send()
    return conn


def open_stream(conn: DeviceConnection, remote_id: int = 7, service: str = "shell:ls",
                window: int = 0) -> int:
    [event] = feed(conn, Message(A_OPEN, remote_id, window, service.encode() + b"\0").encode())
    assert isinstance(event, OpenRequested) and event.service == service
    local_id = conn.accept(event)
    conn.data_to_send()
    return local_id


def test_handshake_replies_with_banner_without_auth_or_trailing_nul():
    conn = DeviceConnection(BANNER)
    [event] = feed(conn, cnxn())
    assert isinstance(event, HostConnected) and "shell_v2" in event.features
    assert not event.delayed_ack  # the host did not offer it
    [reply] = sent(conn)
    assert reply.command == A_CNXN and reply.arg0 == 0x01000001 and reply.arg1 == 1024 * 1024
    assert reply.payload == (b"device::ro.product.name=sdk_gphone64_x86_64;ro.product.model="
                             b"sdk_gphone64_x86_64;ro.product.device=emu64xa;features=shell_v2,"
                             b"cmd,stat_v2,fixed_push_mkdir,delayed_ack")


def test_stop_and_wait_one_write_in_flight_split_at_host_maxdata():
    conn = connected(maxdata=4096)
    local = open_stream(conn)
    conn.send(local, b"x" * 10000)
    [w1] = sent(conn)
    assert w1.command == A_WRTE and len(w1.payload) == 4096
    assert conn.pending_bytes(local) == 10000 - 4096
    feed(conn, Message(A_OKAY, 7, local).encode())
    [w2] = sent(conn)
    assert len(w2.payload) == 4096
    events = feed(conn, Message(A_OKAY, 7, local).encode())
    [w3] = sent(conn)
    assert len(w3.payload) == 10000 - 8192 and events == [SendDrained(local)]


def test_delayed_ack_bursts_within_window_and_acks_carry_counts():
    conn = connected(features=HOST_FEATURES + ",delayed_ack", maxdata=1000)
    assert conn.delayed_ack
    local = open_stream(conn, window=2500)
    conn.send(local, b"y" * 5000)
    burst = sent(conn)
    # ASB 2500 → writes of 1000, 1000, 1000 (the third may overshoot, like adb's ASB)
    assert [len(m.payload) for m in burst] == [1000, 1000, 1000]
    feed(conn, Message(A_OKAY, 7, local, struct.pack("<i", 2000)).encode())
    assert [len(m.payload) for m in sent(conn)] == [1000, 1000]
    # our acks of host data carry the consumed byte count
    [ev] = feed(conn, Message(A_WRTE, 7, local, b"abc").encode())
    assert ev == DataReceived(local, b"abc")
    conn.ack(local, 3)
    [okay] = sent(conn)
    assert okay.command == A_OKAY and okay.payload == struct.pack("<i", 3)


def test_delayed_ack_needs_both_banners():
    conn = DeviceConnection(Banner("p", "m", "d", ("shell_v2",)))
    [event] = feed(conn, cnxn(HOST_FEATURES + ",delayed_ack"))
    assert not event.delayed_ack


def test_refused_service_gets_close_without_okay():
    conn = connected()
    [event] = feed(conn, Message(A_OPEN, 9, 0, b"nosuch:\0").encode())
    conn.refuse(event)
    [msg] = sent(conn)
    assert (msg.command, msg.arg0, msg.arg1) == (A_CLSE, 0, 9)


def test_host_close_ends_only_that_stream_is_answered_and_echoes_are_ignored():
    conn = connected()
    a = open_stream(conn, remote_id=7)
    b = open_stream(conn, remote_id=8)
    assert feed(conn, Message(A_CLSE, 7, a).encode()) == [StreamClosed(a)]
    [echo] = sent(conn)  # like adbd, the device answers the host's CLSE with its own
    assert (echo.command, echo.arg0, echo.arg1) == (A_CLSE, a, 7)
    assert feed(conn, Message(A_CLSE, 7, a).encode()) == []  # echo of a dead id
    assert sent(conn) == []
    conn.send(b, b"still alive")
    [w] = sent(conn)
    assert w.command == A_WRTE and w.arg1 == 8


def test_close_waits_for_queued_data():
    conn = connected(maxdata=4)
    local = open_stream(conn)
    conn.send(local, b"12345678")
    conn.close(local)
    assert [m.command for m in sent(conn)] == [A_WRTE]
    feed(conn, Message(A_OKAY, 7, local).encode())
    assert [m.command for m in sent(conn)] == [A_WRTE, A_CLSE]
    assert not conn.is_open(local)


def test_garbage_is_a_protocol_error():
    conn = DeviceConnection(BANNER)
    with pytest.raises(ProtocolError):
        feed(conn, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")


def test_streams_before_handshake_are_ignored():
    conn = DeviceConnection(BANNER)
    assert feed(conn, Message(A_OPEN, 1, 0, b"shell:\0").encode()) == []


host_messages = st.lists(st.one_of(
    st.builds(lambda rid, svc: Message(A_OPEN, rid, 0, svc.encode() + b"\0"),
              st.integers(1, 5), st.sampled_from(["shell:ls", "sync:", "tcp:9008"])),
    st.builds(lambda rid, lid, data: Message(A_WRTE, rid, lid, data),
              st.integers(1, 5), st.integers(1, 5), st.binary(max_size=300)),
    st.builds(lambda rid, lid: Message(A_OKAY, rid, lid), st.integers(1, 5), st.integers(1, 5)),
    st.builds(lambda rid, lid: Message(A_CLSE, rid, lid), st.integers(0, 5), st.integers(1, 5)),
), max_size=25)


def _run(chunks: list[bytes]) -> tuple[list, bytes]:
    """Feed the chunks, accepting every OPEN; return all events and all output."""
    conn = DeviceConnection(BANNER)
    events, out = [], bytearray()
    for chunk in chunks:
        conn.receive_data(chunk)
        while (event := conn.next_event()) is not None:
            events.append(event)
            if isinstance(event, OpenRequested):
                conn.send(conn.accept(event), b"hello")
        out += conn.data_to_send()
    return events, bytes(out)


@settings(max_examples=200, deadline=None)
@given(host_messages, st.data())
def test_any_split_of_the_byte_stream_gives_the_same_events(messages, data):
    stream = cnxn() + b"".join(m.encode() for m in messages)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=12)))
    chunks = [stream[a:b] for a, b in zip([0, *cuts], [*cuts, len(stream)])]
    assert _run(chunks) == _run([stream])


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=5000), st.integers(1, 2048))
def test_sent_payloads_reassemble_and_respect_maxdata(payload, maxdata):
    conn = connected(maxdata=maxdata)
    local = open_stream(conn)
    conn.send(local, payload)
    got = bytearray()
    for _ in range(len(payload) + 2):
        msgs = sent(conn)
        for m in msgs:
            assert len(m.payload) <= maxdata
            got += m.payload
        if not msgs:
            break
        feed(conn, Message(A_OKAY, 7, local).encode())
    assert bytes(got) == payload
    assert HEADER.size == 24
