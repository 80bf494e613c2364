"""Clause 1.4 — every pop-up offers a clear close control that closes it with one tap and no
jump, and pop-ups neither come too often nor come back on the page where they were closed.
Pop-ups held back past the first seconds are met by watching the main screen for
`popup_watch_s` and then each first-level screen (tab) for `popup_tab_dwell_s`.

    pytest scenarios/test_popups.py --serial emulator-5554 --app com.vendor.app [--flow steps.yaml]
"""

import pytest

from harness.scenario import is_app_popup, mark
from harness.scenario.controls import measure_clarity
from harness.scenario.popups import meet_popups, popups_per_minute, try_back


@pytest.mark.clause("1.4")
def test_popups(device, app, launch_profile, watcher, flow, verdict, annotations, harness_config):
    # Act: launch, pass the splash, walk the flow, watch the main screen and the tabs, and close
    # every pop-up with its close control.
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
    if first is not None:  # every way out of the pop-up reported, the clearest judged
        measure_clarity(verdict, first.look.controls, first.look, device.screen())
    by_taps = [e.taps for e in encounters if e.closed_by_taps]
    if by_taps:
        verdict.measure("close_taps_needed", max(by_taps), compare="<=", key="close_max_taps")
    verdict.measure("popups_back_on_same_page", sum(e.returned for e in encounters), compare="<=",
                    key="popup_returns_allowed")
    verdict.measure("tabs_visited", f"{len(run.tabs_visited)} of {len(run.tabs_found)}: "
                    + (", ".join(run.tabs_visited) or "none")
                    + (" (popup_budget_s spent)" if run.budget_spent else ""))
    rate = popups_per_minute([e.since_launch_ms for e in encounters], run.watched_ms)
    verdict.measure("popups_per_minute", round(rate, 2), compare="<=", key="popups_per_minute")
    if flow:
        verdict.measure("flow_steps_done", run.steps_done, compare=">=", threshold=len(flow))
    # A run cut short by a pop-up it could not get past is inconclusive unless it already saw a violation.
    observed_enough = run.stuck is None or bool(failed) or any(e.control is None for e in encounters)
    verdict.conclude(observed_enough=observed_enough, reason="" if observed_enough else run.stuck)
