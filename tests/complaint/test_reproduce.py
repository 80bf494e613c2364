"""`harness reproduce` on the virtual device: a light shake (6 m/s² for 1 s) jumps away in
com.demo.shake.sensitive and not in com.demo.shake.ok; the evidence is sealed and intact with
the report beside it; the documented permission example reproduces; a version mismatch is
INCONCLUSIVE without a replay; `--virtual` starts its own device on private ports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.cli import main
from harness.evidence import verify

from ..conftest import start_device, stop_device

ROOT = Path(__file__).resolve().parents[2]
LIGHT_SHAKE = """\
app:
  package: {package}
  version: "{version}"
saw: a light shake on the home screen opened an advert
steps:
  - launch
  - wait: 1
  - shake: {{accel_ms2: 6, duration_s: 1}}
expect:
  jump: any
"""


@pytest.fixture(scope="module")
def device(adb_server, tmp_path_factory, console_token):
    d = start_device(adb_server, tmp_path_factory.mktemp("device"), console_token,
                     install="com.demo.shake.sensitive,com.demo.shake.ok,com.demo.perm.eager")
    yield d
    stop_device(d)


def light_shake(tmp_path: Path, package: str, version: str) -> Path:
    complaint = tmp_path / "complaint.yaml"
    complaint.write_text(LIGHT_SHAKE.format(package=package, version=version), encoding="utf-8")
    return complaint


def reproduce(device, tmp_path: Path, capsys, complaint: Path, settings: str = "",
              pdf: bool = False) -> tuple[int, list[str], str, Path]:
    """Run `harness reproduce`; without `pdf` Chromium is hidden from it (a PDF costs seconds)."""
    config = tmp_path / "harness.toml"
    config.write_text(f"console_token_path = '{device.token_path}'\ncapture_fps = 10\n{settings}")
    out = tmp_path / "out"
    with pytest.MonkeyPatch.context() as patch:
        if not pdf:
            patch.setenv("MIIT_HARNESS_CHROMIUM", str(tmp_path / "no-chromium"))
        code = main(["reproduce", str(complaint), "--serial", device.serial, "--harness-config", str(config),
                     "--out", str(out)])
    printed = capsys.readouterr()
    return code, printed.out.splitlines(), printed.err, out


def test_a_light_shake_jump_is_reproduced_on_the_sensitive_app(device, tmp_path, capsys):
    code, lines, err, out = reproduce(device, tmp_path, capsys, light_shake(tmp_path, "com.demo.shake.sensitive", "1.0.8"),
                                      pdf=True)
    assert (code, err) == (0, ""), lines
    assert lines[0].startswith("REPRODUCED (clause 1.4): a jump to another app or page — step 3 (shake 6 m/s² "
                               "for 1 s): the app jumped to another page"), lines
    assert lines[-3:] == [f"evidence: {out / 'evidence'}", f"report: {out / 'report' / 'index.html'}",
                          f"pdf: {(out / 'report.pdf').absolute()}"]
    sealed = json.loads((out / "evidence" / "manifest.json").read_text())["sha256"]
    text = subprocess.run(["pdftotext", str(out / "report.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "FAIL" in text and sealed in "".join(text.split())
    report = verify(out / "evidence")
    assert report.intact and report.sealed
    evidence = out / "evidence"
    assert json.loads((evidence / "verdict.json").read_text())["verdict"] == "FAIL"
    assert json.loads((evidence / "reproduction.json").read_text())["status"] == "REPRODUCED"
    shake = json.loads((evidence / "shakes" / "shake-001.json").read_text())
    assert shake["spec"]["peak_accel_ms2"] == 6 and shake["spec"]["duration_s"] == 1
    assert (evidence / "complaint.yaml").read_text(encoding="utf-8").startswith("app:")
    assert list((evidence / "trials" / "01" / "frames").iterdir()), "no frames captured"
    results = json.loads((out / "report" / "results.json").read_text())
    assert [t["verdict"] for t in results["tests"]] == ["FAIL"]


def test_the_same_shake_is_not_reproduced_on_the_compliant_app(device, tmp_path, capsys):
    code, lines, err, out = reproduce(device, tmp_path, capsys, light_shake(tmp_path, "com.demo.shake.ok", "3.3.0"))
    assert (code, err) == (0, ""), lines
    # no Chromium: said so, and the reproduction stands
    assert lines[-1] == "pdf: not written: Chromium not found (install Debian's chromium, or set MIIT_HARNESS_CHROMIUM " \
                        "to a Chromium binary)" and not (out / "report.pdf").exists()
    assert lines[0].startswith("NOT REPRODUCED (clause 1.4): a jump to another app or page — step 3 (shake 6 m/s² "
                               "for 1 s): the app stayed on com.demo.shake.ok."), lines
    assert verify(out / "evidence").intact
    assert json.loads((out / "evidence" / "verdict.json").read_text())["verdict"] == "PASS"


def test_the_documented_permission_complaint_reproduces(device, tmp_path, capsys):
    code, lines, err, out = reproduce(device, tmp_path, capsys, ROOT / "docs" / "examples" / "permission-at-launch.yaml")
    assert (code, err) == (0, ""), lines
    assert lines[0].startswith("REPRODUCED (clause 1.10): a location permission dialog — step 1 (launch (data "
                               "cleared)): a permission dialog showed"), lines
    assert "3. deny location permission" in lines[3], lines


def test_another_version_on_the_device_is_inconclusive_without_a_replay(device, tmp_path, capsys):
    code, lines, err, out = reproduce(device, tmp_path, capsys, light_shake(tmp_path, "com.demo.shake.sensitive", "2.0"))
    assert code == 3, lines
    assert lines[0] == (f"INCONCLUSIVE (clause 1.4): the app on {device.serial} is not the one complained about: "
                        "version 1.0.8 on the device, 2.0 in the complaint")
    assert not (out / "evidence" / "trials").exists()
    assert verify(out / "evidence").intact


def test_a_step_whose_target_never_shows_is_inconclusive(device, tmp_path, capsys):
    complaint = tmp_path / "complaint.yaml"
    complaint.write_text("app: {package: com.demo.shake.ok}\nsteps:\n  - launch\n  - tap: {text: 立即领取}\n"
                         "expect: {jump: any}\n", encoding="utf-8")
    code, lines, err, out = reproduce(device, tmp_path, capsys, complaint, settings="launch_timeout_s = 2\n")
    assert code == 3, lines
    assert lines[0] == ("INCONCLUSIVE (clause 1.4): the replay could not follow the complaint: step 2 (tap text "
                        "'立即领取'): text '立即领取' did not show within 2 s")
    assert verify(out / "evidence").intact


def test_a_bad_complaint_is_one_line_and_exit_2(device, tmp_path, capsys):
    complaint = light_shake(tmp_path, "com.demo.shake.ok", "3.3.0")
    complaint.write_text(complaint.read_text(encoding="utf-8").replace("accel_ms2: 6", "accel_ms2: -6"), encoding="utf-8")
    assert main(["reproduce", str(complaint), "--serial", device.serial, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err == f"harness: error: {complaint}:8: steps[3].shake.accel_ms2: must be greater than 0\n"


def test_virtual_starts_a_private_device_with_the_app(tmp_path):
    complaint = light_shake(tmp_path, "com.demo.shake.sensitive", "1.0.8")
    # Its own HOME: the virtual console creates its token file there, as the emulator does.
    env = {k: v for k, v in os.environ.items() if k != "ANDROID_ADB_SERVER_PORT"} | {"HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "harness", "reproduce", str(complaint), "--virtual", "--install",
                           "com.demo.shake.sensitive", "--out", str(tmp_path / "out")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("REPRODUCED (clause 1.4)"), proc.stdout
