import cv2
import numpy as np
import pytest

from harness.vision import VisionConfig, analyze

from .drawing import DPI, H, W, app_screen, card, dim, dp, iou, photo, x_glyph

CFG = VisionConfig(dpi=DPI)


def test_close_control_under_the_card_belongs_to_it():
    img = dim(app_screen(), 0.55)
    box = (dp(50), dp(260), W - 2 * dp(50), dp(380))
    img[box[1]:box[1] + box[3], box[0]:box[0] + box[2]] = photo(seed=7, light=False, size=(box[2], box[3]))
    cx, cy, r = W // 2, box[1] + box[3] + dp(44), dp(16)
    cv2.circle(img, (cx, cy), r, (235, 235, 235), max(2, dp(1.5)), cv2.LINE_AA)
    x_glyph(img, cx, cy, dp(13), (235, 235, 235), dp(2))
    res = analyze(img, cfg=CFG, use_ocr=False)
    assert len(res.popups) == 1 and iou(res.popups[0].bbox, box) > 0.8
    controls = res.popups[0].close_controls
    assert len(controls) == 1 and controls[0].kind == "x_icon"
    assert iou(controls[0].bbox, (cx - r, cy - r, 2 * r, 2 * r)) > 0.5
    assert 28 <= controls[0].size_dp <= 40 and controls[0].contrast > 3


def test_close_x_in_the_card_corner_with_size_and_contrast():
    img = dim(app_screen(), 0.5)
    box = (dp(40), dp(300), W - 2 * dp(40), dp(280))
    card(img, box)
    x_glyph(img, box[0] + box[2] - dp(24), box[1] + dp(24), dp(14), (120, 120, 120), dp(2))
    res = analyze(img, cfg=CFG, use_ocr=False)
    (c,) = res.popups[0].close_controls
    assert 12 <= c.size_dp <= 18 and 3 < c.contrast < 5


def test_dialog_without_any_close_control():
    img = dim(app_screen(), 0.5)
    card(img, (dp(40), dp(300), W - 2 * dp(40), dp(280)))
    res = analyze(img, cfg=CFG, use_ocr=False)
    assert len(res.popups) == 1 and res.popups[0].close_controls == ()


def test_any_input_shape_and_dtype():
    for img in (np.zeros((50, 30), np.uint8), np.zeros((64, 64, 4), np.uint8), np.ones((100, 60, 3), np.float32)):
        res = analyze(img, cfg=CFG, use_ocr=False)
        assert res.popups == () and (res.width, res.height) == (img.shape[1], img.shape[0])


def test_json_shape():
    img = dim(app_screen(), 0.5)
    card(img, (dp(40), dp(300), W - 2 * dp(40), dp(280)))
    out = analyze(img, cfg=CFG, use_ocr=False).to_json("a.png")
    assert set(out) == {"image", "width", "height", "dpi", "popups", "timing_ms"} and out["dpi"] == CFG.dpi
    assert set(out["popups"][0]) == {"bbox", "kind", "score", "close_controls"}


def test_ring_x_under_an_ad_card_over_a_dimmed_list_divider():
    # the list's divider, dimmed by the scrim, runs behind the close ring under the picture card
    img = app_screen(dark=True)
    cx, cy, r = W // 2, dp(260) + dp(380) + dp(44), dp(16)
    cv2.line(img, (0, cy), (W, cy), (120, 120, 120), 2)
    img = dim(img, 0.55)
    box = (dp(50), dp(260), W - 2 * dp(50), dp(380))
    img[box[1]:box[1] + box[3], box[0]:box[0] + box[2]] = photo(seed=7, light=False, size=(box[2], box[3]))
    cv2.circle(img, (cx, cy), r, (230, 230, 230), max(2, dp(1.5)), cv2.LINE_AA)
    x_glyph(img, cx, cy, dp(13), (230, 230, 230), dp(2))
    (p,) = analyze(img, cfg=CFG, use_ocr=False).popups
    assert iou(p.bbox, box) > 0.8
    (c,) = p.close_controls
    assert iou(c.bbox, (cx - r, cy - r, 2 * r, 2 * r)) > 0.5


@pytest.mark.parametrize("size", [(540, 960), (1080, 1920), (1080, 2400), (1440, 3200), (2400, 1080)])
def test_density_is_inferred_from_the_short_side_and_a_dialog_is_found_at_any_size(size):
    img = dim(app_screen(), 0.5)
    card(img, (dp(40), dp(300), W - 2 * dp(40), dp(280)))
    w, h = size
    if w > h:  # landscape: the same dialog centred on a dimmed wide screen
        wide = np.full((h, w, 3), 30, np.uint8)
        small = cv2.resize(img, (h * W // H, h))
        x0 = (w - small.shape[1]) // 2
        wide[:, x0:x0 + small.shape[1]] = small
        img = wide
    else:
        img = cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA)
    res = analyze(img, cfg=VisionConfig(), use_ocr=False)
    assert res.dpi == round(160 * min(w, h) / 392)
    (p,) = res.popups
    assert p.kind == "dialog"
    assert VisionConfig(dpi=300).for_image(w, h).dpi == 300  # --dpi wins
