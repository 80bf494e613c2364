"""Clause 1.4 — every pop-up offers a clear close control that closes it without a jump, and
pop-ups do not come too often.

    pytest scenarios/test_popups.py --serial emulator-5554 --app com.vendor.app [--flow steps.yaml]
"""

import pytest

from harness.scenario import is_app_popup, mark
from harness.scenario.controls import measure_clarity
from harness.scenario.popups import meet_popups, popups_per_minute, try_back


@pytest.mark.clause("1.4")
def test_popups(device, app, launch_profile, watcher, flow, verdict, annotations, harness_config):
    # Arrange: the hands-off launch tells whether there is anything to meet.
    if launch_profile.popup is None and not flow:
        verdict.measure("popups_seen", 0)
        verdict.measure("watched_ms", round(launch_profile.watched_ms), unit="ms")
        verdict.measure("popups_per_minute", 0.0, compare="<=", key="popups_per_minute")
        verdict.conclude(reason=f"no pop-up in {launch_profile.watched_ms / 1000:.0f} s of hands-off use")
        return

    # Act: launch, pass the splash, walk the flow, and close every pop-up with its close control.
    trial = watcher.trial()
    run = meet_popups(trial, launch_profile.splash, harness_config, flow)
    trial.stop()
    for e in run.encounters:
        boxes = [mark(e.look.window.bbox, e.look.window.kind, "popup"),
                 *(mark(c.bbox, c.text or c.kind, "close_control") for c in e.look.controls)]
        points = [dict(x=e.landing.x, y=e.landing.y, label=e.landing.describe(), outcome=e.landing.kind)] \
            if e.landing else []
        annotations.add(e.look.frame, f"pop-up at {e.since_launch_ms / 1000:.1f} s", boxes, points,
                        launched_ms=trial.launched_ms)

    # Observe: does back close the first pop-up (reported, not judged)?
    if run.encounters and run.encounters[0].back_closed is None:
        again = watcher.trial()
        if again.wait_look(is_app_popup, until_ms=run.encounters[0].since_launch_ms + 3000) is not None:
            verdict.measure("back_closes_popup", try_back(again, harness_config))
        again.stop()
    elif run.encounters:
        verdict.measure("back_closes_popup", run.encounters[0].back_closed)

    # Judge.
    encounters = run.encounters
    verdict.measure("popups_seen", len(encounters))
    verdict.measure("watched_ms", round(run.watched_ms), unit="ms")
    verdict.measure("popups_without_close_control", sum(e.control is None for e in encounters),
                    compare="<=", threshold=0)
    failed = [e.landing.describe() for e in encounters if e.landing and e.landing.kind != "closed"]
    verdict.measure("close_taps_that_did_not_close", "; ".join(failed) or "none", compare="==", threshold="none")
    first = next((e for e in encounters if e.control is not None), None)
    if first is not None:
        measure_clarity(verdict, first.control, first.look, device.screen())
    rate = popups_per_minute([e.since_launch_ms for e in encounters], run.watched_ms)
    verdict.measure("popups_per_minute", round(rate, 2), compare="<=", key="popups_per_minute")
    if flow:
        verdict.measure("flow_steps_done", run.steps_done, compare=">=", threshold=len(flow))
    # A run cut short by a pop-up it could not get past is inconclusive unless it already saw a violation.
    observed_enough = run.stuck is None or bool(failed) or any(e.control is None for e in encounters)
    verdict.conclude(observed_enough=observed_enough, reason="" if observed_enough else run.stuck)
