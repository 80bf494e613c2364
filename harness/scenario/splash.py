"""Watching a cold launch for a splash (开屏) screen and its close control.

A first screen counts as a splash when it shows a full-screen window with a close control
(跳过, an X …) or leaves by itself with no input. One that does neither within
`splash_observe_s` is the app's own first screen.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..config import HarnessConfig
from ..device.session import Foreground
from ..probes.permission_dialog import CONTROLLER_PACKAGES
from ..vision import CloseControl, jumped_away
from ..vision.types import box_center
from .looks import Look
from .trial import Landing, Resting, Trial, decode

POLL_S = 0.2


def is_splash_window(look: Look) -> bool:
    window = look.window
    return window is not None and window.kind == "fullscreen" and bool(window.close_controls)


def best_control(look: Look) -> CloseControl:
    """The control a user would pick: the most certain, then the largest."""
    return max(look.controls, key=lambda c: (round(c.score, 1), c.size_dp))


@dataclass(frozen=True)
class SplashWatch:
    splash: Foreground | None  # the first foreground of the app
    control_look: Look | None  # the first look with a close control on the splash
    left_ms: float | None  # since launch, when the splash went by itself (None: not seen to go)
    watched_ms: float
    resting: Resting | None  # where the app is once the splash has gone
    launched_ms: float

    @property
    def seen(self) -> bool:
        return self.control_look is not None or self.left_ms is not None

    @property
    def control(self) -> CloseControl | None:
        return best_control(self.control_look) if self.control_look else None

    @property
    def visible_ms(self) -> float | None:
        return self.control_look.t_ms - self.launched_ms if self.control_look else None

    @property
    def shown_without_control_ms(self) -> float:
        """How long the splash was on screen with no close control, as far as watched."""
        if self.visible_ms is not None:
            return self.visible_ms
        return self.left_ms if self.left_ms is not None else self.watched_ms


def watch_splash(trial: Trial, config: HarnessConfig) -> SplashWatch:
    """Watch a just-launched trial until the splash has gone (plus a settle time), or until
    it is clear there is none."""
    splash: Foreground | None = None
    left_ms: float | None = None
    control_look: Look | None = None
    while True:
        now = trial.elapsed_ms()
        fg = trial.device.foreground()
        if splash is None and fg.package == trial.package:
            splash = fg
        looks = trial.looks()
        if control_look is None:
            control_look = next((look for look in looks if is_splash_window(look)), None)
        if left_ms is None and splash is not None:
            # A splash hands over to the app's own next screen; a permission dialog is no exit,
            # and a first screen pushed aside by another app is that app's start, not a splash.
            if fg != splash and (fg.package == trial.package or control_look is not None) \
                    and fg.package not in CONTROLLER_PACKAGES:
                left_ms = now
            elif control_look is not None:
                left_ms = _window_gone(looks, control_look, trial)
        if left_ms is not None and now - left_ms >= config.tap_settle_ms:
            break
        if now >= config.splash_max_s * 1000 or (control_look is None and now >= config.splash_observe_s * 1000):
            break
        time.sleep(POLL_S)
    resting = trial.resting() if left_ms is not None else None
    return SplashWatch(splash, control_look, left_ms, trial.elapsed_ms(), resting, trial.launched_ms)


def _window_gone(looks: list[Look], control_look: Look, trial: Trial) -> float | None:
    """When a screen without the splash window replaced it (same activity, other content)."""
    reference = decode(control_look.frame)
    if reference is None:
        return None
    for look in looks:
        if look.t_ms > control_look.t_ms and not is_splash_window(look):
            image = decode(look.frame)
            if image is not None and jumped_away(reference, image, trial.vision):
                return trial.since_launch(look.t_ms)
    return None


def tap_ladder(trial: Trial, watch: SplashWatch, config: HarnessConfig) -> list[Landing]:
    """Tap the close control every `search_resolution_ms`, from the moment it first showed,
    until a tap does something or the splash would end by itself."""
    assert watch.control is not None and watch.visible_ms is not None
    x, y = box_center(watch.control.bbox)
    end = watch.left_ms if watch.left_ms is not None else config.splash_max_s * 1000
    at = watch.visible_ms
    landings: list[Landing] = []
    while at < end - config.tap_settle_ms / 2:
        trial.sleep_until(at)
        landing = trial.tap_and_judge(x, y, is_splash_window, watch.resting)
        landings.append(landing)
        if landing.kind != "stayed":
            break
        at = max(at + config.search_resolution_ms, trial.elapsed_ms())
    return landings


def ignored_ms(landings: list[Landing], visible_ms: float, launched_ms: float) -> float | None:
    """How long the shown control is known to have ignored taps: from when it showed to the last
    tap that left the splash where it was (0 when the first tap did something); None without taps."""
    if not landings:
        return None
    stayed = [landing for landing in landings if landing.kind == "stayed"]
    if not stayed:
        return 0.0
    return max(0.0, stayed[-1].tap.t_ms - launched_ms - visible_ms)

