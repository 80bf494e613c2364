"""The evidence folder's manifest formats.

`manifest.jsonl` is a journal: a header line, then one line per write, appended and flushed
*before* the data goes to disk, so a crash leaves at most the last write incomplete. A record
holds the file's size and SHA-256 after the write; for files that grow (events, logcat) both
are cumulative, so the last record of a path covers everything before it.

`manifest.json` is written once at the end: the final size and hash of every file, the hash of
the journal, and the hash of the sealed manifest's own content (`sha256`, over the canonical
JSON of the other keys).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel, ConfigDict

FORMAT = "miit-harness-evidence"
VERSION = 1
JOURNAL = "manifest.jsonl"
SEALED = "manifest.json"
EVENTS = "events.jsonl"
SIGNATURE = "manifest.sig"  # detached signature of the sealed manifest (harness.evidence.signing)
PARTIAL = ".partial"  # suffix of a whole file while it is being written
RESERVED = (JOURNAL, SEALED, SIGNATURE)


class Header(BaseModel):
    model_config = ConfigDict(frozen=True, extra="allow")

    format: str
    version: int
    created_wall: str


class FileRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    size: int
    sha256: str
    append: bool = False  # a growing file: size and hash cover its first `size` bytes


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True)

    size: int
    sha256: str


def canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def seal_digest(sealed: dict[str, Any]) -> str:
    return hashlib.sha256(canonical({k: v for k, v in sealed.items() if k != "sha256"})).hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
