"""Identity parsers and the wait helper (no device)."""

from __future__ import annotations

import time

import pytest

from harness.device import DeviceError, WaitTimeout, wait_until
from harness.device.identity import (
    device_identity,
    parse_getprop,
    parse_package_dump,
    parse_pm_path,
    parse_screen,
    parse_uid_packages,
)

GETPROP = """[ro.build.fingerprint]: [google/sdk_gphone64_x86_64/emu64xa:14/UE1A.230829.050/12077443:userdebug/dev-keys]
[ro.build.version.release]: [14]
[ro.build.version.sdk]: [34]
[ro.hardware]: [ranchu]
[ro.product.manufacturer]: [Google]
[ro.product.model]: [sdk_gphone64_x86_64]
[ro.product.name]: [sdk_gphone64_x86_64]
[ro.build.id]: [UE1A.230829.050]
[ro.boot.qemu]: [1]
[ro.boot.qemu.avd_name]: [Pixel_7_API_34]
"""


def test_device_identity_from_getprop():
    ident = device_identity("emulator-5554", parse_getprop(GETPROP))
    assert (ident.model, ident.sdk, ident.release, ident.kind) == ("sdk_gphone64_x86_64", 34, "14", "emulator")
    assert ident.summary == ("Android emulator, system image sdk_gphone64_x86_64, Android 14 (SDK 34), "
                             "build UE1A.230829.050, AVD Pixel_7_API_34")
    phone = device_identity("R58M123", {"ro.product.model": "SM-G991B", "ro.product.manufacturer": "samsung",
                                        "ro.build.version.sdk": "33", "ro.build.version.release": "13"})
    assert phone.kind == "physical" and phone.fingerprint == ""
    assert phone.summary == "physical device samsung SM-G991B, Android 13 (SDK 33)"


@pytest.mark.parametrize(("serial", "props", "kind"), [
    ("emulator-5554", {"ro.harness.virtual": "1", "ro.kernel.qemu": "1"}, "virtual"),  # the property decides
    ("emulator-5554", {}, "emulator"),  # the console's serial
    ("10.0.0.7:5555", {"ro.boot.qemu": "1"}, "emulator"),  # a remote emulator after `adb connect`
    ("10.0.0.7:5555", {"ro.hardware": "goldfish"}, "emulator"),
    ("R58M123", {"ro.harness.virtual": "0"}, "physical"),
])
def test_device_kind_comes_from_what_adb_shows(serial, props, kind):
    assert device_identity(serial, props).kind == kind


def test_screen_prefers_the_override_and_converts_dp():
    screen = parse_screen("Physical size: 1080x2400\nOverride size: 720x1600", "Physical density: 420")
    assert (screen.width_px, screen.height_px, screen.density_dpi) == (720, 1600, 420)
    assert screen.dp_to_px(16) == 42 and screen.px_to_dp(42) == 16
    assert parse_screen("", "Physical density: 420") is None


DUMPSYS = """Activity Resolver Table:
  Non-Data Actions:
      android.intent.action.MAIN:
        1111111 com.demo.a/.Settings filter 2222222
          Action: "android.intent.action.MAIN"
        8b6cc65 com.demo.a/.HomeActivity filter 69af67f
          Action: "android.intent.action.MAIN"
          Category: "android.intent.category.LAUNCHER"

Packages:
  Package [com.demo.a] (d1bac32):
    appId=10104
    versionCode=900 minSdk=24 targetSdk=34
    versionName=9.0.0
"""


def test_package_dump_fields_and_launcher_activity():
    assert parse_package_dump(DUMPSYS, "com.demo.a") == {
        "version_code": 900, "version_name": "9.0.0", "uid": 10104, "launcher_activity": "com.demo.a/.HomeActivity"}
    assert parse_package_dump("", "com.demo.a")["launcher_activity"] is None


def test_pm_outputs():
    assert parse_pm_path("package:/data/app/x/base.apk\npackage:/data/app/x/split.apk\n") == [
        "/data/app/x/base.apk", "/data/app/x/split.apk"]
    assert parse_uid_packages("package:android uid:1000\npackage:com.android.launcher3 uid:1000\n"
                              "package:com.demo.a uid:10104\n") == {
        1000: ("android", "com.android.launcher3"), 10104: ("com.demo.a",)}


def test_wait_until_returns_the_value_or_raises_a_typed_timeout():
    start = time.monotonic()
    assert wait_until(lambda: time.monotonic() - start > 0.05 and "yes", 1, 0.01) == "yes"
    with pytest.raises(WaitTimeout, match=r"timed out after 0.05 s waiting for the moon") as e:
        wait_until(lambda: False, 0.05, 0.01, what="the moon")
    assert isinstance(e.value, DeviceError)


def test_device_errors_are_one_line():
    assert str(DeviceError("adb said:\n  error: closed\n")) == "adb said: error: closed"
