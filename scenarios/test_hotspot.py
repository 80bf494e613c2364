"""Clause 1.4 — no full-screen hotspots (全屏热力图): taps away from the close control must not
jump to another page or app, on the splash and on pop-ups.

    pytest scenarios/test_hotspot.py --serial emulator-5554 --app com.vendor.app
"""

import pytest

from harness.scenario import UNTIMED_FPS, Resting, is_app_popup, is_splash_window, mark
from harness.scenario.hotspot import grid_points, probe_grid
from harness.scenario.trial import decode


def _points(device, controls, harness_config):
    screen = device.screen()
    margin = 24 * screen.density_dpi / 160  # a finger's half-width around each control
    return grid_points(screen.width_px, screen.height_px, harness_config.hotspot_grid_cols,
                       harness_config.hotspot_grid_rows, [c.bbox for c in controls], margin)


def _judge(result, verdict, annotations, title):
    for landing in result.landings:
        if landing.frame is not None and landing.kind != "stayed":
            annotations.add(landing.frame, f"{title}: {landing.describe()}",
                            points=[dict(x=landing.x, y=landing.y, label=landing.kind, outcome=landing.kind)])
    verdict.measure("taps", len(result.landings))
    verdict.measure("jumps", "; ".join(landing.describe() for landing in result.jumps) or "none")
    verdict.measure("hotspot_jump_ratio", None if result.jump_ratio is None else round(result.jump_ratio, 3),
                    compare="<=", key="hotspot_max_clickable_ratio")
    verdict.conclude(observed_enough=result.decided,
                     reason="" if result.decided else f"the window went before enough taps ({len(result.landings)})")


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
    points = _points(device, controls, harness_config)
    result = probe_grid(points, lambda: watcher.trial(fps=UNTIMED_FPS), ready, is_splash_window if controls else (lambda look: True),
                        harness_config.hotspot_max_clickable_ratio)
    # Judge.
    _judge(result, verdict, annotations, "splash")


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
    result = probe_grid(_points(device, popup.controls, harness_config), lambda: watcher.trial(fps=UNTIMED_FPS), ready, is_app_popup,
                        harness_config.hotspot_max_clickable_ratio)
    # Judge.
    _judge(result, verdict, annotations, "pop-up")


def popup_reference(profile):
    """The screen before the pop-up came (what a closed pop-up leaves), if it decodes."""
    return decode(profile.before_popup.frame) if profile.before_popup is not None else None
