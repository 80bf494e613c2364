"""results.json: valid against the committed JSON Schema (which is what the models generate),
loaded back unchanged, merged from several files with one-line errors for bad ones."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from harness.config import HarnessConfig
from harness.report import results as results_module
from harness.report.collect import collect
from harness.report.models import Results
from harness.report.output import report_evidence
from harness.report.schema import schema_text
from harness.verdict import Verdict

from .fabricate import HOSTILE_LABEL, Fabricated, erroring, failing

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "results-schema.json"


def test_committed_schema_is_the_generated_one():
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), "run `make schema` and commit docs/results-schema.json"


def test_results_validate_against_the_schema(results: dict):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(results)
    assert results["format"] == "miit-harness-results" and results["version"] == 2
    assert len(results["tests"]) == 7


def test_the_schema_rejects_what_is_not_results(results: dict):
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert not validator.is_valid({**results, "version": 1})
    broken = json.loads(json.dumps(results))
    broken["tests"][0]["verdict"] = "MAYBE"
    assert not validator.is_valid(broken)


def test_results_hold_verdicts_measurements_identities_and_hashes(results: dict):
    fail = next(t for t in results["tests"] if t["verdict"] == "FAIL")
    assert fail["app"]["label"] == HOSTILE_LABEL and fail["device"]["serial"] == "emulator-5554"
    [delay] = [m for m in fail["outcome"]["measurements"] if m["name"] == "close control delay"]
    assert delay == {**delay, "value": 5000, "threshold": 3000, "compare": "<=", "key": "close_delay_limit_ms"}
    assert fail["integrity"]["state"] == "intact" and len(fail["integrity"]["manifest_sha256"]) == 64
    row = next(r for r in results["summary"] if r["package"] == "com.demo.popup.fakeclose")
    assert row == {**row, "clause": "1.4", "clause_title": "窗口关闭用户可选", "verdict": "FAIL", "counts": {"FAIL": 1}}


def test_loading_gives_back_the_same_results(report: Path):
    loaded = results_module.load(report / "results.json")
    assert loaded == Results.model_validate_json((report / "results.json").read_bytes())


def test_worst_verdict_order():
    assert results_module.worst([Verdict.PASS, Verdict.INCONCLUSIVE]) is Verdict.INCONCLUSIVE
    assert results_module.worst([Verdict.ERROR, Verdict.FAIL, None]) is Verdict.FAIL
    assert results_module.worst([Verdict.SKIP, Verdict.PASS]) is Verdict.PASS
    assert results_module.worst([None]) is None


def test_merge_rebases_folders_and_recomputes_the_summary(tmp_path: Path):
    config = HarnessConfig()
    for farm, make in (("device-a", failing), ("device-b", erroring)):
        make(tmp_path / farm / "run1" / f"test_{farm}", config)
        report_evidence(tmp_path / farm / "run1", tmp_path / farm / "run1" / "report")
    out = tmp_path / "merged"
    out.mkdir()
    merged = results_module.merge([tmp_path / f / "run1" / "report" / "results.json" for f in ("device-a", "device-b")],
                                  out)
    assert [t.folder for t in merged.tests] == ["../device-a/run1/test_device-a", "../device-b/run1/test_device-b"]
    assert all((out / t.folder / "manifest.json").is_file() for t in merged.tests)
    assert {r.verdict for r in merged.summary} == {Verdict.FAIL, Verdict.ERROR}


def test_merging_a_test_twice_is_refused(report: Path, tmp_path: Path):
    with pytest.raises(results_module.ResultsError, match="is in both"):
        results_module.merge([report / "results.json", report / "results.json"], tmp_path)


@pytest.mark.parametrize("content, message", [
    (None, "cannot read"),
    (b"{", "not JSON"),
    (b'{"format": "something-else"}', "not a harness results file"),
    (b'{"format": "miit-harness-results", "version": 9}', "results version 9; this harness reads version 2"),
    (b'{"format": "miit-harness-results", "version": 2, "tests": 3}', "not valid harness results"),
])
def test_bad_results_files_are_one_line_errors(tmp_path: Path, content, message):
    path = tmp_path / "results.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(results_module.ResultsError, match=message) as e:
        results_module.load(path)
    assert "\n" not in str(e.value)


def test_collect_and_build_need_no_report_folder(fabricated: Fabricated):
    collected = collect(fabricated.run, fabricated.root)
    built = results_module.build(collected.cases, collected.problems)
    assert {t.id for t in built.tests} == {f"{fabricated.run.name}/gw{n}/{p.name}" for n, p in
                                           ((0, fabricated.fail), (1, fabricated.passed), (0, fabricated.error),
                                            (1, fabricated.unsealed), (0, fabricated.modified),
                                            (1, fabricated.malformed))} | {
        f"{fabricated.run.name}/gw1/scenarios_test_shake.py_test_shake_main_com.demo.shake.ok"}
    assert built.device_kinds == ("virtual",) and built.problems == ()
