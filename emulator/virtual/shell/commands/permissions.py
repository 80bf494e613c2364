"""Which permissions exist and which are runtime ("dangerous") ones, and their grant state.

The grant state lives in AndroidSystem (`runtime_grants`); everything the shell asks about
permissions goes through these functions.
"""

from __future__ import annotations

from ...android.system import AndroidSystem

_P = "android.permission."
RUNTIME_PERMISSIONS = frozenset(_P + p for p in (
    "READ_CALENDAR", "WRITE_CALENDAR", "CAMERA", "READ_CONTACTS", "WRITE_CONTACTS", "GET_ACCOUNTS",
    "ACCESS_FINE_LOCATION", "ACCESS_COARSE_LOCATION", "ACCESS_BACKGROUND_LOCATION", "RECORD_AUDIO",
    "READ_PHONE_STATE", "READ_PHONE_NUMBERS", "CALL_PHONE", "ANSWER_PHONE_CALLS", "READ_CALL_LOG",
    "WRITE_CALL_LOG", "ADD_VOICEMAIL", "USE_SIP", "BODY_SENSORS", "SEND_SMS", "RECEIVE_SMS",
    "READ_SMS", "RECEIVE_WAP_PUSH", "RECEIVE_MMS", "READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE",
    "READ_MEDIA_IMAGES", "READ_MEDIA_VIDEO", "READ_MEDIA_AUDIO", "READ_MEDIA_VISUAL_USER_SELECTED",
    "ACTIVITY_RECOGNITION", "POST_NOTIFICATIONS", "NEARBY_WIFI_DEVICES", "BLUETOOTH_SCAN",
    "BLUETOOTH_CONNECT", "BLUETOOTH_ADVERTISE", "UWB_RANGING", "ACCESS_MEDIA_LOCATION",
))
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
    grants = system.runtime_grants(package)
    if granted:
        grants.add(permission)
    else:
        grants.discard(permission)
    system.changed()
