"""Permission-dialog recognition, safe hierarchy parsing, grant diffs, foreground changes."""

from __future__ import annotations

import pytest

from harness.clock import Stamp
from harness.device.session import Foreground
from harness.probes import (
    ForegroundTracker,
    HierarchyError,
    app_label,
    find_permission_dialog,
    parse_nodes,
    permission_group,
)
from harness.probes.grants import GrantSnapshot, diff, parse_runtime_permissions

PC = "com.android.permissioncontroller"


def _node(rid: str, text: str = "", package: str = PC, bounds: str = "[0,0][10,10]") -> str:
    return (f'<node index="0" text="{text}" resource-id="{rid}" class="android.widget.Button" package="{package}" '
            f'content-desc="" checked="false" clickable="true" enabled="true" bounds="{bounds}" />')


def _dialog(message: str, buttons: tuple[str, ...]) -> str:
    inner = _node(f"{PC}:id/permission_message", message) + "".join(
        _node(f"{PC}:id/{b}", b, bounds="[126,1483][954,1609]") for b in buttons)
    app = _node("", "同城生活", package="com.demo.perm.eager")
    return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">"
            f'<node index="0" text="" resource-id="" class="android.widget.FrameLayout" package="{PC}" '
            f'bounds="[0,0][1080,2400]">{inner}</node>{app}</hierarchy>')


@pytest.mark.parametrize(("message", "group", "label"), [
    ("Allow 同城生活 to access this device\u2019s location?", "LOCATION", "同城生活"),
    ("Allow <b>Maps</b> to access this device's location?", "LOCATION", "Maps"),
    ("Allow 扫码助手 to take pictures and record video?", "CAMERA", "扫码助手"),
    ("Allow Notes to access your contacts?", "CONTACTS", "Notes"),
    ("Allow Notes to record audio?", "MICROPHONE", "Notes"),
    ("Allow Dialer to access your phone call logs?", "CALL_LOG", "Dialer"),
    ("Allow Dialer to make and manage phone calls?", "PHONE", "Dialer"),
    ("Allow Gallery to access photos and videos on this device?", "READ_MEDIA_VISUAL", "Gallery"),
    ("Allow Files to access photos, media, and files on your device?", "STORAGE", "Files"),
    ("Allow Chat to send you notifications?", "NOTIFICATIONS", "Chat"),
    ("要允许“同城生活”访问此设备的位置信息吗？", "LOCATION", "同城生活"),
    ("要允许“扫码助手”拍摄照片和录制视频吗？", "CAMERA", "扫码助手"),
    ("要允许“笔记”访问您的通讯录吗？", "CONTACTS", "笔记"),
    ("要允许“电话”访问您的通话记录吗？", "CALL_LOG", "电话"),
    ("要允许“电话”拨打电话和管理通话吗？", "PHONE", "电话"),
    ("要允许“相册”访问此设备上的照片和视频吗？", "READ_MEDIA_VISUAL", "相册"),
])
def test_group_and_label_from_the_message(message, group, label):
    assert permission_group(message) == "android.permission-group." + group
    assert app_label(message) == label


def test_an_unknown_message_has_no_group():
    assert permission_group("Allow X to do something new?") is None


def test_dialog_is_recognised_with_its_buttons():
    xml = _dialog("Allow 同城生活 to access this device\u2019s location?",
                  ("permission_allow_foreground_only_button", "permission_allow_one_time_button",
                   "permission_deny_button"))
    dialog = find_permission_dialog(xml)
    assert dialog is not None and dialog.group == "android.permission-group.LOCATION"
    assert dialog.app_label == "同城生活" and dialog.controller == PC
    assert set(dialog.buttons) == {"permission_allow_foreground_only_button", "permission_allow_one_time_button",
                                   "permission_deny_button"}
    assert dialog.button("permission_deny_button").centre == (540, 1546)
    assert dialog.asked(["android.permission.ACCESS_FINE_LOCATION", "android.permission.CAMERA"]) == [
        "android.permission.ACCESS_FINE_LOCATION"]


def test_no_dialog_in_an_app_screen_or_in_an_app_imitating_the_ids():
    assert find_permission_dialog("<hierarchy>" + _node("", "hello", package="com.demo.a") + "</hierarchy>") is None
    fake = _node("com.demo.a:id/permission_message", "Allow A to access your contacts?", package="com.demo.a")
    assert find_permission_dialog(f"<hierarchy>{fake}</hierarchy>") is None


@pytest.mark.parametrize("xml", [
    '<?xml version="1.0"?><!DOCTYPE h [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><hierarchy>&b;</hierarchy>',
    '<!DOCTYPE hierarchy SYSTEM "file:///etc/passwd"><hierarchy/>',
    "<hierarchy><node",
    "not xml at all",
])
def test_hostile_or_broken_xml_is_refused_with_one_line(xml):
    with pytest.raises(HierarchyError) as e:
        find_permission_dialog(xml)
    assert "\n" not in str(e.value)


def test_nesting_is_capped():
    deep = "<hierarchy>" + '<node bounds="[0,0][1,1]">' * 50 + "</node>" * 50 + "</hierarchy>"
    assert len(parse_nodes(deep)) == 50
    with pytest.raises(HierarchyError, match="deeper than 20"):
        parse_nodes(deep, max_depth=20)


DUMP = """\
Packages:
  Package [com.demo.a] (d1bac32):
    install permissions:
      android.permission.INTERNET: granted=true
    User 0: ceDataInode=63107 installed=true
      runtime permissions:
        android.permission.ACCESS_FINE_LOCATION: granted=false, flags=[ USER_SENSITIVE_WHEN_GRANTED|USER_SENSITIVE_WHEN_DENIED]
        android.permission.CAMERA: granted={camera}, flags=[ {camera_flags}]
        android.permission.READ_CONTACTS: granted=false, flags=[ {contacts_flags}]
    User 10: ceDataInode=1 installed=true
      runtime permissions:
        android.permission.CAMERA: granted=true, flags=[ USER_SET]
"""
SENSITIVE = "USER_SENSITIVE_WHEN_GRANTED|USER_SENSITIVE_WHEN_DENIED"


def _snap(camera: str = "false", camera_flags: str = SENSITIVE, contacts_flags: str = SENSITIVE) -> GrantSnapshot:
    text = DUMP.format(camera=camera, camera_flags=camera_flags, contacts_flags=contacts_flags)
    return GrantSnapshot("com.demo.a", Stamp(0, None, 0), parse_runtime_permissions(text))


def test_runtime_permissions_of_user_0_only():
    snap = _snap()
    assert set(snap.grants) == {"android.permission.ACCESS_FINE_LOCATION", "android.permission.CAMERA",
                                "android.permission.READ_CONTACTS"}
    assert snap.granted("android.permission.CAMERA") is False
    assert "USER_SENSITIVE_WHEN_DENIED" in snap.grants["android.permission.CAMERA"].flags


def test_diff_shows_grants_denials_and_nothing_else():
    before = _snap()
    after = _snap(camera="true", camera_flags="USER_SET", contacts_flags="USER_SET|USER_FIXED")
    changes = {c.permission.rsplit(".", 1)[-1]: c.kind for c in diff(before, after)}
    assert changes == {"CAMERA": "granted", "READ_CONTACTS": "denied_dont_ask_again"}
    # a device that leaves the flags alone: the permissions the dialog asked about count as denied
    asked = ["android.permission.ACCESS_FINE_LOCATION"]
    assert [(c.permission, c.kind) for c in diff(before, before, asked)] == [
        ("android.permission.ACCESS_FINE_LOCATION", "denied")]
    assert diff(before, before) == []
    back = {c.permission.rsplit(".", 1)[-1]: c.kind for c in diff(after, before)}
    assert back["CAMERA"] == "revoked"


def test_foreground_tracker_reports_package_and_activity_jumps():
    tracker = ForegroundTracker()
    s = Stamp(0, 0, 0)
    a, a2, b = Foreground("com.a", ".Main"), Foreground("com.a", ".Other"), Foreground("com.b", ".Main")
    assert tracker.update(s, a).kind == "initial"
    assert tracker.update(s, a) is None
    assert tracker.update(s, a2).kind == "activity"
    change = tracker.update(s, b)
    assert (change.kind, change.before, change.after) == ("package", a2, b)
