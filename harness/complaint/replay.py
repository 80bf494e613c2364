"""Replay a complaint's steps as the complainant took them, watched: every launch is a trial
(frames and hierarchies into the evidence), every step is stamped on the shared clock, and
where each step left the app is judged the way the shake scenario judges a shake."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..capture import Frame
from ..clock import Stamp
from ..config import HarnessConfig
from ..device.errors import WaitTimeout
from ..device.session import Foreground
from ..flow import Target
from ..hierarchy import HierarchyError
from ..probes.permission_dialog import PermissionDialog, find_permission_dialog
from ..scenario.permissions import ALLOW_BUTTONS, DENY_BUTTONS, press
from ..scenario.trial import Trial, Watcher, classify, decode
from ..shake import Shaker
from ..sink import EvidenceSink, emit
from .model import GROUPS, Step

POLL_S = 0.25
T = TypeVar("T")


class StepFailed(Exception):
    """The replay could not take a step as the complainant did (its target never showed)."""


@dataclass(frozen=True)
class StepRecord:
    number: int  # from 1
    step: Step
    trial: Trial
    start: Stamp
    acted_ms: float  # shared clock, once the action was done (a tap sent, a dialog answered, a shake played)
    end_ms: float  # shared clock, once the step had settled
    before: Foreground
    after: Foreground
    landing: str  # stayed / jumped (another page) / left (another package is in front)
    frame: Frame | None  # the first frame after the step settled
    point: tuple[float, float] | None = None  # where a tap went
    dialog: PermissionDialog | None = None  # the dialog a deny/allow step answered


@dataclass(frozen=True)
class ReplayRun:
    records: tuple[StepRecord, ...]
    failed: str | None  # why the replay stopped before the last step


def matches(dialog: PermissionDialog, group: str) -> bool:
    """Whether a dialog asks for `group` (a complaint's name: location, camera … or any)."""
    return group == "any" or dialog.group == GROUPS[group]


class Replay:
    """`shaker` may be None only when no step shakes."""

    def __init__(self, watcher: Watcher, shaker: Shaker | None, config: HarnessConfig,
                 sink: EvidenceSink | None) -> None:
        self.watcher, self.shaker, self.config, self.sink = watcher, shaker, config, sink
        self.device = watcher.device
        self.trial: Trial | None = None

    def run(self, steps: Sequence[Step]) -> ReplayRun:
        records: list[StepRecord] = []
        for number, step in enumerate(steps, 1):
            try:
                records.append(self._take(number, step))
            except StepFailed as e:
                emit(self.sink, "step", self.device.clock.now(), number=number, step=step.describe(), failed=str(e))
                return ReplayRun(tuple(records), f"step {number} ({step.describe()}): {e}")
        return ReplayRun(tuple(records), None)

    def _take(self, number: int, step: Step) -> StepRecord:
        if step.launch is not None:
            if self.trial is not None:
                self.trial.stop()
            self.trial = self.watcher.trial(clear=step.launch.clear)
        trial = self.trial
        assert trial is not None, "the model makes launch the first step"
        # What the step acts on is found first: the step starts when the user could take it.
        point = self._point(step.tap) if step.tap is not None else None
        group = step.deny or step.allow
        dialog = self._dialog(group) if group is not None else None
        start = trial.launch.stamp if step.launch is not None and trial.launch else self.device.clock.now()
        before = self.device.foreground()
        before_frame = trial.frame_after(self.device.clock.now().t_ms)
        self._act(step, trial, point, dialog)
        acted_ms = self.device.clock.now().t_ms
        if step.wait is None:
            time.sleep(self.config.tap_settle_ms / 1000)
        after = self.device.foreground()
        frame = trial.frame_after(self.device.clock.now().t_ms)
        landing = classify(before, after, False, decode(frame) if frame else None,
                           decode(before_frame) if before_frame else None, None, trial.vision)
        emit(self.sink, "step", start, number=number, step=step.describe(), trial=trial.number, landing=landing,
             before=f"{before.package}/{before.activity}", after=f"{after.package}/{after.activity}",
             frame=frame.index if frame else None)
        return StepRecord(number, step, trial, start, acted_ms, self.device.clock.now().t_ms, before, after,
                          landing, frame, point, dialog)

    def _act(self, step: Step, trial: Trial, point: tuple[float, float] | None,
             dialog: PermissionDialog | None) -> None:
        if step.wait is not None:
            time.sleep(step.wait)
        elif point is not None:
            self.device.tap(*point)
        elif step.back:
            self.device.back()
        elif step.shake is not None:
            assert self.shaker is not None, "the caller opens a shaker when a step shakes"
            self.shaker.shake(self.shaker.spec(**step.shake.overrides()))
        elif dialog is not None and not press(trial, dialog, DENY_BUTTONS if step.deny else ALLOW_BUTTONS):
            raise StepFailed(f"the dialog shows no {step.kind} button")

    def _point(self, tap: Target) -> tuple[float, float]:
        return self._wait(lambda: tap.find(self.device.dump_hierarchy()), tap.describe())

    def _dialog(self, group: str) -> PermissionDialog:
        def shown() -> PermissionDialog | None:
            try:
                dialog = find_permission_dialog(self.device.dump_hierarchy())
            except HierarchyError:
                return None
            return dialog if dialog is not None and matches(dialog, group) else None
        return self._wait(shown, f"a {group} permission dialog")

    def _wait(self, found: Callable[[], T | None], what: str) -> T:
        timeout = self.config.launch_timeout_s
        try:
            return self.device.wait_until(found, timeout, POLL_S, what)
        except WaitTimeout:
            raise StepFailed(f"{what} did not show within {timeout:g} s") from None
