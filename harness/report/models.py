"""The results of a run as one versioned JSON document (`results.json`): every verdict with its
measurements and thresholds, the app and device identities, and the hashes of the evidence.

A farm's dashboard or a regulator's upload reads this; the HTML report is drawn from it alone.
`docs/results-schema.json` is generated from these models (`make schema`). A change a reader
would notice (a field removed, renamed or retyped) bumps VERSION.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..capture.loop import CaptureStats
from ..config import Setting
from ..device.identity import AppIdentity, DeviceIdentity, DeviceKind
from ..evidence import VerifyReport
from ..shake.waveform import ShakeSpec
from ..verdict import Outcome, Verdict

FORMAT = "miit-harness-results"
VERSION = 2

_FROZEN = ConfigDict(frozen=True)


class Box(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    bbox: tuple[float, float, float, float] = Field(description="x, y, width, height in pixels of the image")
    label: str = ""
    kind: Literal["popup", "close_control", "hierarchy", "other"] = "other"


class Point(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    x: float
    y: float
    label: str = ""
    outcome: Literal["stayed", "jumped", "closed", "left", "other"] = Field(
        "other", description="what a tap there did (hotspot tests): stayed on the screen, jumped to another page, "
                             "closed the window, left the app")


class Annotation(BaseModel):
    """One entry of a scenario's `annotations.json`: a key frame and what was found on it."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    image: str = Field(description="path of the image inside the test's evidence folder")
    title: str = ""
    t_ms: float | None = None
    since_launch_ms: float | None = None
    boxes: tuple[Box, ...] = ()
    points: tuple[Point, ...] = ()


class KeyFrame(Annotation):
    origin: Literal["annotations", "automatic"] = Field(
        description="annotations: chosen by the scenario; automatic: the report's pick (first and last frame, "
                    "the frame before each action) when the scenario wrote no annotations.json")
    offset_ms: float | None = Field(None, description="ms from the test's first event, on the events' clock; "
                                                      "negative for a frame captured before the test (a shared launch)")
    width: int | None = Field(None, description="image size in pixels; None when the image is missing or unreadable")
    height: int | None = None


class TimelineEvent(BaseModel):
    model_config = _FROZEN

    kind: str
    offset_ms: float | None = Field(description="ms from the test's first event (events.jsonl `mono_ms` axis)")
    since_launch_ms: float | None = None
    wall: str | None = None
    details: dict[str, Any] = Field(default_factory=dict, description="the event's other fields, as written")


class ShakeSample(BaseModel):
    model_config = _FROZEN

    t_ms: float = Field(description="ms from the start of the shake, when the sample was sent")
    accel_ms2: float = Field(description="|acceleration| sent, gravity included (m/s²)")
    linear_ms2: float = Field(description="|acceleration − rest|: the linear acceleration a detector sees (m/s²)")


class ShakeResult(BaseModel):
    model_config = _FROZEN

    file: str
    spec: ShakeSpec
    started_wall: str
    complete: bool = Field(description="False when the console failed part-way")
    achieved_rate_hz: float
    max_lag_ms: float
    samples: tuple[ShakeSample, ...]


IntegrityState = Literal["intact", "modified", "unsealed", "unreadable", "absent"]


class Integrity(BaseModel):
    model_config = _FROZEN

    state: IntegrityState = Field(
        description="intact: sealed and every file matches; modified: a file changed, went missing or appeared, or "
                    "the manifest does not add up; unsealed: matches, but the writer never finished; unreadable: the "
                    "manifest is not a harness manifest; absent: there is no evidence folder (the test ended before it "
                    "had one, or the folder is gone)")
    verify: VerifyReport | None = Field(description="harness.evidence.verify's report; None when unreadable or "
                                                    "absent")
    manifest_sha256: str | None = Field(None, description="the sealed manifest's own hash (manifest.json `sha256`); "
                                                       "`harness verify --against` compares a folder with it")
    sealed_wall: str | None = None
    problem: str | None = None
    signature: Literal["signed", "unsigned", "invalid", "unexpected-key"] | None = Field(
        None, description="manifest.sig: signed (valid), unsigned, invalid (the manifest changed after signing, or a "
                          "malformed signature file); None when there is no sealed manifest")
    signed_by: str | None = Field(None, description="fingerprint (SHA-256 of the raw Ed25519 public key, hex) of the key "
                                                    "the signature file names")


class EvidenceFile(BaseModel):
    model_config = _FROZEN

    path: str
    size: int | None = Field(description="bytes as the manifest records them (on disk for an extra file)")
    sha256: str | None = Field(description="as the manifest records it; None for a file it does not list")
    status: Literal["ok", "changed", "missing", "extra"]


class CaseResult(BaseModel):
    """One test, as its evidence folder shows it (or, without one, as the session recorded it)."""

    model_config = _FROZEN

    id: str = Field(description="<run-id>/[<xdist worker>/]<test folder>: unique across runs, "
                                "so results of several runs and devices merge")
    folder: str | None = Field(description="the evidence folder, POSIX path relative to the directory of results.json; "
                                           "None when the test has none")
    run_id: str | None = None
    worker: str | None = Field(None, description="pytest-xdist worker (gw0 …) that ran it")
    nodeid: str | None = None
    verdict: Verdict | None = Field(description="None: no readable verdict.json (a test the harness did not judge, "
                                                "or one stopped before its verdict)")
    outcome: Outcome | None = None
    package: str | None = Field(None, description="the package under test: the app identity's, or the --app package "
                                                  "the session recorded for a test that ended before reading it")
    app: AppIdentity | None = None
    device: DeviceIdentity | None = None
    settings: tuple[Setting, ...] = Field((), description="the configuration in force (config.json)")
    capture: CaptureStats | None = None
    frames: int = 0
    hierarchies: int = 0
    started_wall: str | None = None
    ended_wall: str | None = None
    timeline: tuple[TimelineEvent, ...] = Field((), description="events.jsonl without the per-frame and "
                                                               "per-hierarchy events (counted in frames/hierarchies)")
    key_frames: tuple[KeyFrame, ...] = ()
    shakes: tuple[ShakeResult, ...] = ()
    integrity: Integrity
    files: tuple[EvidenceFile, ...] = Field((), description="every file of the folder with its manifest hash")
    problems: tuple[str, ...] = Field((), description="evidence missing or unreadable, one line each")


class SummaryRow(BaseModel):
    model_config = _FROZEN

    package: str | None = None
    label: str | None = None
    version_name: str | None = None
    apk_sha256: str | None = None
    clause: str | None = None
    clause_title: str | None = None
    verdict: Verdict | None = Field(description="the worst verdict of its tests: FAIL, ERROR, INCONCLUSIVE, PASS, SKIP")
    counts: dict[Verdict, int]
    unjudged: int = Field(0, description="its tests without a verdict")
    not_intact: int = Field(0, description="its tests whose evidence is not sealed & intact (modified, unsealed or "
                                           "unreadable)")
    tests: tuple[str, ...] = Field(description="ids of its tests")


class Results(BaseModel):
    model_config = ConfigDict(frozen=True, title="miit-harness results",
                              json_schema_extra={"description": f"{FORMAT} version {VERSION}: the verdicts, "
                                                 "measurements, identities and evidence hashes of harness runs"})

    format: Literal["miit-harness-results"] = FORMAT
    version: Literal[2] = VERSION
    generated_wall: str
    harness_version: str
    device_kinds: tuple[DeviceKind, ...] = Field(description="the kinds of device the verdicts came from (virtual: the "
                                                             "embedded virtual device, a simulated Android)")
    problems: tuple[str, ...] = Field((), description="session records that could not be read, one line each")
    summary: tuple[SummaryRow, ...] = Field(description="one row per app and clause")
    tests: tuple[CaseResult, ...]
