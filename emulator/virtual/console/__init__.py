"""The Android emulator console: the line-based text protocol on the emulator's even port."""

from .server import start_console

__all__ = ["start_console"]
