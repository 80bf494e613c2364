import cv2
import numpy as np

from harness.vision import VisionConfig, analyze
from harness.vision.popups import find_cards

from .drawing import DPI, H, W, app_screen, card, dim, dp, iou, photo, x_glyph

CFG = VisionConfig(dpi=DPI)


def popups(img, reference=None):
    return analyze(img, cfg=CFG, use_ocr=False, reference=reference).popups


def dialog_screen(dark=False, alpha=0.5):
    img = dim(app_screen(dark=dark), alpha)
    box = (dp(40), dp(300), W - 2 * dp(40), dp(260))
    card(img, box, (40, 40, 44) if dark else (255, 255, 255))
    cv2.putText(img, "Update available", (box[0] + dp(20), box[1] + dp(50)), cv2.FONT_HERSHEY_SIMPLEX, 1.6,
                (230, 230, 230) if dark else (20, 20, 20), 3)
    return img, box


def test_dialog_over_a_dimmed_screen():
    img, box = dialog_screen()
    found = popups(img)
    assert len(found) == 1 and found[0].kind == "dialog" and iou(found[0].bbox, box) > 0.8


def test_dark_dialog_over_a_dimmed_dark_screen():
    img, box = dialog_screen(dark=True, alpha=0.6)
    found = popups(img)
    assert len(found) == 1 and iou(found[0].bbox, box) > 0.8


def test_bottom_sheet():
    img = dim(app_screen(), 0.45)
    top = H - dp(300)
    card(img, (0, top, W, dp(340)), (250, 250, 250), radius=dp(20))
    found = popups(img)
    assert len(found) == 1 and found[0].kind == "bottom_sheet"
    assert abs(found[0].bbox[1] - top) < dp(8)


def test_a_banner_inside_the_layout_is_not_a_popup():
    img = app_screen()
    y = dp(400)
    img[y:y + dp(90)] = photo(seed=2, light=False, size=(W, dp(90)))
    assert popups(img) == ()


def test_a_toast_and_a_snackbar_are_not_popups():
    img = app_screen()
    card(img, (W // 2 - dp(110), H - dp(160), dp(220), dp(40)), (60, 60, 60), radius=dp(20))
    card(img, (dp(8), H - dp(140), W - dp(16), dp(56)), (50, 50, 50), radius=dp(4))
    cv2.putText(img, "Message sent", (dp(24), H - dp(104)), cv2.FONT_HERSHEY_SIMPLEX, 1.4, (255, 255, 255), 3)
    assert popups(img) == ()


def test_an_undimmed_card_list_is_not_a_popup():
    img = np.full((H, W, 3), 240, np.uint8)
    for i in range(4):
        card(img, (dp(12), dp(100) + i * dp(180), W - dp(24), dp(160)), (255, 255, 255))
    assert popups(img) == ()


def test_reference_frame_confirms_the_scrim():
    before = app_screen(seed=4)
    after = dim(before, 0.3)
    box = (dp(48), dp(320), W - 2 * dp(48), dp(300))
    card(after, box, (235, 235, 235))
    cands = find_cards(cv2.cvtColor(after, cv2.COLOR_BGR2GRAY), CFG, cv2.cvtColor(before, cv2.COLOR_BGR2GRAY))
    found = [c for c in cands if iou(c.bbox, box) > 0.8]
    assert found and all(c.dim == 1.0 for c in found)


def test_an_in_layout_ad_banner_with_its_own_x_is_not_a_popup():
    img = app_screen()
    y = dp(400)
    img[y:y + dp(90)] = photo(seed=2, light=False, size=(W, dp(90)))
    x_glyph(img, W - dp(16), y + dp(12), dp(10), (255, 255, 255), dp(1.5))
    res = analyze(img, cfg=CFG, use_ocr=False)
    assert res.popups == () and len(res.other_controls) == 1  # the X is seen, but it is no pop-up evidence


def test_an_undimmed_consent_sheet_with_a_close_x():
    img = app_screen()
    top = H - dp(260)
    card(img, (0, top, W, dp(300)), (255, 255, 255), radius=dp(16))
    cv2.line(img, (0, top), (W, top), (200, 200, 200), 2)
    x_glyph(img, W - dp(28), top + dp(32), dp(14), (90, 90, 90), dp(2))
    (p,) = analyze(img, cfg=CFG, use_ocr=False).popups
    assert p.kind == "bottom_sheet" and len(p.close_controls) == 1


def test_an_undimmed_consent_sheet_cutting_a_card_list():
    # the sheet covers the lower cards of a full-width card list, flush against the last one it
    # cuts: same width and stacked, but anchored to the screen bottom, so not a list item
    img = np.full((H, W, 3), 240, np.uint8)
    top = H - dp(300)
    for y in range(dp(100), top, dp(120)):
        card(img, (dp(10), y, W - 2 * dp(10), min(dp(110), top - y)), (255, 255, 255), radius=dp(8))
    card(img, (0, top, W, dp(340)), (252, 252, 252), radius=dp(16))
    cv2.line(img, (0, top), (W, top), (190, 190, 190), 2)
    x_glyph(img, W - dp(28), top + dp(32), dp(14), (90, 90, 90), dp(2))
    (p,) = analyze(img, cfg=CFG, use_ocr=False).popups
    assert p.kind == "bottom_sheet" and len(p.close_controls) == 1
