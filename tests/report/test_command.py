"""`harness report`: from an evidence dir, a run or one test folder, and `--merge`; bad input
is one line on stderr and exit 2, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from harness.cli import main
from harness.evidence import verify

from .fabricate import Fabricated


@pytest.fixture
def run(fabricated: Fabricated, tmp_path: Path) -> Path:
    """A private copy: these tests write reports into it."""
    return Path(shutil.copytree(fabricated.run, tmp_path / "ev" / fabricated.run.name))


def test_report_of_a_run(run: Path, capsys):
    assert main(["report", str(run)]) == 0
    assert capsys.readouterr().out.strip() == str(run / "report" / "index.html")
    results = json.loads((run / "report" / "results.json").read_text())
    # six evidence folders and the test the session record lists without one
    assert len(results["tests"]) == 7 and (run / "report" / "report.css").is_file()


def test_out_and_json_elsewhere(run: Path, tmp_path: Path, capsys):
    assert main(["report", str(run), "--out", str(tmp_path / "html"), "--json", str(tmp_path / "data" / "r.json")]) == 0
    results = json.loads((tmp_path / "data" / "r.json").read_text())
    assert all((tmp_path / "data" / t["folder"] / "events.jsonl").is_file() for t in results["tests"] if t["timeline"])
    html = (tmp_path / "html" / "index.html").read_text()
    assert 'href="../data/r.json"' in html and f'src="../ev/{run.name}/gw0/test_popup_fail/frames/000002.png"' in html


def test_a_single_test_folder_keeps_its_evidence_intact(run: Path, capsys):
    folder = run / "gw1" / "test_splash_pass"
    assert main(["report", str(folder)]) == 0
    assert (run / "gw1" / "test_splash_pass-report" / "index.html").is_file()
    assert verify(folder).intact


def test_merge(run: Path, tmp_path: Path, capsys):
    assert main(["report", str(run)]) == 0
    other = Path(shutil.copytree(run, tmp_path / "farm-b" / "run-b"))
    shutil.rmtree(other / "report")
    assert main(["report", str(other)]) == 0
    out = tmp_path / "merged"
    assert main(["report", "--merge", str(run / "report" / "results.json"), str(other / "report" / "results.json"),
                 "--out", str(out)]) == 0
    merged = json.loads((out / "results.json").read_text())
    assert len(merged["tests"]) == 14 and (out / "index.html").is_file()
    assert all((out / t["folder"]).resolve().is_dir() for t in merged["tests"] if t["folder"] is not None)
    assert sum(t["folder"] is None for t in merged["tests"]) == 2


@pytest.mark.parametrize("argv, message", [
    (["report"], "give either EVIDENCE_DIR or --merge"),
    (["report", "{tmp}/empty"], "no evidence folders in it"),
    (["report", "{tmp}/absent"], "not a directory"),
    (["report", "--merge", "{tmp}/absent.json"], "--merge needs --out DIR"),
    (["report", "--merge", "{tmp}/absent.json", "--out", "{tmp}/o"], "absent.json: cannot read"),
    (["report", "{run}", "--out", "{run}/gw0/test_popup_fail/report"], "inside the evidence folder"),
])
def test_bad_input_is_one_line_and_exit_2(run: Path, tmp_path: Path, capsys, argv, message):
    (tmp_path / "empty").mkdir()
    code = main([a.format(tmp=tmp_path, run=run) for a in argv])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("harness: error: ") and message in err and err.count("\n") == 1
