"""The demo apps on a device started with `--install all`, driven and observed only through
adb, uiautomator2 and the emulator console; each asserts what the app's truth file says, at
the times it says."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Callable

import numpy as np
import pytest
import uiautomator2 as u2

from emulator.virtual.apps.catalog import DEMO_DIR, TRUTH_FILE, demo_packages
from emulator.virtual.apps.loader import load_app, load_truth

from ..conftest import start_device, stop_device
from .test_console import Console

GRAVITY = "0:9.77622:0.813417"  # the console's rest value for acceleration


def truth(package: str):
    return load_truth(DEMO_DIR / package / TRUTH_FILE)


@pytest.fixture(scope="module")
def device(adb_server, tmp_path_factory, console_token):
    proc = start_device(adb_server, tmp_path_factory.mktemp("demo-device"), console_token, install="all")
    yield proc
    stop_device(proc)


@pytest.fixture(scope="module")
def d(device):
    client = u2.connect(device.serial)
    yield client
    client.stop_uiautomator()


@pytest.fixture(scope="module")
def console(device, console_token):
    c = Console(device.console_port)
    c.read_until_status()
    assert c.cmd(f"auth {console_token}")[-1] == "OK"
    yield c
    c.cmd(f"sensor set acceleration {GRAVITY}")
    c.sock.close()


def wait_for(condition: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def sleep_until(t: float) -> None:
    time.sleep(max(0.0, t - time.monotonic()))


def launch(d: u2.Device, package: str) -> float:
    """Start the app cold; the monotonic time just before the start."""
    d.app_stop(package)
    started = time.monotonic()
    d.app_start(package)
    return started


def texts(d: u2.Device) -> set[str]:
    return {n.get("text") for n in ET.fromstring(d.dump_hierarchy().encode()).iter("node")}


def test_every_demo_app_is_installed_and_on_the_launcher(d, adb_server, device):
    listed = adb_server.run("shell", "pm list packages", serial=device.serial).stdout.split()
    packages = demo_packages()
    assert len(packages) == 35
    assert {f"package:{p}" for p in packages} <= set(listed)
    assert "package:com.example.hello" in listed
    d.press("home")
    shown = texts(d)
    missing = [p for p in packages if load_app(DEMO_DIR / p / "app.yaml").label not in shown]
    assert missing == []


@pytest.mark.parametrize("package", demo_packages())
def test_every_demo_app_launches_and_renders(d, package):
    d.press("home")
    home = np.asarray(d.screenshot()).astype(int)
    launch(d, package)
    # perm.eager's permission dialog (another package) may already be on top of it
    assert wait_for(lambda: d.app_current()["package"] in (package, "com.android.permissioncontroller"), 2)
    shot = np.asarray(d.screenshot()).astype(int)
    assert shot.shape[:2] == (2400, 1080)
    assert np.abs(shot - home).mean() > 5  # the app's own pixels, not the launcher's
    d.app_stop(package)


def test_lateskip_has_no_skip_control_until_its_time(d):
    t = truth("com.demo.splash.lateskip")
    appears = t.timeline_ms["skip_visible"] / 1000
    x0, y0, x1, y1 = t.controls["skip"].bounds
    started = launch(d, "com.demo.splash.lateskip")
    sleep_until(started + 1.0)
    assert not d(text="跳过广告").exists
    before = np.asarray(d.screenshot())[y0:y1, x0:x1].astype(int)
    sleep_until(started + appears + 0.5)
    assert d(text="跳过广告").exists
    after = np.asarray(d.screenshot())[y0:y1, x0:x1].astype(int)
    assert np.abs(after - before).mean() > 20  # the control is drawn where the truth file says


def test_deadskip_ignores_taps_until_its_countdown_ends(d):
    t = truth("com.demo.splash.deadskip")
    effective = t.timeline_ms["skip_effective"] / 1000
    x, y = _centre(t.controls["skip"].bounds)
    started = launch(d, "com.demo.splash.deadskip")
    sleep_until(started + 1.0)
    assert d(textContains="跳过").exists
    d.click(x, y)
    time.sleep(0.3)
    assert d.app_current()["activity"].endswith("SplashActivity")
    assert d(textContains="跳过").exists
    sleep_until(started + effective + 0.5)
    d.click(x, y)
    assert wait_for(lambda: d.app_current()["activity"].endswith("HomeActivity"), 1)
    assert t.timeline_ms["splash_auto_closes"] / 1000 > time.monotonic() - started  # the tap did it


def test_hotspot_tap_outside_skip_opens_another_package(d):
    launch(d, "com.demo.splash.hotspot")
    assert wait_for(lambda: d(text="跳过").exists, 1)
    d.click(540, 900)  # the middle of the ad, far from the skip button
    assert wait_for(lambda: d.app_current()["package"] == "com.demo.partner", 1)
    assert d(text="限时优惠 立即下载").exists


def test_popup_ok_closes_with_its_drawn_only_x(d):
    t = truth("com.demo.popup.ok")
    launch(d, "com.demo.popup.ok")
    assert wait_for(lambda: d(text="立即领取").exists, t.timeline_ms["popup_shown"] / 1000 + 1)
    x0, y0, x1, y1 = t.controls["close_x"].bounds
    assert f'bounds="[{x0},{y0}][{x1},{y1}]"' not in d.dump_hierarchy()  # the X has no node
    d.click(*_centre(t.controls["close_x"].bounds))
    assert wait_for(lambda: not d(text="立即领取").exists, 1)
    assert d.app_current()["package"] == "com.demo.popup.ok"


def test_popup_noclose_survives_back(d):
    launch(d, "com.demo.popup.noclose")
    assert wait_for(lambda: d(text="我知道了").exists, 1)
    d.press("back")
    time.sleep(0.2)
    assert d(text="我知道了").exists
    assert d.app_current()["package"] == "com.demo.popup.noclose"


def test_popup_fakeclose_x_opens_the_advert(d):
    t = truth("com.demo.popup.fakeclose")
    launch(d, "com.demo.popup.fakeclose")
    assert wait_for(lambda: d(text="立即下载").exists, 1.5)
    d.click(*_centre(t.controls["close_x"].bounds))
    assert wait_for(lambda: d(resourceId="com.demo.popup.fakeclose:id/advert_title").exists, 1)


def test_shake_sensitive_jumps_on_a_light_shake_and_not_when_calm(d, console):
    t = truth("com.demo.shake.sensitive")
    launch(d, "com.demo.shake.sensitive")
    assert wait_for(lambda: d(text="摇一摇 领优惠券").exists, 1)
    time.sleep(1.0)  # a calm device
    assert not d(resourceId="com.demo.shake.sensitive:id/advert_title").exists
    _burst(console, t.thresholds["shake_accel_ms2"], 0.3)
    assert wait_for(lambda: d(resourceId="com.demo.shake.sensitive:id/advert_title").exists, 1)


def test_shake_ok_ignores_the_same_light_shake(d, console):
    launch(d, "com.demo.shake.ok")
    assert wait_for(lambda: d(text="今日步数 8421").exists, 1)
    _burst(console, 5, 0.3)
    time.sleep(0.3)
    assert not d(resourceId="com.demo.shake.ok:id/advert_title").exists


def test_consent_boxes_are_checked_when_first_shown(d):
    launch(d, "com.demo.consent.prechecked")
    assert wait_for(lambda: d(resourceId="com.demo.consent.prechecked:id/auto_renew").exists, 1)
    assert d(resourceId="com.demo.consent.prechecked:id/auto_renew").info["checked"]
    assert d(resourceId="com.demo.consent.prechecked:id/privacy_consent").info["checked"]
    d(resourceId="com.demo.consent.prechecked:id/auto_renew").click()
    assert wait_for(lambda: not d(resourceId="com.demo.consent.prechecked:id/auto_renew").info["checked"], 1)


def test_perm_eager_asks_at_launch(d):
    launch(d, "com.demo.perm.eager")
    message = d(resourceId="com.android.permissioncontroller:id/permission_message")
    assert wait_for(lambda: message.exists, 1.0)
    d.app_stop("com.demo.perm.eager")


def test_perm_nag_asks_again_at_once_and_quits_on_the_second_denial(d):
    launch(d, "com.demo.perm.nag")
    d(text="附近门店").click(timeout=1)
    d(text="好的").click(timeout=1)
    deny = d(resourceId="com.android.permissioncontroller:id/permission_deny_button")
    assert wait_for(lambda: deny.exists, 3)
    deny.click()
    # asked again at once: AOSP's second dialog offers "Don't allow" as don't-ask-again
    again = d(resourceId="com.android.permissioncontroller:id/permission_deny_and_dont_ask_again_button")
    assert wait_for(lambda: again.exists, 3)  # no new user action needed; 3 s leaves room for a busy CI
    again.click()
    assert wait_for(lambda: d.app_current()["package"] == "com.android.launcher3", 3)
    d.shell("pm clear com.demo.perm.nag")  # forget the denials for later runs


def test_autostart_starts_the_partner_without_user_action(d, adb_server, device):
    t = truth("com.demo.autostart")
    adb_server.run("shell", "logcat -c", serial=device.serial)
    d.app_stop("com.demo.partner")
    started = launch(d, "com.demo.autostart")
    assert wait_for(lambda: d.app_current()["package"] == "com.demo.partner",
                    t.timeline_ms["partner_activity_started"] / 1000 + 1)
    assert time.monotonic() - started >= t.timeline_ms["partner_activity_started"] / 1000 - 0.1
    log = adb_server.run("shell", "logcat -d -v threadtime", serial=device.serial).stdout
    starts = [line for line in log.splitlines() if "START u0" in line and "cmp=com.demo.partner/" in line]
    assert starts and all("from uid 2000" not in line for line in starts), log  # from the app, not the shell
    assert any("Start service" in line and "com.demo.partner/.PushService" in line for line in log.splitlines()), log


def _burst(console: Console, linear: float, seconds: float) -> None:
    """Linear acceleration of `linear` m/s² along x over gravity, for `seconds`."""
    assert console.cmd(f"sensor set acceleration {linear:g}:9.77622:0.813417")[-1] == "OK"
    time.sleep(seconds)
    assert console.cmd(f"sensor set acceleration {GRAVITY}")[-1] == "OK"


def _centre(bounds: list[int]) -> tuple[int, int]:
    return (bounds[0] + bounds[2]) // 2, (bounds[1] + bounds[3]) // 2



def test_splash_ok_skip_is_there_at_once_and_one_tap_closes(d):
    t = truth("com.demo.splash.ok")
    x0, y0, x1, y1 = t.controls["skip"].bounds
    started = launch(d, "com.demo.splash.ok")
    skip = d(textStartsWith="跳过")
    assert skip.wait(timeout=2)
    assert time.monotonic() - started < 1.0  # visible with the first frames (launch RPCs included)
    b = skip.info["bounds"]
    assert (b["left"], b["top"], b["right"], b["bottom"]) == (x0, y0, x1, y1)
    skip.click()
    assert wait_for(lambda: d.app_current()["activity"].endswith("HomeActivity"), 2)


def test_tinyskip_control_is_16_dp_high(d):
    t = truth("com.demo.splash.tinyskip")
    launch(d, "com.demo.splash.tinyskip")
    skip = d(textContains="跳过")
    assert skip.wait(timeout=2)
    b = skip.info["bounds"]
    density = 420 / 160
    assert round((b["bottom"] - b["top"]) / density) == t.thresholds["skip_height_dp"] == 16
    assert round((b["right"] - b["left"]) / density) == t.thresholds["skip_width_dp"]
    d.app_stop("com.demo.splash.tinyskip")


def test_clean_app_shows_no_popup_or_permission_dialog(d):
    launch(d, "com.demo.clean")
    time.sleep(2.0)
    assert d.app_current()["package"] == "com.demo.clean"
    root = ET.fromstring(d.dump_hierarchy().encode())
    packages = {n.get("package") for n in root.iter("node")}
    assert packages <= {"com.demo.clean", "com.android.systemui"}
    d.app_stop("com.demo.clean")


def test_perm_ondemand_asks_only_after_the_purpose_screen(d, adb_server, device):
    adb_server.run("shell", "pm clear com.demo.perm.ondemand", serial=device.serial)
    launch(d, "com.demo.perm.ondemand")
    time.sleep(1.0)
    message = d(resourceId="com.android.permissioncontroller:id/permission_message")
    assert not message.exists  # nothing asked at launch
    d(text="扫一扫").click(timeout=2)
    assert d(text="需要相机权限").wait(timeout=2)  # the purpose comes first
    assert not message.exists
    d(text="去授权").click()
    assert message.wait(timeout=3)
    assert message.get_text() == "Allow 扫码助手 to take pictures and record video?"  # the camera group
    d(resourceId="com.android.permissioncontroller:id/permission_allow_foreground_only_button").click()
    assert wait_for(lambda: "android.permission.CAMERA: granted=true" in adb_server.run(
        "shell", "dumpsys package com.demo.perm.ondemand", serial=device.serial).stdout, 3)
    assert d(text="将二维码放入框内").wait(timeout=2)  # the scanner opened on the grant
    adb_server.run("shell", "pm clear com.demo.perm.ondemand", serial=device.serial)


def test_frequent_popup_returns_10_s_after_each_close(d):
    t = truth("com.demo.popup.frequent")
    shown = t.timeline_ms["popup_shown"] / 1000
    returns = t.timeline_ms["popup_returns_after_close"] / 1000
    launch(d, "com.demo.popup.frequent")
    close = d(resourceId="com.demo.popup.frequent:id/close")
    assert close.wait(timeout=shown + 2)
    close.click()
    closed = time.monotonic()
    assert wait_for(lambda: not close.exists, 2)
    sleep_until(closed + returns - 1.5)
    assert not close.exists  # not back early
    assert wait_for(lambda: close.exists, 3.5)  # back at about 10 s
    d.app_stop("com.demo.popup.frequent")
