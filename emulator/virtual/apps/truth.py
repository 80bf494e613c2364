"""Ground truth for a demo app (`truth.yaml`): what the app does and when, and the verdict a
correct harness must reach per clause of MIIT notice 2023-26."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .schema import Strict

ClauseId = Literal["1.4", "1.6", "1.7", "1.8", "1.9", "1.10"]
REQUIRED_CLAUSES: frozenset[str] = frozenset({"1.4", "1.6", "1.7", "1.9", "1.10"})


class Verdict(Strict):
    expected: Literal["violation", "compliant"]
    why: str


class Control(Strict):
    """Where a control the harness must find is drawn, in px on the default 1080x2400 420 dpi
    screen (left, top, right, bottom), and whether the hierarchy reports it."""

    bounds: Annotated[list[int], Field(min_length=4, max_length=4)]
    in_hierarchy: bool
    screen: str  # the screen or overlay showing it


class GroundTruth(Strict):
    package: str
    summary: str
    verdicts: dict[ClauseId, Verdict]
    timeline_ms: dict[str, Annotated[int, Field(ge=0)]] = {}  # event → ms after launch (or after the trigger it names)
    thresholds: dict[str, float] = {}  # the app's own numbers (shake m/s², sizes in dp …)
    controls: dict[str, Control] = {}

    def missing_clauses(self) -> list[str]:
        return sorted(REQUIRED_CLAUSES - set(self.verdicts))
