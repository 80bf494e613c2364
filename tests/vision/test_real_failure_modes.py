"""The failure modes seen on real app screens: an install-the-app interstitial declined with
"No thanks", an onboarding page's Skip, a setup page's Cancel, a player's shuffle icon, a
toolbar's clear X. Text is read by a stub recogniser (the OCR itself is tested elsewhere)."""

import cv2
import numpy as np

from harness.vision import VisionConfig, analyze

from .drawing import DPI, H, W, app_screen, dp, x_glyph

CFG = VisionConfig(dpi=DPI)


def _reader(label: str):
    """Reads `label` in the crop that holds the most ink of the given colour, nothing elsewhere."""
    def recognize(crops):
        out = []
        for c in crops:
            out.append((label, 0.95) if (np.abs(c.astype(int) - (200, 60, 20)).sum(axis=2) < 60).mean() > 0.05
                       else ("", 0.0))
        return out
    return recognize


def _text(img, xy, label, color=(200, 60, 20)):
    cv2.putText(img, label, xy, cv2.FONT_HERSHEY_SIMPLEX, 1.6, color, 4, cv2.LINE_AA)


def test_an_install_the_app_page_declined_with_no_thanks_is_a_fullscreen_popup():
    img = np.full((H, W, 3), 250, np.uint8)
    cv2.rectangle(img, (W // 2 - dp(48), dp(400)), (W // 2 + dp(48), dp(496)), (40, 140, 60), -1)  # the app's icon
    cv2.putText(img, "Get the app", (dp(60), dp(600)), cv2.FONT_HERSHEY_SIMPLEX, 3, (20, 20, 20), 6)
    cv2.rectangle(img, (dp(40), dp(700)), (W - dp(40), dp(748)), (40, 140, 60), -1)
    _text(img, (W // 2 - dp(50), dp(820)), "No thanks")
    res = analyze(img, cfg=CFG, recognize=_reader("No thanks"))
    (p,) = res.popups
    assert p.kind == "fullscreen" and [c.text for c in p.close_controls] == ["No thanks"]


def test_an_onboarding_pages_skip_at_its_foot_is_no_popup():
    img = app_screen()
    img[H - dp(120):] = (200, 120, 30)
    _text(img, (dp(24), H - dp(60)), "SKIP")
    assert analyze(img, cfg=CFG, recognize=_reader("SKIP")).popups == ()


def test_a_setup_pages_cancel_below_a_panel_is_no_popup():
    img = np.full((H, W, 3), 250, np.uint8)
    cv2.rectangle(img, (dp(24), dp(300)), (W - dp(24), dp(600)), (235, 225, 240), -1)
    img[dp(760):] = 255
    cv2.line(img, (0, dp(760)), (W, dp(760)), (180, 180, 180), 2)
    _text(img, (dp(30), H - dp(90)), "Cancel")
    assert analyze(img, cfg=CFG, recognize=_reader("Cancel")).popups == ()


def test_crossing_icons_in_a_player_panel_and_a_toolbar_are_layout():
    img = np.full((H, W, 3), 30, np.uint8)
    y0 = H - dp(300)
    img[y0:] = 60
    for i, cx in enumerate((dp(40), W // 2 - dp(80), W // 2 + dp(80))):
        if i == 0:  # a shuffle-like cross, mid-panel at the left
            x_glyph(img, cx, y0 + dp(120), dp(18), (230, 230, 230), dp(2))
        else:
            cv2.circle(img, (cx, y0 + dp(120)), dp(12), (230, 230, 230), -1)
    # a search field's clear X at the top right, between the query and an overflow menu
    cv2.putText(img, "blender open movie", (dp(56), dp(52)), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (230, 230, 230), 3)
    x_glyph(img, W - dp(72), dp(44), dp(16), (230, 230, 230), dp(2))
    for k in range(3):
        cv2.circle(img, (W - dp(24), dp(34) + k * dp(10)), dp(2), (230, 230, 230), -1)
    assert analyze(img, cfg=CFG, use_ocr=False).popups == ()


def test_a_cross_in_the_status_bar_is_the_systems_not_a_splash_close():
    img = app_screen()
    img[:dp(24)] = 20
    x_glyph(img, W - dp(60), dp(12), dp(6), (240, 240, 240), dp(1.5))  # a "no signal" cross
    assert analyze(img, cfg=CFG, use_ocr=False).popups == ()
    # the same cross just below the bar, where a splash ad puts its close, is evidence
    img[dp(24):dp(60)] = 20
    x_glyph(img, W - dp(60), dp(44), dp(10), (240, 240, 240), dp(2))
    (p,) = analyze(img, cfg=CFG, use_ocr=False).popups
    assert p.kind == "fullscreen"
