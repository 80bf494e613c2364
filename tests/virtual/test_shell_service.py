"""The shell services over an in-memory stream: v1 raw bytes, v2 packets, stdin."""

from __future__ import annotations

import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.services import shell_protocol as v2
from emulator.virtual.services.shell import raw_shell, shell_v2
from emulator.virtual.streams import pipe


async def _serve(service, to_device: bytes = b"") -> bytes:
    """Run a service to its end with `to_device` as input; return everything it sent."""
    host, device = pipe()
    task = asyncio.create_task(service(device))
    if to_device:
        await host.write(to_device)
    await task
    await device.aclose()
    return await host.read_all()


def _packets(data: bytes) -> list[v2.Packet]:
    reader = v2.PacketReader()
    return reader.feed(data)


def test_v2_separates_stdout_stderr_and_sends_the_exit_code():
    system = AndroidSystem()
    out = asyncio.run(_serve(shell_v2(system, "echo a; echo b >&2; exit 3")))
    packets = _packets(out)
    assert [(p.id, p.data) for p in packets] == [
        (v2.ID_STDOUT, b"a\n"), (v2.ID_STDERR, b"b\n"), (v2.ID_EXIT, b"\x03")]


def test_v2_stdin_reaches_the_command_until_close_stdin():
    system = AndroidSystem()
    stdin = v2.encode(v2.ID_STDIN, b"line one\n") + v2.encode(v2.ID_CLOSE_STDIN, b"")
    packets = _packets(asyncio.run(_serve(shell_v2(system, "cat"), stdin)))
    assert packets[0] == v2.Packet(v2.ID_STDOUT, b"line one\n")
    assert packets[-1] == v2.Packet(v2.ID_EXIT, b"\x00")


def test_v1_merges_output_and_has_no_exit_code():
    system = AndroidSystem()
    out = asyncio.run(_serve(raw_shell(system, "echo a; echo b >&2; exit 3")))
    assert out == b"a\nb\n"


def test_v1_interactive_session_runs_lines_until_exit():
    system = AndroidSystem()
    out = asyncio.run(_serve(raw_shell(system, ""), b"echo hi\nexit\n"))
    assert out == b"harness_virtual:/ $ hi\nharness_virtual:/ $ "


def test_a_closed_stream_cancels_a_long_command():
    async def scenario() -> bool:
        host, device = pipe()
        task = asyncio.create_task(raw_shell(AndroidSystem(), "sleep 100")(device))
        await asyncio.sleep(0.05)
        task.cancel()  # what the transport does when the host closes the stream
        try:
            await asyncio.wait_for(task, 2)
        except asyncio.CancelledError:
            return True
        return False
    assert asyncio.run(scenario())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.binary(max_size=64)), max_size=10), st.data())
def test_v2_framing_any_split_gives_the_same_packets(items, data):
    stream = b"".join(v2.encode(i, d) for i, d in items)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=10)))
    reader = v2.PacketReader()
    got = []
    for a, b in zip([0, *cuts], [*cuts, len(stream)]):
        got += reader.feed(stream[a:b])
    assert [(p.id, p.data) for p in got] == items
