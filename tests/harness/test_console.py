"""The console client: the sans-IO protocol under any split of the byte stream, and the socket
client against a virtual device's console through its real port."""

from __future__ import annotations

import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.console import (
    Closed,
    ConsoleAuthError,
    ConsoleClient,
    ConsoleCommandFailed,
    ConsoleProtocol,
    ConsoleUnavailable,
    Greeting,
    Reply,
    console_port,
    open_console,
)

GREETING_AUTH = (b"Android Console: Authentication required\r\n"
                 b"Android Console: type 'auth <auth_token>' to authenticate\r\n"
                 b"Android Console: you can find your <auth_token> in \r\n'/home/u/.emulator_console_auth_token'\r\nOK\r\n")
REPLIES = (b"Android Console: type 'help' for a list of commands\r\nOK\r\n"
           b"acceleration = 0:9.77622:0.813417\r\nOK\r\n"
           b"KO: unknown sensor name: foo, run 'sensor status' to get available sensors.\r\n"
           b"OK\r\n")
STREAM = GREETING_AUTH + REPLIES


def run(chunks: list[bytes], token: str = "s3cret-token") -> tuple[list[object], list[bytes]]:
    p = ConsoleProtocol()
    sent = [p.auth(token), p.command("sensor get acceleration"), p.command("sensor get foo"),
            p.command("sensor set acceleration 1:2:3")]
    events = [e for chunk in chunks for e in p.receive_data(chunk)] + p.receive_eof()
    return events, sent


def splits(data: bytes) -> st.SearchStrategy[list[bytes]]:
    return st.lists(st.integers(0, len(data)), max_size=12).map(
        lambda cuts: [data[a:b] for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), len(data)])])


EXPECTED, _ = run([STREAM])


def test_events_of_a_whole_exchange():
    greeting, auth, get, bad, set_, closed = EXPECTED
    assert greeting == Greeting(auth_required=True, lines=greeting.lines)
    assert auth == Reply("auth", True, ("Android Console: type 'help' for a list of commands",))
    assert get == Reply("sensor get acceleration", True, ("acceleration = 0:9.77622:0.813417",))
    assert bad.ok is False and bad.error.startswith("unknown sensor name: foo")
    assert set_ == Reply("sensor set acceleration 1:2:3", True, ())
    assert closed == Closed(())


@given(splits(STREAM))
def test_any_split_gives_the_same_events(chunks):
    assert run(chunks)[0] == EXPECTED


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zs")), min_size=1, max_size=30))
def test_the_token_is_sent_but_never_kept_in_events(secret):
    token = "TOKEN~" + secret
    events, sent = run([STREAM], token)
    assert sent[0] == f"auth {token}\r\n".encode()
    assert token not in repr(events)


def test_greeting_without_auth_and_quit_closes():
    p = ConsoleProtocol()
    assert p.receive_data(b"Android Console: type 'help' for a list of commands\r\nOK\r\n") == [
        Greeting(False, ("Android Console: type 'help' for a list of commands",))]
    p.command("quit")
    assert p.receive_eof() == [Closed(("quit",))]
    with pytest.raises(ValueError):
        p.command("ping")


def test_commands_are_single_lines_and_auth_goes_through_auth():
    p = ConsoleProtocol()
    for bad in ("ping\r\nkill", "a\nb", "x\0"):
        with pytest.raises(ValueError):
            p.command(bad)
    with pytest.raises(ValueError):
        p.command("auth abc")


def test_serial_to_port():
    assert console_port("emulator-5554") == 5554
    with pytest.raises(ConsoleUnavailable, match="not an emulator"):
        console_port("R58M12ABCDE")


def test_no_console_listening():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ConsoleUnavailable, match="no emulator console"):
        ConsoleClient.connect(port, timeout=1)


def test_client_authenticates_reads_and_sets_sensors(virtual_device, console_token):
    with open_console(virtual_device.serial, token_path=virtual_device.token_path) as console:
        assert console.greeting.auth_required
        assert {"acceleration", "gyroscope", "orientation"} <= set(console.sensor_names())
        console.run("sensor set gyroscope 0.1:0.2:0.3")
        assert console.sensor_get("gyroscope") == pytest.approx((0.1, 0.2, 0.3))
        console.run("sensor set gyroscope 0:0:0")
        with pytest.raises(ConsoleCommandFailed, match="unknown sensor name"):
            console.sensor_get("no-such-sensor")


def test_refused_token_is_a_typed_error_without_the_token(virtual_device, tmp_path):
    wrong = tmp_path / "token"
    wrong.write_text("not-the-token-4711")
    with pytest.raises(ConsoleAuthError) as info:
        open_console(virtual_device.serial, token_path=wrong)
    assert "not-the-token-4711" not in str(info.value)
    with pytest.raises(ConsoleAuthError, match="cannot read the console token file"):
        open_console(virtual_device.serial, token_path=tmp_path / "missing")
