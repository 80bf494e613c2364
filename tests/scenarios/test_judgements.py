"""Clarity (size from node or drawn button, the clearest of several judged, advice never a
failure), timing brackets, first-level screens (tabs)."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from harness.capture import Frame
from harness.clock import Stamp
from harness.config import HarnessConfig
from harness.device.identity import Screen
from harness.scenario import Bracket, Timing
from harness.scenario.controls import Clarity, SizeJudgement, clearest, judge_size, measure_clarity
from harness.scenario.looks import Look
from harness.scenario.popups import find_tabs
from harness.scenario.splash import look_bracket
from harness.scenario.states import ScreenState
from harness.verdict import Verdict, VerdictRecorder
from harness.vision import CloseControl

PPD = 2.625  # 420 dpi
SCREEN = Screen(width_px=1080, height_px=2400, density_dpi=420)


def _control(bbox, kind="text", text="跳过", contrast=5.0):
    return CloseControl(bbox, kind, 0.9, min(bbox[2], bbox[3]) / PPD, contrast, text if kind == "text" else None,
                        None, "ocr" if kind == "text" else "pixels")


def _splash_with_pill(w_dp: float, h_dp: float) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A light ad with a dark drawn-only pill in the top-right corner and white letters on it;
    returns the image and the letters' (OCR) box."""
    img = np.full((2400, 1080, 3), (80, 180, 240), np.uint8)
    w, h = round(w_dp * PPD), round(h_dp * PPD)
    x0, y0 = 1080 - round(20 * PPD) - w, round(40 * PPD)
    cv2.rectangle(img, (x0 + h // 2, y0), (x0 + w - h // 2, y0 + h - 1), (40, 40, 40), -1)
    cv2.circle(img, (x0 + h // 2, y0 + h // 2), h // 2, (40, 40, 40), -1)
    cv2.circle(img, (x0 + w - h // 2 - 1, y0 + h // 2), h // 2, (40, 40, 40), -1)
    letters = (x0 + w // 4, y0 + h // 4, w // 2, h // 2)
    cv2.rectangle(img, (letters[0], letters[1] + letters[3] // 3), (letters[0] + letters[2], letters[1] + letters[3] // 2),
                  (255, 255, 255), -1)
    return img, letters


def _look(img: np.ndarray, xml: str | None = None) -> Look:
    ok, data = cv2.imencode(".png", img)
    frame = Frame(1, Stamp(1000, 1000, 0), 5.0, data.tobytes(), "png", "test")
    from harness.capture.frames import Hierarchy
    return Look(ScreenState((frame,), None), None, Hierarchy(1, Stamp(1000, 1000, 0), 5.0, xml) if xml else None)


HIERARCHY = """<hierarchy><node class="android.widget.FrameLayout" package="p" bounds="[0,0][1080,2400]">
<node class="android.widget.ImageView" package="p" clickable="true" bounds="[480,980][580,1080]"/>
<node class="android.widget.TextView" package="p" clickable="true" text="跳过" bounds="[1000,0][1080,60]"/>
</node></hierarchy>"""


def test_size_from_the_node_where_there_is_one():
    gray = np.full((2400, 1080), 200, np.uint8)
    inside = judge_size(_control((500, 1000, 60, 60), "x_icon"), HIERARCHY, gray, PPD)
    assert (inside.basis, round(inside.size_dp, 1), inside.at_edge) == ("touch target", 38.1, False)
    edge = judge_size(_control((1010, 5, 60, 40)), HIERARCHY, gray, PPD)
    assert edge.at_edge and edge.advice_key() == "close_min_size_edge_dp"


def test_without_a_node_the_drawn_pill_is_measured_not_the_letters():
    img, letters = _splash_with_pill(64, 32)
    size = judge_size(_control(letters), None, cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), PPD)
    assert size.basis == "drawn button" and size.size_dp == pytest.approx(32, abs=1)
    icon = judge_size(_control((500, 1000, 52, 52), "x_icon"), None, cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), PPD)
    assert icon.basis == "drawn icon" and icon.size_dp == pytest.approx(52 / PPD)


def test_a_label_on_no_button_has_no_size():
    gray = np.full((2400, 1080), 200, np.uint8)
    cv2.putText(gray, "Skip", (900, 125), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 30, 2)
    assert judge_size(_control((898, 100, 70, 32)), None, gray, PPD) == SizeJudgement(None, "text only")


@pytest.mark.parametrize(("w_dp", "h_dp", "expected"), [(64, 32, Verdict.PASS), (72, 40, Verdict.PASS),
                                                        (60, 28, Verdict.PASS), (30, 20, Verdict.FAIL)])
def test_a_splash_pill_fails_on_size_only_below_24_dp(w_dp, h_dp, expected):
    img, letters = _splash_with_pill(w_dp, h_dp)
    recorder = VerdictRecorder(HarnessConfig())
    measure_clarity(recorder, [_control(letters)], _look(img), SCREEN)
    outcome = recorder.conclude()
    sizes = {m.name: m for m in outcome.measurements}
    assert outcome.verdict == expected, outcome.reason
    assert sizes["close_size_dp"].key == "close_fail_size_dp" and sizes["close_size_dp"].threshold == 24
    assert sizes["close_size_dp"].value == pytest.approx(h_dp, abs=1)
    assert "advice" in sizes["close_size_advice"].value and not sizes["close_size_advice"].judged


def test_of_several_ways_out_the_clearest_is_judged_and_all_are_reported():
    config = HarnessConfig()
    x = Clarity(_control((900, 300, 52, 52), "x_icon"), 2.0, SizeJudgement(20.0, "touch target"))
    no_thanks = Clarity(_control((200, 1500, 700, 126), text="No thanks"), 8.0, SizeJudgement(48.0, "touch target"))
    unknown = Clarity(_control((200, 1700, 300, 40), text="Close"), 8.0, SizeJudgement(None, "text only"))
    assert clearest([x, no_thanks, unknown], config) is no_thanks
    assert clearest([x, unknown], config) is unknown
    img, letters = _splash_with_pill(64, 32)
    recorder = VerdictRecorder(config)
    measure_clarity(recorder, [_control((100, 2000, 52, 52), "x_icon"), _control(letters)], _look(img), SCREEN)
    outcome = recorder.conclude()
    assert outcome.verdict == Verdict.PASS, outcome.reason
    listed = next(m for m in outcome.measurements if m.name == "close_controls").value
    assert "X: 19.8 dp (drawn icon)" in listed and "跳过:" in listed


def test_a_timing_bracket_says_what_it_is_worth():
    narrow = Timing(4150, 4300, 3)
    assert narrow.value == 4225 and "within ±100 ms" in narrow.precision(100)
    assert "budget spent" in Timing(4000, 4500, 5).precision(100)
    assert Timing(4000, 4500, 1).shifted(4200) == Timing(0, 300, 1)
    assert not Bracket(None, None, ()).add(4300, True).add(4400, False).consistent


def test_a_state_shown_from_the_first_frame_is_bracketed_by_the_launch():
    frame = Frame(2, Stamp(1300, 1300, 0), 5.0, b"", "png", "test")
    before = Frame(1, Stamp(1220, 1220, 0), 5.0, b"", "png", "test")
    assert look_bracket(Look(ScreenState((frame,), before), None, None), 1000) == (220, 300)
    assert look_bracket(Look(ScreenState((frame,), None), None, None), 1000) == (0, 300)


def test_measurements_carry_their_bracket_to_junit():
    m = VerdictRecorder(HarnessConfig()).measure("close_ignored_ms", 4225, unit="ms", compare="<=",
                                                 key="close_effect_tolerance_ms", low=4150, high=4300)
    assert json.loads(m.model_dump_json())["low"] == 4150 and m.ok is False


TABS = """<hierarchy><node package="app" bounds="[0,0][1080,2400]">
<node package="app" text="推荐" bounds="[0,300][1080,360]"/>
<node package="app" clickable="true" bounds="[0,2140][270,2270]"><node package="app" text="首页" bounds="[90,2200][180,2250]"/></node>
<node package="app" clickable="true" content-desc="发现" bounds="[270,2140][540,2270]"/>
<node package="app" text="消息" bounds="[630,2200][720,2250]"/>
<node package="app" text="我的" bounds="[900,2200][990,2250]"/>
<node package="com.android.systemui" content-desc="Back" bounds="[100,2280][300,2400]"/>
</node></hierarchy>"""


def test_tabs_are_the_app_s_labelled_row_at_the_bottom():
    assert [t.label for t in find_tabs(TABS, "app", 2400)] == ["首页", "发现", "消息", "我的"]
    assert find_tabs(TABS.replace('text="消息"', 'text=""').replace('text="我的"', 'text=""')
                     .replace('content-desc="发现"', ''), "app", 2400) == []
    assert find_tabs("<not xml", "app", 2400) == []
