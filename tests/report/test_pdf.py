"""`harness report --pdf`: the report printed by Debian's headless Chromium, read back with
pdftotext (poppler-utils): every verdict and every sealed manifest hash is in its text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from harness.cli import main
from harness.reference import CLAUSES

from .fabricate import Fabricated

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("pdftotext")),
                                reason="needs Debian's chromium and poppler-utils (.ci/run installs them)")


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout


def test_pdf_holds_every_verdict_and_manifest_hash(fabricated: Fabricated, tmp_path: Path, capsys):
    run = Path(shutil.copytree(fabricated.run, tmp_path / fabricated.run.name))
    pdf = tmp_path / "case-file.pdf"
    assert main(["report", str(run), "--pdf", str(pdf)]) == 0
    assert capsys.readouterr().out.split() == [str(run / "report" / "index.html"), str(pdf)]
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = pdf_text(pdf)
    pages = text.count("\f")
    results = json.loads((run / "report" / "results.json").read_text())
    tests = results["tests"]
    assert pages >= len(tests)  # a page (at least) per test, after the summary
    flat = re.sub(r"\s+", "", text)  # a long hash may wrap across lines
    hashes = [t["integrity"]["manifest_sha256"] for t in tests if t["integrity"]["manifest_sha256"]]
    assert len(hashes) >= 4
    for digest in hashes:
        assert digest in flat, f"manifest hash {digest} not in the PDF"
    # the clause titles are Chinese: printed with a CJK font, not as empty boxes
    assert re.sub(r"\s+", "", CLAUSES["1.4"]) in flat
    verdicts = [t["verdict"] for t in tests if t["verdict"]]
    assert {"PASS", "FAIL", "ERROR"} <= set(verdicts)
    for verdict in set(verdicts):
        # each test's own page names its verdict: count them against the results
        assert len(re.findall(rf"\b{verdict}\b", text)) >= verdicts.count(verdict)


def test_no_chromium_is_one_line_and_non_zero(fabricated: Fabricated, tmp_path: Path, monkeypatch, capsys):
    run = Path(shutil.copytree(fabricated.run, tmp_path / fabricated.run.name))
    monkeypatch.setenv("MIIT_HARNESS_CHROMIUM", str(tmp_path / "no-such-chromium"))
    assert main(["report", str(run), "--pdf", str(tmp_path / "r.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "harness: error: --pdf: Chromium not found" in err
    assert (run / "report" / "results.json").is_file() and not (tmp_path / "r.pdf").exists()


def test_pdf_inside_an_evidence_folder_is_refused(fabricated: Fabricated, tmp_path: Path, capsys):
    run = Path(shutil.copytree(fabricated.run, tmp_path / fabricated.run.name))
    folder = next(p.parent for p in run.rglob("manifest.jsonl"))
    assert main(["report", str(run), "--pdf", str(folder / "r.pdf")]) == 2
    assert "inside the evidence folder" in capsys.readouterr().err
