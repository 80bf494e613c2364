"""Finding the weakest shake that makes the app jump, one dimension at a time.

Each probe is a fresh cold launch brought to the screen under test (the splash, or the first
screen once any splash has gone), one shake, and a look at where the app went. Starting from the
reference shake (T/TAF 078.7: 15 m/s², 35°, 3 s by default): if it makes no jump, no weaker
shake will (the reaction is taken to be monotonic) and one probe decides. If it does, each
dimension is weakened just below its reference with the others at theirs; one that still jumps
is bisected down to the weakest value that jumps, and that value is tried again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ..config import HarnessConfig
from ..shake import Shaker, ShakeSpec
from ..verdict import Inconclusive
from .popups import reach_main_screen
from .profile import LaunchProfile
from .search import Bracket, bisect
from .trial import UNTIMED_FPS, Watcher, classify, decode

#: dimension → (ShakeSpec field, configuration key of its reference, search resolution, unit)
DIMENSIONS: dict[str, tuple[str, str, float, str]] = {
    "acceleration": ("peak_accel_ms2", "shake_accel_ms2", 0.5, "m/s²"),
    "duration": ("duration_s", "shake_duration_s", 0.25, "s"),
    "rotation": ("rotation_deg", "shake_rotation_deg", 2.5, "°"),
}


@dataclass(frozen=True)
class ShakeProbe:
    spec: ShakeSpec
    landing: str  # stayed / jumped / left / closed (the splash ended by itself)
    trial: int
    still: bool = False  # a control: no shake at all
    late_ms: float = 0.0  # how late the shake's latest sample may have reached the device

    def below(self, config: HarnessConfig) -> bool:
        """Weaker than the reference in at least one dimension."""
        return any(getattr(self.spec, field) < getattr(config, key) for field, key, _, _ in DIMENSIONS.values())

    @property
    def jumped(self) -> bool:
        return self.landing in ("jumped", "left")


@dataclass(frozen=True)
class DimensionResult:
    name: str
    reference: float
    bracket: Bracket
    unit: str
    repeated: bool | None = None  # the weakest jump tried once more: did it jump again


    @property
    def weakest_jump(self) -> float | None:
        return self.bracket.at


class ShakeSearch:
    def __init__(self, watcher: Watcher, shaker: Shaker, profile: LaunchProfile, config: HarnessConfig,
                 on_splash: bool, pause: Callable[[float], None] = time.sleep) -> None:
        self.watcher, self.shaker, self.profile, self.config = watcher, shaker, profile, config
        self.on_splash, self.pause = on_splash, pause
        self.probes: list[ShakeProbe] = []
        self.replayed = 0  # shakes played again because they reached the device late

    def probe(self, still: bool = False, **overrides: float) -> ShakeProbe:
        """One fresh launch, brought to the screen under test, shaken once with the reference
        shake changed by `overrides` (`still`: held still for as long instead, a control). A
        shake that reached the device later than `shake_max_lag_ms` was not the shake asked for:
        it is played again in a fresh launch, up to `shake_late_retries` times, each after a longer
        pause (`shake_late_pause_s`)."""
        spec = self.shaker.spec(**overrides)
        c = self.config
        for attempt in range(1 + c.shake_late_retries):
            if attempt:
                self.pause(c.shake_late_pause_s * attempt)
            result = self._probe_once(spec, still)
            if result.late_ms <= c.shake_max_lag_ms:
                break
            self.replayed += 1
        else:
            raise Inconclusive(f"the emulator console delivered the shake up to {result.late_ms:.0f} ms late in "
                               f"{1 + c.shake_late_retries} launches (shake_max_lag_ms {c.shake_max_lag_ms:g})")
        if not still:
            self.probes.append(result)
        return result

    def _probe_once(self, spec: ShakeSpec, still: bool) -> ShakeProbe:
        trial = self.watcher.trial(fps=UNTIMED_FPS)
        try:
            splash = self.profile.splash
            if self.on_splash:
                trial.sleep_until(splash.visible_ms if splash.visible_ms is not None else 300.0)
            else:
                reach_main_screen(trial, self.profile, self.config)
            before = trial.device.foreground()
            if before.package != trial.package:
                raise Inconclusive(f"the app was not in front to be shaken ({before.package} was)")
            frames = trial.capture.frames()
            before_image = decode(frames[-1]) if frames else None
            late_ms = 0.0
            if still:
                time.sleep(spec.duration_s)
            else:
                late_ms = self.shaker.shake(spec).max_lag_ms
            time.sleep(self.config.tap_settle_ms / 1000)
            after = trial.device.foreground()
            frame = trial.frame_after(trial.device.clock.now().t_ms)
            landing = classify(before, after, False, decode(frame) if frame else None, before_image,
                               splash.resting if self.on_splash else None, trial.vision)
        finally:
            trial.stop()
        return ShakeProbe(spec, landing, trial.number, still, late_ms)

    def jumps(self, **overrides: float) -> bool:
        return self.probe(**overrides).jumped

    def dimension(self, name: str) -> DimensionResult:
        """Weaken one dimension below its reference; bisect down when it still jumps."""
        field, key, resolution, unit = DIMENSIONS[name]
        reference = float(getattr(self.config, key))
        just_below = max(0.0, reference - resolution)
        low = 0.0 if name != "acceleration" else resolution  # no acceleration is no shake at all
        bracket = Bracket(None, None, ())
        bracket = bracket.add(just_below, self.jumps(**{field: just_below}))
        if bracket.at is None or reference <= resolution:
            return DimensionResult(name, reference, bracket, unit)
        if name == "rotation":  # most shake detectors ignore rotation: try none first
            bracket = bracket.add(0.0, self.jumps(**{field: 0.0}))
            if bracket.at == 0.0:
                return DimensionResult(name, reference, bracket, unit)
        bracket = bisect(lambda v: self.jumps(**{field: v}), low, just_below, resolution, start=bracket)
        repeated = self.jumps(**{field: bracket.at}) if bracket.at is not None else None
        return DimensionResult(name, reference, bracket, unit, repeated)

