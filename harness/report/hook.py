"""At the end of a pytest session, write the run's report: `<evidence-dir>/<run-id>/report/`
with index.html and results.json, on the xdist controller or a plain session (xdist workers
only write evidence), and only when a test was judged. Every judged test's verdict, read from
its report (a worker's too), goes into the session record, so a test that never had an
evidence folder is in the report as well."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..verdict import Outcome, Verdict
from .session import RecordedTest, SessionRecord, recorded, save

REPORT_FOLDER = "report"


def _worker(report: pytest.TestReport) -> str | None:
    """The xdist worker a report came from (the controller sets `report.node`)."""
    gateway = getattr(getattr(report, "node", None), "gateway", None)
    return getattr(gateway, "id", None)


class ReportWriter:
    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.tests: dict[str, RecordedTest] = {}
        self.index: Path | None = None
        self.failure: str | None = None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # teardown reports repeat the properties (junitxml reads them there); the verdict is set once
        test = recorded(report.nodeid, report.user_properties, _worker(report)) if report.when != "teardown" else None
        if test is None and report.failed and report.when not in ("setup", "call", "teardown"):
            # xdist's report of a worker that died mid-test (no phase, no properties): the test had no verdict
            why = str(report.longrepr).splitlines()[0] if report.longrepr else "its worker crashed"
            test = RecordedTest(nodeid=report.nodeid, worker=_worker(report),
                                outcome=Outcome(verdict=Verdict.ERROR, reason=why))
        if test is not None:
            self.tests[report.nodeid] = test

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        config = session.config
        if hasattr(config, "workerinput"):
            return
        if not self.tests:  # no judged test: nothing to report
            return
        run = Path(config.invocation_params.dir, config.getoption("evidence_dir"), self.run_id)
        # Imported only now: the readers import adbutils, which must not be imported before a
        # --virtual session has exported its private adb port.
        from .output import report_evidence

        try:
            save(SessionRecord(run_id=self.run_id, tests=tuple(self.tests.values())), run)
            self.index = report_evidence(run, run / REPORT_FOLDER)
        except Exception as e:  # the tests' outcomes stand; the summary says the report failed
            self.failure = f"{type(e).__name__}: {e}".splitlines()[0]

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.index is not None:
            terminalreporter.write_line(f"harness report: {self.index}")
        elif self.failure is not None:
            terminalreporter.write_line(f"harness report: not written: {self.failure}", red=True)
