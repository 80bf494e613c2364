"""`harness devices`, `doctor` and `verify` as modules with register()/run(), against a virtual
device on a private adb server."""

from __future__ import annotations

import argparse

import pytest

from harness.commands import devices, doctor, verify
from harness.evidence import EvidenceBundle


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="harness")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (devices, doctor, verify):
        module.register(sub)
    return parser.parse_args(argv)


def run(*argv: str) -> int:
    args = parse(*argv)
    return args.func(args)


def test_devices_lists_serial_state_and_model(virtual_device, capsys):
    assert run("devices") == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith(virtual_device.serial))
    assert line.split()[1:] == ["device", "Harness_Virtual_Android"]


def test_devices_with_no_adb_server_is_one_line(adb_server, capsys, unused_tcp_port):
    # adb_server: adbutils runs `adb start-server` (on the environment's port) when it cannot connect
    assert run("devices", "--adb-port", str(unused_tcp_port)) == 1
    err = capsys.readouterr().err
    assert err.startswith("harness: error: adb server at") and err.count("\n") == 1


@pytest.fixture
def unused_tcp_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_doctor_on_a_virtual_device_never_prints_the_token(virtual_device, console_token, tmp_path, capsys,
                                                            monkeypatch):
    (tmp_path / "harness.toml").write_text(f"console_token_path = '{virtual_device.token_path}'\ncapture_fps = 5\n")
    monkeypatch.chdir(tmp_path)
    code = run("doctor", "--serial", virtual_device.serial, "--capture-seconds", "1")
    out = capsys.readouterr()
    assert console_token not in out.out + out.err
    lines = {line.split(":")[0].split(None, 1)[1]: line.split()[0] for line in out.out.splitlines()}
    assert lines == {"adb found": "ok", "adb server": "ok", "device reachable": "ok", "device kind": "ok",
                     "uiautomator2 server": "ok", "console auth": "ok", "screen capture": "ok"}, out.out
    assert ("  ok  device kind: virtual: embedded virtual device: a simulated Android 14 (SDK 34), not a real Android "
            "system; its verdicts are not evidence about a real Android") in out.out.splitlines()
    assert code == 0


def test_doctor_reports_a_refused_token_and_a_wrong_serial(virtual_device, tmp_path, capsys, monkeypatch):
    (tmp_path / "token").write_text("wrong-token-0042")
    (tmp_path / "harness.toml").write_text(f"console_token_path = '{tmp_path / 'token'}'\n")
    monkeypatch.chdir(tmp_path)
    assert run("doctor", "--serial", "emulator-5998", "--capture-seconds", "0.2") == 1
    out = capsys.readouterr().out
    assert "FAIL  device reachable: device emulator-5998 not found" in out and "Traceback" not in out
    assert run("doctor", "--serial", virtual_device.serial, "--capture-seconds", "0.2") == 1
    out = capsys.readouterr().out
    assert "FAIL  console auth: console refused the auth token" in out and "wrong-token-0042" not in out


def test_doctor_bad_config_is_exit_2(tmp_path, capsys, monkeypatch):
    (tmp_path / "harness.toml").write_text("capture_fps = -1\n")
    monkeypatch.chdir(tmp_path)
    assert run("doctor") == 2
    assert capsys.readouterr().err.startswith("harness: error: ")


def test_verify_command_exit_codes(tmp_path, capsys):
    with EvidenceBundle(tmp_path / "ev") as bundle:
        bundle.write_bytes("a.txt", b"a")
    assert run("verify", str(tmp_path / "ev")) == 0
    assert "intact, sealed, 1 files" in capsys.readouterr().out
    (tmp_path / "ev" / "a.txt").write_bytes(b"b")
    assert run("verify", str(tmp_path / "ev")) == 1
    assert run("verify", "--json", str(tmp_path / "ev")) == 1
    assert '"changed": [\n  "a.txt"' in capsys.readouterr().out
    assert run("verify", str(tmp_path)) == 2
