"""Clause 1.4 — 开屏 (splash) windows must offer a clear, working close control at once.

    pytest scenarios/test_splash.py --serial emulator-5554 --app com.vendor.app
"""

import pytest

from harness.scenario import best_control, ignored_ms, is_splash_window, mark, tap_ladder
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

    # Observe: how long the splash showed with no close control (the worst launch counts).
    shown_without = [watch.shown_without_control_ms]
    ignored = None
    tapped = None
    if watch.control is not None:
        # Act: in a fresh launch, tap the control from the moment it shows until a tap does something.
        ladder = watcher.trial()
        landings = tap_ladder(ladder, watch, harness_config)
        ladder.stop()
        again = next((look for look in ladder.looks() if is_splash_window(look)), None)
        if again is not None:
            shown_without.append(ladder.since_launch(again.t_ms))
        for landing in landings:
            if landing.frame is not None:
                annotations.add(landing.frame, "after tapping the close control",
                                points=[dict(x=landing.x, y=landing.y, label=landing.describe(), outcome=landing.kind)],
                                launched_ms=ladder.launched_ms)
        tapped = next((landing for landing in landings if landing.kind != "stayed"), None)
        ignored = ignored_ms(landings, watch.visible_ms, ladder.launched_ms)

    # Judge.
    verdict.measure("close_missing_ms", round(max(shown_without)), unit="ms", compare="<=", key="close_delay_limit_ms")
    if watch.control is None:
        verdict.conclude()
        return
    measure_clarity(verdict, best_control(watch.control_look), watch.control_look, device.screen())
    if tapped is not None and tapped.kind in ("jumped", "left"):
        verdict.measure("close_tap_result", tapped.kind, compare="==", threshold="closed")
    verdict.measure("close_ignored_ms", None if ignored is None else round(ignored), unit="ms",
                    compare="<=", key="close_effect_tolerance_ms")
    verdict.conclude()
