"""`harness reproduce COMPLAINT.yaml (--serial SERIAL | --virtual) [--out DIR]`: replay a user's
complaint on a device with full capture and say whether what they saw happens again.

Prints REPRODUCED / NOT REPRODUCED / INCONCLUSIVE with the reason and the clause, then the
evidence folder, the HTML report and its PDF (OUT/evidence, OUT/report, OUT/report.pdf when
Chromium is there; see docs/complaints.md). With a `signing_key` configured the evidence is signed.
Exit 0 when REPRODUCED or NOT REPRODUCED, 3 when INCONCLUSIVE, 2 on bad input (the complaint
file, the options), 1 when the harness or the device failed.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import ConfigError, load_config
from . import error
from .devices import add_server_options

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ..config import HarnessConfig

INCONCLUSIVE_EXIT = 3
PDF = "report.pdf"


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("reproduce", help="replay a complaint file and say whether it reproduces",
                                   description="Replay the steps of a complaint file on a device with full capture "
                                               "and report REPRODUCED / NOT REPRODUCED / INCONCLUSIVE.")
    parser.add_argument("complaint", type=Path, metavar="COMPLAINT.yaml")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--serial", help="device to replay on")
    where.add_argument("--virtual", action="store_true",
                       help="start the embedded virtual device on private ports (with every demo app, or --install)")
    parser.add_argument("--install", metavar="APPS",
                        help="with --virtual: apps to install (demo package names or app files, comma-separated; "
                             "default: every demo app)")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="output folder (default: out/complaints/<file name>-<time>)")
    parser.add_argument("--harness-config", type=Path, metavar="TOML", help="configuration file")
    add_server_options(parser)
    parser.set_defaults(func=run)
    return parser


@contextmanager
def _device_serial(args: argparse.Namespace) -> Iterator[str]:
    if not args.virtual:
        yield args.serial
        return
    from emulator.launch import private_virtual_device
    with private_virtual_device(install=args.install or "all") as (_, device):
        yield device.serial


def run(args: argparse.Namespace) -> int:
    from emulator.launch import LaunchError

    if args.install and not args.virtual:
        error("--install needs --virtual")
        return 2
    out = args.out or Path("out", "complaints", f"{args.complaint.stem}-{time.strftime('%Y%m%d-%H%M%S')}")
    if out.exists() and any(out.iterdir()):
        error(f"{out}: already has files; give an empty or new --out folder")
        return 2
    try:
        config = load_config(Path.cwd(), config_file=args.harness_config)
    except ConfigError as e:
        error(str(e))
        return 2
    signing_key = None
    if config.signing_key is not None:
        from ..evidence.signing import SigningKeyError, load_private
        try:
            signing_key = load_private(config.signing_key)
        except SigningKeyError as e:
            error(f"signing_key: {e}")
            return 2
    try:
        # adbutils reads ANDROID_ADB_SERVER_PORT when imported: the complaint (whose model
        # imports the scenario blocks) is read only once a --virtual device has exported its port.
        with _device_serial(args) as serial:
            return _reproduce(args, serial, config, out, signing_key)
    except LaunchError as e:
        error(f"--virtual: {e}")
        return 1


def _reproduce(args: argparse.Namespace, serial: str, config: HarnessConfig, out: Path,
               signing_key: Ed25519PrivateKey | None) -> int:
    from ..complaint.model import ComplaintError, load_complaint
    from ..complaint.reproduce import EVIDENCE, reproduce
    from ..device import DeviceError, DeviceSession
    from ..report.output import report_evidence
    from ..report.pdf import PdfError, print_pdf

    try:
        complaint = load_complaint(args.complaint)
    except ComplaintError as e:
        error(str(e))
        return 2
    try:
        device = DeviceSession.connect(serial, host=args.adb_host, port=args.adb_port)
    except DeviceError as e:
        error(str(e))
        return 1
    try:
        result = reproduce(complaint, args.complaint, device, config, out, signing_key)
    finally:
        device.close()
    index = report_evidence(out / EVIDENCE, out / "report")
    print(f"{result.status} (clause {result.clause}): {result.reason}")
    for line in result.steps:
        print(f"  {line}")
    print(f"evidence: {result.evidence}")
    print(f"report: {index}")
    try:  # the reproduction stands without its PDF
        print(f"pdf: {print_pdf(index, out / PDF)}")
    except PdfError as e:
        print(f"pdf: not written: {e}")
    return INCONCLUSIVE_EXIT if result.status == "INCONCLUSIVE" else 0
