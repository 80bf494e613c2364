"""Which hotspot taps count: made while the window showed, inside it, off the system bars."""

from __future__ import annotations

from harness.capture import Frame, Hierarchy
from harness.clock import Stamp
from harness.scenario.hotspot import grid, why_not_counted
from harness.scenario.looks import Look
from harness.scenario.states import ScreenState
from harness.vision import Analysis, Popup

BARS = """<hierarchy><node package="com.android.systemui" class="android.widget.FrameLayout" bounds="[0,0][1080,63]"/>
<node package="app" class="android.widget.FrameLayout" bounds="[0,63][1080,2274]"/>
<node package="com.android.systemui" class="android.widget.FrameLayout" bounds="[0,2274][1080,2400]"/></hierarchy>"""


def _look(window=(0, 0, 1080, 2400), xml=BARS) -> Look:
    frame = Frame(0, Stamp(0.0, 0.0, 0.0), 5.0, b"", "png", "test")
    popups = (Popup(window, "fullscreen", 0.9),) if window else ()
    return Look(ScreenState((frame,), None), Analysis(1080, 2400, popups),
                Hierarchy(0, Stamp(0.0, 0.0, 0.0), 1.0, xml) if xml else None)


def test_a_tap_counts_only_on_the_window_while_it_shows():
    shows = _look()
    assert why_not_counted(shows, 540, 1200, lambda look: True) is None
    assert why_not_counted(None, 540, 1200, lambda look: True) == "window gone before the tap"
    assert why_not_counted(shows, 540, 1200, lambda look: False) == "window gone before the tap"
    assert why_not_counted(shows, 540, 2300, lambda look: True) == "on a system bar"
    card = _look(window=(140, 800, 800, 700))
    assert why_not_counted(card, 540, 300, lambda look: True) == "outside the window"
    assert why_not_counted(card, 540, 300, lambda look: True, inside_only=False) is None


def test_points_beside_the_close_control_are_kept_as_excluded():
    points, excluded = grid(1080, 2400, 3, 6, [(700, 100, 300, 200)], margin_px=63)
    assert len(points) == 17 and len(excluded) == 1
    assert excluded[0].reason == "near the close control" and excluded[0].describe().startswith("(900, ")
