"""The runtime permission dialog: AOSP ids and texts, real taps, grant state, results, logcat."""

from __future__ import annotations

from emulator.virtual.android.apps import HelloApp
from emulator.virtual.android.hierarchy import UiNode, dump_xml
from emulator.virtual.android.keys import KEYCODES
from emulator.virtual.android.permission_controller import GRANT_ACTIVITY
from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.shell.commands.window import focus_lines
from emulator.virtual.uia2 import selector

from .shell_helpers import sh

PKG = "com.example.hello"
PC = "com.android.permissioncontroller"
LOCATION = ["android.permission.ACCESS_FINE_LOCATION", "android.permission.ACCESS_COARSE_LOCATION"]
CAMERA = "android.permission.CAMERA"
CONTACTS = "android.permission.READ_CONTACTS"


def system_with_permissions() -> AndroidSystem:
    app = HelloApp()
    app.permissions = (*LOCATION, CAMERA, CONTACTS, "android.permission.INTERNET")
    system = AndroidSystem(apps=[app])
    system.launch(PKG)
    return system


def node(system: AndroidSystem, rid: str) -> UiNode | None:
    found = selector.find_all(system.screen(), {"mask": 0x200000, "resourceId": f"{PC}:id/{rid}"})
    return found[0] if found else None


def tap(system: AndroidSystem, rid: str) -> None:
    found = node(system, rid)
    assert found is not None, f"no {rid} on screen"
    assert system.tap(*found.visible.center)


def test_dialog_appears_with_aosp_ids_and_text_and_allow_grants_the_group():
    system = system_with_permissions()
    results: list[dict[str, bool]] = []
    system.request_permissions(PKG, [*LOCATION, "android.permission.INTERNET"], results.append)
    xml = dump_xml(system.screen())
    assert f'resource-id="{PC}:id/permission_message"' in xml
    assert "Allow Hello to access this device\u2019s location?" in xml
    for rid, text in (("permission_allow_foreground_only_button", "While using the app"),
                      ("permission_allow_one_time_button", "Only this time"),
                      ("permission_deny_button", "Don\u2019t allow")):
        assert node(system, rid).view.text == text
    assert node(system, "permission_allow_button") is None  # location offers foreground options
    assert system.foreground().activity == GRANT_ACTIVITY
    assert focus_lines(system)[0].endswith(f" u0 {PC}/{GRANT_ACTIVITY}}}")

    tap(system, "permission_allow_foreground_only_button")
    system.tick()
    assert results == [{LOCATION[0]: True, LOCATION[1]: True, "android.permission.INTERNET": True}]
    assert set(LOCATION) <= system.runtime_grants(PKG)
    assert system.foreground().package == PKG
    assert node(system, "permission_message") is None
    out = sh(system, f"dumpsys package {PKG}")[1]
    assert f"{LOCATION[0]}: granted=true" in out
    assert f"{CAMERA}: granted=false" in out
    lines = [e.message for e in system.logcat.entries() if e.tag == "GrantPermissionsViewModel"]
    assert any(f"callingPackage={PKG} permission={LOCATION[0]} isImplicit=false result=4" in m for m in lines)


def test_two_groups_come_one_after_the_other_and_deny_is_reported():
    system = system_with_permissions()
    results: list[dict[str, bool]] = []
    system.request_permissions(PKG, [CONTACTS, CAMERA], results.append)
    assert node(system, "permission_message").view.text == "Allow Hello to access your contacts?"
    assert node(system, "permission_allow_button").view.text == "Allow"
    tap(system, "permission_allow_button")
    system.tick()
    assert not results
    assert node(system, "permission_message").view.text == "Allow Hello to take pictures and record video?"
    tap(system, "permission_deny_button")
    system.tick()
    assert results == [{CONTACTS: True, CAMERA: False}]
    assert system.runtime_grants(PKG) == {CONTACTS}


def test_granted_permissions_need_no_dialog_and_undeclared_ones_are_denied():
    system = system_with_permissions()
    system.set_permission(PKG, CAMERA, True)
    results: list[dict[str, bool]] = []
    system.request_permissions(PKG, [CAMERA, "android.permission.RECORD_AUDIO"], results.append)
    assert node(system, "permission_message") is None
    system.tick()
    assert results == [{CAMERA: True, "android.permission.RECORD_AUDIO": False}]


def test_back_denies_and_a_second_denial_means_dont_ask_again():
    system = system_with_permissions()
    results: list[dict[str, bool]] = []
    system.request_permissions(PKG, [CAMERA], results.append)
    system.press_key(KEYCODES["KEYCODE_BACK"])
    system.tick()
    assert results == [{CAMERA: False}]
    system.request_permissions(PKG, [CAMERA], results.append)
    tap(system, "permission_deny_button")
    system.request_permissions(PKG, [CAMERA], results.append)
    # Android 11+: once denied, the next dialog's deny is "don't ask again"
    tap(system, "permission_deny_and_dont_ask_again_button")
    system.request_permissions(PKG, [CAMERA], results.append)
    assert node(system, "permission_message") is None  # user-fixed: no dialog any more
    system.tick()
    assert results[-1] == {CAMERA: False} and len(results) == 4
    sh(system, f"pm clear {PKG}")
    system.launch(PKG)
    system.request_permissions(PKG, [CAMERA], results.append)
    assert node(system, "permission_deny_button") is not None


def test_chinese_locale_switches_the_dialog_texts():
    system = system_with_permissions()
    system.props["persist.sys.locale"] = "zh-CN"
    system.request_permissions(PKG, LOCATION, lambda r: None)
    assert node(system, "permission_message").view.text == "要允许“Hello”访问此设备的位置信息吗？"
    assert node(system, "permission_allow_foreground_only_button").view.text == "仅在使用该应用时允许"
    assert node(system, "permission_allow_one_time_button").view.text == "仅限这一次"
    assert node(system, "permission_deny_button").view.text == "不允许"


def test_revoking_a_granted_permission_kills_the_running_app():
    system = system_with_permissions()
    system.set_permission(PKG, CAMERA, True)
    pid = system.processes[PKG].pid
    sh(system, f"pm revoke {PKG} {CAMERA}")
    assert PKG not in system.processes
    assert system.foreground().package == system.launcher.package
    messages = [e.message for e in system.logcat.entries()]
    assert f"Killing {pid}:{PKG}/u0a100 (adj 0): permissions revoked" in messages
