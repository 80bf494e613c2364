"""`harness keygen [--out DIR]`: make a lab signing key (Ed25519).

Writes DIR/harness-signing-key.pem (the private key, mode 0600, never overwritten) and
DIR/harness-signing-key.pub.pem, and prints the public key's fingerprint (SHA-256 of the raw
public key, hex). Configure the private key as `signing_key` (harness.toml, HARNESS_SIGNING_KEY
or --harness-set) and every sealed evidence manifest is signed; give the public key (or the
fingerprint) to `harness verify --key`.

Exit 0 when the key is written, 2 when it cannot be (a key already there, an unwritable folder).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import error


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("keygen", help="make a lab key that signs evidence manifests",
                                   description="Make an Ed25519 lab key: the private key signs every sealed evidence "
                                               "manifest once configured as signing_key; verify with the public key.")
    parser.add_argument("--out", type=Path, default=Path("."), metavar="DIR",
                        help="folder for the key files (default: the current folder)")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from ..evidence.signing import SigningKeyError, generate

    try:
        private, public, fingerprint = generate(args.out.absolute())
    except SigningKeyError as e:
        error(str(e))
        return 2
    except OSError as e:
        error(f"{args.out}: cannot write the key ({e.strerror or e})")
        return 2
    print(f"private key: {private} (mode 0600; keep it in the lab, set signing_key = \"{private}\" in harness.toml "
          f"or HARNESS_SIGNING_KEY={private})")
    print(f"public key:  {public} (for harness verify --key)")
    print(f"fingerprint: {fingerprint}")
    return 0
