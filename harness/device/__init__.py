"""A device session over adbutils and uiautomator2, for any serial.

    from harness.device import DeviceSession
    s = DeviceSession.connect("emulator-5554")
    launch = s.cold_launch("com.example", clear=True)
"""

from .errors import (
    ApkError,
    CommandFailed,
    DeviceError,
    DeviceGone,
    DeviceNotFound,
    DeviceOffline,
    DeviceUnauthorized,
    PackageNotFound,
    WaitTimeout,
)
from .identity import AppIdentity, DeviceIdentity, Screen
from .session import DeviceSession, Foreground, Launch, check_online, device_state
from .wait import wait_until

__all__ = [
    "ApkError", "AppIdentity", "CommandFailed", "DeviceError", "DeviceGone", "DeviceIdentity", "DeviceNotFound",
    "DeviceOffline", "DeviceSession", "DeviceUnauthorized", "Foreground", "Launch", "PackageNotFound", "Screen",
    "WaitTimeout", "check_online", "device_state", "wait_until",
]
