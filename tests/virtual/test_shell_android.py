"""Android command outputs, checked with the unmodified clients' own parsers."""

from __future__ import annotations

import asyncio
import re

import pytest
from adbutils._utils import list2cmdline
from adbutils.shell import ShellExtension

from emulator.virtual.android.apps import HelloApp
from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.shell import run
from emulator.virtual.shell.io import collecting_io

from .shell_helpers import sh

CAMERA = "android.permission.CAMERA"
INTERNET = "android.permission.INTERNET"


class ShellDevice(ShellExtension):
    """adbutils' shell-parsing methods, running on the virtual device's shell (like `shell:`)."""

    def __init__(self, system: AndroidSystem) -> None:
        self.system = system

    def shell(self, cmd):
        cmd = list2cmdline(cmd) if isinstance(cmd, (list, tuple)) else cmd
        io, out, _ = collecting_io()
        asyncio.run(run(self.system, cmd, io))  # adbutils v1 shell merges stderr; stdout is enough here
        return out.decode().rstrip()

    @property
    def sync(self):
        raise NotImplementedError


@pytest.fixture
def device() -> AndroidSystem:
    hello = HelloApp()
    hello.permissions = (INTERNET, CAMERA, "android.permission.ACCESS_FINE_LOCATION")
    return AndroidSystem(apps=[hello])


def test_adbutils_app_current_from_dumpsys_window(device):
    d = ShellDevice(device)
    info = d.app_current()
    assert (info.package, info.activity) == ("com.android.launcher3",
                                             "com.android.launcher3.uioverrides.QuickstepLauncher")
    d.app_start("com.example.hello")
    info = d.app_current()
    assert (info.package, info.activity) == ("com.example.hello", "com.example.hello.MainActivity")


def test_app_current_fallbacks_parse(device):
    device.launch("com.example.hello")
    out = sh(device, "dumpsys activity activities")[1]
    m = re.search(r"mResumedActivity: ActivityRecord\{.*?\s+(?P<package>[^\s]+)/(?P<activity>[^\s]+)\s.*?\}", out)
    assert m and m.group("package") == "com.example.hello"
    assert "topResumedActivity=ActivityRecord{" in out
    top = sh(device, "dumpsys activity top")[1]
    m = re.search(r"ACTIVITY (?P<package>[^\s]+)/(?P<activity>[^/\s]+) \w+ pid=(?P<pid>\d+)", top)
    assert m and m.group("activity") == ".MainActivity"
    assert int(m.group("pid")) == device.processes["com.example.hello"].pid


def test_window_size_and_rotation(device):
    d = ShellDevice(device)
    assert tuple(d.window_size()) == (1080, 2400)
    assert sh(device, "wm density")[1] == "Physical density: 420\n"
    assert d.rotation() == 0
    device.set_rotation(1)
    assert d.rotation() == 1
    assert tuple(d.window_size()) == (2400, 1080)
    from adbutils.shell import _DISPLAY_RE
    m = next(filter(None, map(_DISPLAY_RE.match, sh(device, "dumpsys display")[1].splitlines())))
    assert (m.group("orientation"), m.group("width"), m.group("height")) == ("1", "2400", "1080")


def test_getprop(device):
    d = ShellDevice(device)
    assert d.getprop("ro.build.version.sdk") == "34"
    assert d.getprop("no.such.prop") == ""
    lines = sh(device, "getprop")[1].splitlines()
    assert "[ro.product.model]: [Harness Virtual Android]" in lines and "[ro.harness.virtual]: [1]" in lines
    assert sh(device, "setprop debug.x 1; getprop debug.x")[1] == "1\n"
    status, _, err = sh(device, "setprop ro.build.version.sdk 1")
    assert status == 1 and "Failed to set property 'ro.build.version.sdk' to '1'." in err


def test_packages(device):
    d = ShellDevice(device)
    assert d.list_packages() == ["android", "com.android.launcher3", "com.android.permissioncontroller",
                                 "com.example.hello"]
    assert d.list_packages(["-3"]) == ["com.example.hello"]
    assert d.list_packages(["-s"]) == ["android", "com.android.launcher3", "com.android.permissioncontroller"]
    info = d.app_info("com.example.hello")
    assert info.version_name == "1.0.0" and info.version_code == 100
    assert info.path == device.apk_path("com.example.hello")
    assert info.first_install_time is not None and info.signature
    assert d.app_info("com.nope") is None
    assert sh(device, "pm path com.nope") == (1, "", "")


def test_runtime_permissions_and_uiautomator2_auto_grant(device):
    dump = sh(device, "dumpsys package com.example.hello")[1]
    assert re.search(r"versionCode=100 minSdk=\d+ targetSdk=34", dump)
    assert f"    requested permissions:\n      {INTERNET}\n      {CAMERA}" in dump
    assert f"      {INTERNET}: granted=true" in dump
    # uiautomator2's own regex picks the runtime permissions to grant.
    wanted = re.findall(r"(android\.\w*\.?permission\.\w+): granted=false", dump)
    assert wanted == [CAMERA, "android.permission.ACCESS_FINE_LOCATION"]
    for p in wanted:
        assert sh(device, f"pm grant com.example.hello {p}") == (0, "", "")
    dump = sh(device, "dumpsys package com.example.hello")[1]
    assert f"{CAMERA}: granted=true, flags=[ USER_SET]" in dump
    assert sh(device, f"pm revoke com.example.hello {CAMERA}")[0] == 0
    assert f"{CAMERA}: granted=false" in sh(device, "dumpsys package com.example.hello")[1]


@pytest.mark.parametrize("args, error", [
    (f"com.nope {CAMERA}", "java.lang.IllegalArgumentException: Unknown package: com.nope"),
    ("com.example.hello android.permission.FOO", "java.lang.IllegalArgumentException: Unknown permission: android.permission.FOO"),
    ("com.example.hello android.permission.RECORD_AUDIO",
     "java.lang.SecurityException: Package com.example.hello has not requested permission android.permission.RECORD_AUDIO"),
    (f"com.example.hello {INTERNET}",
     f"java.lang.SecurityException: Permission {INTERNET} requested by com.example.hello is not a changeable permission type"),
])
def test_pm_grant_errors(device, args, error):
    status, out, err = sh(device, f"pm grant {args}")
    assert status == 255 and out == ""
    assert err.startswith(f"Exception occurred while executing 'grant':\n{error}\n\tat ")


def test_pm_clear_resets_state_and_grants(device):
    device.launch("com.example.hello")
    device.apps["com.example.hello"].state["taps"] = 3
    sh(device, f"pm grant com.example.hello {CAMERA}")
    assert sh(device, "pm clear com.example.hello") == (0, "Success\n", "")
    assert device.apps["com.example.hello"].state == {}
    assert "com.example.hello" not in device.processes
    assert CAMERA not in device.runtime_grants("com.example.hello")
    assert sh(device, "pm clear com.nope") == (1, "Failed\n", "")


def test_monkey_and_am(device):
    status, out, _ = sh(device, "monkey -p com.example.hello -c android.intent.category.LAUNCHER 1")
    assert status == 0 and "Events injected: 1\n" in out
    assert device.foreground().package == "com.example.hello"
    status, out, _ = sh(device, "monkey -p com.nope -c android.intent.category.LAUNCHER 1")
    assert status != 0 and out.endswith("** No activities found to run, monkey aborted.\n")
    sh(device, "am force-stop com.example.hello")
    assert device.foreground().package == "com.android.launcher3"
    status, out, _ = sh(device, "am start -W -n com.example.hello/.MainActivity")
    lines = out.splitlines()
    assert lines[0] == "Starting: Intent { cmp=com.example.hello/.MainActivity }"
    assert lines[1:4] == ["Status: ok", "LaunchState: COLD", "Activity: com.example.hello/.MainActivity"]
    assert re.match(r"TotalTime: \d+$", lines[4]) and re.match(r"WaitTime: \d+$", lines[5])
    assert lines[6] == "Complete"
    status, out, err = sh(device, "am start -n com.example.hello/.Nope")
    assert err == ("Error type 3\nError: Activity class {com.example.hello/com.example.hello.Nope} "
                   "does not exist.\n")
    out = sh(device, "am start -a android.intent.action.MAIN -c android.intent.category.LAUNCHER "
                     "-n com.example.hello/com.example.hello.MainActivity")[1]
    assert out == ("Starting: Intent { act=android.intent.action.MAIN cat=[android.intent.category.LAUNCHER]"
                   " cmp=com.example.hello/.MainActivity }\n")


def test_ps_and_pidof_as_uiautomator2_reads_them(device):
    device.launch("com.example.hello")
    pid = device.processes["com.example.hello"].pid
    out = sh(device, "ps -A")[1]
    header, *rows = out.strip().splitlines()
    assert header.split() == ["USER", "PID", "PPID", "VSZ", "RSS", "WCHAN", "ADDR", "S", "NAME"]
    found = [int(f[1]) for f in (r.split() for r in rows) if len(f) >= 9 and f[-1] == "com.example.hello"]
    assert found == [pid]
    assert sh(device, "pidof com.example.hello") == (0, f"{pid}\n", "")
    assert sh(device, "pidof com.nope")[0] == 1
    assert sh(device, "ps -A -o PID,NAME | grep hello")[1].split() == [str(pid), "com.example.hello"]


def test_input_drives_the_device(device):
    d = ShellDevice(device)
    device.launch("com.example.hello")
    button = next(v for w in device.screen().windows for v in w.root.walk()
                  if v.resource_id.endswith("id/button"))
    d.click(*button.bounds.center)
    assert device.apps["com.example.hello"].state["taps"] == 1
    d.keyevent("KEYCODE_BACK")
    assert device.foreground().package == "com.android.launcher3"
    assert sh(device, "input keyevent NOPE")[0] == 1
    assert sh(device, "input swipe 1 2 3 4 10")[0] == 0


def test_settings(device):
    assert sh(device, "settings get system screen_brightness")[1] == "102\n"  # emulator default
    assert sh(device, "settings get system no_such_key")[1] == "null\n"
    assert sh(device, "settings put system screen_brightness 80; settings get system screen_brightness")[1] == "80\n"
    assert "screen_brightness=80\n" in sh(device, "settings list system")[1]
    assert sh(device, "settings get nonsense x")[0] == 255


def test_dumpsys_misc(device):
    d = ShellDevice(device)
    assert d.is_screen_on()
    assert d.battery().level == 100
    assert sh(device, "dumpsys nosuch") == (0, "", "Can't find service: nosuch\n")
