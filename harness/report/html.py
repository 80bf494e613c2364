"""Render `Results` as a static HTML report (index.html + report.css) that opens from disk.

Every string from the app, the device or the evidence goes through Jinja2's autoescaping; links
to evidence files are percent-encoded relative paths (never a scheme), and the page carries no
script at all, which its Content-Security-Policy also forbids.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..reference import CLAUSES
from ..verdict import Verdict
from .models import CaseResult, KeyFrame, Results, ShakeResult
from .results import SEVERITY
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


class Links:
    """Relative, percent-encoded hrefs from the report's folder to evidence files."""

    def __init__(self, base: Path, out: Path) -> None:
        self.base, self.out = base.absolute(), out.absolute()

    def to(self, target: Path) -> str:
        return quote(Path(os.path.relpath(target.absolute(), self.out)).as_posix(), safe="/")

    def file(self, case: CaseResult, rel: str = "") -> str:
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
    env.globals.update(timeline_rows=timeline_rows, label_size=label_size, shake_plots=shake_plots, Verdict=Verdict,
                       severity=SEVERITY, clauses=CLAUSES)
    return env


def render(results: Results, base: Path, out: Path, json_file: Path | None = None) -> Path:
    """Write `out/index.html` and its stylesheet; case folders are relative to `base`, and the
    page links `json_file` (the results it shows) when given. Returns index.html's path."""
    out.mkdir(parents=True, exist_ok=True)
    links = Links(base, out)
    devices = {c.device.serial: c.device for c in results.tests if c.device}
    cases = ordered(results.tests)
    page = _environment().get_template("report.html.j2").render(
        results=results, cases=cases, anchors={c.id: f"t{i}" for i, c in enumerate(cases, start=1)}, links=links,
        devices=list(devices.values()),
        json_href=links.to(json_file) if json_file else None, stylesheet=STYLESHEET)
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    shutil.copyfile(HERE / "static" / STYLESHEET, out / STYLESHEET)
    return index
