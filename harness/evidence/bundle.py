"""Write one test's evidence folder as the test goes, every byte accounted for in the manifest."""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import threading
import time
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from pydantic import BaseModel

from ..clock import iso_wall
from .manifest import (
    EVENTS,
    FORMAT,
    JOURNAL,
    PARTIAL,
    RESERVED,
    SEALED,
    VERSION,
    FileRecord,
    Header,
    canonical,
    seal_digest,
    sha256,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


class EvidenceError(RuntimeError):
    pass


def wall_now() -> str:
    return iso_wall(time.time())


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (Path, PurePosixPath)):
        return str(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def to_json(value: Any, indent: int | None = None) -> bytes:
    return json.dumps(value, default=_jsonable, ensure_ascii=False, indent=indent).encode()


class EvidenceBundle:
    """A per-test evidence folder. Thread-safe: capture threads and the test write concurrently.

    Each write first appends its manifest record (flushed), then the data; a process killed at
    any point leaves a folder `verify` accepts, with at most the last write reported interrupted.
    Data is flushed to the OS, not fsynced: a killed process loses nothing, a power cut may.
    With a `signing_key` the sealed manifest is signed (`manifest.sig`, harness.evidence.signing).
    """

    def __init__(self, root: Path, signing_key: Ed25519PrivateKey | None = None) -> None:
        self.root = Path(root)
        if self.root.exists() and any(self.root.iterdir()):
            raise EvidenceError(f"{self.root}: evidence folder already has files; refusing to mix two runs")
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._records: dict[str, FileRecord] = {}
        self._growing: dict[str, tuple[IO[bytes], Any]] = {}  # path → (handle, running sha256)
        self._sealed = False
        self._signing_key = signing_key
        self.manifest_sha256: str | None = None  # the sealed manifest's own hash, once sealed
        self.signed_by: str | None = None  # the signing key's fingerprint, once signed
        self._journal = open(self.root / JOURNAL, "xb")  # noqa: SIM115 - open for the bundle's life
        header = Header(format=FORMAT, version=VERSION, created_wall=wall_now())
        self._journal.write(canonical(header.model_dump()) + b"\n")
        self._journal.flush()

    def __enter__(self) -> EvidenceBundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.seal()

    @property
    def sealed(self) -> bool:
        return self._sealed

    def write_bytes(self, relpath: str, data: bytes) -> None:
        """A whole file, written once (a second write to the same path is refused)."""
        path = self._checked(relpath)
        with self._lock:
            self._open_check()
            if relpath in self._records:
                raise EvidenceError(f"{relpath}: already written; evidence is never overwritten")
            self._record(FileRecord(path=relpath, size=len(data), sha256=sha256(data)))
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(path.name + PARTIAL)
            with open(partial, "xb") as f:
                f.write(data)
            os.replace(partial, path)

    def append_bytes(self, relpath: str, data: bytes) -> None:
        """Add to a growing file (a logcat slice, a timeline)."""
        path = self._checked(relpath)
        with self._lock:
            self._open_check()
            if relpath in self._records and not self._records[relpath].append:
                raise EvidenceError(f"{relpath}: written whole; it cannot grow")
            if relpath not in self._growing:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._growing[relpath] = (open(path, "xb"), hashlib.sha256())  # noqa: SIM115
            handle, digest = self._growing[relpath]
            digest.update(data)
            size = self._records[relpath].size + len(data) if relpath in self._records else len(data)
            self._record(FileRecord(path=relpath, size=size, sha256=digest.hexdigest(), append=True))
            handle.write(data)
            handle.flush()

    def write_json(self, relpath: str, value: Any) -> None:
        self.write_bytes(relpath, to_json(value, indent=1) + b"\n")

    def event(self, kind: str, **fields: Any) -> None:
        """One timeline line in events.jsonl; `mono_ms` (time.monotonic() in ms, the clock of
        launches and frames) defaults to now, and the wall time is added."""
        line = {"kind": kind, "mono_ms": round(time.monotonic() * 1000, 3), "wall": wall_now(), **fields}
        self.append_bytes(EVENTS, to_json(line) + b"\n")

    def seal(self) -> None:
        """Close every file and write the final manifest. Idempotent."""
        with self._lock:
            if self._sealed:
                return
            self._sealed = True
            for handle, _ in self._growing.values():
                handle.close()
            self._journal.close()
            sealed: dict[str, Any] = {
                "format": FORMAT, "version": VERSION, "sealed_wall": wall_now(),
                "journal_sha256": sha256((self.root / JOURNAL).read_bytes()),
                "files": {p: {"size": r.size, "sha256": r.sha256} for p, r in sorted(self._records.items())},
            }
            sealed["sha256"] = self.manifest_sha256 = seal_digest(sealed)
            partial = self.root / (SEALED + PARTIAL)
            partial.write_bytes(to_json(sealed, indent=1) + b"\n")
            os.replace(partial, self.root / SEALED)
            if self._signing_key is not None:
                from .signing import sign  # cryptography is loaded only when a key is in use

                self.signed_by = sign(self.root, self._signing_key).fingerprint

    def _record(self, record: FileRecord) -> None:
        self._journal.write(canonical(record.model_dump()) + b"\n")
        self._journal.flush()
        self._records[record.path] = record

    def _open_check(self) -> None:
        if self._sealed:
            raise EvidenceError(f"{self.root}: sealed; no more evidence can be added")

    def _checked(self, relpath: str) -> Path:
        pure = PurePosixPath(relpath)
        if (not relpath or pure.is_absolute() or ".." in pure.parts or "\\" in relpath or str(pure) != relpath
                or relpath in RESERVED or relpath.endswith(PARTIAL)):
            raise EvidenceError(f"{relpath!r}: not a usable evidence path (relative, '/'-separated, no '..')")
        return self.root / relpath
