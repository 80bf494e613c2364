"""One watched cold launch of the app under test: capture running, launch instant marked,
screen states analysed as they arrive, taps stamped, and where each tap led.

A test makes as many trials as its measurement needs (a search over tap delays, a grid of
hotspot taps); each trial files its frames under `trials/NN/` of the test's evidence.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..capture import CaptureConfig, Frame, FrameCapture
from ..clock import Stamp
from ..config import HarnessConfig
from ..device.session import DeviceSession, Foreground, Launch
from ..sink import EvidenceSink, Prefixed
from ..verdict import Inconclusive
from ..vision import VisionConfig, jumped_away, same_screen
from .looks import Look, Looker

LandingKind = Literal["stayed", "closed", "jumped", "left"]
#: Frame rate of trials that time nothing (shake probes, tap grids, permission runs).
UNTIMED_FPS = 5.0


@dataclass(frozen=True)
class Landing:
    """Where a tap led: `stayed` (the window is still there), `closed` (the window went and the
    app shows what it shows without it), `jumped` (another page of the app), `left` (another
    package is in front)."""

    kind: LandingKind
    tap: Stamp
    x: float
    y: float
    before: Foreground
    after: Foreground
    frame: Frame | None  # the frame judged
    sent: Stamp | None = None  # when the tap command returned: the tap reached the app between `tap` and this

    def describe(self) -> str:
        where = self.after.package if self.kind == "left" else self.after.activity
        return f"tap at ({self.x:.0f}, {self.y:.0f}) → {self.kind} ({where})"


@dataclass(frozen=True)
class Resting:
    """What the app shows when the window under test is gone: its foreground and a frame."""

    foreground: Foreground
    image: np.ndarray | None


def classify(before: Foreground, after: Foreground, window_left: bool, image: np.ndarray | None,
             before_image: np.ndarray | None, resting: Resting | None, vision: VisionConfig) -> LandingKind:
    """Judge a tap from the foreground before and after it and the screen it left.

    A window counts as closed when the app is where it rests without the window (same activity,
    and, when a resting frame is known, the same screen); anything else that is not the window
    itself is a jump. An action with no window under test (a shake, a complaint's step) passes
    `window_left=False`: the screen itself is what must stay."""
    if after.package != before.package:
        return "left"
    if resting is not None and after == resting.foreground and after != before:
        return "closed"  # e.g. a splash activity replaced by the main one
    if after != before:
        return "jumped"
    if not window_left:
        if image is not None and before_image is not None and jumped_away(before_image, image, vision):
            return "jumped"
        return "stayed"
    if resting is None or resting.image is None or image is None or same_screen(resting.image, image, vision):
        return "closed"
    return "jumped"


class Trial:
    def __init__(self, device: DeviceSession, package: str, config: HarnessConfig, sink: EvidenceSink | None,
                 number: int, vision: VisionConfig, use_ocr: bool = True, fps: float | None = None) -> None:
        self.device, self.package, self.config, self.number = device, package, config, number
        self.vision = vision
        self.sink = Prefixed(sink, f"trials/{number:02d}/", trial=number) if sink is not None else None
        capture_cfg = CaptureConfig(fps=fps or config.capture_fps, hierarchy_interval_s=config.hierarchy_interval_ms / 1000)
        self.capture = FrameCapture.for_session(device, capture_cfg, self.sink)
        self.looker = Looker(vision, use_ocr)
        self.launch: Launch | None = None
        self.taps: list[Landing] = []

    # ---- lifecycle --------------------------------------------------------------------
    def start(self, clear: bool = False) -> Trial:
        self.capture.start()
        if not self.capture.wait_frames(1, self.config.launch_timeout_s):
            raise Inconclusive(f"no screenshot from the device within {self.config.launch_timeout_s:g} s: "
                               f"{self.capture.error or 'capture produced nothing'}")
        # From the home screen: until the app draws, the screen must not show the previous app
        self.device.home()
        self.launch = self.device.cold_launch(self.package, clear=clear)
        return self

    def stop(self) -> None:
        if self.capture.running:
            stats = self.capture.stop()
            if self.sink is not None:
                self.sink.write_bytes("capture_stats.json", stats.model_dump_json(indent=1).encode())

    def __enter__(self) -> Trial:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- time -------------------------------------------------------------------------
    @property
    def launched_ms(self) -> float:
        assert self.launch is not None, "start() the trial first"
        return self.launch.stamp.t_ms

    def since_launch(self, t_ms: float) -> float:
        return t_ms - self.launched_ms

    def elapsed_ms(self) -> float:
        return self.since_launch(self.device.clock.now().t_ms)

    def sleep_until(self, since_launch_ms: float) -> None:
        delay = (since_launch_ms - self.elapsed_ms()) / 1000
        if delay > 0:
            time.sleep(delay)

    # ---- observation ------------------------------------------------------------------
    def frames(self) -> list[Frame]:
        """Frames taken after the launch command (earlier ones may show the previous app)."""
        return [f for f in self.capture.frames() if f.stamp.t_ms >= self.launched_ms]

    def looks(self) -> list[Look]:
        self._check_capture()
        return self.looker.looks(self.frames(), self.capture.hierarchies())

    def latest(self) -> Look | None:
        looks = self.looks()
        return looks[-1] if looks else None

    def wait_look(self, predicate: Callable[[Look], bool], until_ms: float, poll_s: float = 0.25) -> Look | None:
        """The first look (in time order) that satisfies `predicate`, waiting until `until_ms`
        after the launch; None when none did by then."""
        while True:
            found = next((look for look in self.looks() if predicate(look)), None)
            if found is not None or self.elapsed_ms() >= until_ms:
                return found
            time.sleep(poll_s)

    def window_now(self, is_window: Callable[[Look], bool], wait_s: float = 1.5,
                   like: np.ndarray | None = None) -> bool:
        """Whether this launch shows the window now, waiting up to `wait_s` for it (a loaded
        device may draw a launch's first screen late; a tap before it lands elsewhere). `like`, a
        frame of the window from another launch, answers at once when the latest frame still
        looks like it (a timed tap cannot wait for an analysis); otherwise the latest look says."""
        deadline = time.monotonic() + wait_s
        compared = -1
        while True:
            frames = self.frames()
            if like is not None and frames and frames[-1].index != compared:
                compared = frames[-1].index
                image = decode(frames[-1])
                if image is not None and not jumped_away(like, image, self.vision):
                    return True
            latest = self.latest()
            if latest is not None and is_window(latest):
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)

    def frame_after(self, t_ms: float, timeout_s: float = 5.0) -> Frame | None:
        """The first frame stamped at or after `t_ms` (shared clock), waiting for it."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            later = [f for f in self.capture.frames() if f.stamp.t_ms >= t_ms]
            if later:
                return later[0]
            self._check_capture()
            time.sleep(0.02)
        return None

    def _check_capture(self) -> None:
        if self.capture.state == "error":
            raise Inconclusive(f"screen capture failed: {self.capture.error}")

    # ---- action -----------------------------------------------------------------------
    def tap_and_judge(self, x: float, y: float, is_window: Callable[[Look], bool],
                      resting: Resting | None) -> Landing:
        """Tap (x, y) and judge where it led after the settle time: `is_window` says whether a
        look still shows the window under test."""
        before = self.device.foreground()
        last = self.capture.frames()
        before_image = decode(last[-1]) if last else None
        stamp = self.device.tap(x, y)
        sent = self.device.clock.now()
        after = self._settle(before)
        frame = self.frame_after(self.device.clock.now().t_ms)
        image = decode(frame) if frame else None
        window_left = True
        if frame is not None:
            looks = [look for look in self.looks() if look.t_ms <= frame.stamp.t_ms]
            window_left = not (looks and is_window(looks[-1]))
        kind = classify(before, after, window_left, image, before_image, resting, self.vision)
        landing = Landing(kind, stamp, x, y, before, after, frame, sent)
        self.taps.append(landing)
        if self.sink is not None:
            self.sink.event("landing", t_ms=stamp.t_ms, since_launch_ms=self.since_launch(stamp.t_ms), x=x, y=y,
                            landing=kind, before=before.activity, after=f"{after.package}/{after.activity}",
                            frame=frame.index if frame else None)
        return landing

    def _settle(self, before: Foreground) -> Foreground:
        """The foreground once the tap has settled: at once when it changed (plus a short grace
        for the new screen to draw), else after the full settle time."""
        deadline = time.monotonic() + self.config.tap_settle_ms / 1000
        while True:
            after = self.device.foreground()
            if after != before:
                time.sleep(min(0.3, max(0.0, deadline - time.monotonic())))
                return self.device.foreground()
            if time.monotonic() >= deadline:
                return after
            time.sleep(0.1)

    def resting(self) -> Resting:
        """Where the app is now, with the latest frame: a reference for `closed`."""
        frame = self.frame_after(self.device.clock.now().t_ms)
        return Resting(self.device.foreground(), decode(frame) if frame else None)


def decode(frame: Frame) -> np.ndarray | None:
    """The frame's image; None when it does not decode."""
    try:
        return frame.image()
    except ValueError:
        return None


class Watcher:
    """Makes numbered trials of one app for one test."""

    def __init__(self, device: DeviceSession, package: str, config: HarnessConfig, sink: EvidenceSink | None,
                 use_ocr: bool = True) -> None:
        self.device, self.package, self.config, self.sink, self.use_ocr = device, package, config, sink, use_ocr
        self.vision = VisionConfig(dpi=device.screen().density_dpi)
        self.trials: list[Trial] = []

    def trial(self, clear: bool = False, fps: float | None = None) -> Trial:
        """A new watched cold launch. `fps` below the configured rate suits trials that time
        nothing (a shake probe, a tap grid): the frames still show where each action led."""
        trial = Trial(self.device, self.package, self.config, self.sink, len(self.trials) + 1, self.vision,
                      self.use_ocr, fps)
        self.trials.append(trial)
        try:
            return trial.start(clear=clear)
        except BaseException:
            trial.stop()
            raise

    def close(self) -> None:
        for trial in self.trials:
            trial.stop()
