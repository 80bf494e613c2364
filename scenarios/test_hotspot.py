"""Clause 1.4 — no full-screen hotspots (全屏热力图): taps away from the close control must not
jump to another page or app, on the splash and on pop-ups. The ratio counts only taps made
while the window showed, inside it and off the system bars; the points left out are listed
with the reason.

    pytest scenarios/test_hotspot.py --serial emulator-5554 --app com.vendor.app
"""

import pytest

from harness.scenario import UNTIMED_FPS, Resting, is_app_popup, is_splash_window, mark
from harness.scenario.hotspot import grid, probe_grid
from harness.scenario.trial import decode


def _points(device, controls, harness_config):
    """The grid points to tap, and those left out beside a close control."""
    screen = device.screen()
    margin = 24 * screen.density_dpi / 160  # a finger's half-width around each control
    return grid(screen.width_px, screen.height_px, harness_config.hotspot_grid_cols,
                harness_config.hotspot_grid_rows, [c.bbox for c in controls], margin)


def _judge(result, near_control, verdict, annotations, title, frame=None, launched_ms=None):
    for landing in result.landings:
        if landing.frame is not None and landing.kind != "stayed":
            annotations.add(landing.frame, f"{title}: {landing.describe()}",
                            points=[dict(x=landing.x, y=landing.y, label=landing.kind, outcome=landing.kind)])
    excluded = [*near_control, *result.excluded]
    if excluded and frame is not None:
        annotations.add(frame, f"{title}: grid points not counted",
                        points=[dict(x=e.x, y=e.y, label=e.reason, outcome="other") for e in excluded],
                        launched_ms=launched_ms)
    verdict.measure("taps", len(result.landings) + len(result.excluded))
    verdict.measure("counted_taps", len(result.landings))
    verdict.measure("excluded_points", "; ".join(e.describe() for e in excluded) or "none")
    verdict.measure("untapped_points_verdict_fixed", result.untapped)
    verdict.measure("jumps", "; ".join(landing.describe() for landing in result.jumps) or "none")
    verdict.measure("hotspot_jump_ratio", None if result.jump_ratio is None else round(result.jump_ratio, 3),
                    compare="<=", key="hotspot_max_clickable_ratio")
    verdict.conclude(observed_enough=result.decided,
                     reason="" if result.decided else f"too few taps met the window ({len(result.landings)} counted)")


@pytest.mark.clause("1.4")
def test_splash_hotspot(device, app, launch_profile, watcher, verdict, annotations, harness_config):
    # Arrange: the splash as the hands-off launch saw it.
    watch = launch_profile.splash
    if not watch.seen:
        pytest.skip("no splash to probe")
    controls = watch.control_look.controls if watch.control_look else ()
    shows = watch.visible_ms if watch.visible_ms is not None else 300.0
    ends = watch.left_ms if watch.left_ms is not None else harness_config.splash_max_s * 1000

    def ready(trial):
        trial.sleep_until(shows)
        if trial.elapsed_ms() > ends - harness_config.tap_settle_ms:
            return None
        return watch.resting or Resting(device.foreground(), None)

    # Act: tap a grid away from the close control, relaunching after every jump.
    points, near_control = _points(device, controls, harness_config)
    result = probe_grid(points, lambda: watcher.trial(fps=UNTIMED_FPS), ready, is_splash_window if controls else (lambda look: True),
                        harness_config.hotspot_max_clickable_ratio, harness_config.hotspot_min_counted_share)
    # Judge.
    _judge(result, near_control, verdict, annotations, "splash",
           watch.control_look.frame if watch.control_look else None, launch_profile.launched_ms)


@pytest.mark.clause("1.4")
def test_popup_hotspot(device, app, launch_profile, watcher, verdict, annotations, harness_config):
    # Arrange: the first pop-up as the hands-off launch saw it.
    popup = launch_profile.popup
    if popup is None:
        pytest.skip(f"no pop-up in the first {launch_profile.watched_ms / 1000:.0f} s")
    at = launch_profile.since_launch(popup.t_ms)
    annotations.add(popup.frame, "pop-up", [mark(popup.window.bbox, popup.window.kind, "popup"),
                                             *(mark(c.bbox, c.text or c.kind, "close_control") for c in popup.controls)],
                    launched_ms=launch_profile.launched_ms)
    reference = popup_reference(launch_profile)

    def ready(trial):
        if trial.wait_look(is_app_popup, until_ms=at + 3000) is None:
            return None
        return Resting(device.foreground(), reference)

    # Act: tap a grid away from the close control, relaunching after every tap that left the pop-up.
    points, near_control = _points(device, popup.controls, harness_config)
    result = probe_grid(points, lambda: watcher.trial(fps=UNTIMED_FPS), ready, is_app_popup,
                        harness_config.hotspot_max_clickable_ratio, harness_config.hotspot_min_counted_share,
                        inside_only=False)  # the dim around a pop-up is its window too
    # Judge.
    _judge(result, near_control, verdict, annotations, "pop-up", popup.frame, launch_profile.launched_ms)


def popup_reference(profile):
    """The screen before the pop-up came (what a closed pop-up leaves), if it decodes."""
    return decode(profile.before_popup.frame) if profile.before_popup is not None else None
