"""Typed device errors whose message is one line fit to print as is."""

from __future__ import annotations


class DeviceError(Exception):
    """Anything that stops the harness from using a device or an app on it."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))  # one line, whatever the cause text held


class DeviceNotFound(DeviceError):
    pass


class DeviceOffline(DeviceError):
    pass


class DeviceUnauthorized(DeviceError):
    pass


class DeviceGone(DeviceError):
    """The device was there and stopped answering."""


class PackageNotFound(DeviceError):
    pass


class ApkError(DeviceError):
    pass


class CommandFailed(DeviceError):
    pass


class WaitTimeout(DeviceError):
    pass
