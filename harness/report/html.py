"""Render `Results` as a static HTML report (index.html + report.css) that opens from disk.

Every string from the app, the device or the evidence goes through Jinja2's autoescaping; links
to evidence files are percent-encoded relative paths (never a scheme), and the page carries no
script at all, which its Content-Security-Policy also forbids.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..reference import CLAUSES
from ..verdict import Verdict
from .models import CaseResult, KeyFrame, Results, ShakeResult, SummaryRow
from .results import SEVERITY, clause_key, worst
from .svgplot import Plot, shake_plot

HERE = Path(__file__).parent
STYLESHEET = "report.css"
SHAKE_THRESHOLD_KEY = "shake_accel_ms2"


@dataclass(frozen=True)
class Row:
    """A timeline line: an event or a key frame, in time order."""

    offset_ms: float | None
    since_launch_ms: float | None
    wall: str | None
    kind: str
    details: str
    anchor: str | None = None  # a key frame's figure


@dataclass(frozen=True)
class Cell:
    """One app × clause cell of the matrix: its summary row and the anchor of its tests."""

    row: SummaryRow
    anchor: str
    shared: bool  # evidence no test started itself (a launch profile): no verdict is expected of it

    @property
    def count(self) -> int:
        """How many of its tests have the cell's (worst) verdict."""
        return self.row.counts.get(self.row.verdict, 0) if self.row.verdict else self.row.unjudged

    @property
    def total(self) -> int:
        return len(self.row.tests)


@dataclass(frozen=True)
class AppRow:
    package: str | None
    label: str | None
    versions: tuple[str, ...]
    sha256s: tuple[str, ...]
    verdict: Verdict | None
    cells: dict[str | None, Cell]


@dataclass(frozen=True)
class Matrix:
    clauses: tuple[str | None, ...]  # None: tests without a clause (e.g. a launch profile several tests share)
    apps: tuple[AppRow, ...]


def shared(case: CaseResult) -> bool:
    """Evidence that no test started (a launch profile several tests share)."""
    return case.nodeid is None and case.verdict is None and case.folder is not None


def matrix(summary: Sequence[SummaryRow], anchors: Sequence[str], cases: Iterable[CaseResult]) -> Matrix:
    """One row per app, one column per clause, from the summary rows (`anchors` in their order)."""
    rows = list(summary)
    shared_ids = {c.id for c in cases if shared(c)}
    clauses = tuple(dict.fromkeys(r.clause for r in sorted(rows, key=lambda r: clause_key(r.clause))))
    apps = []
    for package in dict.fromkeys(r.package for r in rows):
        mine = [(i, r) for i, r in enumerate(rows) if r.package == package]
        apps.append(AppRow(
            package=package, label=next((r.label for _, r in mine if r.label), None),
            versions=tuple(dict.fromkeys(r.version_name for _, r in mine if r.version_name)),
            sha256s=tuple(dict.fromkeys(r.apk_sha256 for _, r in mine if r.apk_sha256)),
            verdict=worst(r.verdict for _, r in mine),
            cells={r.clause: Cell(r, anchors[i], set(r.tests) <= shared_ids) for i, r in mine}))
    return Matrix(clauses, tuple(apps))


def key_frame(case: CaseResult, cases: Sequence[CaseResult]) -> tuple[CaseResult, KeyFrame] | None:
    """The frame that shows a violation best, and the case whose evidence holds it: the
    scenario's first key frame; else the screen before the first tap (where the user had to act);
    else the last frame (where the app ended up); for a test judged from the shared launch
    profile alone, the profile's."""
    frames = [k for k in case.key_frames if k.width]
    picks = [k for k in frames if k.origin == "annotations"] or [k for k in frames if k.points] or frames[-1:]
    if picks:
        return case, picks[0]
    folders = [e.details.get("folder") for e in case.timeline if e.kind == "launch_profile"]
    profile = next((c for c in cases for f in folders
                    if isinstance(f, str) and c is not case and f.replace(os.sep, "/").endswith(f"/{c.id}")), None)
    return key_frame(profile, ()) if profile is not None else None


def short(text: str | None, limit: int = 64) -> str:
    """`text` cut in the middle to `limit` characters (the page gives it whole on hover)."""
    text = text or ""
    if len(text) <= limit:
        return text
    head = limit // 3
    return f"{text[:head]}…{text[len(text) - (limit - head - 1):]}"


class Links:
    """Relative, percent-encoded hrefs from the report's folder to evidence files."""

    def __init__(self, base: Path, out: Path) -> None:
        self.base, self.out = base.absolute(), out.absolute()

    def to(self, target: Path) -> str:
        return quote(Path(os.path.relpath(target.absolute(), self.out)).as_posix(), safe="/")

    def file(self, case: CaseResult, rel: str = "") -> str:
        if case.folder is None:
            raise ValueError(f"{case.id}: no evidence folder to link to")
        return self.to(self.base / case.folder / rel)


def _details(fields: dict[str, Any]) -> str:
    return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in fields.items())


def timeline_rows(case: CaseResult, anchor: str) -> list[Row]:
    rows = [Row(e.offset_ms, e.since_launch_ms, e.wall, e.kind, _details(e.details)) for e in case.timeline]
    rows += [Row(k.offset_ms, k.since_launch_ms, None, "key frame", f"{k.title} ({k.image})", f"{anchor}-k{i}")
             for i, k in enumerate(case.key_frames, start=1)]
    return sorted(rows, key=lambda r: (r.offset_ms is None, r.offset_ms or 0.0))


def label_size(frame: KeyFrame) -> float:
    """Overlay text height in image pixels: readable once the image is scaled to the page."""
    return round(max(frame.width or 0, frame.height or 0) / 45, 1) or 12.0


def _threshold(case: CaseResult) -> float | None:
    value = next((s.value for s in case.settings if s.key == SHAKE_THRESHOLD_KEY), None)
    return float(value) if isinstance(value, int | float) else None


def shake_plots(case: CaseResult) -> list[tuple[ShakeResult, Plot]]:
    return [(s, shake_plot(s, _threshold(case))) for s in case.shakes]


def ordered(cases: Iterable[CaseResult]) -> list[CaseResult]:
    """Worst verdicts first, then tests without a verdict, each group by id."""
    rank = {v: i for i, v in enumerate(SEVERITY)}
    return sorted(cases, key=lambda c: (rank.get(c.verdict, len(SEVERITY)), c.id))


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["css"] = lambda v: str(v).lower() if v else "none"
    env.filters["ms"] = lambda v: "—" if v is None else f"{v:,.0f} ms"
    env.filters["offset"] = lambda v: "—" if v is None else f"{v:+,.0f} ms".replace("-", "−")
    env.filters["value"] = lambda v: "not measured" if v is None else f"{v:g}" if isinstance(v, float) else str(v)
    env.filters["short"] = short
    env.globals.update(timeline_rows=timeline_rows, label_size=label_size, shake_plots=shake_plots, Verdict=Verdict,
                       severity=SEVERITY, clauses=CLAUSES, key_frame=key_frame)
    return env


def render(results: Results, base: Path, out: Path, json_file: Path | None = None) -> Path:
    """Write `out/index.html` and its stylesheet; case folders are relative to `base`, and the
    page links `json_file` (the results it shows) when given. Returns index.html's path."""
    out.mkdir(parents=True, exist_ok=True)
    links = Links(base, out)
    devices = {c.device.serial: c.device for c in results.tests if c.device}
    cases = ordered(results.tests)
    by_id = {c.id: c for c in cases}
    # the tests section: one group per summary row (app × clause), each linked from its matrix cell
    groups = [(f"g{i}", row, ordered(by_id[t] for t in row.tests)) for i, row in enumerate(results.summary, start=1)]
    page = _environment().get_template("report.html.j2").render(
        results=results, cases=cases, anchors={c.id: f"t{i}" for i, c in enumerate(cases, start=1)}, links=links,
        devices=list(devices.values()), matrix=matrix(results.summary, [g for g, _, _ in groups], cases),
        groups=groups,
        violations=[c for _, _, members in groups for c in members if c.verdict is Verdict.FAIL],
        virtual=[c for c in results.tests if c.device and c.device.kind == "virtual"],
        json_href=links.to(json_file) if json_file else None, stylesheet=STYLESHEET)
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    shutil.copyfile(HERE / "static" / STYLESHEET, out / STYLESHEET)
    return index
