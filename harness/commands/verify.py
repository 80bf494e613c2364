"""`harness verify DIR [--key PUB…] [--trusted-keys FILE]`: is an evidence folder exactly what
its manifest says, and who signed that manifest?
`harness verify --against RESULTS.json DIR_OR_RUN`: also, is every folder's sealed manifest the
one the filed results recorded (a folder rewritten with its manifest no longer matches)?

Exit codes:
  0  intact; a signature, if any, is valid (and by an expected key when one is expected);
     with --against, every folder matches the filed hashes
  1  the evidence is not as sealed: a file changed, went missing or appeared, the manifest does
     not add up, the signature does not verify, a sealed manifest's hash differs from the filed
     one, or a filed folder is missing
  2  bad input: DIR is not an evidence folder, a key or results file cannot be read
  3  intact, but not signed by an expected key: unsigned, or re-signed by another key (only when a
     key is expected: --key, --trusted-keys, or the signer a filed results.json recorded)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..evidence import JOURNAL, NotEvidence, VerifyReport, verify
from . import error

if TYPE_CHECKING:
    from ..evidence.anchor import AnchorCheck, Filed

UNSIGNED_EXIT = 3


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("verify", help="check an evidence folder against its manifest and signature",
                                   description="Report changed, missing and extra files of an evidence folder, its "
                                               "signature, and (--against) whether its sealed manifest is the one a "
                                               "filed results.json recorded.")
    parser.add_argument("folder", metavar="DIR", help="a test's evidence folder (with --against: also a run or "
                                                      "an evidence dir)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--key", action="append", default=[], metavar="PUB",
                        help="expected signer: a public key file (harness keygen's .pub.pem) or its fingerprint; "
                             "repeat for several")
    parser.add_argument("--trusted-keys", action="append", default=[], type=Path, metavar="FILE",
                        help="expected signers, one fingerprint or public key file per line (# comments)")
    parser.add_argument("--against", type=Path, metavar="RESULTS.json",
                        help="check every folder against the manifest hashes (and signers) this results file holds")
    parser.set_defaults(func=run)
    return parser


def describe(report: VerifyReport) -> list[str]:
    state = "sealed" if report.sealed else "NOT SEALED (the writer stopped before the end)"
    lines = [f"{report.folder}: {'intact' if report.intact else 'NOT INTACT'}, {state}, {report.files} files"]
    for label, paths in (("changed", report.changed), ("missing", report.missing), ("extra", report.extra),
                         ("manifest", report.problems)):
        lines += [f"  {label}: {p}" for p in paths]
    if report.interrupted:
        lines.append(f"  interrupted: {report.interrupted} (the last write, cut off; earlier evidence is intact)")
    return lines


def _filed(path: Path) -> dict[str, Filed]:
    from ..evidence.anchor import Filed
    from ..report.results import load

    results = load(path)
    return {c.id: Filed(id=c.id, manifest_sha256=c.integrity.manifest_sha256, signed_by=c.integrity.signed_by)
            for c in results.tests if c.integrity.manifest_sha256}


def run(args: argparse.Namespace) -> int:
    from ..evidence.signing import SigningKeyError, expected_fingerprints

    root = Path(args.folder)
    try:
        expected = expected_fingerprints(args.key, args.trusted_keys)
        filed: dict[str, Filed] = {}
        if args.against is not None:
            from ..report.results import ResultsError
            try:
                filed = _filed(args.against)
            except ResultsError as e:
                error(str(e))
                return 2
    except SigningKeyError as e:
        error(str(e))
        return 2
    if args.against is not None and not (root / JOURNAL).is_file():
        from ..report.collect import NoEvidence, evidence_folders
        try:
            folders = evidence_folders(root)
        except NoEvidence as e:
            error(str(e))
            return 2
        if not folders:
            error(f"{root}: no evidence folders in it (no {JOURNAL} at or below it)")
            return 2
    else:
        folders = [root]
    try:
        reports = [verify(folder) for folder in folders]
    except NotEvidence as e:
        error(str(e))
        return 2
    return _judge(reports, folders, root, expected, filed, args)


def _judge(reports: list[VerifyReport], folders: list[Path], root: Path, expected: frozenset[str],
           filed: dict[str, Filed], args: argparse.Namespace) -> int:
    from ..evidence.anchor import check_against, match
    from ..evidence.signing import check
    from ..evidence.signing import describe as signature_line

    changed = unsigned = False
    out: list[dict] = []
    lines: list[str] = []
    for folder, report in zip(folders, reports):
        entry = match(folder, filed) if filed else None
        # the signer the filed results recorded is expected too: a folder re-signed later is caught
        wanted = expected | ({entry.signed_by} if entry is not None and entry.signed_by else set())
        signature = check(folder, frozenset(wanted)) if report.sealed else None
        lines += describe(report)
        if signature is not None:
            lines.append(f"  signature: {signature_line(signature)}")
        changed |= not report.intact or (signature is not None and signature.state == "invalid")
        unsigned |= bool(wanted) and signature is not None and signature.state in ("unsigned", "unexpected-key")
        out.append({"verify": report.model_dump(mode="json"),
                    "signature": signature.model_dump(mode="json") if signature else None})
    anchors = []
    if args.against is not None:
        anchors = check_against(folders, filed, root, whole_runs=not (root / JOURNAL).is_file())
        lines.append(f"against {args.against}:")
        for a in anchors:
            lines.append(_anchor_line(a))
        changed |= any(a.state in ("mismatch", "missing", "unsealed") for a in anchors)
    if args.json and args.against is None and len(out) == 1:
        print(json.dumps({**out[0]["verify"], "signature": out[0]["signature"]}, indent=1))
    elif args.json:
        print(json.dumps({"folders": out, "against": [a.model_dump(mode="json") for a in anchors]}, indent=1))
    else:
        print("\n".join(lines))
    return 1 if changed else UNSIGNED_EXIT if unsigned else 0


def _anchor_line(a: AnchorCheck) -> str:
    return {"match": f"  match: {a.folder} (manifest SHA-256 {a.current_sha256})",
            "mismatch": f"  MISMATCH: {a.folder}: sealed manifest SHA-256 is {a.current_sha256}, the filed results "
                        f"say {a.filed_sha256} (rewritten after it was filed)",
            "unsealed": f"  MISMATCH: {a.folder}: no sealed manifest, the filed results say {a.filed_sha256}",
            "not-filed": f"  not filed: {a.folder} is not in the results file",
            "missing": f"  MISSING: {a.id}: filed with manifest SHA-256 {a.filed_sha256}, no folder found"}[a.state]
