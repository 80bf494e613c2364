"""One fabricated evidence run (every situation a report meets) and its report, shared by the
report tests: they only read them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.report.output import report_evidence

from .fabricate import Fabricated, fabricate


@pytest.fixture(scope="session")
def fabricated(tmp_path_factory: pytest.TempPathFactory) -> Fabricated:
    return fabricate(tmp_path_factory.mktemp("evidence"))


@pytest.fixture(scope="session")
def report(fabricated: Fabricated) -> Path:
    """The run's report folder, written as the session hook writes it."""
    out = fabricated.run / "report"
    report_evidence(fabricated.run, out)
    return out


@pytest.fixture(scope="session")
def results(report: Path) -> dict:
    return json.loads((report / "results.json").read_text())
