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
from ..verdict import Inconclusive
from ..vision import CloseControl, jumped_away
from ..vision.types import box_center
from .looks import Look
from .search import Bracket
from .trial import Landing, Resting, Trial, Watcher, decode

POLL_S = 0.2


#: Words that say "skip the ad": a window offering one is a splash wherever its control is drawn.
SKIP_WORDS = ("跳过", "skip")


def is_skip(control: CloseControl) -> bool:
    text = (control.text or "").lower()
    return control.countdown is not None or any(w in text for w in SKIP_WORDS)


def is_splash_window(look: Look) -> bool:
    """A full-screen window with a close control, or any window offering a skip (an English
    "Skip" at the bottom of a splash may be found as a card of its own)."""
    window = look.window
    if window is None or not window.close_controls:
        return False
    return window.kind == "fullscreen" or any(is_skip(c) for c in window.close_controls)


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
    """Tap the close control every `search_resolution_ms`, from the moment it first showed (in
    the watched launch and in this one: a tap before this launch draws its splash lands on
    whatever is in front), until a tap does something or the splash would end by itself."""
    assert watch.control is not None and watch.visible_ms is not None
    x, y = box_center(watch.control.bbox)
    end = watch.left_ms if watch.left_ms is not None else config.splash_max_s * 1000
    at = watch.visible_ms
    trial.sleep_until(at)
    if not trial.window_now(is_splash_window, wait_s=max(0.0, end - trial.elapsed_ms()) / 1000,
                            like=decode(watch.control_look.frame)):
        raise Inconclusive("the splash with its close control did not show again in the launch that taps it")
    landings: list[Landing] = []
    while at < end - config.tap_settle_ms / 2:
        trial.sleep_until(at)
        landing = trial.tap_and_judge(x, y, is_splash_window, watch.resting)
        landings.append(landing)
        if landing.kind != "stayed":
            break
        at = max(at + config.search_resolution_ms, trial.elapsed_ms())
    return landings


@dataclass(frozen=True)
class Timing:
    """A moment known only between two observations (ms since launch): the last one before it
    and the first one after it, narrowed over `launches` fresh launches."""

    low: float
    high: float
    launches: int
    consistent: bool = True  # False: launches disagreed; the bracket spans the values seen both ways

    @property
    def value(self) -> float:
        return (self.low + self.high) / 2

    def shifted(self, by_ms: float) -> Timing:
        return Timing(max(0.0, self.low - by_ms), max(0.0, self.high - by_ms), self.launches, self.consistent)

    def precision(self, within_ms: float) -> str:
        """What the bracket is worth, for the report."""
        half = (self.high - self.low) / 2
        how = f"bracket {self.low:.0f}–{self.high:.0f} ms after {self.launches} launch(es)"
        if not self.consistent:
            return f"{how}: launches disagreed (seen both ways inside it)"
        if half <= within_ms:
            return f"{how}: within ±{within_ms:g} ms"
        return f"{how}: refinement budget spent, known only within ±{half:.0f} ms"


def look_bracket(look: Look, launched_ms: float) -> tuple[float, float]:
    """(last frame before the look's state, its first frame) in ms since launch; the launch
    itself bounds a state shown from the first frame."""
    previous = look.state.previous
    low = previous.stamp.t_ms - launched_ms if previous is not None else 0.0
    return max(0.0, low), look.t_ms - launched_ms


def _timing(bracket: Bracket, launches: int) -> Timing:
    assert bracket.below is not None and bracket.at is not None
    if bracket.consistent:
        return Timing(bracket.below, bracket.at, launches)
    return Timing(bracket.at, bracket.below, launches, consistent=False)  # between them, seen both ways


def refine_appearance(watcher: Watcher, brackets: list[tuple[float, float]], config: HarnessConfig) -> Timing:
    """When the close control shows: the brackets of launches already watched, intersected, and
    narrowed by fresh launches until within ±`timing_bracket_ms` or `timing_max_launches` spent
    (a control shows at the same time after each launch; the frames fall at other moments)."""
    bracket = Bracket(None, None, ())
    for low, high in brackets:
        bracket = bracket.add(low, False).add(high, True)
    launches = len(brackets)
    while bracket.consistent and (bracket.width or 0) > 2 * config.timing_bracket_ms \
            and launches - len(brackets) < config.timing_max_launches:
        assert bracket.at is not None
        with watcher.trial() as trial:
            look = trial.wait_look(is_splash_window, until_ms=bracket.at + 2000)
        launches += 1
        if look is None:
            break
        low, high = look_bracket(look, trial.launched_ms)
        bracket = bracket.add(low, False).add(high, True)
    return _timing(bracket, launches)


def _reached(landing: Landing, worked: bool) -> float:
    """The bound a tap gives (shared clock): an ignored tap reached the app no earlier than it was
    sent, a working one no later than its command returned."""
    return landing.sent.t_ms if worked and landing.sent is not None else landing.tap.t_ms


def refine_ignored(watcher: Watcher, watch: SplashWatch, landings: list[Landing], launched_ms: float,
                   shown_ms: float, config: HarnessConfig) -> Timing | None:
    """Until when the control, shown at `shown_ms`, ignores taps (ms since launch): the ladder's
    last ignored tap and first working one, narrowed by single taps in fresh launches at the
    middle until within ±`timing_bracket_ms` or `timing_max_launches` spent. None when no tap
    ever worked."""
    bracket = Bracket(None, None, ())
    for landing in landings:
        bracket = bracket.add(_reached(landing, landing.kind != "stayed") - launched_ms, landing.kind != "stayed")
    if bracket.at is None:
        return None
    assert watch.control is not None
    if bracket.below is None:  # the first tap worked: taps were ignored between 0 ms and it
        bracket = bracket.add(min(shown_ms, bracket.at), False)
    x, y = box_center(watch.control.bbox)
    like = decode(watch.control_look.frame)
    launches = 1
    while bracket.consistent and (bracket.width or 0) > 2 * config.timing_bracket_ms \
            and launches - 1 < config.timing_max_launches:
        assert bracket.below is not None and bracket.at is not None
        with watcher.trial() as trial:
            trial.sleep_until((bracket.below + bracket.at) / 2)
            # Tapped when shown (the bracket takes the tap's own time), never before: see tap_ladder.
            landing = trial.tap_and_judge(x, y, is_splash_window, watch.resting) \
                if trial.window_now(is_splash_window, wait_s=config.launch_timeout_s, like=like) else None
        launches += 1
        if landing is not None:
            worked = landing.kind != "stayed"
            bracket = bracket.add(trial.since_launch(_reached(landing, worked)), worked)
    return _timing(bracket, launches)

