"""The session hook: one report per run, written by the xdist controller (or a plain session)
when a judged test left evidence, its path printed; and JUnit carries the verdicts and
measurements as properties, with xdist too."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from harness.report import output

pytest_plugins = ["pytester"]

JUDGED = """
import pytest

@pytest.mark.clause("1.4")
@pytest.mark.parametrize("delay", [1000, 5000])
def test_close_delay(delay, verdict, evidence):
    evidence.event("tap", x=1, y=2)
    verdict.measure("close control delay", delay, key="close_delay_limit_ms", compare="<=", unit=" ms")
    verdict.measure("<script>alert(1)</script>", 1)
    verdict.conclude()
"""


def report_lines(output: list[str]) -> list[str]:
    return [line for line in output if line.startswith("harness report:")]


def test_xdist_controller_writes_one_report_and_junit_has_the_measurements(pytester: pytest.Pytester):
    pytest.importorskip("xdist")
    pytester.makepyfile(test_judged=JUDGED)
    evidence, junit = pytester.path / "ev", pytester.path / "junit.xml"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2", f"--evidence-dir={evidence}",
                                           f"--junitxml={junit}")
    result.assert_outcomes(passed=1, failed=1)
    [run] = list(evidence.iterdir())
    assert report_lines(result.outlines) == [f"harness report: {run / 'report' / 'index.html'}"]
    assert not list(run.glob("gw*/report")) and not list(run.glob("gw*/*/report"))
    results = json.loads((run / "report" / "results.json").read_text())
    assert sorted(t["verdict"] for t in results["tests"]) == ["FAIL", "PASS"]
    assert {t["worker"] for t in results["tests"]} <= {"gw0", "gw1"}
    cases = {c.get("name"): {p.get("name"): p.get("value") for p in c.iter("property")}
             for c in ET.parse(junit).getroot().iter("testcase")}
    failing = cases["test_close_delay[5000]"]
    assert failing["harness_verdict"] == "FAIL" and failing["harness_clause"] == "1.4"
    assert "close control delay = 5000 ms" in failing["harness_reason"]
    measured = json.loads(failing["harness_measurement:close control delay"])
    assert measured == {**measured, "value": 5000, "threshold": 3000, "compare": "<=", "unit": " ms"}
    assert json.loads(cases["test_close_delay[1000]"]["harness_measurement:<script>alert(1)</script>"])["value"] == 1


def test_a_plain_session_writes_the_report(pytester: pytest.Pytester):
    pytester.makepyfile(test_judged=JUDGED)
    evidence = pytester.path / "ev"
    result = pytester.runpytest("-p", "no:cacheprovider", f"--evidence-dir={evidence}")
    [run] = list(evidence.iterdir())
    index = run / "report" / "index.html"
    assert report_lines(result.outlines) == [f"harness report: {index}"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index.read_text()


def test_no_report_without_a_judged_test(pytester: pytest.Pytester):
    pytester.makepyfile(test_plain="""
def test_evidence_only(evidence):
    evidence.event("tap", x=1, y=2)

def test_nothing():
    pass
""")
    evidence = pytester.path / "ev"
    result = pytester.runpytest("-p", "no:cacheprovider", f"--evidence-dir={evidence}")
    result.assert_outcomes(passed=2)
    assert report_lines(result.outlines) == []
    assert not list(evidence.glob("*/report"))


def test_a_report_that_cannot_be_written_is_said_and_the_outcomes_stand(pytester: pytest.Pytester,
                                                                        monkeypatch: pytest.MonkeyPatch):
    def broken(*args: object) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(output, "report_evidence", broken)  # in-process: the hook imports it from there
    pytester.makepyfile(test_judged=JUDGED)
    result = pytester.runpytest("-p", "no:cacheprovider", f"--evidence-dir={pytester.path / 'ev'}")
    result.assert_outcomes(passed=1, failed=1)
    assert report_lines(result.outlines) == ["harness report: not written: OSError: disk full"]
