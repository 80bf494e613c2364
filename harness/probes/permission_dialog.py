"""The runtime-permission grant dialog, recognised in a hierarchy dump by the permission
controller's package and resource ids; its permission group read from the message text
(AOSP PermissionController strings, en and zh-CN)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..hierarchy import Node, parse_nodes

CONTROLLER_PACKAGES = ("com.android.permissioncontroller", "com.google.android.permissioncontroller")
BUTTON_IDS = (
    "permission_allow_button", "permission_allow_foreground_only_button", "permission_allow_one_time_button",
    "permission_allow_always_button", "permission_allow_all_button", "permission_allow_selected_button",
    "permission_deny_button", "permission_deny_and_dont_ask_again_button", "permission_dont_allow_more_selected_button",
)
_G = "android.permission-group."
# First match wins, so the narrower phrase comes first (call logs before phone calls,
# photos and videos before photos, media and files).
GROUP_PHRASES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (_G + "LOCATION", ("location",), ("位置",)),
    (_G + "CAMERA", ("take pictures", "record video"), ("拍摄照片", "拍照", "录制视频")),
    (_G + "MICROPHONE", ("record audio",), ("录音", "录制音频")),
    (_G + "CONTACTS", ("contacts",), ("通讯录", "联系人")),
    (_G + "CALENDAR", ("calendar",), ("日历",)),
    (_G + "CALL_LOG", ("call log",), ("通话记录",)),
    (_G + "PHONE", ("phone calls",), ("拨打电话", "管理通话")),
    (_G + "SMS", ("sms",), ("短信",)),
    (_G + "SENSORS", ("vital signs", "body sensors"), ("生命体征", "身体传感器")),
    (_G + "ACTIVITY_RECOGNITION", ("physical activity",), ("身体活动",)),
    (_G + "READ_MEDIA_VISUAL", ("photos and videos",), ("照片和视频",)),
    (_G + "READ_MEDIA_AURAL", ("music and audio",), ("音乐和音频",)),
    (_G + "STORAGE", ("photos, media", "files on your device"), ("媒体内容和文件", "照片、媒体")),
    (_G + "NOTIFICATIONS", ("notifications",), ("通知",)),
    (_G + "NEARBY_DEVICES", ("nearby devices",), ("附近的设备",)),
)
_P = "android.permission."
# The platform's runtime permissions by group (frameworks/base/core/res/AndroidManifest.xml
# and PermissionController's mapping), to tell which permissions a dialog asked about.
GROUP_MEMBERS: dict[str, tuple[str, ...]] = {
    _G + "LOCATION": ("ACCESS_FINE_LOCATION", "ACCESS_COARSE_LOCATION", "ACCESS_BACKGROUND_LOCATION"),
    _G + "CAMERA": ("CAMERA",),
    _G + "MICROPHONE": ("RECORD_AUDIO",),
    _G + "CONTACTS": ("READ_CONTACTS", "WRITE_CONTACTS", "GET_ACCOUNTS"),
    _G + "CALENDAR": ("READ_CALENDAR", "WRITE_CALENDAR"),
    _G + "CALL_LOG": ("READ_CALL_LOG", "WRITE_CALL_LOG", "PROCESS_OUTGOING_CALLS"),
    _G + "PHONE": ("READ_PHONE_STATE", "READ_PHONE_NUMBERS", "CALL_PHONE", "ANSWER_PHONE_CALLS", "ADD_VOICEMAIL",
                   "USE_SIP", "ACCEPT_HANDOVER"),
    _G + "SMS": ("SEND_SMS", "RECEIVE_SMS", "READ_SMS", "RECEIVE_WAP_PUSH", "RECEIVE_MMS"),
    _G + "SENSORS": ("BODY_SENSORS", "BODY_SENSORS_BACKGROUND"),
    _G + "ACTIVITY_RECOGNITION": ("ACTIVITY_RECOGNITION",),
    _G + "READ_MEDIA_VISUAL": ("READ_MEDIA_IMAGES", "READ_MEDIA_VIDEO", "READ_MEDIA_VISUAL_USER_SELECTED"),
    _G + "READ_MEDIA_AURAL": ("READ_MEDIA_AUDIO",),
    _G + "STORAGE": ("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE", "ACCESS_MEDIA_LOCATION"),
    _G + "NOTIFICATIONS": ("POST_NOTIFICATIONS",),
    _G + "NEARBY_DEVICES": ("BLUETOOTH_SCAN", "BLUETOOTH_CONNECT", "BLUETOOTH_ADVERTISE", "NEARBY_WIFI_DEVICES",
                            "UWB_RANGING"),
}
GROUP_OF: dict[str, str] = {_P + p: group for group, members in GROUP_MEMBERS.items() for p in members}
_LABEL = (re.compile(r"^Allow (.+?) to ", re.S), re.compile(r"要允许[“\"「](.+?)[”\"」]", re.S))


@dataclass(frozen=True)
class DialogButton:
    id: str  # the resource id without the package, e.g. permission_deny_button
    text: str
    bounds: tuple[int, int, int, int] | None
    enabled: bool

    @property
    def centre(self) -> tuple[int, int] | None:
        if self.bounds is None:
            return None
        x0, y0, x1, y1 = self.bounds
        return (x0 + x1) // 2, (y0 + y1) // 2


@dataclass(frozen=True)
class PermissionDialog:
    controller: str  # the permission controller's package
    message: str
    group: str | None  # android.permission-group.X, None when the message is not recognised
    app_label: str | None  # the requesting app as the message names it
    buttons: dict[str, DialogButton]

    def button(self, id: str) -> DialogButton | None:
        return self.buttons.get(id)

    def asked(self, permissions: Iterable[str]) -> list[str]:
        """Those of `permissions` (e.g. the app's runtime permissions) this dialog asks about."""
        return [p for p in permissions if self.group is not None and GROUP_OF.get(p) == self.group]


def permission_group(message: str) -> str | None:
    """The permission group a grant-dialog message asks for, or None."""
    lowered = message.lower()
    for group, english, chinese in GROUP_PHRASES:
        if any(p in lowered for p in english) or any(p in message for p in chinese):
            return group
    return None


def app_label(message: str) -> str | None:
    for pattern in _LABEL:
        m = pattern.search(message.strip())
        if m:
            return re.sub(r"</?b>", "", m.group(1)).strip()
    return None


def find_permission_dialog(xml: str | bytes) -> PermissionDialog | None:
    """The grant dialog in a hierarchy dump, or None when none is on screen."""
    return dialog_from_nodes(parse_nodes(xml))


def dialog_from_nodes(nodes: list[Node]) -> PermissionDialog | None:
    ours = [n for n in nodes if n.package in CONTROLLER_PACKAGES]
    by_id = {n.resource_id.split(":id/", 1)[-1]: n for n in ours if ":id/" in n.resource_id}
    message = by_id.get("permission_message")
    if message is None:
        return None
    buttons = {i: DialogButton(i, n.text, n.bounds, n.enabled) for i, n in by_id.items() if i in BUTTON_IDS}
    return PermissionDialog(message.package, message.text, permission_group(message.text),
                            app_label(message.text), buttons)
