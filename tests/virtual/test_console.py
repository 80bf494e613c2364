"""The emulator console: the line protocol whatever the chunking, and a real TCP session."""

from __future__ import annotations

import asyncio
import os
import stat
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.virtual.android.sensors import Sensors
from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.console import start_console
from emulator.virtual.console.auth import load_or_create_token
from emulator.virtual.console.context import ConsoleConfig
from emulator.virtual.console.protocol import LINE_MAX, ConsoleSession, LineReader

TOKEN = "s3cr3tT0ken+/AB="
CONFIG = ConsoleConfig("Pixel_7_API_34", TOKEN, "/home/u/.emulator_console_auth_token")
GREETING = (b"Android Console: Authentication required\r\n"
            b"Android Console: type 'auth <auth_token>' to authenticate\r\n"
            b"Android Console: you can find your <auth_token> in \r\n"
            b"'/home/u/.emulator_console_auth_token'\r\nOK\r\n")
UNKNOWN = b"KO: unknown command, try 'help'\r\n"


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)])]


def talk(*lines: str, config: ConsoleConfig = CONFIG, sensors: Sensors | None = None) -> bytes:
    """Replies to `lines` after the greeting."""
    session = ConsoleSession(config, sensors or Sensors())
    session.data_to_send()
    session.receive_data("".join(line + "\n" for line in lines).encode())
    return session.data_to_send()


SCRIPT = (b"sensor status\r\nauth wrong\nauth " + TOKEN.encode() + b"\r\n"
          b"sensor set acceleration 1.5:-2:3e1\nsensor get acceleration\r\n"
          b"sensor set gyroscope :0.25\n\r\nbogus\nhelp sensor\nping\nquit\nping\n")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(SCRIPT)), max_size=25))
def test_session_does_not_depend_on_chunking(cuts: list[int]) -> None:
    def run(parts: list[bytes]) -> tuple[list[bytes], bytes, tuple[float, ...], tuple[float, ...]]:
        sensors = Sensors()
        session = ConsoleSession(CONFIG, sensors)
        lines = [line for part in parts for line in session.receive_data(part)]
        assert session.closed
        return lines, session.data_to_send(), sensors.get("acceleration"), sensors.get("gyroscope")

    whole = run([SCRIPT])
    assert run(split(SCRIPT, cuts)) == whole
    lines, out, acceleration, gyroscope = whole
    assert lines[-1] == b"quit" and len(lines) == 11  # the ping after quit is never run
    assert acceleration == (1.5, -2.0, 30.0) and gyroscope == (0.0, 0.25, 0.0)
    assert out.endswith(b"I am alive!\r\nOK\r\n")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200).map(lambda b: b.replace(b"\0", b"")),
       st.lists(st.integers(min_value=0, max_value=200), max_size=20))
def test_line_reader_does_not_depend_on_chunking(data: bytes, cuts: list[int]) -> None:
    whole = LineReader().feed(data)
    reader = LineReader()
    assert [line for part in split(data, cuts) for line in reader.feed(part)] == whole
    assert whole == [line.replace(b"\r", b"") for line in data.split(b"\n")[:-1]]


def test_line_overflow_restarts_the_buffer() -> None:
    assert LineReader().feed(b"x" * LINE_MAX + b"help\n") == [b"help"]
    assert LineReader().feed(b"x" * LINE_MAX + b"\n") == [b"x" * LINE_MAX]


def test_greeting_and_preauth_refusals() -> None:
    session = ConsoleSession(CONFIG, Sensors())
    assert session.data_to_send() == GREETING and not session.authenticated
    assert talk("sensor get acceleration") == UNKNOWN
    assert talk("auth nope") == b"KO: authentication token does not match ~/.emulator_console_auth_token\r\n"
    assert talk("auth") == b"KO: missing authentication token\r\n"
    assert talk("avd name") == b"Pixel_7_API_34\r\nOK\r\n"  # allowed before auth, as in the emulator
    assert talk("ping") == b"I am alive!\r\nOK\r\n"
    help_text = talk("help")
    assert help_text.startswith(b"Android console commands:\r\n    help|h|?\r\n")
    assert b"    auth\r\n" in help_text and b"sensor" not in help_text
    assert help_text.endswith(b"Try 'help <command>' for command-specific help\r\nOK\r\n")


def test_auth_then_commands() -> None:
    sensors = Sensors()
    out = talk(f"auth {TOKEN}", "sensor set acceleration 0:9.8:0.5", "sensor get acceleration",
               "sensor status", "auth again", "", "avd name", sensors=sensors)
    assert out == (b"Android Console: type 'help' for a list of commands\r\nOK\r\n"
                   b"OK\r\n"
                   b"acceleration = 0:9.8:0.5\r\nOK\r\n"
                   b"acceleration: enabled.\r\ngyroscope: enabled.\r\n"
                   b"magnetic-field: enabled.\r\norientation: enabled.\r\nOK\r\n"
                   + UNKNOWN + UNKNOWN +  # no `auth` once authenticated; empty line
                   b"Pixel_7_API_34\r\nOK\r\n")
    assert sensors.get("acceleration") == (0.0, 9.8, 0.5)


def test_empty_token_means_no_auth() -> None:
    session = ConsoleSession(ConsoleConfig("avd", "", "/t"), Sensors())
    assert session.data_to_send() == b"Android Console: type 'help' for a list of commands\r\nOK\r\n"
    session.receive_data(b"sensor get gyroscope\n")
    assert session.data_to_send() == b"gyroscope = 0:0:0\r\nOK\r\n"


def authed(*lines: str, sensors: Sensors | None = None) -> bytes:
    return talk(f"auth {TOKEN}", *lines, sensors=sensors)[len(b"Android Console: type 'help' for a list of commands\r\nOK\r\n"):]


def test_sensor_errors() -> None:
    usage = b'KO: Usage: "set <sensorname> <value-a>[:<value-b>[:<value-c>]]"\r\n'
    sensors = Sensors()
    before = sensors.get("acceleration")
    assert authed("sensor set acceleration", sensors=sensors) == usage
    assert authed("sensor set acceleration x:1:2", sensors=sensors) == usage
    assert authed("sensor set", sensors=sensors) == usage
    assert sensors.get("acceleration") == before
    assert authed("sensor set warp 1:2:3") == (
        b"KO: unknown sensor name: warp, run 'sensor status' to get available sensors.\r\n")
    assert authed("sensor get warp") == (
        b"KO: unknown sensor name: warp, run 'sensor status' to get available sensors.\r\n")
    assert authed("sensor get") == b'KO: Usage: "get <sensorname>"\r\n'
    missing = authed("sensor")
    assert missing.startswith(b"allows you to request the emulator sensors\r\n\r\navailable sub-commands:\r\n")
    assert missing.endswith(b"\r\nKO: missing sub-command\r\n")
    assert authed("sensor frob").endswith(b"\r\nKO:  bad sub-command\r\n")


def test_sensor_set_partial_and_lenient_values() -> None:
    sensors = Sensors()
    assert authed("sensor set magnetic-field 1", "sensor set orientation 1:2:3:4",
                  "sensor set gyroscope 2abc", sensors=sensors) == b"OK\r\nOK\r\nOK\r\n"
    assert sensors.get("magnetic-field") == (1.0, 5.9, -48.4)
    assert sensors.get("orientation") == (1.0, 2.0, 3.0)
    assert sensors.get("gyroscope") == (2.0, 0.0, 0.0)  # sscanf("%g") reads the leading number
    assert authed("sensor get magnetic-field", sensors=sensors) == b"magnetic-field = 1:5.9:-48.4\r\nOK\r\n"


def test_help_texts() -> None:
    assert authed("help sensor") == (
        b"allows you to request the emulator sensors\r\n"
        b"\r\navailable sub-commands:\r\n"
        b"   sensor status           list all sensors and their status.\r\n"
        b"   sensor get              get sensor values\r\n"
        b"   sensor set              set sensor values\r\n"
        b"\r\nOK\r\n")
    assert authed("help sensor set") == (
        b"'set <sensorname> <value-a>[:<value-b>[:<value-c>]]' set the values of a given sensor.\r\nOK\r\n")
    unknown = authed("help nothing")
    assert unknown.startswith(b"Android console commands:\r\n") and unknown.endswith(b"\r\nKO: unknown command\r\n")
    main = authed("help")
    for name in (b"ping", b"quit|exit", b"avd", b"sensor"):
        assert b"    " + name + b"\r\n" in main
    assert authed("help-verbose").startswith(
        b"Android console command help:\r\n\r\n    help|h|?         print a list of commands\r\n")


def test_forbidden_lines_close_the_connection() -> None:
    session = ConsoleSession(CONFIG, Sensors())
    session.data_to_send()
    session.receive_data(b"GET / HTTP/1.1\r\nping\n")
    assert session.data_to_send() == b"KO: Forbidden HTTP request. Aborting\r\n" and session.closed
    session = ConsoleSession(CONFIG, Sensors())
    session.data_to_send()
    session.receive_data(b"\xff\xfe\n")
    assert session.data_to_send() == b"KO: Forbidden binary request. Aborting\r\n" and session.closed


def test_quit_and_exit_close_silently() -> None:
    for word in ("quit", "exit"):
        session = ConsoleSession(CONFIG, Sensors())
        session.data_to_send()
        session.receive_data(word.encode() + b"\n")
        assert session.closed and session.data_to_send() == b""


def test_token_file_created_and_read(tmp_path: Path) -> None:
    path = tmp_path / "token"
    token = load_or_create_token(path)
    assert len(token) == 16 and path.read_text() == token
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    path.write_text("  abc\n")
    assert load_or_create_token(path) == "abc"
    path.write_text("")
    assert load_or_create_token(path) == ""


def test_console_over_tcp(tmp_path: Path) -> None:
    token_path = tmp_path / ".emulator_console_auth_token"

    async def main() -> None:
        system = AndroidSystem()
        server = await start_console(system, "127.0.0.1", 0, token_path=token_path,
                                     avd_name="Pixel_7_API_34")
        port = server.sockets[0].getsockname()[1]
        token = token_path.read_text()
        assert len(token) == 16  # created with a random token at start

        async def until(reader: asyncio.StreamReader, end: bytes) -> bytes:
            return await asyncio.wait_for(reader.readuntil(end), 5)

        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            greeting = await until(reader, b"'\r\nOK\r\n")
            assert greeting.startswith(b"Android Console: Authentication required\r\n")
            assert f"'{token_path}'".encode() in greeting

            writer.write(b"sensor get acceleration\n")
            assert await until(reader, b"\r\n") == UNKNOWN
            writer.write(b"auth bad\r\n")
            assert await until(reader, b"\r\n") == (
                b"KO: authentication token does not match ~/.emulator_console_auth_token\r\n")

            # a second client at the same time
            reader2, writer2 = await asyncio.open_connection("127.0.0.1", port)
            await until(reader2, b"'\r\nOK\r\n")

            writer.write(f"auth {token}\r\n".encode())
            assert await until(reader, b"OK\r\n") == (
                b"Android Console: type 'help' for a list of commands\r\nOK\r\n")
            writer.write(b"sensor set acceleration 1:2:3\r\nsensor get acceleration\r\n")
            assert await until(reader, b"OK\r\n") == b"OK\r\n"
            assert await until(reader, b"OK\r\n") == b"acceleration = 1:2:3\r\nOK\r\n"
            assert system.sensors.get("acceleration") == (1.0, 2.0, 3.0)
            writer.write(b"frobnicate\n")
            assert await until(reader, b"\r\n") == UNKNOWN
            writer.write(b"quit\n")
            assert await asyncio.wait_for(reader.read(), 5) == b""  # closed, no reply
            writer.close()

            writer2.write(b"exit\n")
            assert await asyncio.wait_for(reader2.read(), 5) == b""
            writer2.close()
        finally:
            server.close()
            await server.wait_closed()

    asyncio.run(main())
