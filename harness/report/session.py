"""What a judged test's report carries, and the session's record of every judged test.

Each judged test's pytest report carries its verdict as user properties (so JUnit has them);
`properties` writes them and `recorded` reads them back, on an xdist controller too. The session
keeps what it read in `<run>/harness-session.json`, so a test that ended before it had an
evidence folder (no healthy device in the pool, a device that never came up) is still in
results.json and the report, with its verdict and reason. That file is the session's log, not
evidence: it is not in any manifest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..verdict import Measurement, Outcome, Verdict

if TYPE_CHECKING:  # importing harness.device imports adbutils, which the plugin must not do yet
    from ..device.identity import DeviceIdentity

SESSION_FILE = "harness-session.json"
PROPERTY = "harness_verdict"
REASON = "harness_reason"
CLAUSE = "harness_clause"
MEASUREMENT = "harness_measurement:"
PACKAGE = "harness_package"
DEVICE_KIND = "harness_device_kind"
DEVICE = "harness_device"
EVIDENCE = "harness_evidence"

_FROZEN = ConfigDict(frozen=True)


def folder_name(nodeid: str) -> str:
    """A test's evidence folder name (under `<run>/[<worker>/]`)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", nodeid).strip("_")[:150]


class RecordedTest(BaseModel):
    model_config = _FROZEN

    nodeid: str
    worker: str | None = Field(None, description="pytest-xdist worker (gw0 …) that ran it")
    outcome: Outcome
    package: str | None = Field(None, description="the --app package it tested, when it had one")
    evidence: str | None = Field(None, description="its evidence folder relative to the run folder (POSIX), "
                                                   "None when it ended before it had one")

    @property
    def case_path(self) -> str:
        """Where its evidence folder is, or would have been, relative to the run folder."""
        return self.evidence or "/".join(filter(None, (self.worker, folder_name(self.nodeid))))


class SessionRecord(BaseModel):
    model_config = _FROZEN

    run_id: str
    tests: tuple[RecordedTest, ...]


class RecordError(ValueError):
    """A session record that cannot be read; the message is one line."""


def properties(outcome: Outcome, *, device: DeviceIdentity | None = None, package: str | None = None,
               evidence: str | None = None) -> list[tuple[str, str]]:
    props = [(PROPERTY, outcome.verdict.value), (REASON, outcome.reason)]
    if outcome.clause:
        props.append((CLAUSE, outcome.clause))
    for m in outcome.measurements:
        props.append((f"{MEASUREMENT}{m.name}", json.dumps(m.model_dump(mode="json"), ensure_ascii=False)))
    if package:
        props.append((PACKAGE, package))
    if device is not None:
        props += [(DEVICE_KIND, device.kind), (DEVICE, device.summary)]
    if evidence:
        props.append((EVIDENCE, evidence))
    return props


def recorded(nodeid: str, user_properties: Sequence[tuple[str, object]], worker: str | None) -> RecordedTest | None:
    """The test as its report's properties give it; None for a report without a verdict."""
    props = [(str(k), str(v)) for k, v in user_properties]
    found = dict(props)
    if found.get(PROPERTY) not in Verdict.__members__:
        return None
    measurements = tuple(Measurement.model_validate_json(v) for k, v in props if k.startswith(MEASUREMENT))
    outcome = Outcome(verdict=Verdict(found[PROPERTY]), reason=found.get(REASON, ""), clause=found.get(CLAUSE),
                      measurements=measurements)
    return RecordedTest(nodeid=nodeid, worker=worker, outcome=outcome, package=found.get(PACKAGE),
                        evidence=found.get(EVIDENCE))


def save(record: SessionRecord, run: Path) -> Path:
    run.mkdir(parents=True, exist_ok=True)
    path = run / SESSION_FILE
    path.write_text(record.model_dump_json(indent=1) + "\n", encoding="utf-8")
    return path


def load(path: Path) -> SessionRecord:
    from .collect import first_error

    try:
        return SessionRecord.model_validate_json(Path(path).read_bytes())
    except OSError as e:
        raise RecordError(f"{path}: cannot read ({e.strerror or e})") from None
    except ValidationError as e:
        raise RecordError(f"{path}: not a harness session record ({first_error(e)})") from None
