"""The scenarios' pure building blocks, without a device."""

from __future__ import annotations

from types import SimpleNamespace

import cv2
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.capture import Frame
from harness.clock import Stamp
from harness.config import HarnessConfig
from harness.device.session import Foreground
from harness.flow import FlowError, load_flow
from harness.probes.logcat import ActivityStart, LogLine, ServiceStart
from harness.scenario import Bracket, Resting, SplashWatch, bisect, classify, split_states, tap_ladder
from harness.scenario.consent import find_boxes
from harness.scenario.hotspot import grid_points
from harness.scenario.popups import popups_per_minute
from harness.scenario.starts import other_app_starts
from harness.scenario.states import StateSplitter
from harness.verdict import Inconclusive
from harness.vision import VisionConfig


# ---- search -------------------------------------------------------------------------------
@given(threshold=st.floats(0.6, 15.0), resolution=st.sampled_from([0.25, 0.5, 1.0]))
def test_bisect_brackets_a_monotonic_threshold_within_the_resolution(threshold, resolution):
    probes = []

    def probe(v):
        probes.append(v)
        return v >= threshold

    b = bisect(probe, 0.0, 15.0, resolution)
    assert b.at is not None and b.at >= threshold
    assert b.at - (b.below if b.below is not None else 0.0) <= resolution
    assert len(probes) <= 2 + int(np.ceil(np.log2(15.0 / resolution)))


def test_bisect_stops_when_the_strongest_value_does_not_trigger():
    b = bisect(lambda v: False, 0.0, 15.0, 0.5)
    assert (b.below, b.at, len(b.probes)) == (15.0, None, 1)


def test_bracket_keeps_the_tightest_bounds():
    b = Bracket(None, None, ()).add(10, True).add(4, False).add(12, True).add(2, False)
    assert (b.below, b.at, b.width) == (4, 10, 6)


# ---- screen states ------------------------------------------------------------------------
def _frame(index: int, image: np.ndarray, t_ms: float) -> Frame:
    ok, data = cv2.imencode(".png", image)
    assert ok
    return Frame(index, Stamp(t_ms, t_ms, 0.0), 5.0, data.tobytes(), "png", "test")


def test_a_small_control_appearing_starts_a_new_state_and_noise_does_not():
    rng = np.random.default_rng(1)
    base = np.full((400, 200, 3), 200, np.uint8)
    noisy = np.clip(base.astype(int) + rng.integers(-2, 3, base.shape), 0, 255).astype(np.uint8)
    with_x = base.copy()
    cv2.line(with_x, (170, 20), (186, 36), (40, 40, 40), 2)
    cv2.line(with_x, (186, 20), (170, 36), (40, 40, 40), 2)
    states = split_states([_frame(0, base, 0), _frame(1, noisy, 50), _frame(2, with_x, 100), _frame(3, with_x, 150)])
    assert [[f.index for f in s.frames] for s in states] == [[0, 1], [2, 3]]
    assert states[1].uncertainty_ms == 50 and states[1].previous.index == 1


@given(cuts=st.lists(st.integers(1, 7), max_size=4))
def test_states_fed_as_frames_arrive_are_those_of_one_pass(cuts):
    levels = (200, 200, 120, 120, 120, 30, 30, 200)
    frames = [_frame(i, np.full((400, 200, 3), v, np.uint8), 50.0 * i) for i, v in enumerate(levels)]
    splitter = StateSplitter()
    for cut in sorted(cuts):
        splitter.feed(frames[:cut])  # a poll sees the frames so far, earlier ones again
    fed = splitter.feed(frames)
    assert [[f.index for f in s.frames] for s in fed] == [[f.index for f in s.frames] for s in split_states(frames)]
    assert [[f.index for f in s.frames] for s in fed] == [[0, 1], [2, 3, 4], [5, 6], [7]]


# ---- where a tap led ----------------------------------------------------------------------
A, B, OTHER = Foreground("app", "app.Splash"), Foreground("app", "app.Home"), Foreground("ads", "ads.Landing")
V = VisionConfig()


@pytest.mark.parametrize("after, window_left, resting, expected", [
    (OTHER, True, Resting(B, None), "left"),
    (B, True, Resting(B, None), "closed"),
    (Foreground("app", "app.Offer"), True, Resting(B, None), "jumped"),
    (A, False, Resting(B, None), "stayed"),
    (A, True, None, "closed"),
])
def test_classify_a_tap(after, window_left, resting, expected):
    assert classify(A, after, window_left, None, None, resting, V) == expected


class _Launch:
    """A launch on a loaded device: its splash draws at `shows_ms` (None: never); each tap
    takes 500 ms to judge, and taps work from `works_ms` on."""

    launched_ms = 0.0

    def __init__(self, shows_ms: float | None, works_ms: float = 2000) -> None:
        self.now, self.shows_ms, self.works_ms, self.taps = 0.0, shows_ms, works_ms, []

    def window_now(self, is_window, wait_s=1.5, like=None):
        if self.shows_ms is None or self.shows_ms > self.now + wait_s * 1000:
            self.now += wait_s * 1000
            return False
        self.now = max(self.now, self.shows_ms)
        return True

    def since_launch(self, t_ms):
        return t_ms

    def elapsed_ms(self):
        return self.now

    def sleep_until(self, t_ms):
        self.now = max(self.now, t_ms)

    def tap_and_judge(self, x, y, is_window, resting):
        self.taps.append(self.now)
        kind = "closed" if self.now >= self.works_ms else "stayed"
        self.now += 500
        return SimpleNamespace(kind=kind)


def _watched(visible_ms: float) -> SplashWatch:
    control = SimpleNamespace(bbox=(10, 10, 90, 50), score=0.9, size_dp=40)
    look = SimpleNamespace(t_ms=visible_ms, controls=[control], frame=SimpleNamespace(image=lambda: None))
    return SplashWatch(A, look, 5000.0, 6000.0, None, 0.0)


def test_the_tap_ladder_waits_for_this_launchs_splash_before_its_first_tap():
    # The watched launch showed the control at 100 ms; this one draws its splash at 900 ms.
    launch = _Launch(shows_ms=900)
    landings = tap_ladder(launch, _watched(100), HarnessConfig(search_resolution_ms=500, tap_settle_ms=500))
    assert launch.taps[0] >= 900 and [landing.kind for landing in landings][-1] == "closed"
    with pytest.raises(Inconclusive, match="did not show again"):
        tap_ladder(_Launch(shows_ms=None), _watched(100), HarnessConfig())


def test_a_window_gone_to_another_page_of_the_same_activity_is_a_jump():
    home = np.full((240, 120, 3), 255, np.uint8)
    offer = np.zeros_like(home)
    assert classify(A, A, True, offer, None, Resting(A, home), V) == "jumped"
    assert classify(A, A, True, home.copy(), None, Resting(A, home), V) == "closed"


# ---- hotspot grid -------------------------------------------------------------------------
def test_grid_points_keep_clear_of_controls_and_system_bars():
    points = grid_points(1080, 2400, 3, 6, [(700, 100, 300, 200)], margin_px=63)
    assert len(points) == 17  # 18 cells, the one under the control dropped
    assert all(2400 * 0.04 < y < 2400 * 0.94 for _, y in points)
    assert not any(637 <= x <= 1063 and 37 <= y <= 363 for x, y in points)


# ---- pop-up rate --------------------------------------------------------------------------
def test_popup_rate_from_spacing_or_over_at_least_a_minute():
    assert popups_per_minute([500, 11500], 13000) == pytest.approx(60 / 11)
    assert popups_per_minute([800], 10000) == 1.0  # one in 10 s is not six a minute
    assert popups_per_minute([], 10000) == 0.0


# ---- consent boxes ------------------------------------------------------------------------
def test_boxes_are_judged_as_first_shown_with_labels_beside_them():
    first = """<hierarchy><node package="p" class="android.widget.CheckBox" checkable="true" checked="true"
      bounds="[32,200][96,248]" resource-id="p:id/agree"/>
    <node package="p" class="android.widget.TextView" text="我已阅读并同意《隐私政策》" bounds="[100,200][900,248]"/>
    <node package="p" class="android.widget.Switch" checkable="true" checked="false" text="自动续费"
      bounds="[32,300][900,348]"/></hierarchy>"""
    later = first.replace('checked="true"', 'checked="false"')
    boxes = {b.topic: b for b in find_boxes([first, later], "p")}
    assert boxes["consent"].checked_when_first_shown and "隐私政策" in boxes["consent"].label
    assert not boxes["auto_renew"].checked_when_first_shown
    assert find_boxes([first], "other") == []


# ---- starts of other apps -----------------------------------------------------------------
LINE = LogLine("11-28", "10:00:00.000", 1, 1, "I", "ActivityTaskManager", "")


def test_starts_of_other_packages_by_the_app_count_unless_just_after_a_user_action():
    own = ActivityStart(LINE, "app", "app/.Home", None, 10100, "app", received=Stamp(100, 100, 0))
    other = ServiceStart(LINE, "partner", "partner/.Push", "app", 1, 10100, True, received=Stamp(200, 200, 0))
    shell = ActivityStart(LINE, "partner", "partner/.Main", None, 2000, None, received=Stamp(300, 300, 0))
    system = ActivityStart(LINE, "com.android.settings", "x", None, 10100, "app", received=Stamp(400, 400, 0))
    assert [s.describe() for s in other_app_starts([own, other, shell, system], "app")] == ["service partner/.Push"]
    assert other_app_starts([other], "app", user_actions_ms=[150], window_ms=100) == []


# ---- navigation flow ----------------------------------------------------------------------
def test_flow_file_loads_and_bad_steps_name_the_step(tmp_path):
    good = tmp_path / "flow.yaml"
    good.write_text("- tap: {text: 我的}\n- wait: 1.5\n- back\n- tap: {xy: [10, 20]}\n", encoding="utf-8")
    steps = load_flow(good)
    assert [s.action for s in steps] == ["tap", "wait", "back", "tap"] and steps[1].seconds == 1.5
    for text, message in [("- tap: {text: a, id: b}\n", "step 1: give exactly one"),
                          ("- jump\n", "step 1: expected"), ("tap: x\n", "a YAML list"),
                          ("- wait: -1\n", "step 1: seconds")]:
        bad = tmp_path / "bad.yaml"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(FlowError, match=message):
            load_flow(bad)
