"""Check an evidence folder against its manifest: changed, missing and extra files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .manifest import (
    FORMAT,
    JOURNAL,
    PARTIAL,
    RESERVED,
    SEALED,
    SIGNATURE,
    VERSION,
    Entry,
    FileRecord,
    Header,
    seal_digest,
    sha256,
)


class NotEvidence(ValueError):
    """The folder is not an evidence folder, or its manifest is not one."""


class VerifyReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    folder: str
    sealed: bool  # False: the writer never finished (a crash); only recorded bytes are vouched for
    files: int  # files the manifest covers
    changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # the manifest itself does not add up
    interrupted: str | None = None  # unsealed only: the write a crash cut off (not a fault)

    @property
    def intact(self) -> bool:
        return not (self.changed or self.missing or self.extra or self.problems)


def read_journal(folder: Path) -> tuple[list[FileRecord], bool]:
    """Records, and whether the last line was cut off mid-write."""
    try:
        raw = (folder / JOURNAL).read_bytes()
    except FileNotFoundError:
        raise NotEvidence(f"{folder}: not an evidence folder (no {JOURNAL})") from None
    except OSError as e:
        raise NotEvidence(f"{folder / JOURNAL}: cannot read: {e.strerror or e}") from None
    lines = raw.split(b"\n")
    torn = lines[-1] != b""  # a complete journal ends with a newline
    complete = lines[:-1]
    try:
        header = Header.model_validate_json(complete[0] if complete else b"")
    except ValidationError:
        raise NotEvidence(f"{folder / JOURNAL}: not a harness evidence manifest") from None
    if header.format != FORMAT or header.version != VERSION:
        raise NotEvidence(f"{folder / JOURNAL}: not a harness evidence manifest (format {header.format!r} "
                          f"version {header.version})")
    records = []
    for number, line in enumerate(complete[1:], start=2):
        try:
            records.append(FileRecord.model_validate_json(line))
        except ValidationError:
            raise NotEvidence(f"{folder / JOURNAL}: line {number} is not a manifest record") from None
    return records, torn


def _prefix_sha256(path: Path, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        remaining = size
        while remaining:
            chunk = f.read(min(remaining, 1 << 20))
            if not chunk:
                break
            digest.update(chunk)
            remaining -= len(chunk)
    return digest.hexdigest()


def _check(folder: Path, path: str, expected: Entry) -> str | None:
    """'missing', 'changed' or None."""
    file = folder / path
    if not file.is_file():
        return "missing"
    if file.stat().st_size != expected.size:
        return "changed"
    return None if _prefix_sha256(file, expected.size) == expected.sha256 else "changed"


def _load_sealed(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / SEALED).read_bytes())
    except FileNotFoundError:
        return None
    except OSError as e:
        raise NotEvidence(f"{folder / SEALED}: cannot read: {e.strerror or e}") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise NotEvidence(f"{folder / SEALED}: not a sealed harness manifest (not JSON)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
        raise NotEvidence(f"{folder / SEALED}: not a sealed harness manifest")
    for path, entry in data["files"].items():
        try:
            Entry.model_validate(entry)
        except ValidationError as e:
            first = e.errors()[0]
            why = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
            raise NotEvidence(f"{folder / SEALED}: the entry of {path!r} is not a manifest entry ({why})") from None
    return data


def verify(folder: Path | str) -> VerifyReport:
    folder = Path(folder)
    if not folder.is_dir():
        raise NotEvidence(f"{folder}: not an evidence folder (not a directory)")
    records, torn = read_journal(folder)
    last = {r.path: Entry(size=r.size, sha256=r.sha256) for r in records}
    sealed = _load_sealed(folder)
    problems: list[str] = []
    interrupted: str | None = None
    changed: list[str] = []
    leftovers: set[str] = {SIGNATURE + PARTIAL}  # a crash while signing (the folder is then unsigned)
    if sealed is not None:
        expected = {p: Entry.model_validate(e) for p, e in sealed["files"].items()}
        if sealed.get("sha256") != seal_digest(sealed):
            problems.append(f"{SEALED}: its own hash does not match its content")
        if sealed.get("journal_sha256") != sha256((folder / JOURNAL).read_bytes()):
            problems.append(f"{JOURNAL}: changed after sealing")
        if expected != last:
            problems.append(f"{SEALED}: disagrees with {JOURNAL}")
    else:
        expected = last
        leftovers.add(SEALED + PARTIAL)  # a crash while sealing
        if torn:
            interrupted = "(manifest record)"  # records come first: its data was never written
        elif records and _check(folder, records[-1].path, last[records[-1].path]) is not None:
            interrupted = records[-1].path
            leftovers.add(interrupted + PARTIAL)
            expected = {p: e for p, e in last.items() if p != interrupted}
            if not _cut_off_cleanly(folder, records):
                changed.append(interrupted)
    missing = []
    for path, entry in sorted(expected.items()):
        verdict = _check(folder, path, entry)
        if verdict == "changed":
            changed.append(path)
        elif verdict == "missing":
            missing.append(path)
    known = set(last) | set(expected) | set(RESERVED) | leftovers
    extra = sorted(p for p in (f.relative_to(folder).as_posix() for f in folder.rglob("*") if f.is_file())
                   if p not in known)
    return VerifyReport(folder=str(folder), sealed=sealed is not None, files=len(last), changed=tuple(sorted(changed)),
                        missing=tuple(missing), extra=tuple(extra), problems=tuple(problems), interrupted=interrupted)


def _cut_off_cleanly(folder: Path, records: list[FileRecord]) -> bool:
    """Whether the last write's file looks like that write stopped part-way: a whole file not
    there yet (it is renamed into place when complete), or a growing file that holds its
    previous record's bytes plus part of the new ones."""
    record = records[-1]
    before = next((r for r in reversed(records[:-1]) if r.path == record.path), None)
    file = folder / record.path
    if not record.append:
        return not file.exists()
    size = file.stat().st_size if file.is_file() else 0
    if before is None:
        return size <= record.size
    return before.size <= size <= record.size and _prefix_sha256(file, before.size) == before.sha256
