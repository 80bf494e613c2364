"""Time as evidence: each screen state is analysed against the previous stable state, and a
region that stayed as it was while the rest of the screen changed is layout, never a pop-up."""

from pathlib import Path

import cv2
import numpy as np

from harness.capture.frames import Frame
from harness.clock import Stamp
from harness.scenario.looks import Looker
from harness.vision import VisionConfig, analyze

from .drawing import DPI, H, W, app_screen, dim, dp, x_glyph

CFG = VisionConfig(dpi=DPI)
TABS = Path(__file__).resolve().parents[2] / "emulator" / "virtual" / "apps" / "demo" / "com.demo.real.tabs"


def _frame(index: int, image: np.ndarray, t_ms: float) -> Frame:
    ok, data = cv2.imencode(".png", image)
    assert ok
    return Frame(index, Stamp(t_ms, t_ms, 0.0), 5.0, data.tobytes(), "png", "test")


def _with_panel(scroll_dp: float) -> np.ndarray:
    """A list screen scrolled by `scroll_dp` with a persistent lower panel (no scrim) holding an X
    at its top right: on its own this frame looks like an undimmed consent sheet."""
    img = app_screen()
    top, y0 = dp(80), H - dp(260)
    img[top:y0] = np.roll(img[top:y0], -dp(scroll_dp), axis=0)
    img[y0:] = 255
    cv2.line(img, (0, y0), (W, y0), (190, 190, 190), max(1, dp(1)))
    cv2.putText(img, "Now playing", (dp(24), y0 + dp(56)), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (30, 30, 30), 4)
    x_glyph(img, W - dp(28), y0 + dp(36), dp(16), (60, 60, 60), dp(2))
    return img


def test_a_panel_that_stayed_while_the_page_changed_is_no_popup():
    before, now = _with_panel(0), _with_panel(40)
    (alone,) = analyze(now, cfg=CFG, use_ocr=False).popups
    assert alone.kind == "bottom_sheet"  # the single frame cannot tell
    assert analyze(now, reference=before, cfg=CFG, use_ocr=False).popups == ()


def test_a_sheet_that_appeared_over_the_reference_is_still_a_popup():
    before = app_screen(seed=0)
    now = dim(before, 0.5)
    y0 = H - dp(300)
    now[y0:] = 250
    x_glyph(now, W - dp(28), y0 + dp(36), dp(16), (60, 60, 60), dp(2))
    (p,) = analyze(now, reference=before, cfg=CFG, use_ocr=False).popups
    assert p.kind == "bottom_sheet" and p.close_controls


def test_the_looker_passes_the_previous_stable_state_and_a_real_tab_bar_is_no_popup():
    # Fossify Phone's published screenshots: three tabs over one unchanged bottom tab bar
    shots = [cv2.imread(str(TABS / f"{name}.jpg")) for name in ("contacts", "favorites", "call_history")]
    frames, t = [], 0.0
    for image in shots:  # each tab shown for 600 ms at 5 fps: a stable state each
        for _ in range(3):
            frames.append(_frame(len(frames), image, t))
            t += 200.0
    looker = Looker(VisionConfig(), use_ocr=False)
    looks = looker.looks(frames)
    assert len(looks) == 3
    assert looks[0].reference is None
    # each later state is analysed against the last frame of the stable state before it
    assert [look.reference.index for look in looks[1:]] == [looks[0].state.last.index, looks[1].state.last.index]
    assert all(look.analysis is not None and look.popups == () for look in looks)
    # the bar itself is what stayed: the same pixels in every tab, while the lists above changed
    bar = slice(int(shots[0].shape[0] * 0.9), int(shots[0].shape[0] * 0.95))
    assert np.abs(shots[1][bar].astype(int) - shots[0][bar]).mean() < 3


def test_a_transient_state_is_not_a_reference():
    a, b = app_screen(seed=0), app_screen(seed=3)
    frames = [_frame(0, a, 0), _frame(1, a, 400), _frame(2, b, 500), _frame(3, a, 600), _frame(4, a, 900)]
    looks = Looker(CFG, use_ocr=False).looks(frames)
    assert [look.reference.index if look.reference else None for look in looks] == [None, 1, 1]
