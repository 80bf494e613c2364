"""`harness report EVIDENCE_DIR [--out DIR] [--json FILE] [--pdf FILE]`: the HTML report and
results.json of evidence folders (a run, an evidence dir, or one test's folder), and with --pdf
the same report printed to PDF by headless Chromium (a page per test, manifest hashes included).
`harness report --merge RESULTS.json… --out DIR`: one report from several results files (e.g.
one per device of a farm).

Exit 0 when the report is written, 2 on bad input, 1 when the PDF cannot be printed (no Chromium;
the HTML report and results.json are written all the same).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..evidence import JOURNAL
from . import error


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("report", help="write the HTML report and results.json of evidence folders",
                                   description="Write an HTML evidence report and results.json from evidence folders, "
                                               "or merge several results.json files into one report.")
    parser.add_argument("folder", nargs="?", metavar="EVIDENCE_DIR",
                        help="evidence dir, run folder or test folder")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="report folder (default: EVIDENCE_DIR/report; beside a single test folder)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="results file (default: OUT/results.json)")
    parser.add_argument("--merge", nargs="+", type=Path, metavar="RESULTS", help="merge these results.json files")
    parser.add_argument("--pdf", type=Path, metavar="FILE", help="also print the report to this PDF (headless Chromium)")
    parser.set_defaults(func=run)
    return parser


def _default_out(folder: Path) -> Path:
    # A report inside a test's folder would be an extra file there: its evidence would no longer verify.
    return folder.parent / f"{folder.name}-report" if (folder / JOURNAL).is_file() else folder / "report"


def _inside_evidence(path: Path) -> Path | None:
    """The test evidence folder that `path` lies in, if any."""
    return next((p for p in (path.absolute(), *path.absolute().parents) if (p / JOURNAL).is_file()), None)


def run(args: argparse.Namespace) -> int:
    from ..report.collect import NoEvidence
    from ..report.output import RESULTS, report_evidence, write
    from ..report.results import ResultsError, merge

    if (args.folder is None) == (args.merge is None):
        error("give either EVIDENCE_DIR or --merge RESULTS.json…")
        return 2
    if args.merge and args.out is None:
        error("--merge needs --out DIR")
        return 2
    out = args.out or _default_out(Path(args.folder))
    json_file = args.json or out / RESULTS
    for target in (out, json_file, *([args.pdf] if args.pdf else [])):
        inside = _inside_evidence(target)
        if inside is not None:
            error(f"{target}: inside the evidence folder {inside}; writing there would change its evidence")
            return 2
    try:
        if args.merge:
            index = write(merge(args.merge, json_file.absolute().parent), out, json_file)
        else:
            index = report_evidence(Path(args.folder), out, json_file)
    except (NoEvidence, ResultsError) as e:
        error(str(e))
        return 2
    print(index)
    if args.pdf:
        from ..report.pdf import PdfError, print_pdf
        try:
            print(print_pdf(index, args.pdf))
        except PdfError as e:
            error(f"--pdf: {e}")
            return 1
    return 0
