"""Files, hashes, screen capture, logcat and the long-running commands (cancellation)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
import struct

import pytest
from PIL import Image

from emulator.virtual.android.system import AndroidSystem, LogEntry
from emulator.virtual.shell import run
from emulator.virtual.shell.io import collecting_io

from .shell_helpers import sh, sh_bytes

U2 = "CLASSPATH=/data/local/tmp/u2.jar app_process / com.wetest.uia2.Main -p 9008"


@pytest.fixture
def device() -> AndroidSystem:
    return AndroidSystem()


def test_md5sum_as_uiautomator2_checks_the_jar(device):
    status, out, err = sh(device, "toybox md5sum /data/local/tmp/u2.jar")
    assert (status, out, err) == (1, "", "md5sum: /data/local/tmp/u2.jar: No such file or directory\n")
    device.fs.write("/data/local/tmp/u2.jar", b"jar bytes")
    digest = hashlib.md5(b"jar bytes").hexdigest()
    assert sh(device, "toybox md5sum /data/local/tmp/u2.jar")[1] == f"{digest}  /data/local/tmp/u2.jar\n"
    assert sh(device, "md5 /data/local/tmp/u2.jar")[1] == f"{digest}  /data/local/tmp/u2.jar\n"
    assert sh(device, "toybox nosuch")[0] == 1


def test_file_commands(device):
    assert sh(device, "mkdir -p /sdcard/a/b && touch /sdcard/a/b/f && ls /sdcard/a/b")[1] == "f\n"
    assert sh(device, "mkdir /sdcard/a")[2] == "mkdir: /sdcard/a: File exists\n"
    assert sh(device, "rm /sdcard/a")[2] == "rm: /sdcard/a: Is a directory\n"
    assert sh(device, "rm /sdcard/nope")[2] == "rm: /sdcard/nope: No such file or directory\n"
    assert sh(device, "rm -f /sdcard/nope") == (0, "", "")
    assert sh(device, "ls -d /sdcard/a")[1] == "/sdcard/a\n"
    long = sh(device, "ls -l /sdcard/a/b")[1].splitlines()
    assert long[0] == "total 0" and re.match(r"-rw-r--r-- +1 \w+ +\w+ +0 \d{4}-\d\d-\d\d \d\d:\d\d f$", long[1])
    assert sh(device, "ls -a /sdcard/a/b")[1] == ".\n..\nf\n"
    assert sh(device, "cp /sdcard/a/b/f /sdcard/g && mv /sdcard/g /sdcard/a && ls /sdcard/a")[1] == "b\ng\n"
    assert sh(device, "rm -r /sdcard/a; ls /sdcard/a")[2] == "ls: /sdcard/a: No such file or directory\n"
    assert sh(device, "cat /sdcard")[2] == "cat: /sdcard: Is a directory\n"


def test_screencap_png_and_raw(device):
    png = sh_bytes(device, "screencap -p")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1080, 2400)
    raw = sh_bytes(device, "screencap")
    width, height, fmt, space = struct.unpack("<4I", raw[:16])
    assert (width, height, fmt, space) == (1080, 2400, 1, 1)
    assert len(raw) == 16 + 1080 * 2400 * 4
    assert sh(device, "screencap -p /sdcard/s.png")[0] == 0
    assert device.fs.read("/sdcard/s.png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_uiautomator_dump_as_adbutils_runs_it(device):
    target = "/data/local/tmp/uidump.xml"
    out = sh(device, f"rm -f {target}; uiautomator dump {target} && echo success")[1]
    assert out == f"UI hierchary dumped to: {target}\nsuccess\n"
    assert device.fs.read(target).startswith(b"<?xml")
    assert sh(device, "uiautomator dump")[1] == "UI hierchary dumped to: /sdcard/window_dump.xml\n"


def _entry(tag="MyTag", message="hello", level="I", pid=1234, t=1_700_000_000.25) -> LogEntry:
    return LogEntry(t, pid, pid + 1, level, tag, message)


def test_logcat_formats_and_filters(device):
    device.logcat.clear()
    device.logcat.log(_entry())
    device.logcat.log(_entry(tag="Other", level="D", message="two\nlines"))
    out = sh(device, "logcat -d")[1].splitlines()
    assert out[0] == "--------- beginning of main"
    assert re.fullmatch(r"\d\d-\d\d \d\d:\d\d:\d\d\.250  1234  1235 I MyTag   : hello", out[1])
    assert out[2].endswith(" D Other   : two") and out[3].endswith(" D Other   : lines")
    assert re.fullmatch(r"\d\d-\d\d \d\d:\d\d:\d\d\.250 I/MyTag   \( 1234\): hello",
                        sh(device, "logcat -d -v time")[1].splitlines()[1])
    assert sh(device, "logcat -d -v brief -s MyTag")[1].splitlines()[1:] == ["I/MyTag   ( 1234): hello"]
    assert sh(device, "logcat -d -v tag '*:I'")[1].splitlines()[1:] == ["I/MyTag   : hello"]
    assert sh(device, "logcat -t 1 -v raw")[1] == "--------- beginning of main\ntwo\nlines\n"
    assert sh(device, "logcat -c; logcat -d") == (0, "", "")


def _start(device: AndroidSystem, script: str):
    shell_io, out, err = collecting_io()
    return asyncio.create_task(run(device, script, shell_io)), out, err


def test_logcat_streams_until_cancelled(device):
    async def scenario():
        device.logcat.clear()
        task, out, _ = _start(device, "logcat -v brief")
        await asyncio.sleep(0.02)
        device.logcat.log(_entry(message="live"))
        await asyncio.sleep(0.02)
        assert out.decode().endswith("I/MyTag   ( 1234): live\n")
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert device.logcat._listeners == []
    asyncio.run(scenario())


def test_sleep_is_cancellable(device):
    async def scenario():
        task, out, _ = _start(device, "sleep 60; echo never")
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert out == b""
    asyncio.run(scenario())


def test_app_process_needs_the_jar(device):
    status, _, err = sh(device, U2)
    assert status == 1
    assert err.startswith("Error: Could not find or load main class com.wetest.uia2.Main\n")
    device.fs.write("/data/local/tmp/u2.jar", b"jar")
    assert sh(device, "CLASSPATH=/data/local/tmp/u2.jar app_process / com.example.Other")[0] == 1


def test_app_process_runs_the_uiautomator2_server_until_cancelled(device, monkeypatch):
    from emulator.virtual import uia2

    calls = []

    async def fake_server(system, port, out):
        calls.append((system, port))
        await out(b"[server] started\n")
        try:
            await asyncio.Event().wait()
        finally:
            calls.append("cleaned up")

    monkeypatch.setattr(uia2, "run_server", fake_server)
    device.fs.write("/data/local/tmp/u2.jar", b"jar")

    async def scenario():
        task, out, _ = _start(device, U2)
        await asyncio.sleep(0.02)
        assert calls == [(device, 9008)] and out == b"[server] started\n"
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert calls[-1] == "cleaned up"
    asyncio.run(scenario())


def test_grep_filters_a_live_logcat_stream(device):
    async def scenario():
        device.logcat.clear()
        task, out, _ = _start(device, "logcat -v brief | grep -i LIVE")
        await asyncio.sleep(0.02)
        device.logcat.log(_entry(message="live one"))
        device.logcat.log(_entry(message="skipped"))
        await asyncio.sleep(0.02)
        assert out == b"I/MyTag   ( 1234): live one\n"
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert device.logcat._listeners == []
    asyncio.run(scenario())


def test_head_ends_a_pipe_early(device):
    device.logcat.clear()
    for i in range(5):
        device.logcat.log(_entry(message=f"m{i}"))
    assert sh(device, "logcat -d -v raw | head -n 3") == (0, "--------- beginning of main\nm0\nm1\n", "")
    assert sh(device, "logcat -d -v raw | tail -n 2 | wc -l")[1] == "2\n"


def test_cmd_reaches_the_service_shell_commands():
    system = AndroidSystem()
    status, out, _ = sh(system, "cmd package list packages -3")
    assert status == 0 and "package:com.example.hello" in out
    status, _, err = sh(system, "cmd nosuchservice")
    assert status == 20 and "Can't find service: nosuchservice" in err


def test_exec_replaces_the_shell_like_adb_logcat_uses_it():
    system = AndroidSystem()
    status, out, _ = sh(system, "exec echo 'a b'; echo never")
    assert (status, out) == (0, "a b\n")
    status, _, err = sh(system, "exec nosuch")
    assert status == 127 and "nosuch: inaccessible or not found" in err
