"""Runtime ("dangerous") permissions, the platform group each belongs to, and what the
permission controller's grant dialog says for a group (PermissionController strings, en-US and
zh-CN). The dialog asks once per group, so this mapping decides how many dialogs a request makes.
"""

from __future__ import annotations

from dataclasses import dataclass

_P = "android.permission."


@dataclass(frozen=True)
class PermissionGroup:
    name: str  # android.permission-group.X
    request_en: str  # the action after "Allow <app> to …?"
    request_zh: str  # the action inside "要允许“<app>”…吗？"
    foreground_only: bool = False  # "While using the app" / "Only this time" instead of "Allow"


def _group(short: str, en: str, zh: str, foreground_only: bool = False) -> PermissionGroup:
    return PermissionGroup("android.permission-group." + short, en, zh, foreground_only)


LOCATION = _group("LOCATION", "access this device\u2019s location", "访问此设备的位置信息", True)
CAMERA = _group("CAMERA", "take pictures and record video", "拍摄照片和录制视频", True)
MICROPHONE = _group("MICROPHONE", "record audio", "录音", True)
CONTACTS = _group("CONTACTS", "access your contacts", "访问您的通讯录")
CALENDAR = _group("CALENDAR", "access your calendar", "访问您的日历")
PHONE = _group("PHONE", "make and manage phone calls", "拨打电话和管理通话")
CALL_LOG = _group("CALL_LOG", "access your phone call logs", "访问您的通话记录")
SMS = _group("SMS", "send and view SMS messages", "发送和查看短信")
SENSORS = _group("SENSORS", "access sensor data about your vital signs", "获取有关您生命体征的传感器数据")
ACTIVITY_RECOGNITION = _group("ACTIVITY_RECOGNITION", "access your physical activity", "获取您的身体活动数据")
STORAGE = _group("STORAGE", "access photos, media, and files on your device", "访问您设备上的照片、媒体内容和文件")
READ_MEDIA_VISUAL = _group("READ_MEDIA_VISUAL", "access photos and videos on this device",
                           "访问此设备上的照片和视频")
READ_MEDIA_AURAL = _group("READ_MEDIA_AURAL", "access music and audio on this device", "访问此设备上的音乐和音频")
NOTIFICATIONS = _group("NOTIFICATIONS", "send you notifications", "向您发送通知")
NEARBY_DEVICES = _group("NEARBY_DEVICES",
                        "find, connect to, and determine the relative position of nearby devices",
                        "查找附近的设备、连接到这些设备并确定其相对位置")

GROUP_OF: dict[str, PermissionGroup] = {
    _P + name: group for group, names in (
        (LOCATION, ("ACCESS_FINE_LOCATION", "ACCESS_COARSE_LOCATION", "ACCESS_BACKGROUND_LOCATION")),
        (CAMERA, ("CAMERA",)),
        (MICROPHONE, ("RECORD_AUDIO",)),
        (CONTACTS, ("READ_CONTACTS", "WRITE_CONTACTS", "GET_ACCOUNTS")),
        (CALENDAR, ("READ_CALENDAR", "WRITE_CALENDAR")),
        (PHONE, ("READ_PHONE_STATE", "READ_PHONE_NUMBERS", "CALL_PHONE", "ANSWER_PHONE_CALLS",
                 "ADD_VOICEMAIL", "USE_SIP")),
        (CALL_LOG, ("READ_CALL_LOG", "WRITE_CALL_LOG")),
        (SMS, ("SEND_SMS", "RECEIVE_SMS", "READ_SMS", "RECEIVE_WAP_PUSH", "RECEIVE_MMS")),
        (SENSORS, ("BODY_SENSORS",)),
        (ACTIVITY_RECOGNITION, ("ACTIVITY_RECOGNITION",)),
        (STORAGE, ("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE", "ACCESS_MEDIA_LOCATION")),
        (READ_MEDIA_VISUAL, ("READ_MEDIA_IMAGES", "READ_MEDIA_VIDEO", "READ_MEDIA_VISUAL_USER_SELECTED")),
        (READ_MEDIA_AURAL, ("READ_MEDIA_AUDIO",)),
        (NOTIFICATIONS, ("POST_NOTIFICATIONS",)),
        (NEARBY_DEVICES, ("NEARBY_WIFI_DEVICES", "BLUETOOTH_SCAN", "BLUETOOTH_CONNECT",
                          "BLUETOOTH_ADVERTISE", "UWB_RANGING")),
    ) for name in names
}
RUNTIME_PERMISSIONS = frozenset(GROUP_OF)


def by_group(permissions: list[str]) -> list[tuple[PermissionGroup, list[str]]]:
    """Runtime permissions grouped in the order their groups are first requested."""
    groups: dict[str, tuple[PermissionGroup, list[str]]] = {}
    for permission in permissions:
        group = GROUP_OF.get(permission)
        if group is not None:
            groups.setdefault(group.name, (group, []))[1].append(permission)
    return list(groups.values())
