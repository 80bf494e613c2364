"""The emulator console as seen by a client, sans-IO: commands out as bytes, bytes in as events.

The console speaks CRLF-terminated text lines. On connect it greets with a few lines ending in
`OK` (mentioning "Authentication required" when it wants `auth <token>`); every command is then
answered by zero or more lines and a last line that is `OK` or `KO: <message>`, in order, so
commands may be pipelined. `quit` is answered by closing the connection.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import Enum

AUTH = "auth"  # the only command whose arguments are secret


@dataclass(frozen=True)
class Greeting:
    auth_required: bool
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Reply:
    command: str  # as sent, except that `auth` is never stored with its token
    ok: bool
    lines: tuple[str, ...]  # the lines before OK/KO
    error: str | None = None  # the KO message


@dataclass(frozen=True)
class Closed:
    unanswered: tuple[str, ...]  # commands sent but never answered (a `quit` is expected here)


Event = Greeting | Reply | Closed


class State(Enum):
    GREETING = "greeting"
    OPEN = "open"
    CLOSED = "closed"


class ConsoleProtocol:
    def __init__(self) -> None:
        self.state = State.GREETING
        self._buffer = b""
        self._lines: list[str] = []  # lines of the reply being read
        self._pending: deque[str] = deque()

    @property
    def pending(self) -> int:
        return len(self._pending)

    def command(self, line: str) -> bytes:
        """The bytes that send `line`; its reply will come back as a `Reply` event."""
        if line.split(" ", 1)[0] == AUTH:
            raise ValueError("use auth() to send a token")
        return self._queue(line, line)

    def auth(self, token: str) -> bytes:
        return self._queue(AUTH, f"{AUTH} {token}")

    def _queue(self, label: str, line: str) -> bytes:
        if self.state is State.CLOSED:
            raise ValueError("the console connection is closed")
        if "\n" in line or "\r" in line or "\0" in line:
            raise ValueError("a console command is one line")
        self._pending.append(label)
        return line.encode("utf-8") + b"\r\n"

    def receive_data(self, data: bytes) -> list[Event]:
        if self.state is State.CLOSED:
            return []
        *complete, self._buffer = (self._buffer + data).split(b"\n")
        events: list[Event] = []
        for raw in complete:
            event = self._line(raw.replace(b"\r", b"").decode("utf-8", "replace"))
            if event is not None:
                events.append(event)
        return events

    def receive_eof(self) -> list[Event]:
        if self.state is State.CLOSED:
            return []
        self.state = State.CLOSED
        unanswered = tuple(self._pending)
        self._pending.clear()
        return [Closed(unanswered)]

    def _line(self, text: str) -> Event | None:
        ended = text == "OK" or text.startswith("KO")
        if not ended:
            self._lines.append(text)
            return None
        lines, self._lines = tuple(self._lines), []
        if self.state is State.GREETING:
            self.state = State.OPEN
            return Greeting(any("Authentication required" in line for line in lines), lines)
        # A reply nobody asked for (e.g. after a garbled exchange) is kept visible, not dropped.
        command = self._pending.popleft() if self._pending else ""
        error = None if text == "OK" else text[2:].lstrip(":").strip()
        return Reply(command, error is None, lines, error)
