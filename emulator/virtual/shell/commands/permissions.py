"""Which permissions exist and which are runtime ("dangerous") ones, and their grant state.

The grant state lives in AndroidSystem (`runtime_grants`); everything the shell asks about
permissions goes through these functions.
"""

from __future__ import annotations

from ...android.permission_groups import RUNTIME_PERMISSIONS
from ...android.system import AndroidSystem

_P = "android.permission."
INSTALL_PERMISSIONS = frozenset(_P + p for p in (
    "INTERNET", "ACCESS_NETWORK_STATE", "ACCESS_WIFI_STATE", "CHANGE_WIFI_STATE", "WAKE_LOCK",
    "VIBRATE", "FOREGROUND_SERVICE", "RECEIVE_BOOT_COMPLETED", "BLUETOOTH", "BLUETOOTH_ADMIN",
    "NFC", "REQUEST_INSTALL_PACKAGES", "SYSTEM_ALERT_WINDOW", "QUERY_ALL_PACKAGES",
    "SCHEDULE_EXACT_ALARM", "USE_BIOMETRIC", "USE_FINGERPRINT", "MODIFY_AUDIO_SETTINGS",
))


def is_runtime(permission: str) -> bool:
    return permission in RUNTIME_PERMISSIONS


def is_known(system: AndroidSystem, permission: str) -> bool:
    """Platform permissions, plus any an installed app declares (apps may define their own)."""
    return (permission in RUNTIME_PERMISSIONS or permission in INSTALL_PERMISSIONS
            or any(permission in app.permissions for app in system.apps.values()))


def requested(system: AndroidSystem, package: str) -> tuple[str, ...]:
    return system.apps[package].permissions


def is_granted(system: AndroidSystem, package: str, permission: str) -> bool:
    """Install-time permissions are granted at install; runtime ones only once granted."""
    if not is_runtime(permission):
        return permission in requested(system, package)
    return permission in system.runtime_grants(package)


def set_granted(system: AndroidSystem, package: str, permission: str, granted: bool) -> None:
    system.set_permission(package, permission, granted)
