"""What a farm's dashboard reads, end to end on the pool of two virtual devices: a pool whose
devices are all unhealthy still lists every judged test as ERROR with its reason in results.json,
the HTML report and JUnit (none of them has an evidence folder); and a healthy pool's results
say, in each of them, that the verdicts came from the embedded virtual device."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("xdist")

TESTS = 6
JUDGED = f"""
import pytest

@pytest.mark.clause("1.4")
@pytest.mark.parametrize("n", range({TESTS}))
def test_judged(n, device, verdict):
    verdict.measure("boot completed", device.shell("getprop sys.boot_completed").strip(), compare="==", threshold="1")
"""


def run_judged(tmp_path: Path, farm) -> tuple[subprocess.CompletedProcess, dict, str, dict[str, dict[str, str]]]:
    """The judged tests under `-n 2` on the farm's two devices; results.json, the page and JUnit's properties."""
    server, devices = farm
    (tmp_path / "test_judged.py").write_text(JUDGED)
    named = [arg for d in devices for arg in ("--pool-device", d.serial)]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "-p", "no:cacheprovider", "--timeout", "60",
         "--adb-server", f"127.0.0.1:{server.port}", *named, "--evidence-dir", str(tmp_path / "evidence"),
         "--junitxml", str(tmp_path / "junit.xml"), "test_judged.py"],
        cwd=tmp_path, env=dict(os.environ, ANDROID_ADB_SERVER_PORT=str(server.port)), capture_output=True, text=True,
        timeout=120)
    [run] = list((tmp_path / "evidence").iterdir())
    junit = {c.get("name"): {p.get("name"): p.get("value") for p in c.iter("property")}
             for c in ET.parse(tmp_path / "junit.xml").getroot().iter("testcase")}
    return (proc, json.loads((run / "report" / "results.json").read_text()),
            (run / "report" / "index.html").read_text(encoding="utf-8"), junit)


@pytest.fixture
def all_booting(farm):
    """Both devices still booting as far as adb can tell: no worker finds a healthy one."""
    server, devices = farm
    for device in devices:
        server.run("shell", "setprop sys.boot_completed 0", serial=device.serial)
    yield devices
    for device in devices:
        server.run("shell", "setprop sys.boot_completed 1", serial=device.serial)


def test_an_unhealthy_pool_lists_every_test_as_error_with_its_reason(farm, all_booting, tmp_path):
    server, _ = farm
    proc, results, html, junit = run_judged(tmp_path, farm)
    assert proc.returncode == 1 and f"{TESTS} error" in proc.stdout, proc.stdout[-3000:]
    tests = results["tests"]
    assert len(tests) == len(junit) == TESTS
    for test in tests:
        reason = test["outcome"]["reason"]
        assert test["verdict"] == "ERROR" and reason.startswith("Failed: device pool: no healthy device free")
        assert ": boot not complete (sys.boot_completed='0')" in reason
        assert test["folder"] is None and test["integrity"]["state"] == "absent" and test["worker"] in ("gw0", "gw1")
        assert test["nodeid"] in html
        assert reason.replace("'", "&#39;") in html
    # each worker first checks a different device (the other may be under its neighbour's check): both reasons are there
    reasons = " ".join(t["outcome"]["reason"] for t in tests)
    for device in all_booting:
        assert f"{device.serial}@127.0.0.1:{server.port}: boot not complete (sys.boot_completed='0')" in reasons
    assert [(r["clause"], r["verdict"], r["counts"]) for r in results["summary"]] == [("1.4", "ERROR", {"ERROR": TESTS})]
    assert {p["harness_verdict"] for p in junit.values()} == {"ERROR"}


def test_a_healthy_pool_says_the_verdicts_came_from_the_virtual_device(farm, tmp_path):
    proc, results, html, junit = run_judged(tmp_path, farm)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert results["device_kinds"] == ["virtual"] and len(results["tests"]) == TESTS
    assert {t["device"]["kind"] for t in results["tests"]} == {"virtual"}
    assert {p["harness_device_kind"] for p in junit.values()} == {"virtual"}
    assert {p["harness_device"] for p in junit.values()} == {
        "embedded virtual device: a simulated Android 14 (SDK 34), not a real Android system"}
    assert "Simulated device." in html and f"{TESTS} of the {TESTS} tests in this report" in html
