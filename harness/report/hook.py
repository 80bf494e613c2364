"""At the end of a pytest session, write the run's report: `<evidence-dir>/<run-id>/report/`
with index.html and results.json, on the xdist controller or a plain session (xdist workers
only write evidence), and only when a harness-judged test left evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

REPORT_FOLDER = "report"


class ReportWriter:
    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.index: Path | None = None
        self.failure: str | None = None

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        config = session.config
        if hasattr(config, "workerinput"):
            return
        run = Path(config.invocation_params.dir, config.getoption("evidence_dir"), self.run_id)
        if not any(run.rglob("verdict.json")):  # no judged test wrote evidence: nothing to report
            return
        # Imported only now: the readers import adbutils, which must not be imported before a
        # --virtual session has exported its private adb port.
        from .output import report_evidence

        try:
            self.index = report_evidence(run, run / REPORT_FOLDER)
        except Exception as e:  # the tests' outcomes stand; the summary says the report failed
            self.failure = f"{type(e).__name__}: {e}".splitlines()[0]

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.index is not None:
            terminalreporter.write_line(f"harness report: {self.index}")
        elif self.failure is not None:
            terminalreporter.write_line(f"harness report: not written: {self.failure}", red=True)
