"""The on-screen keyboard: found from its rows of key labels, kept out of the scrim test and of
the close controls."""

import cv2
import numpy as np

from harness.vision import VisionConfig
from harness.vision.keyboard import find_keyboard
from harness.vision.pipeline import observe
from harness.vision.popups import CardFinder

from .drawing import DPI, H, W, app_screen, card, dim, dp, keyboard

CFG = VisionConfig(dpi=DPI)


def gray(img: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


def test_a_keyboard_is_found_at_its_top_in_light_and_dark():
    for dark in (False, True):
        img = app_screen(dark=dark)
        top = keyboard(img, dark=dark)
        found = find_keyboard(gray(img), CFG)
        assert found is not None and abs(found.top - top) <= dp(12), (dark, found, top)
        assert abs(found.keys_top - (top + dp(44))) <= dp(16)


def test_screens_without_a_keyboard_have_none():
    img = app_screen()
    # a calendar's week rows: seven evenly spaced numbers inside a dialog, not a keyboard
    card(img, (dp(40), dp(900), W - dp(80), dp(700)))
    for r in range(5):
        for c in range(7):
            x = dp(60) + c * (W - dp(120)) // 7
            cv2.putText(img, str(10 + r * 7 + c), (x, dp(1000) + r * dp(100)), cv2.FONT_HERSHEY_SIMPLEX, 1.4, (30, 30, 30), 3)
    assert find_keyboard(gray(img), CFG) is None


def test_a_keyboard_whose_lower_rows_a_sheet_covers_is_not_on_top():
    # drawn over by a pop-up, it is part of the page under it (a web page's own keyboard picture)
    img = app_screen()
    keyboard(img)
    card(img, (0, H - dp(190), W, dp(190)), radius=0)
    assert find_keyboard(gray(img), CFG) is None


def test_a_dialog_above_a_keyboard_is_dimmed_around_and_the_x_key_is_no_close_control():
    img = dim(app_screen(), 0.5)
    box = (dp(40), dp(220), W - 2 * dp(40), dp(260))
    card(img, box)
    keyboard(img)
    g = gray(img)
    kb = find_keyboard(g, CFG)

    def dialog(keyboard):
        cards = CardFinder(g, CFG.for_image(W, H), keyboard=keyboard).cards()
        return max((c for c in cards if abs(c.bbox[1] - box[1]) < dp(12) and abs(c.bbox[3] - box[3]) < dp(16)),
                   key=lambda c: c.dim)

    # the bright keys below it hid the scrim; above the keyboard everything is dimmed
    assert dialog(None).dim < 0.5 <= dialog(kb).dim
    obs = observe(img, cfg=CFG, use_ocr=False)
    assert all(c.bbox[1] + c.bbox[3] / 2 < kb.keys_top for c in obs.controls)
