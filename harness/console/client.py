"""A blocking socket around `ConsoleProtocol`: connect to a serial's console, authenticate, run
commands, read and set sensors."""

from __future__ import annotations

import re
import socket
from collections.abc import Sequence
from pathlib import Path

from .errors import ConsoleAuthError, ConsoleCommandFailed, ConsoleProtocolError, ConsoleUnavailable
from .protocol import Closed, ConsoleProtocol, Event, Greeting, Reply, State

DEFAULT_TOKEN_PATH = Path("~/.emulator_console_auth_token")
_EMULATOR_SERIAL = re.compile(r"emulator-(\d+)")


def console_port(serial: str) -> int:
    """The console port of an emulator serial (`emulator-5554` → 5554)."""
    m = _EMULATOR_SERIAL.fullmatch(serial)
    if m is None:
        raise ConsoleUnavailable(f"{serial} is not an emulator: it has no console (shakes need one)")
    return int(m.group(1))


def read_token(path: Path | None) -> str:
    """The token in the emulator's token file (an empty file means no authentication)."""
    path = (path or DEFAULT_TOKEN_PATH).expanduser()
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError as e:
        raise ConsoleAuthError(f"cannot read the console token file {path}: {e.strerror or e}") from None


class ConsoleClient:
    def __init__(self, sock: socket.socket, timeout: float) -> None:
        self._sock = sock
        self._sock.settimeout(timeout)
        self._protocol = ConsoleProtocol()
        self._events: list[Event] = []
        greeting = self._next()
        if not isinstance(greeting, Greeting):
            raise ConsoleProtocolError("the peer did not greet like an emulator console")
        self.greeting = greeting

    @classmethod
    def connect(cls, port: int, host: str = "127.0.0.1", timeout: float = 5.0) -> ConsoleClient:
        try:
            sock = socket.create_connection((host, port), timeout=timeout)
        except OSError as e:
            raise ConsoleUnavailable(f"no emulator console at {host}:{port}: {e.strerror or e}") from None
        try:
            return cls(sock, timeout)
        except BaseException:
            sock.close()
            raise

    def __enter__(self) -> ConsoleClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def authenticate(self, token: str) -> None:
        if not self.greeting.auth_required:
            return
        if not token:
            raise ConsoleAuthError("the console asks for a token and the token file is empty")
        self._sock.sendall(self._protocol.auth(token))
        reply = self._reply()
        if not reply.ok:
            # The console's KO text names the file, not the token; strip it anyway.
            raise ConsoleAuthError(f"console refused the auth token: {(reply.error or '').replace(token, '***')}")

    def run(self, command: str) -> Reply:
        return self.run_all([command])[0]

    def run_all(self, commands: Sequence[str]) -> list[Reply]:
        """Send all commands at once (pipelined) and return their replies; KO raises."""
        self._send(b"".join(self._protocol.command(c) for c in commands))
        replies = [self._reply() for _ in commands]
        for reply in replies:
            if not reply.ok:
                raise ConsoleCommandFailed(reply.command, reply.error or "")
        return replies

    def sensor_names(self) -> list[str]:
        """Sensors the device has (`sensor status` lines are `<name>: enabled.`)."""
        return [line.split(":", 1)[0].strip() for line in self.run("sensor status").lines if ":" in line]

    def sensor_get(self, name: str) -> tuple[float, ...]:
        reply = self.run(f"sensor get {name}")
        for line in reply.lines:
            label, eq, values = line.partition("=")
            if eq and label.strip() == name:
                try:
                    return tuple(float(v) for v in values.strip().split(":"))
                except ValueError:
                    break
        raise ConsoleProtocolError(f"unexpected reply to 'sensor get {name}': {list(reply.lines)!r}")

    def close(self) -> None:
        try:
            if self._protocol.state is State.OPEN:
                self._sock.sendall(self._protocol.command("quit"))
        except OSError:
            pass
        finally:
            self._sock.close()

    def _send(self, data: bytes) -> None:
        try:
            self._sock.sendall(data)
        except OSError as e:
            raise ConsoleUnavailable(f"the emulator console went away: {e.strerror or e}") from None

    def _reply(self) -> Reply:
        event = self._next()
        if not isinstance(event, Reply):
            raise ConsoleProtocolError("expected a reply from the emulator console")
        return event

    def _next(self) -> Event:
        while not self._events:
            try:
                data = self._sock.recv(65536)
            except TimeoutError:
                raise ConsoleUnavailable("the emulator console did not answer in time") from None
            except OSError as e:
                raise ConsoleUnavailable(f"the emulator console went away: {e.strerror or e}") from None
            self._events += self._protocol.receive_data(data) if data else self._protocol.receive_eof()
        event = self._events.pop(0)
        if isinstance(event, Closed):
            raise ConsoleUnavailable("the emulator console closed the connection")
        return event


def open_console(serial: str, *, host: str = "127.0.0.1", token_path: Path | None = None,
                 timeout: float = 5.0) -> ConsoleClient:
    """A console connection to an emulator serial, authenticated when the console asks for it."""
    client = ConsoleClient.connect(console_port(serial), host, timeout)
    try:
        if client.greeting.auth_required:
            client.authenticate(read_token(token_path))
        return client
    except BaseException:
        client.close()
        raise
