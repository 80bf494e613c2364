"""Lab keys and detached signatures of sealed manifests (Ed25519 through `cryptography`).

A signature file `manifest.sig` beside `manifest.json` holds the Ed25519 signature of the sealed
manifest's exact bytes, the signer's raw public key and its fingerprint (SHA-256 of the raw
public key, hex). Anyone can re-sign a rewritten folder with another key, so a signature proves
something only against an expected key: the lab's (`--key`, `--trusted-keys`, the configured
`signing_key`) or the one a filed results.json recorded.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, ValidationError

from .manifest import PARTIAL, SEALED, SIGNATURE

FORMAT = "miit-harness-signature"
VERSION = 1
PRIVATE_NAME = "harness-signing-key.pem"
PUBLIC_NAME = "harness-signing-key.pub.pem"

SignatureState = Literal["signed", "unsigned", "invalid", "unexpected-key"]


class SigningKeyError(ValueError):
    """A key file that cannot be used; the message is one line."""


def fingerprint(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise SigningKeyError(f"{path}: cannot read the signing key ({e.strerror or e})") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise SigningKeyError(f"{path}: not an unencrypted PEM private key (make one with `harness keygen`)") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path}: not an Ed25519 key (make one with `harness keygen`)")
    return key


def load_public(path: Path) -> Ed25519PublicKey:
    """A public key file, or the private key file (whose public half is taken)."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise SigningKeyError(f"{path}: cannot read the key ({e.strerror or e})") from None
    if b"PRIVATE KEY" in data:
        return load_private(path).public_key()
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError):
        raise SigningKeyError(f"{path}: not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError(f"{path}: not an Ed25519 public key")
    return key


def expected_fingerprints(keys: Iterable[str], trusted_files: Iterable[Path] = ()) -> frozenset[str]:
    """Fingerprints from `--key` values (a key file or a 64-hex fingerprint) and trusted-key
    files (one fingerprint or key file path per line, `#` comments)."""
    found: set[str] = set()
    entries = list(keys)
    for file in trusted_files:
        try:
            lines = Path(file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise SigningKeyError(f"{file}: cannot read the trusted keys ({getattr(e, 'strerror', None) or e})") from None
        entries += [line.split("#", 1)[0].strip() for line in lines]
    for entry in filter(None, entries):
        text = entry.lower()
        if len(text) == 64 and all(c in "0123456789abcdef" for c in text):
            found.add(text)
        else:
            found.add(fingerprint(load_public(Path(entry))))
    return frozenset(found)


def generate(folder: Path) -> tuple[Path, Path, str]:
    """A new lab key in `folder`: the private key (mode 0600, never overwritten), the public
    key, and the fingerprint."""
    folder.mkdir(parents=True, exist_ok=True)
    private_path, public_path = folder / PRIVATE_NAME, folder / PUBLIC_NAME
    for path in (private_path, public_path):
        if path.exists():
            raise SigningKeyError(f"{path}: already exists; a lab key is never overwritten (choose another --out)")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    # created 0600 at once: the key is never readable by others, not even for a moment
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    public = key.public_key()
    public_path.write_bytes(public.public_bytes(serialization.Encoding.PEM,
                                                serialization.PublicFormat.SubjectPublicKeyInfo))
    return private_path, public_path, fingerprint(public)


class SignatureFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["miit-harness-signature"] = FORMAT
    version: Literal[1] = VERSION
    algorithm: Literal["ed25519"] = "ed25519"
    signed_file: Literal["manifest.json"] = SEALED
    signed_sha256: str  # of the signed file's bytes, for a reader without the key
    public_key: str  # raw Ed25519 public key, hex
    fingerprint: str  # SHA-256 of the raw public key, hex
    signature: str  # hex


def sign(folder: Path, key: Ed25519PrivateKey) -> SignatureFile:
    """Sign `folder`'s sealed manifest; the signature file is renamed into place when whole."""
    data = (folder / SEALED).read_bytes()
    public = key.public_key()
    record = SignatureFile(
        signed_sha256=hashlib.sha256(data).hexdigest(),
        public_key=public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex(),
        fingerprint=fingerprint(public), signature=key.sign(data).hex())
    partial = folder / (SIGNATURE + PARTIAL)
    partial.write_bytes(record.model_dump_json(indent=1).encode() + b"\n")
    os.replace(partial, folder / SIGNATURE)
    return record


class SignatureCheck(BaseModel):
    model_config = ConfigDict(frozen=True)

    state: SignatureState
    fingerprint: str | None = None  # the signer's, as the signature file names it
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "signed"


def check(folder: Path, expected: frozenset[str] = frozenset()) -> SignatureCheck:
    """Whether `folder`'s sealed manifest carries a valid signature, and by whom. With
    `expected` fingerprints, a valid signature by any other key is `unexpected-key` (a folder
    re-signed after a rewrite)."""
    try:
        raw = (folder / SIGNATURE).read_bytes()
    except FileNotFoundError:
        return SignatureCheck(state="unsigned", detail=f"no {SIGNATURE}")
    except OSError as e:
        return SignatureCheck(state="invalid", detail=f"{SIGNATURE}: cannot read ({e.strerror or e})")
    try:
        record = SignatureFile.model_validate_json(raw)
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(record.public_key))
        signature = bytes.fromhex(record.signature)
    except (ValidationError, ValueError):
        return SignatureCheck(state="invalid", detail=f"{SIGNATURE}: not a harness signature file")
    if fingerprint(public) != record.fingerprint:
        return SignatureCheck(state="invalid", fingerprint=record.fingerprint,
                              detail=f"{SIGNATURE}: its fingerprint is not its public key's")
    try:
        public.verify(signature, (folder / SEALED).read_bytes())
    except FileNotFoundError:
        return SignatureCheck(state="invalid", fingerprint=record.fingerprint, detail=f"no {SEALED} to check")
    except InvalidSignature:
        return SignatureCheck(state="invalid", fingerprint=record.fingerprint,
                              detail=f"{SEALED} changed after it was signed")
    if expected and record.fingerprint not in expected:
        return SignatureCheck(state="unexpected-key", fingerprint=record.fingerprint,
                              detail="valid, but by a key that is not the expected one (re-signed?)")
    return SignatureCheck(state="signed", fingerprint=record.fingerprint)


def describe(result: SignatureCheck) -> str:
    who = f"key {result.fingerprint}" if result.fingerprint else ""
    return {"signed": f"signed by {who}",
            "unsigned": "UNSIGNED",
            "invalid": f"SIGNATURE INVALID: {result.detail}" + (f" (names {who})" if who else ""),
            "unexpected-key": f"RE-SIGNED: signed by {who}, not by an expected key"}[result.state]

