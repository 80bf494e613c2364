"""Write a report: results.json and the HTML pages beside it."""

from __future__ import annotations

from pathlib import Path

from .collect import collect
from .html import render
from .models import Results
from .results import build, save

RESULTS = "results.json"


def write(results: Results, out: Path, json_file: Path) -> Path:
    """Save `results` to `json_file` (its folders relative to that file's directory) and the
    HTML report into `out`; returns index.html's path."""
    save(results, json_file)
    return render(results, json_file.parent, out, json_file)


def report_evidence(root: Path, out: Path, json_file: Path | None = None) -> Path:
    """Read every evidence folder at or below `root` and write its report; returns index.html's path."""
    json_file = json_file or out / RESULTS
    collected = collect(root, json_file.parent)
    return write(build(collected.cases, collected.problems), out, json_file)
