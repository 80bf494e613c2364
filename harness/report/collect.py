"""Read evidence folders into `CaseResult`s. Every file may be absent or malformed (a test that
ERRORed early leaves only a few): what cannot be read becomes a one-line problem, never an
exception, and the integrity of each folder is checked with `harness.evidence.verify`. A run's
session record adds the judged tests that have no evidence folder."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PIL import Image
from pydantic import BaseModel, TypeAdapter, ValidationError

from ..capture.loop import CaptureStats
from ..config import Setting
from ..device.identity import AppIdentity, DeviceIdentity
from ..evidence import EVENTS, JOURNAL, SEALED, NotEvidence, VerifyReport, verify
from ..evidence.manifest import Entry
from ..evidence.signing import check as check_signature
from ..evidence.verify import read_journal
from ..shake.sender import ShakeRecord
from ..verdict import Outcome
from . import timeline
from .models import Annotation, CaseResult, EvidenceFile, Integrity, KeyFrame
from .session import SESSION_FILE, RecordedTest, RecordError, load
from .shakes import shake_result

M = TypeVar("M", bound=BaseModel)
ANNOTATIONS = "annotations.json"
_WORKER = re.compile(r"gw\d+")


class NoEvidence(ValueError):
    """The folder holds no evidence folder and no session record at all."""


def evidence_folders(root: Path) -> list[Path]:
    """The test folders (those with a manifest journal) at or below `root`."""
    if not root.is_dir():
        raise NoEvidence(f"{root}: not a directory")
    if (root / JOURNAL).is_file():
        return [root]
    return sorted(p.parent for p in root.rglob(JOURNAL))


def session_records(root: Path) -> list[Path]:
    """The runs' session records at or below `root` (none inside a single test folder)."""
    return [] if (root / JOURNAL).is_file() else sorted(root.rglob(SESSION_FILE))


def first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    where = ".".join(str(part) for part in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]


class _Reader:
    """One folder's files, each read at most once; problems are collected as it goes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[str] = []

    def json(self, rel: str, missing: str | None) -> Any:
        """The decoded file, or None (with a problem, unless `missing` is None and it is absent)."""
        try:
            raw = (self.folder / rel).read_bytes()
        except FileNotFoundError:
            if missing:
                self.problems.append(f"{rel}: missing ({missing})")
            return None
        except OSError as e:
            self.problems.append(f"{rel}: unreadable ({e.strerror or e})")
            return None
        try:
            return json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            self.problems.append(f"{rel}: not valid JSON")
            return None

    def model(self, rel: str, model: type[M], what: str, missing: str | None = None) -> M | None:
        data = self.json(rel, missing)
        if data is None:
            return None
        try:
            return model.model_validate(data)
        except ValidationError as e:
            self.problems.append(f"{rel}: not {what} ({first_error(e)})")
            return None

    def events(self) -> list[dict[str, Any]]:
        try:
            lines = (self.folder / EVENTS).read_bytes().splitlines()
        except FileNotFoundError:
            self.problems.append(f"{EVENTS}: missing (no timeline)")
            return []
        events, bad = [], []
        for number, line in enumerate(lines, start=1):
            try:
                event = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                event = None
            if isinstance(event, dict) and isinstance(event.get("kind"), str):
                events.append(event)
            else:
                bad.append(number)
        if bad:
            self.problems.append(f"{EVENTS}: {len(bad)} line(s) are not events (first: line {bad[0]})")
        return events

    def settings(self) -> tuple[Setting, ...]:
        data = self.json("config.json", "configuration in force unknown")
        if data is None:
            return ()
        try:
            return tuple(TypeAdapter(list[Setting]).validate_python(data))
        except ValidationError as e:
            self.problems.append(f"config.json: not a list of settings ({first_error(e)})")
            return ()

    def sized(self, frame: KeyFrame) -> KeyFrame | None:
        """The key frame with its image's size; None when its image lies outside the folder."""
        path = (self.folder / frame.image).resolve()
        if not path.is_relative_to(self.folder.resolve()):
            self.problems.append(f"{frame.image}: key frame image outside the evidence folder; not shown")
            return None
        try:
            with Image.open(path) as image:
                width, height = image.size
        except FileNotFoundError:
            self.problems.append(f"{frame.image}: key frame image missing")
            return frame
        except (OSError, ValueError, Image.DecompressionBombError):
            self.problems.append(f"{frame.image}: key frame image unreadable")
            return frame
        return frame.model_copy(update={"width": width, "height": height})

    def annotations(self) -> list[Annotation] | None:
        """None when the scenario wrote no usable annotations.json (the report then picks frames)."""
        data = self.json(ANNOTATIONS, None)
        if data is None:
            return None
        if not isinstance(data, list):
            self.problems.append(f"{ANNOTATIONS}: not a list of key frames")
            return None
        found = []
        for number, entry in enumerate(data, start=1):
            try:
                found.append(Annotation.model_validate(entry))
            except ValidationError as e:
                self.problems.append(f"{ANNOTATIONS}: key frame {number} skipped ({first_error(e)})")
        return found


def _manifest_entries(folder: Path, report: VerifyReport) -> tuple[dict[str, Entry], dict[str, Any]]:
    """The manifest's files (the sealed one, else the journal's last record of each) and the
    sealed manifest itself ({} when unsealed). `verify` has already checked both parse."""
    if report.sealed:
        sealed = json.loads((folder / SEALED).read_bytes())
        return {p: Entry.model_validate(e) for p, e in sealed["files"].items()}, sealed
    records, _ = read_journal(folder)
    return {r.path: Entry(size=r.size, sha256=r.sha256) for r in records}, {}


def integrity(folder: Path) -> tuple[Integrity, tuple[EvidenceFile, ...]]:
    try:
        report = verify(folder)
    except NotEvidence as e:
        on_disk = sorted(f for f in folder.rglob("*") if f.is_file())
        files = tuple(EvidenceFile(path=f.relative_to(folder).as_posix(), size=f.stat().st_size, sha256=None,
                                   status="extra") for f in on_disk)
        return Integrity(state="unreadable", verify=None, problem=str(e)), files
    entries, sealed = _manifest_entries(folder, report)
    status = {**{p: "changed" for p in report.changed}, **{p: "missing" for p in report.missing}}
    files = [EvidenceFile(path=p, size=e.size, sha256=e.sha256, status=status.get(p, "ok"))
             for p, e in sorted(entries.items())]
    files += [EvidenceFile(path=p, size=(folder / p).stat().st_size, sha256=None, status="extra") for p in report.extra]
    state = "modified" if not report.intact else "unsealed" if not report.sealed else "intact"
    signature = check_signature(folder) if report.sealed else None
    return Integrity(state=state, verify=report, manifest_sha256=sealed.get("sha256"),
                     sealed_wall=sealed.get("sealed_wall"), signature=signature.state if signature else None,
                     signed_by=signature.fingerprint if signature else None), tuple(files)


def read_case(folder: Path, base: Path) -> CaseResult:
    """One test folder; `base` is the directory results.json is written to (folder paths are
    relative to it)."""
    reader = _Reader(folder)
    state, files = integrity(folder)
    events = reader.events()
    start = next((e for e in events if e["kind"] == "test_start"), {})
    # A folder no test started (evidence shared by several, e.g. a launch profile) has no verdict of its own.
    outcome = reader.model("verdict.json", Outcome, "a verdict", "no verdict recorded" if start else None)
    app = reader.model("identity/app.json", AppIdentity, "an app identity", "app identity unknown")
    device = reader.model("identity/device.json", DeviceIdentity, "a device identity", "device identity unknown")
    settings = reader.settings()
    capture = reader.model("capture_stats.json", CaptureStats, "capture statistics")
    shakes = []
    for path in sorted((folder / "shakes").glob("shake-*.json")):
        rel = path.relative_to(folder).as_posix()
        record = reader.model(rel, ShakeRecord, "a shake record")
        if record is not None:
            shakes.append(shake_result(rel, record))
    origin = timeline.origin_ms(events)
    frame_events = timeline.frames(events)
    annotations = reader.annotations()
    if annotations is None:
        key_frames = timeline.automatic(frame_events, events, origin)
    else:
        key_frames = tuple(timeline.place(a, frame_events, events, origin) for a in annotations)
    key_frames = tuple(k for k in map(reader.sized, key_frames) if k is not None)
    frames = sum(e["kind"] == "frame" for e in events)
    if events and not frames:
        reader.problems.append("frames/: no frame captured")
    end = next((e for e in events if e["kind"] == "test_end"), {})
    worker = folder.parent.name if _WORKER.fullmatch(folder.parent.name) else None
    run = folder.parent.parent if worker else folder.parent
    return CaseResult(
        id=folder.relative_to(run.parent).as_posix(),
        folder=Path(os.path.relpath(folder, base)).as_posix(), run_id=run.name or None, worker=worker,
        nodeid=start.get("nodeid") if isinstance(start.get("nodeid"), str) else None,
        verdict=outcome.verdict if outcome else None, outcome=outcome, package=app.package if app else None, app=app,
        device=device, settings=settings,
        capture=capture, frames=frames, hierarchies=sum(e["kind"] == "hierarchy" for e in events),
        started_wall=start.get("wall") if isinstance(start.get("wall"), str) else None,
        ended_wall=end.get("wall") if isinstance(end.get("wall"), str) else None,
        timeline=timeline.timeline(events, origin), key_frames=key_frames, shakes=tuple(shakes), integrity=state,
        files=files, problems=tuple(reader.problems))


def recorded_case(run_id: str, test: RecordedTest) -> CaseResult:
    """A judged test of the session record that has no evidence folder."""
    why = (f"no evidence folder: {test.evidence} is gone" if test.evidence
           else "no evidence folder: the test ended before it had one")
    return CaseResult(id=f"{run_id}/{test.case_path}", folder=None, run_id=run_id, worker=test.worker,
                      nodeid=test.nodeid, verdict=test.outcome.verdict, outcome=test.outcome, package=test.package,
                      integrity=Integrity(state="absent", verify=None, problem=why), problems=(why,))


@dataclass(frozen=True)
class Collected:
    cases: list[CaseResult]
    problems: list[str]  # session records that could not be read


def collect(root: Path, base: Path) -> Collected:
    """Every evidence folder at or below `root`, and every judged test its runs' session records
    list without one."""
    root = Path(root)
    cases = [read_case(folder, Path(base)) for folder in evidence_folders(root)]
    records = session_records(root)
    if not cases and not records:
        raise NoEvidence(f"{root}: no evidence folders in it (no {JOURNAL} or {SESSION_FILE} at or below it)")
    problems = []
    seen = {(c.run_id, c.nodeid): i for i, c in enumerate(cases)} | {c.id: i for i, c in enumerate(cases)}
    for path in records:
        try:
            record = load(path)
        except RecordError as e:
            problems.append(str(e))
            continue
        run_id = path.parent.name  # as for the evidence folders: a run copied elsewhere is named by its folder
        for test in record.tests:
            index = seen.get((run_id, test.nodeid), seen.get(f"{run_id}/{test.case_path}"))
            if index is None:
                cases.append(recorded_case(run_id, test))
            elif cases[index].verdict is None:  # stopped before its verdict.json (a crashed worker): the session's
                why = "verdict.json: none in the folder; the verdict is the session's"
                cases[index] = cases[index].model_copy(update={
                    "verdict": test.outcome.verdict, "outcome": test.outcome, "package": cases[index].package or test.package,
                    "problems": (*cases[index].problems, why)})
    return Collected(cases, problems)
