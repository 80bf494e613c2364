"""Protocol version negotiation: hosts of the original protocol (0x01000000) get payload checksums
on everything the device sends and must send right ones; newer hosts get 0 and are not checked."""

from __future__ import annotations

import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.virtual.adb.message import (
    A_CNXN,
    A_VERSION,
    A_VERSION_MIN,
    HEADER,
    Message,
    ProtocolError,
    checksum,
    decode_all,
)
from emulator.virtual.adb.transport import Banner, DeviceConnection, HostConnected, OpenRequested

from .test_transport import host_messages  # the same host traffic for both protocol versions

BANNER = Banner("virtual_product", "virtual_model", "virtual_device", ("shell_v2", "cmd", "stat_v2"))
OLD, NEW = A_VERSION_MIN, A_VERSION


def host_cnxn(version: int, maxdata: int = 4096) -> Message:
    # adb-shell and other pre-2018 hosts send no feature list and end the banner with a NUL
    return Message(A_CNXN, version, maxdata, b"host::\0")


def wire(messages: list[Message], with_checksum: bool) -> bytes:
    return b"".join(m.encode(with_checksum=with_checksum) for m in messages)


def corrupt_check(data: bytes, offset: int, delta: int) -> bytes:
    """`data` with the data_check field of the header at `offset` changed by `delta`."""
    pos = offset + 16
    (check,) = struct.unpack_from("<I", data, pos)
    return data[:pos] + struct.pack("<I", (check + delta) & 0xFFFFFFFF) + data[pos + 4:]


def run(chunks: list[bytes]) -> tuple[list, bytes, str | None]:
    """Feed the chunks, accepting every OPEN and answering it; all events, all output and the
    protocol error that stopped the connection (if any)."""
    conn = DeviceConnection(BANNER)
    events, out = [], bytearray()
    try:
        for chunk in chunks:
            conn.receive_data(chunk)
            while (event := conn.next_event()) is not None:
                events.append(event)
                if isinstance(event, OpenRequested):
                    conn.send(conn.accept(event), b"hello " * 3)
            out += conn.data_to_send()
    except ProtocolError as exc:
        out += conn.data_to_send()
        return events, bytes(out), str(exc)
    return events, bytes(out), None


def split(stream: bytes, cuts: list[int]) -> list[bytes]:
    cuts = sorted(cuts)
    return [stream[a:b] for a, b in zip([0, *cuts], [*cuts, len(stream)])]


def test_old_host_gets_our_newest_version_and_a_checksummed_banner():
    conn = DeviceConnection(BANNER)
    conn.receive_data(host_cnxn(OLD).encode(with_checksum=True))
    event = conn.next_event()
    assert isinstance(event, HostConnected) and event.version == OLD and event.checksums
    [reply] = decode_all(conn.data_to_send())
    # adbd always announces its newest version; the host takes the minimum of the two
    assert reply.command == A_CNXN and reply.arg0 == A_VERSION and reply.arg1 == 4096
    assert reply.data_check == checksum(reply.payload) != 0


def test_new_host_gets_zero_checksums():
    conn = DeviceConnection(BANNER)
    conn.receive_data(host_cnxn(NEW, 1 << 20).encode())
    assert not conn.next_event().checksums
    [reply] = decode_all(conn.data_to_send())
    assert reply.data_check == 0 and reply.payload


def test_checksum_is_the_byte_sum_modulo_2_32():
    assert checksum(b"") == 0
    assert checksum(b"\x01\x02\x03") == 6
    assert checksum(b"\xff" * 4096) == 255 * 4096
    assert checksum(b"\xff" * (1 << 24 | 1)) == (255 * ((1 << 24) + 1)) & 0xFFFFFFFF


def test_bad_checksum_on_an_old_hosts_cnxn_is_a_protocol_error():
    data = corrupt_check(host_cnxn(OLD).encode(with_checksum=True), 0, 1)
    events, out, error = run([data])
    assert events == [] and out == b""
    assert error is not None and "bad data checksum on CNXN" in error and "0x01000000" in error




@settings(max_examples=150, deadline=None)
@given(st.sampled_from([OLD, NEW]), host_messages, st.data())
def test_any_split_gives_the_same_events_for_both_versions(version, messages, data):
    old = version < A_VERSION
    stream = wire([host_cnxn(version), *messages], with_checksum=old)
    cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=12))
    events, out, error = run(split(stream, cuts))
    assert (events, out, error) == run([stream])
    assert error is None and isinstance(events[0], HostConnected) and events[0].checksums == old
    sent = decode_all(out)
    assert sent and sent[0].command == A_CNXN
    for msg in sent:  # every message the device sent follows the negotiated version's rule
        assert msg.data_check == (checksum(msg.payload) if old else 0)


@settings(max_examples=150, deadline=None)
@given(host_messages.filter(bool), st.data())
def test_a_corrupted_checksum_from_an_old_host_is_a_protocol_error_at_that_message(messages, data):
    good = [host_cnxn(OLD), *messages]
    bad_index = data.draw(st.integers(1, len(good) - 1))
    offset = sum(HEADER.size + len(m.payload) for m in good[:bad_index])
    stream = corrupt_check(wire(good, with_checksum=True), offset, data.draw(st.integers(1, 2**32 - 1)))
    cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=12))
    events, out, error = run(split(stream, cuts))
    assert (events, out, error) == run([stream])
    assert error is not None and f"bad data checksum on {good[bad_index].name}" in error
    # nothing after the bad message was acted on: the same events as the stream cut just before it
    before, _, no_error = run([wire(good[:bad_index], with_checksum=True)])
    assert no_error is None and events == before


@settings(max_examples=100, deadline=None)
@given(host_messages, st.lists(st.integers(0, 2**32 - 1), min_size=26, max_size=26))  # one per message: CNXN + up to 25
def test_a_new_host_is_never_checked(messages, checks):
    """Whatever a >= 0x01000001 host puts in data_check, the device behaves as with zeros."""
    zeros = wire([host_cnxn(NEW), *messages], with_checksum=False)
    noisy = bytearray(zeros)
    offset = 0
    for msg, check in zip([host_cnxn(NEW), *messages], checks):
        struct.pack_into("<I", noisy, offset + 16, check)
        offset += HEADER.size + len(msg.payload)
    assert run([bytes(noisy)]) == run([zeros])
    assert run([zeros])[2] is None


def test_a_reconnect_renegotiates_the_version():
    conn = DeviceConnection(BANNER)
    conn.receive_data(host_cnxn(OLD).encode(with_checksum=True))
    assert conn.next_event().checksums
    conn.receive_data(host_cnxn(NEW).encode())
    assert not conn.next_event().checksums
    assert [m.data_check for m in decode_all(conn.data_to_send())][-1] == 0

