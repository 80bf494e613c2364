"""One complaint replayed on one device into a sealed evidence folder: the complaint file, the
configuration and identities, the replay's frames, hierarchies, taps and shakes, key frames of
every step, the verdict (verdict.json, as every test writes it) and reproduction.json.

The verdict maps onto the reproduction: FAIL (what the complainant saw was seen) is REPRODUCED,
PASS is NOT REPRODUCED, INCONCLUSIVE stays INCONCLUSIVE (the app on the device is not the one
complained about, a step could not be taken, the device or its console failed).
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from ..config import HarnessConfig
from ..console import ConsoleError
from ..device.errors import DeviceError
from ..device.session import DeviceSession
from ..evidence import EvidenceBundle
from ..scenario.annotate import Annotations, Point
from ..scenario.trial import Watcher
from ..shake import Shaker
from ..verdict import Inconclusive, Verdict, VerdictRecorder
from .judge import judge, where
from .model import Complaint
from .replay import Replay, StepRecord

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

Status = Literal["REPRODUCED", "NOT REPRODUCED", "INCONCLUSIVE"]
STATUS: dict[Verdict, Status] = {Verdict.FAIL: "REPRODUCED", Verdict.PASS: "NOT REPRODUCED",
                                 Verdict.INCONCLUSIVE: "INCONCLUSIVE"}
EVIDENCE = "evidence"


class Reproduction(BaseModel):
    status: Status
    reason: str  # without the status (the verdict's reason starts with it)
    clause: str
    package: str
    saw: str  # the complainant's words
    expected: str  # the expectation, in words
    evidence: str  # the evidence folder
    steps: list[str]  # each step taken and where it left the app


def reproduce(complaint: Complaint, source: Path, device: DeviceSession, config: HarnessConfig,
              out: Path, signing_key: Ed25519PrivateKey | None = None) -> Reproduction:
    """Replay `complaint` (read from `source`) on `device`; the evidence goes to OUT/evidence
    (its sealed manifest signed with `signing_key`, when given)."""
    folder = out / EVIDENCE
    bundle = EvidenceBundle(folder, signing_key)
    recorder = VerdictRecorder(config, complaint.judged_clause)
    notes = Annotations(bundle)
    steps: list[str] = []
    bundle.write_json("config.json", [s.model_dump(mode="json") for s in config.settings()])
    bundle.write_bytes("complaint.yaml", source.read_bytes())
    bundle.event("test_start", nodeid=f"reproduce {source.name}")
    device.sink = bundle
    try:
        try:
            _replay(complaint, device, config, bundle, recorder, notes, steps)
        except (Inconclusive, DeviceError, ConsoleError) as e:
            recorder.set(Verdict.INCONCLUSIVE, str(e).splitlines()[0] if str(e) else type(e).__name__)
        assert recorder.outcome is not None
        status = STATUS[recorder.outcome.verdict]
        result = Reproduction(status=status, reason=recorder.outcome.reason.removeprefix(f"{status}: "),
                              clause=complaint.judged_clause, package=complaint.app.package, saw=complaint.saw,
                              expected=complaint.expect.describe(), evidence=str(folder), steps=steps)
        bundle.write_json("reproduction.json", result)
    finally:  # whatever happened, the evidence is closed with the verdict in it
        device.sink = None
        notes.write()
        outcome = recorder.outcome or recorder.set(Verdict.ERROR, "the replay stopped on an error")
        bundle.write_json("verdict.json", outcome)
        bundle.event("verdict", verdict=outcome.verdict.value, clause=outcome.clause, reason=outcome.reason)
        bundle.event("test_end", nodeid=f"reproduce {source.name}")
        bundle.seal()
    return result


def _replay(complaint: Complaint, device: DeviceSession, config: HarnessConfig, bundle: EvidenceBundle,
            recorder: VerdictRecorder, notes: Annotations, steps: list[str]) -> None:
    package = complaint.app.package
    bundle.write_json("identity/device.json", device.identity())
    found = device.app_identity(package)  # PackageNotFound: INCONCLUSIVE, like any device error
    bundle.write_json("identity/app.json", found)
    differences = complaint.app.differences(found)
    if differences:
        raise Inconclusive(f"the app on {device.serial} is not the one complained about: {'; '.join(differences)}")
    with ExitStack() as stack:
        shaker = None
        if any(s.shake is not None for s in complaint.steps):  # no console (a phone): INCONCLUSIVE
            shaker = stack.enter_context(Shaker.open(device.serial, config, bundle, clock=device.clock))
        watcher = Watcher(device, package, config, bundle)
        stack.callback(watcher.close)
        run = Replay(watcher, shaker, config, bundle).run(complaint.steps)
        for record in run.records:
            steps.append(f"{record.number}. {record.step.describe()} → the app {where(record)}")
            _key_frame(notes, record)
        if run.failed:
            raise Inconclusive(f"the replay could not follow the complaint: {run.failed}")
        finding = judge(complaint, run.records)
        if finding.frame is not None and finding.frame != finding.record.frame:
            notes.add(finding.frame, f"seen: {finding.detail}", launched_ms=finding.record.trial.launched_ms)
    recorder.measure(f"{complaint.expect.kind}_after_step_{complaint.after_step}", finding.seen, compare="==",
                     threshold=False)
    status = "REPRODUCED" if finding.seen else "NOT REPRODUCED"
    recorder.conclude(reason=f"{status}: {complaint.expect.describe()} — {finding.detail}")


def _key_frame(notes: Annotations, record: StepRecord) -> None:
    if record.frame is None:
        return
    points = []
    if record.point is not None:
        points = [Point(x=record.point[0], y=record.point[1], label=record.step.describe(),
                        outcome=record.landing if record.landing in ("stayed", "jumped", "left") else "other")]
    notes.add(record.frame, f"after step {record.number}, {record.step.describe()}: the app {where(record)}",
              points=points, launched_ms=record.trial.launched_ms)
