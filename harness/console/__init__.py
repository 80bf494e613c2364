"""Client of the Android emulator console (the text protocol on an emulator's even port)."""

from .client import ConsoleClient, console_port, open_console, read_token
from .errors import ConsoleAuthError, ConsoleCommandFailed, ConsoleError, ConsoleProtocolError, ConsoleUnavailable
from .protocol import Closed, ConsoleProtocol, Greeting, Reply

__all__ = [
    "Closed", "ConsoleAuthError", "ConsoleClient", "ConsoleCommandFailed", "ConsoleError", "ConsoleProtocol",
    "ConsoleProtocolError", "ConsoleUnavailable", "Greeting", "Reply", "console_port", "open_console", "read_token",
]
