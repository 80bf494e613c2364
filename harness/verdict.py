"""Verdicts and the measurements behind them.

A scenario measures values, compares each with a configured threshold (whose value, origin and
source travel with it), and concludes. `decide` never returns PASS unless something was judged
and everything judged was actually measured: a scenario that saw too little is INCONCLUSIVE.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .config import HarnessConfig

Comparison = Literal["<=", "<", ">=", ">", "=="]
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt, "==": operator.eq,
}


class Verdict(StrEnum):
    PASS = "PASS"
    FAIL = "FAIL"
    INCONCLUSIVE = "INCONCLUSIVE"
    ERROR = "ERROR"
    SKIP = "SKIP"


class Inconclusive(Exception):
    """Raised by a scenario (or a fixture) that cannot observe what it needs, e.g. a shake on
    a phone without an emulator console. The plugin records INCONCLUSIVE with this reason."""


class Measurement(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    value: float | int | str | bool | None  # None: could not be measured
    unit: str = ""
    compare: Comparison | None = None  # compliant when `value <compare> threshold`
    threshold: float | int | str | bool | None = None
    key: str | None = None  # the configuration key of the threshold
    origin: str | None = None  # default / file / env / option
    where: str | None = None
    source: str | None = None  # the reference behind the threshold
    # A timing known only between two observations: the last one before the event and the
    # first one after it (`value` lies within); None for values measured directly.
    low: float | None = None
    high: float | None = None

    @property
    def judged(self) -> bool:
        return self.compare is not None

    @property
    def ok(self) -> bool | None:
        if not self.judged or self.value is None or self.threshold is None:
            return None
        return bool(_COMPARE[self.compare](self.value, self.threshold))


class Outcome(BaseModel):
    model_config = ConfigDict(frozen=True)

    verdict: Verdict
    reason: str = ""
    clause: str | None = None
    measurements: tuple[Measurement, ...] = ()


def decide(measurements: list[Measurement] | tuple[Measurement, ...], *, observed_enough: bool = True,
           reason: str = "", clause: str | None = None) -> Outcome:
    judged = [m for m in measurements if m.judged]
    failing = [m for m in judged if m.ok is False]
    unmeasured = [m for m in judged if m.ok is None]
    if failing:  # a violation seen is a violation, even if other things could not be observed
        why = reason or "; ".join(f"{m.name} = {m.value}{m.unit} (limit {m.compare} {m.threshold})" for m in failing)
        verdict = Verdict.FAIL
    elif not observed_enough:
        why, verdict = reason or "the scenario could not observe enough to judge", Verdict.INCONCLUSIVE
    elif unmeasured:
        why, verdict = reason or "not measured: " + ", ".join(m.name for m in unmeasured), Verdict.INCONCLUSIVE
    elif not judged:
        why, verdict = reason or "nothing was judged against a threshold", Verdict.INCONCLUSIVE
    else:
        why, verdict = reason, Verdict.PASS
    return Outcome(verdict=verdict, reason=why, clause=clause, measurements=tuple(measurements))


class VerdictRecorder:
    """Collects one test's measurements; the plugin reports its outcome."""

    def __init__(self, config: HarnessConfig, clause: str | None = None) -> None:
        self.config = config
        self.clause = clause
        self.measurements: list[Measurement] = []
        self.outcome: Outcome | None = None

    def measure(self, name: str, value: Any, *, key: str | None = None, compare: Comparison | None = None,
                threshold: Any = None, unit: str = "", low: float | None = None,
                high: float | None = None) -> Measurement:
        """Record a value; with `key` its threshold, origin and source come from the configuration;
        `low`/`high` bracket a value known only between two observations."""
        fields: dict[str, Any] = {}
        if key is not None:
            origin, where = self.config.origin_of(key)
            fields = dict(threshold=getattr(self.config, key), key=key, origin=origin, where=where,
                          source=self.config.source_of(key))
        elif threshold is not None:
            fields = dict(threshold=threshold, origin="test", where="the test itself")
        m = Measurement(name=name, value=value, unit=unit, compare=compare, low=low, high=high, **fields)
        self.measurements.append(m)
        return m

    def conclude(self, *, observed_enough: bool = True, reason: str = "") -> Outcome:
        self.outcome = decide(self.measurements, observed_enough=observed_enough, reason=reason, clause=self.clause)
        return self.outcome

    def set(self, verdict: Verdict, reason: str) -> Outcome:
        """An outcome decided outside the measurements (ERROR, SKIP, INCONCLUSIVE), never PASS."""
        if verdict in (Verdict.PASS, Verdict.FAIL):
            raise ValueError("PASS and FAIL come from measurements: use conclude()")
        self.outcome = Outcome(verdict=verdict, reason=reason, clause=self.clause, measurements=tuple(self.measurements))
        return self.outcome
