"""uiautomator2, unmodified, against the virtual device."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
import uiautomator2 as u2


@pytest.fixture(scope="module")
def d(virtual_device):
    device = u2.connect(virtual_device.serial)
    yield device
    device.stop_uiautomator()


@pytest.fixture(autouse=True)
def at_home(d):
    d.app_stop("com.example.hello")
    d.press("home")


def test_info_and_window_size(d):
    info = d.info
    assert info["displayWidth"] == 1080 and info["displayHeight"] == 2400
    assert info["currentPackageName"] == "com.android.launcher3"
    assert info["sdkInt"] == 34
    assert d.window_size() == (1080, 2400)


def test_screenshot_and_hierarchy_agree(d):
    image = np.asarray(d.screenshot())
    assert image.shape[:2] == (2400, 1080)
    root = ET.fromstring(d.dump_hierarchy().encode())
    node = next(n for n in root.iter("node") if n.get("text") == "Hello")
    assert node.get("package") == "com.android.launcher3"
    assert node.get("clickable") == "true"


def test_click_changes_the_rendered_screen(d):
    d(text="Hello").click()
    assert d.app_current()["package"] == "com.example.hello"
    before = np.asarray(d.screenshot()).astype(int)
    assert d(resourceId="com.example.hello:id/counter").get_text() == "Taps: 0"
    x, y = d(text="TAP ME").center()
    d.click(x, y)
    assert d(resourceId="com.example.hello:id/counter").get_text() == "Taps: 1"
    after = np.asarray(d.screenshot()).astype(int)
    assert np.abs(after - before).sum() > 0


def test_selectors_xpath_and_missing_objects(d):
    assert d(text="Hello").exists
    assert not d(text="No such text").exists
    with pytest.raises(u2.UiObjectNotFoundError):
        d(text="No such text").click(timeout=0.2)
    assert d.xpath('//*[@text="Hello"]').exists
    d.xpath('//*[@text="Hello"]').click()
    assert d.app_current()["package"] == "com.example.hello"


def test_back_app_start_and_stop(d):
    d.app_start("com.example.hello")
    assert d.app_current()["package"] == "com.example.hello"
    d.press("back")
    assert d.app_current()["package"] == "com.android.launcher3"
    d.app_start("com.example.hello")
    d.app_stop("com.example.hello")
    assert d.app_current()["package"] == "com.android.launcher3"


def test_shell(d):
    assert d.shell("echo hi").output == "hi\n"
    assert d.shell("ls /nope").exit_code == 1


def test_rotation_turns_the_screen(d):
    d.set_orientation("l")
    try:
        assert d.info["displayRotation"] == 1
        assert d.window_size() == (2400, 1080)
        assert d.screenshot().size == (2400, 1080)
        assert d.adb_device.rotation() == 1
    finally:
        d.set_orientation("n")
    assert d.screenshot().size == (1080, 2400)
