"""Did the replay show what the complainant saw? Judged over the expectation's window (the step
after which it is looked for, and the waits right after it) from where each step left the app
(jumps) and the hierarchies captured meanwhile (permission dialogs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..capture import Frame
from ..hierarchy import HierarchyError
from ..probes.permission_dialog import find_permission_dialog
from ..scenario.starts import SYSTEM_PACKAGES
from .model import Complaint
from .replay import StepRecord, matches


@dataclass(frozen=True)
class Finding:
    seen: bool
    detail: str  # what was seen, or what was seen instead
    record: StepRecord  # the step it was seen at (else the window's last)
    frame: Frame | None  # the frame that shows it


def judge(complaint: Complaint, records: Sequence[StepRecord]) -> Finding:
    """`records` of every step (the replay took them all)."""
    window = [r for r in records if r.number in complaint.window()]
    expect = complaint.expect
    if expect.jump is not None:
        return _jump(expect.jump, window)
    assert expect.permission_dialog is not None, "the model sets exactly one expectation"
    return _dialog(expect.permission_dialog, window)


def where(record: StepRecord) -> str:
    """Where a step left the app, in words."""
    after = record.after
    if record.landing == "left":
        other = "the system" if after.package in SYSTEM_PACKAGES else "another app"
        return f"left for {after.package} ({other}, {after.activity})"
    if record.landing == "jumped":
        return f"jumped to another page ({after.activity})"
    return f"stayed on {after.activity}"


def _jump(kind: str, window: list[StepRecord]) -> Finding:
    for record in window:
        to_app = record.landing == "left" and record.after.package not in SYSTEM_PACKAGES
        to_page = record.landing == "jumped"
        if {"another_app": to_app, "another_page": to_page, "any": to_app or to_page}[kind]:
            return Finding(True, f"{_step(record)}: the app {where(record)}", record, record.frame)
    last = window[-1]
    return Finding(False, f"{_step(last)}: the app {where(last)}", last, last.frame)


def _dialog(group: str, window: list[StepRecord]) -> Finding:
    first, last = window[0], window[-1]
    trial = first.trial  # a window never spans launches: a launch is not a wait
    # After a deny/allow step, the dialog it answered is still on screen until the tap
    since_ms = first.acted_ms if first.dialog is not None else first.start.t_ms
    for h in trial.capture.hierarchies():
        if not since_ms < h.stamp.t_ms <= last.end_ms:
            continue
        try:
            dialog = find_permission_dialog(h.xml)
        except HierarchyError:
            continue
        if dialog is not None and matches(dialog, group):
            at = next((r for r in window if h.stamp.t_ms <= r.end_ms), last)
            frame = next((f for f in trial.capture.frames() if f.stamp.t_ms >= h.stamp.t_ms), at.frame)
            return Finding(True, f"{_step(at)}: a permission dialog showed "
                                 f"{trial.since_launch(h.stamp.t_ms) / 1000:.1f} s after the launch: “{dialog.message}”",
                           at, frame)
    what = "no permission dialog" if group == "any" else f"no {group} permission dialog"
    return Finding(False, f"{_span(window)}: {what} showed", last, last.frame)


def _step(record: StepRecord) -> str:
    return f"step {record.number} ({record.step.describe()})"


def _span(window: list[StepRecord]) -> str:
    return _step(window[0]) if len(window) == 1 else f"steps {window[0].number}–{window[-1].number}"
