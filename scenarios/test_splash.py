"""Clause 1.4 — 开屏 (splash) windows must offer a clear, working close control at once.

    pytest scenarios/test_splash.py --serial emulator-5554 --app com.vendor.app
"""

import pytest

from harness.scenario import is_splash_window, look_bracket, mark, refine_appearance, refine_ignored, tap_ladder
from harness.scenario.controls import measure_clarity


@pytest.mark.clause("1.4")
def test_splash_close_control(device, app, launch_profile, watcher, verdict, annotations, harness_config):
    # Arrange: the app's hands-off launch, watched until the splash had gone.
    watch = launch_profile.splash
    if not watch.seen:
        pytest.skip(f"no splash: the first screen neither showed a close control nor left by itself "
                    f"within {harness_config.splash_observe_s:g} s")
    if watch.control_look is not None:
        look = watch.control_look
        annotations.add(look.frame, "close control first visible",
                        [mark(look.window.bbox, "splash", "popup"),
                         *(mark(c.bbox, c.text or c.kind, "close_control") for c in look.controls)],
                        launched_ms=watch.launched_ms)
    verdict.measure("splash_duration_ms", None if watch.left_ms is None else round(watch.left_ms), unit="ms")

    # Observe: how long the splash showed with no close control.
    if watch.control is None:
        verdict.measure("close_missing_ms", round(watch.shown_without_control_ms), unit="ms", compare="<=",
                        key="close_delay_limit_ms")
        verdict.conclude()
        return
    # Act: in a fresh launch, tap the control from the moment it shows until a tap does something.
    ladder = watcher.trial()
    landings = tap_ladder(ladder, watch, harness_config)
    ladder.stop()
    for landing in landings:
        if landing.frame is not None:
            annotations.add(landing.frame, "after tapping the close control",
                            points=[dict(x=landing.x, y=landing.y, label=landing.describe(), outcome=landing.kind)],
                            launched_ms=ladder.launched_ms)
    tapped = next((landing for landing in landings if landing.kind != "stayed"), None)
    # Observe: every timing is a bracket (last observation before, first after), narrowed over fresh launches.
    brackets = [look_bracket(watch.control_look, watch.launched_ms)]
    again = next((look for look in ladder.looks() if is_splash_window(look)), None)
    if again is not None:
        brackets.append(look_bracket(again, ladder.launched_ms))
    shown = refine_appearance(watcher, brackets, harness_config)
    ignored = refine_ignored(watcher, watch, landings, ladder.launched_ms, shown.value, harness_config)

    # Judge.
    within = harness_config.timing_bracket_ms
    verdict.measure("close_missing_ms", round(shown.value), unit="ms", compare="<=", key="close_delay_limit_ms",
                    low=round(shown.low), high=round(shown.high))
    verdict.measure("close_missing_precision", shown.precision(within))
    measure_clarity(verdict, watch.control_look.controls, watch.control_look, device.screen())
    if tapped is not None and tapped.kind in ("jumped", "left"):
        verdict.measure("close_tap_result", tapped.kind, compare="==", threshold="closed")
    if ignored is None:  # no tap worked: ignored at least until the last tap (unknown without taps)
        last = round(max(0.0, landings[-1].tap.t_ms - ladder.launched_ms - shown.value)) if landings else None
        verdict.measure("close_ignored_ms", last, unit="ms", compare="<=", key="close_effect_tolerance_ms", low=last)
    else:  # from when the control showed (the middle of its own bracket)
        ignored = ignored.shifted(shown.value)
        verdict.measure("close_ignored_ms", round(ignored.value), unit="ms", compare="<=",
                        key="close_effect_tolerance_ms", low=round(ignored.low), high=round(ignored.high))
        verdict.measure("close_ignored_precision", ignored.precision(within))
    verdict.conclude()
