"""The console connection as a sans-IO state machine: bytes in, reply bytes out.

Framing follows the emulator: '\\r' is dropped wherever it appears, '\\n' ends a line, and a
line that outgrows the 4096-byte buffer starts over. Each line is checked (HTTP request lines
and invalid UTF-8 end the connection) and then run against the current command table.
"""

from __future__ import annotations

from .commands import run_line
from .context import ConsoleConfig, Context, SensorPort

LINE_MAX = 4095  # the emulator's line buffer is 4096 bytes with the terminating NUL
_HTTP_METHODS = (b"GET", b"HEAD", b"POST", b"PUT", b"DELETE", b"TRACE", b"CONNECT")


class LineReader:
    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        *complete, partial = data.replace(b"\r", b"").split(b"\n")
        lines = []
        for piece in complete:
            lines.append(self._overflowed(self._buf + piece))
            self._buf = bytearray()
        self._buf = bytearray(self._overflowed(self._buf + partial))
        return lines

    @staticmethod
    def _overflowed(line: bytes | bytearray) -> bytes:
        # A full buffer is emptied before the next byte goes in.
        while len(line) > LINE_MAX:
            line = line[LINE_MAX:]
        return bytes(line)


def is_http_request_line(line: bytes) -> bool:
    """The emulator's test: a method, a blank, ..., and a last word starting "HTTP/"."""
    if not any(line.startswith(m) and line[len(m):len(m) + 1] in (b" ", b"\t") for m in _HTTP_METHODS):
        return False
    words = line.rstrip(b" \t").replace(b"\t", b" ").split(b" ")
    return len(words) > 1 and words[-1].startswith(b"HTTP/") and len(words[-1]) > 5


class ConsoleSession:
    """One console connection. The greeting is waiting in `data_to_send()` from the start."""

    def __init__(self, config: ConsoleConfig, sensors: SensorPort) -> None:
        self._ctx = Context(config, sensors)
        self._lines = LineReader()
        if self._ctx.authenticated:
            self._ctx.write("Android Console: type 'help' for a list of commands\r\nOK\r\n")
        else:
            self._ctx.write(
                "Android Console: Authentication required\r\n"
                "Android Console: type 'auth <auth_token>' to authenticate\r\n"
                "Android Console: you can find your <auth_token> in \r\n"
                f"'{config.token_path}'\r\nOK\r\n")

    @property
    def closed(self) -> bool:
        return self._ctx.finished

    @property
    def authenticated(self) -> bool:
        return self._ctx.authenticated

    def receive_data(self, data: bytes) -> list[bytes]:
        """Run every complete line in `data`; returns the lines run (bytes after a quit are
        dropped, as the emulator destroys the client at once)."""
        ran = []
        for line in self._lines.feed(data):
            if self.closed:
                break
            self._run(line.split(b"\0", 1)[0])  # the C string ends at the first NUL
            ran.append(line)
        return ran

    def data_to_send(self) -> bytes:
        return self._ctx.take_output()

    def _run(self, line: bytes) -> None:
        if is_http_request_line(line):
            self._ctx.write("KO: Forbidden HTTP request. Aborting\r\n")
            self._ctx.finished = True
            return
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            self._ctx.write("KO: Forbidden binary request. Aborting\r\n")
            self._ctx.finished = True
            return
        run_line(self._ctx, text)
