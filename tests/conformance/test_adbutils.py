"""adbutils, unmodified, against the virtual device."""

from __future__ import annotations

import io
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import adbutils
import pytest
import uiautomator2


@pytest.fixture(scope="module")
def dev(virtual_device):
    return adbutils.adb.device(virtual_device.serial)


def test_shell_v1_output_and_exit_codes(dev):
    assert dev.shell("echo hello") == "hello"
    ret = dev.shell2("ls /nope")
    assert ret.returncode == 1 and "No such file or directory" in ret.output
    assert dev.shell2("true && echo $?").output.strip() == "0"


def test_sync_push_stat_list_pull(dev, tmp_path):
    src = tmp_path / "f.txt"
    src.write_text("sync works")
    dev.sync.push(str(src), "/sdcard/adbutils/f.txt")
    st = dev.sync.stat("/sdcard/adbutils/f.txt")
    assert st.size == len("sync works")
    # like adbd, LIST comes from readdir and includes . and ..
    assert sorted(e.path for e in dev.sync.list("/sdcard/adbutils")) == [".", "..", "f.txt"]
    assert dev.sync.read_text("/sdcard/adbutils/f.txt") == "sync works"


def test_window_size_and_current_app(dev):
    size = dev.window_size()
    assert (size.width, size.height) == (1080, 2400)
    dev.shell("am start -n com.example.hello/.MainActivity")
    current = dev.app_current()
    assert current.package == "com.example.hello"
    assert current.activity.endswith("MainActivity")
    dev.shell("input keyevent KEYCODE_HOME")
    assert dev.app_current().package == "com.android.launcher3"


def test_screenshot_is_the_screen(dev):
    image = dev.screenshot()
    assert image.size == (1080, 2400)
    # the status bar is drawn dark, the launcher workspace below it in its own colour
    assert max(image.getpixel((540, 5))[:3]) < 60
    assert image.getpixel((540, 1200))[:3] != image.getpixel((540, 5))[:3]


def test_dump_hierarchy_via_uiautomator_dump(dev):
    xml = dev.dump_hierarchy()
    root = ET.fromstring(xml.encode())
    assert root.tag == "hierarchy"
    texts = {n.get("text") for n in root.iter("node")}
    assert "Hello" in texts


def test_create_connection_to_the_uiautomator_server_port(dev):
    jar = Path(uiautomator2.__file__).parent / "assets" / "u2.jar"
    dev.sync.push(str(jar), "/data/local/tmp/u2.jar")
    with pytest.raises(adbutils.AdbError):
        dev.create_connection(adbutils.Network.TCP, 9008)  # nothing listens yet: refused
    launcher = dev.shell("CLASSPATH=/data/local/tmp/u2.jar app_process / com.wetest.uia2.Main -p 9008",
                         stream=True)
    try:
        sock = _connect_when_ready(dev)
        sock.sendall(b"GET /ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        reply = io.BytesIO()
        while chunk := sock.recv(4096):
            reply.write(chunk)
        sock.close()
        assert reply.getvalue().startswith(b"HTTP/1.1 200") and reply.getvalue().endswith(b"pong")
    finally:
        launcher.close()
    # closing the app_process stream stops the server, as on a device
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            dev.create_connection(adbutils.Network.TCP, 9008).close()
            time.sleep(0.05)
        except adbutils.AdbError:
            break
    else:
        pytest.fail("uiautomator server still listening after its shell closed")


def _connect_when_ready(dev):
    deadline = time.monotonic() + 5
    while True:
        try:
            return dev.create_connection(adbutils.Network.TCP, 9008)
        except adbutils.AdbError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
