"""What can go wrong talking to an emulator console. Messages never carry the auth token."""

from __future__ import annotations


class ConsoleError(RuntimeError):
    """Base of every console failure."""


class ConsoleUnavailable(ConsoleError):
    """No console to talk to: a physical phone, a closed port, or a device that went away."""


class ConsoleAuthError(ConsoleError):
    """The console wants a token and the one we have was refused, or there is none."""


class ConsoleCommandFailed(ConsoleError):
    """The console answered `KO: …` to a command."""

    def __init__(self, command: str, message: str) -> None:
        super().__init__(f"console refused {command!r}: {message}")
        self.command = command
        self.message = message


class ConsoleProtocolError(ConsoleError):
    """The peer does not speak the console protocol (or closed mid-reply)."""
