"""Every judged test is in results.json and the report, evidence folder or not: a test that ends
ERROR before it has one (here: the device never comes, as with a pool of unhealthy devices) is
listed with its verdict and reason, in a plain session and under xdist (the controller reads the
workers' reports); and what the properties carry reads back as the same outcome."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from harness.cli import main
from harness.device.identity import DeviceIdentity
from harness.report.output import report_evidence
from harness.report.session import SESSION_FILE, properties, recorded
from harness.verdict import Measurement, Outcome, Verdict

pytest_plugins = ["pytester"]

WHY = "device pool: no healthy device free (emulator-5554@127.0.0.1:15037: boot not complete)"
NO_DEVICE = f'''
import pytest

@pytest.fixture(scope="session")
def harness_serial():
    pytest.fail("{WHY}", pytrace=False)
'''
TESTS = """
import pytest

@pytest.mark.clause("1.4")
@pytest.mark.parametrize("n", range(3))
def test_needs_a_device(n, device, verdict):
    verdict.measure("x", n)

@pytest.mark.clause("1.6")
def test_needs_the_app(app, verdict):
    verdict.measure("x", 1)

@pytest.mark.clause("1.4")
def test_needs_nothing(evidence, verdict):
    verdict.measure("delay", 100, key="close_delay_limit_ms", compare="<=", unit=" ms")
"""


def run(pytester: pytest.Pytester, *args: str) -> tuple[pytest.RunResult, Path, dict, dict[str, dict[str, str]]]:
    pytester.makeconftest(NO_DEVICE)
    pytester.makepyfile(test_farm=TESTS)
    evidence, junit = pytester.path / "ev", pytester.path / "junit.xml"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--evidence-dir={evidence}",
                                           f"--junitxml={junit}", "--app", "com.demo.x", *args)
    [run_folder] = list(evidence.iterdir())
    results = json.loads((run_folder / "report" / "results.json").read_text())
    cases = {c.get("name"): {p.get("name"): p.get("value") for p in c.iter("property")}
             for c in ET.parse(junit).getroot().iter("testcase")}
    return result, run_folder, results, cases


@pytest.mark.parametrize("xdist", [False, True], ids=["plain", "xdist"])
def test_tests_without_evidence_are_listed_with_their_reason(pytester: pytest.Pytester, xdist: bool):
    if xdist:
        pytest.importorskip("xdist")
    result, run_folder, results, junit = run(pytester, *(("-n", "2") if xdist else ()))
    result.assert_outcomes(passed=1, errors=4)
    tests = {t["nodeid"].split("::")[-1].split("@")[0]: t for t in results["tests"]}
    assert sorted(tests) == ["test_needs_a_device[0]", "test_needs_a_device[1]", "test_needs_a_device[2]",
                             "test_needs_nothing", "test_needs_the_app[com.demo.x]"]
    assert len(junit) == len(results["tests"]) == 5
    for name, test in tests.items():
        if name == "test_needs_nothing":
            assert test["verdict"] == "PASS" and test["integrity"]["state"] == "intact" and test["folder"]
            continue
        assert test["verdict"] == "ERROR" and test["outcome"]["reason"] == f"Failed: {WHY}"
        assert test["folder"] is None and test["integrity"]["state"] == "absent"
        assert test["problems"] == ["no evidence folder: the test ended before it had one"]
        assert test["package"] == ("com.demo.x" if "the_app" in name else None)
        assert test["outcome"]["clause"] == ("1.6" if "the_app" in name else "1.4")
        assert (test["worker"] in ("gw0", "gw1")) if xdist else test["worker"] is None
    assert [(r["package"], r["clause"], r["verdict"], r["counts"]) for r in results["summary"]] == [
        ("com.demo.x", "1.6", "ERROR", {"ERROR": 1}), (None, "1.4", "ERROR", {"ERROR": 3, "PASS": 1})]
    html = (run_folder / "report" / "index.html").read_text()
    assert html.count(f"Failed: {WHY}") >= 4 and "no evidence folder" in html
    for test in results["tests"]:
        assert (test["nodeid"] in html) and test["id"] in html
    assert (run_folder / SESSION_FILE).is_file()
    assert {p["harness_verdict"] for p in junit.values()} == {"ERROR", "PASS"}


@pytest.fixture(scope="module")
def plain_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One plain run of TESTS with no device, made once; tests change copies of its run folder."""
    where = tmp_path_factory.mktemp("plain-run")
    (where / "conftest.py").write_text(NO_DEVICE)
    (where / "test_farm.py").write_text(TESTS)
    subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--evidence-dir=ev", "--app", "com.demo.x"],
                   cwd=where, capture_output=True, timeout=120)
    [run_folder] = list((where / "ev").iterdir())
    return run_folder


@pytest.fixture
def run_folder(plain_run: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(plain_run, tmp_path / plain_run.name))


def test_the_report_is_rebuilt_from_the_run_folder_with_them(run_folder: Path, tmp_path: Path):
    """`harness report RUN` reads the session record too: nothing is lost when the report is redone."""
    first = json.loads((run_folder / "report" / "results.json").read_text())
    assert main(["report", str(run_folder), "--out", str(tmp_path / "again")]) == 0
    second = json.loads((tmp_path / "again" / "results.json").read_text())
    assert len(first["tests"]) == 5
    assert sorted(t["id"] for t in second["tests"]) == sorted(t["id"] for t in first["tests"])


def test_a_gone_evidence_folder_is_said(run_folder: Path, tmp_path: Path):
    [folder] = [p.parent for p in run_folder.rglob("verdict.json")]
    shutil.rmtree(folder)
    assert main(["report", str(run_folder), "--out", str(tmp_path / "again")]) == 0
    results = json.loads((tmp_path / "again" / "results.json").read_text())
    [passed] = [t for t in results["tests"] if t["verdict"] == "PASS"]
    assert passed["folder"] is None and passed["problems"] == [f"no evidence folder: {folder.name} is gone"]


def test_a_broken_session_record_is_a_problem_of_the_results(run_folder: Path, tmp_path: Path):
    (run_folder / SESSION_FILE).write_text('{"run_id": 3}')
    report_evidence(run_folder, tmp_path / "again")
    results = json.loads((tmp_path / "again" / "results.json").read_text())
    assert [t["verdict"] for t in results["tests"]] == ["PASS"]
    [problem] = results["problems"]
    assert problem.endswith("harness-session.json: not a harness session record (run_id: Input should be a valid string)")


def test_properties_read_back_as_the_same_outcome():
    outcome = Outcome(verdict=Verdict.FAIL, reason="late", clause="1.4", measurements=(
        Measurement(name="close delay", value=3027, unit="ms", compare="<=", threshold=3000, key="close_delay_limit_ms",
                    origin="default", source="a rule"),
        Measurement(name="close delay", value="again", unit=""), Measurement(name="<b>", value=None)))
    device = DeviceIdentity(serial="emulator-5554", kind="virtual", model="m", manufacturer="x", sdk=34, release="14",
                            fingerprint="f")
    props = properties(outcome, device=device, package="com.demo.x", evidence="gw0/test_x")
    assert ("harness_device_kind", "virtual") in props and ("harness_device", device.summary) in props
    test = recorded("t.py::test_x", props, "gw0")
    assert test.outcome == outcome and (test.package, test.evidence, test.worker) == ("com.demo.x", "gw0/test_x", "gw0")
    assert recorded("t.py::test_y", [("other", "x")], None) is None



def test_a_test_whose_worker_died_is_error_with_the_reason(tmp_path: Path):
    """xdist reports a worker that died mid-test with no phase and no properties (its crash
    handling hangs on this machine, so the report is made here as xdist makes it)."""
    from types import SimpleNamespace

    from harness.evidence import EvidenceBundle
    from harness.report.hook import ReportWriter
    from harness.report.session import SessionRecord, save

    writer = ReportWriter("run1")
    for nodeid in ("test_crash.py::test_dies", "test_crash.py::test_dies_early"):
        report = pytest.TestReport(nodeid=nodeid, location=("test_crash.py", None, "test_crash.py"), keywords={},
                                   outcome="failed", longrepr=f"worker 'gw0' crashed while running {nodeid!r}",
                                   when="???")
        report.node = SimpleNamespace(gateway=SimpleNamespace(id="gw0"))
        writer.pytest_runtest_logreport(report)
    run = tmp_path / "run1"
    bundle = EvidenceBundle(run / "gw0" / "test_crash.py_test_dies")  # left unsealed, as a killed worker leaves it
    bundle.event("test_start", nodeid="test_crash.py::test_dies")
    save(SessionRecord(run_id="run1", tests=tuple(writer.tests.values())), run)
    report_evidence(run, tmp_path / "report")
    tests = {t["nodeid"]: t for t in json.loads((tmp_path / "report" / "results.json").read_text())["tests"]}
    assert sorted(tests) == ["test_crash.py::test_dies", "test_crash.py::test_dies_early"]
    for nodeid, test in tests.items():
        assert test["verdict"] == "ERROR" and test["worker"] == "gw0"
        assert test["outcome"]["reason"] == f"worker 'gw0' crashed while running {nodeid!r}"
    dies = tests["test_crash.py::test_dies"]  # its folder stays, unsealed, with the session's verdict
    assert dies["integrity"]["state"] == "unsealed"
    assert "verdict.json: none in the folder; the verdict is the session's" in dies["problems"]
    assert tests["test_crash.py::test_dies_early"]["folder"] is None
