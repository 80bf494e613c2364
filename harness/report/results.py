"""`Results` from cases: the per-app, per-clause summary, saving, loading and merging
(several results files, e.g. one per device of a farm, into one)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pydantic import ValidationError

from ..clock import iso_wall
from ..reference import CLAUSES
from ..verdict import Verdict
from .collect import first_error
from .models import FORMAT, VERSION, CaseResult, Results, SummaryRow

# Worst first: a violation seen outweighs a test that broke, which outweighs one that saw too little.
SEVERITY = (Verdict.FAIL, Verdict.ERROR, Verdict.INCONCLUSIVE, Verdict.PASS, Verdict.SKIP)


class ResultsError(ValueError):
    """A results file that cannot be read or merged; the message is one line."""


def worst(verdicts: Iterable[Verdict | None]) -> Verdict | None:
    present = set(verdicts)
    return next((v for v in SEVERITY if v in present), None)


def clause_key(clause: str | None) -> tuple[int, ...]:
    parts = (clause or "").split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (1 << 30,)


def summarize(cases: Sequence[CaseResult]) -> tuple[SummaryRow, ...]:
    groups: dict[tuple[str | None, str | None], list[CaseResult]] = {}
    for case in cases:
        clause = case.outcome.clause if case.outcome else None
        groups.setdefault((case.package, clause), []).append(case)
    rows = []
    ordered = sorted(groups.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or "", clause_key(kv[0][1])))
    for (package, clause), members in ordered:
        app = next((c.app for c in members if c.app), None)
        counts = {v: n for v in SEVERITY if (n := sum(c.verdict is v for c in members))}
        rows.append(SummaryRow(package=package, label=app.label if app else None,
                               version_name=app.version_name if app else None,
                               apk_sha256=app.apk_sha256 if app else None, clause=clause,
                               clause_title=CLAUSES.get(clause or ""), verdict=worst(c.verdict for c in members),
                               counts=counts, unjudged=sum(c.verdict is None for c in members),
                               not_intact=sum(c.integrity.state != "intact" for c in members),
                               tests=tuple(c.id for c in members)))
    return tuple(rows)


def harness_version() -> str:
    try:
        return version("miit-ui-harness")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def build(cases: Sequence[CaseResult], problems: Sequence[str] = ()) -> Results:
    kinds = sorted({c.device.kind for c in cases if c.device})
    return Results(generated_wall=iso_wall(time.time()), harness_version=harness_version(), device_kinds=tuple(kinds),
                   problems=tuple(problems), summary=summarize(cases), tests=tuple(cases))


def save(results: Results, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(results.model_dump_json(indent=1) + "\n", encoding="utf-8")


def load(path: Path) -> Results:
    try:
        data = json.loads(Path(path).read_bytes())
    except OSError as e:
        raise ResultsError(f"{path}: cannot read ({e.strerror or e})") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ResultsError(f"{path}: not JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ResultsError(f"{path}: not a harness results file (no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise ResultsError(f"{path}: results version {data.get('version')!r}; this harness reads version {VERSION}")
    try:
        return Results.model_validate(data)
    except ValidationError as e:
        raise ResultsError(f"{path}: not valid harness results ({first_error(e)})") from None


def rebase(case: CaseResult, old: Path, new: Path) -> CaseResult:
    """The case with its folder relative to `new` instead of `old`."""
    if case.folder is None:
        return case
    folder = Path(os.path.relpath(Path(old, case.folder), new)).as_posix()
    return case.model_copy(update={"folder": folder})


def merge(paths: Sequence[Path], base: Path) -> Results:
    """One Results from several files; folders become relative to `base` (where it is saved)."""
    cases: list[CaseResult] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for path in paths:
        results = load(path)
        problems += results.problems
        for case in results.tests:
            if case.id in seen:
                raise ResultsError(f"test {case.id!r} is in both {seen[case.id]} and {path}")
            seen[case.id] = path
            cases.append(rebase(case, Path(path).absolute().parent, base.absolute()))
    return build(cases, problems)
