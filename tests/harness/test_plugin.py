"""The pytest plugin, run through pytester: options, the clause marker, verdicts in reports and
junit properties, evidence per test (and per xdist worker), and `--virtual` with a demo app."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from harness.evidence import verify

pytest_plugins = ["pytester"]

SCENARIOS = """
import pytest
from harness.verdict import Inconclusive

@pytest.mark.clause("1.4")
def test_pass(verdict, evidence):
    evidence.event("tap", x=1, y=2)
    verdict.measure("close control delay", 1200, key="close_delay_limit_ms", compare="<=", unit="ms")
    verdict.conclude()

@pytest.mark.clause("1.4")
def test_fail(verdict):
    verdict.measure("close control delay", 5000, key="close_delay_limit_ms", compare="<=", unit="ms")
    verdict.conclude()

@pytest.mark.clause("1.4")
def test_saw_too_little(verdict):
    verdict.measure("close control delay", None, key="close_delay_limit_ms", compare="<=", unit="ms")
    verdict.conclude()

@pytest.mark.clause("1.4")
def test_cannot_observe():
    raise Inconclusive("no console on this device")

@pytest.mark.clause("1.4")
def test_broken(verdict):
    raise RuntimeError("boom")

@pytest.mark.clause("1.4")
def test_forgot_to_conclude():
    pass

def test_plain():
    pass
"""


def properties(junit: Path) -> dict[str, dict[str, str]]:
    out = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        out[case.get("name")] = {p.get("name"): p.get("value") for p in case.iter("property")}
    return out


def test_verdicts_in_outcomes_junit_and_evidence(pytester: pytest.Pytester):
    pytester.makepyfile(test_scenarios=SCENARIOS)
    junit = pytester.path / "junit.xml"
    evidence = pytester.path / "ev"
    result = pytester.runpytest("-p", "no:cacheprovider", f"--junitxml={junit}",
                                f"--evidence-dir={evidence}", "--harness-set", "close_delay_limit_ms=2500", "-rA")
    outcomes = result.parseoutcomes()
    assert (outcomes["passed"], outcomes["failed"], outcomes["skipped"]) == (2, 2, 3)
    result.stdout.fnmatch_lines(["*harness verdicts*", "PASS*test_pass*", "FAIL*test_fail*close control delay = 5000ms*",
                                 "INCONCLUSIVE*test_saw_too_little*not measured*",
                                 "INCONCLUSIVE*test_cannot_observe*no console*", "ERROR*test_broken*boom*",
                                 "INCONCLUSIVE*test_forgot_to_conclude*recorded no verdict*"])
    props = properties(junit)
    assert props["test_pass"]["harness_verdict"] == "PASS" and props["test_pass"]["harness_clause"] == "1.4"
    m = json.loads(props["test_fail"]["harness_measurement:close control delay"])
    assert m == {**m, "value": 5000, "threshold": 2500, "compare": "<=", "key": "close_delay_limit_ms",
                 "origin": "option", "where": "--harness-set"}
    assert "Kuaishou" in json.loads(props["test_pass"]["harness_measurement:close control delay"])["source"]
    assert props["test_saw_too_little"]["harness_verdict"] == "INCONCLUSIVE"
    assert "harness_verdict" not in props["test_plain"]
    [folder] = list(evidence.glob("*/test_scenarios.py_test_pass"))
    assert verify(folder).intact and verify(folder).sealed
    kinds = [json.loads(line)["kind"] for line in (folder / "events.jsonl").read_text().splitlines()]
    assert kinds == ["test_start", "tap", "verdict", "test_end"]
    assert json.loads((folder / "verdict.json").read_text())["verdict"] == "PASS"
    config = {s["key"]: s for s in json.loads((folder / "config.json").read_text())}
    assert config["close_delay_limit_ms"]["value"] == 2500 and config["close_delay_limit_ms"]["origin"] == "option"


def test_bad_configuration_is_a_one_line_usage_error(pytester: pytest.Pytester):
    pytester.makepyfile("def test_x(): pass")
    result = pytester.runpytest("--harness-set", "shake_accel_ms2=-3")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --harness-set: shake_accel_ms2: Input should be greater than 0*"])
    assert "Traceback" not in result.stderr.str()


def test_options_are_registered(pytester: pytest.Pytester):
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(["*--serial=SERIAL*", "*--app=PACKAGE*", "*--apk=PATH*", "*--evidence-dir=DIR*",
                                 "*--virtual*", "*--harness-config=TOML*"])
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.clause(id)*"])


def test_xdist_workers_write_their_own_evidence_folders(pytester: pytest.Pytester):
    pytest.importorskip("xdist")
    pytester.makepyfile(test_many="""
import pytest
@pytest.mark.parametrize("n", range(4))
def test_n(n, evidence, verdict):
    verdict.measure("n", n, threshold=10, compare="<")
""")
    evidence = pytester.path / "ev"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2",
                                           f"--evidence-dir={evidence}")
    result.assert_outcomes(passed=4)
    [run] = list(evidence.iterdir())
    # report and the session record: the controller's, once
    assert sorted(p.name for p in run.iterdir()) == ["gw0", "gw1", "harness-session.json", "report"]
    folders = list(run.glob("gw*/*"))
    assert len(folders) == 4 and all(verify(f).intact for f in folders)


def test_virtual_device_with_one_demo_app(pytester: pytest.Pytester):
    pytester.makepyfile(test_shake_demo="""
import pytest

@pytest.mark.clause("1.4")
def test_light_shake(device, app, shaker, verdict, evidence):
    device.cold_launch(app)
    device.wait_foreground(app, timeout=5)
    record = shaker.shake(peak_accel_ms2=6, frequency_hz=2, duration_s=0.4, rotation_deg=0)
    try:
        device.wait_foreground(app, timeout=2, activity="AdvertActivity")
        jumped = True
    except Exception:
        jumped = False
    verdict.measure("shake that made it jump", record.spec.peak_accel_ms2 if jumped else None,
                    key="shake_accel_ms2", compare=">=", unit=" m/s²")
    verdict.conclude()
""")
    evidence = pytester.path / "ev"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--virtual",
                                           "--app", "com.demo.shake.sensitive", f"--evidence-dir={evidence}",
                                           timeout=180)
    result.stdout.fnmatch_lines(["FAIL*test_light_shake*shake that made it jump = 6.0 m/s²*"])
    [folder] = list(evidence.glob("*/test_*"))  # beside it: the run's report/
    report = verify(folder)
    assert report.intact, report
    assert (folder / "identity" / "app.json").exists() and (folder / "shakes" / "shake-001.json").exists()
    kinds = [json.loads(line)["kind"] for line in (folder / "events.jsonl").read_text().splitlines()]
    assert {"launch", "shake", "verdict"} <= set(kinds)
