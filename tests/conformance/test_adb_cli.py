"""The adb CLI from the adbutils wheel against the virtual device, through a private server."""

from __future__ import annotations

import random
import subprocess

from emulator.launch import AdbServer, PortTaken, start_virtual_device
from emulator.ports import free_port, private_adb_server_port


def test_devices_lists_the_virtual_device_with_its_own_product(adb_server, virtual_device):
    out = adb_server.run("devices", "-l").stdout
    line = next(line for line in out.splitlines() if line.startswith(virtual_device.serial))
    assert line.split()[1] == "device"
    # the banner's model has spaces; adb shows them as underscores
    assert "product:harness_virtual model:Harness_Virtual_Android device:harness_virtual" in line


def test_shell_v2_carries_stdout_stderr_and_exit_codes(adb_server, virtual_device):
    ok = adb_server.run("shell", "echo hello; echo oops >&2", serial=virtual_device.serial)
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "hello\n", "oops\n")
    missing = adb_server.run("shell", "nosuchcmd", serial=virtual_device.serial)
    assert missing.returncode == 127
    assert "nosuchcmd: inaccessible or not found" in missing.stderr
    assert adb_server.run("shell", "exit 3", serial=virtual_device.serial).returncode == 3
    assert adb_server.run("shell", "false || exit 5", serial=virtual_device.serial).returncode == 5


def test_exec_out_is_raw(adb_server, virtual_device):
    out = subprocess.run([*_adb(adb_server, virtual_device), "exec-out", "echo", "raw"],
                         capture_output=True, timeout=30)
    assert out.stdout == b"raw\n"


def test_push_and_pull_a_file_and_a_folder(adb_server, virtual_device, tmp_path):
    src = tmp_path / "blob.bin"
    payload = bytes(range(256)) * 5000  # 1.28 MB: several WRTEs and sync DATA chunks
    src.write_bytes(payload)
    dev = virtual_device.serial
    assert adb_server.run("push", str(src), "/data/local/tmp/new/dir/blob.bin", serial=dev).returncode == 0
    md5 = adb_server.run("shell", "md5sum /data/local/tmp/new/dir/blob.bin", serial=dev).stdout
    import hashlib
    assert md5.split()[0] == hashlib.md5(payload).hexdigest()
    back = tmp_path / "back.bin"
    assert adb_server.run("pull", "/data/local/tmp/new/dir/blob.bin", str(back), serial=dev).returncode == 0
    assert back.read_bytes() == payload

    folder = tmp_path / "tree"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("A")
    (folder / "sub" / "b.txt").write_text("B")
    assert adb_server.run("push", str(folder), "/sdcard/", serial=dev).returncode == 0
    assert adb_server.run("shell", "cat /sdcard/tree/sub/b.txt", serial=dev).stdout == "B"
    out = tmp_path / "pulled"
    assert adb_server.run("pull", "/sdcard/tree", str(out), serial=dev).returncode == 0
    assert (out / "sub" / "b.txt").read_text() == "B" and (out / "a.txt").read_text() == "A"


def test_pulling_a_missing_file_fails_like_adb(adb_server, virtual_device, tmp_path):
    result = adb_server.run("pull", "/sdcard/nope.txt", str(tmp_path / "x"), serial=virtual_device.serial)
    assert result.returncode == 1
    assert "No such file or directory" in result.stderr


def test_a_server_started_later_finds_the_device(tmp_path):
    scanned = range(5554, 5586, 2)  # consoles whose adbd port (N+1) a starting server scans
    server = AdbServer(private_adb_server_port())
    for attempt in range(5):  # another xdist worker may bind the chosen pair first: pick again
        pairs = random.sample(list(scanned), len(scanned)) if attempt else scanned
        try:
            device = start_virtual_device(None, tmp_path / "late.log", console_port=free_port(pairs, span=2))
            break
        except PortTaken:
            if attempt == 4:
                raise
    try:
        server.start()  # it scans the emulator ports 5555-5585 at start
        server.wait_for_device(device.serial)
        assert server.run("shell", "getprop ro.serialno", serial=device.serial).stdout.strip() == device.serial
    finally:
        server.stop()
        device.stop()


def _adb(adb_server, device) -> list[str]:
    from emulator.launch import adb_binary
    return [adb_binary(), "-P", str(adb_server.port), "-s", device.serial]


def test_adb_logcat_dump(adb_server, virtual_device):
    # `adb logcat` runs `exec logcat …` through the device shell
    result = adb_server.run("logcat", "-d", "-v", "threadtime", serial=virtual_device.serial)
    assert result.returncode == 0
    assert " I ActivityTaskManager: START u0 {" in result.stdout
