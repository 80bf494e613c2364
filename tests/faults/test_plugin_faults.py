"""Faults during a pytest run of the harness plugin: the faulted test is INCONCLUSIVE or ERROR
with the reason (never PASS), the evidence it captured before the fault is on disk under a
valid manifest, and the run goes on with the next test."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from harness.evidence import verify

pytest_plugins = ["pytester"]

SCENARIOS = """
import os, time
import pytest
from pathlib import Path

FAULTS = Path(os.environ["FAULT_FILE_UNDER_TEST"])

def inject(text):
    FAULTS.write_text(text + "\\n")
    time.sleep(0.3)  # the device polls its fault file every 0.1 s

def observed(verdict, frames):
    verdict.measure("frames", frames, compare=">=", threshold=3)
    verdict.conclude()

@pytest.mark.clause("1.4")
def test_1_before(device, capture, verdict):
    capture.start()
    capture.wait_frames(3, 5)
    observed(verdict, len(capture.frames()))

@pytest.mark.clause("1.4")
def test_2_faulted(device, app, watcher, verdict):
    trial = watcher.trial()
    trial.wait_look(lambda look: True, 1000)
    inject(os.environ["FAULT_UNDER_TEST"])
    time.sleep(1.5)
    trial.looks()  # a broken capture raises Inconclusive here
    observed(verdict, len(trial.frames()))

@pytest.mark.clause("1.4")
def test_3_after(device, app, capture, verdict):
    inject("")
    device.cold_launch(app)
    capture.start()
    capture.wait_frames(3, 5)
    observed(verdict, len(capture.frames()))
"""


def _verdicts(junit: Path) -> dict[str, tuple[str, str]]:
    out = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        out[case.get("name").split("[")[0]] = (props.get("harness_verdict"), props.get("harness_reason", ""))
    return out


@pytest.mark.parametrize("fault, expected, reason", [
    ("reboot 2", "INCONCLUSIVE", "screen capture failed: device emulator-"),
    ("drop adb", "INCONCLUSIVE", "screen capture failed: device emulator-"),
    # every uiautomator2 screenshot broken from then on: screencap takes over, nothing is missing
    ("screenshot truncated", "PASS", ""),
])
def test_a_fault_mid_test_is_not_a_pass_and_the_run_goes_on(pytester, fault_device, faults, monkeypatch, fault,
                                                             expected, reason):
    device, fault_file = fault_device
    monkeypatch.setenv("FAULT_FILE_UNDER_TEST", str(fault_file.path))
    monkeypatch.setenv("FAULT_UNDER_TEST", fault)
    pytester.makepyfile(test_faults=SCENARIOS)
    junit, evidence = pytester.path / "junit.xml", pytester.path / "ev"
    pytester.runpytest_subprocess("-p", "no:cacheprovider", "--serial", device.serial, "--app", "com.demo.clean",
                       f"--junitxml={junit}", f"--evidence-dir={evidence}", "--harness-set", "capture_fps=10")
    verdicts = _verdicts(junit)
    assert verdicts["test_1_before"][0] == "PASS" and verdicts["test_3_after"][0] == "PASS", verdicts
    verdict, why = verdicts["test_2_faulted"]
    assert verdict == expected and reason in why, verdicts
    folders = sorted(f.parent for f in evidence.glob("*/*/manifest.jsonl"))
    assert len(folders) == 3
    for folder in folders:  # every folder, the faulted one too, is sealed and intact
        report = verify(folder)
        assert report.intact and report.sealed, report
    [faulted] = [f for f in folders if "test_2_faulted" in f.name]
    frames = sorted((faulted / "trials" / "01" / "frames").iterdir())
    assert frames, "the frames captured before the fault are kept"
    kinds = [json.loads(line)["kind"] for line in (faulted / "events.jsonl").read_text().splitlines()]
    assert kinds[-1] == "test_end"
    assert ("capture_error" if expected == "INCONCLUSIVE" else "screenshot_fallback") in kinds


CONSOLE = """
import pytest

@pytest.mark.clause("1.5")
def test_shake(device, shaker, verdict):
    verdict.measure("shaken", True, compare="==", threshold=True)
    verdict.conclude()
"""


def test_a_refused_console_makes_a_shake_test_inconclusive(pytester, fault_device, faults, console_token):
    device, _ = fault_device
    faults.inject("refuse console")
    token = pytester.path / "token"
    token.write_text(console_token)
    pytester.makepyfile(test_console=CONSOLE)
    junit = pytester.path / "junit.xml"
    pytester.runpytest_subprocess("-p", "no:cacheprovider", "--serial", device.serial, f"--junitxml={junit}",
                       "--evidence-dir", str(pytester.path / "ev"), "--harness-set", f"console_token_path={token}")
    verdict, why = _verdicts(junit)["test_shake"]
    assert verdict == "INCONCLUSIVE" and "console closed the connection" in why
