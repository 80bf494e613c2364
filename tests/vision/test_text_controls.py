"""Text controls: word matching without OCR, and a few end-to-end reads with the bundled OCR."""

import cv2
import numpy as np
import pytest

from eval.fonts import cjk_font_path
from harness.vision import VisionConfig, analyze
from harness.vision import ocr as ocr_mod
from harness.vision.close_controls import classify_text
from harness.vision.image import contrast_ratio

from .drawing import DPI, H, W, app_screen, card, cjk_text, dim, dp, iou, photo

CFG = VisionConfig(dpi=DPI)


@pytest.mark.parametrize("text,countdown", [
    ("跳过", None), ("跳过 3", 3), ("3s 跳过", 3), ("跳过3秒", 3), ("关闭", None), ("取消", None), ("我知道了", None),
    ("以后再说", None), ("暂不", None), ("Skip", None), ("Skip 5", 5), ("Close", None), ("Cancel", None),
    ("No thanks", None), ("Not now", None), ("Later", None), ("×", None), ("跳过广告", None), ("No", None),
    ("不用了", None), ("Not interested", None), ("Skip for now", None), ("Ask me later", None), ("No thank you", None),
    ("下次吧", None), ("不感兴趣", None), ("放弃优惠", None), ("ANNULER", None), ("Später", None), ("Cancelar", None),
    ("Nein", None), ("Pular", None), ("キャンセル", None), ("Отмена", None), ("NEVER", None), ("Don't ask again", None),
])
def test_close_words(text, countdown):
    ok, cd, _ = classify_text(text, CFG)
    assert ok and cd == countdown


@pytest.mark.parametrize("text", ["Watch later", "确定", "立即下载", "取消订单成功啦", "Skip to the next chapter", "OK",
                                  "Now", "Note", "None", "No signal", "不用担心",
                                  "Popular", "Saltato", "Nonstop", "Passer-by", "Atlas", "Never miss a deal"])
def test_not_close_words(text):
    assert not classify_text(text, CFG)[0]


def test_wcag_contrast():
    assert contrast_ratio(0, 255) == pytest.approx(21, rel=1e-3)
    assert contrast_ratio(128, 128) == 1


needs_ocr = pytest.mark.skipif(not ocr_mod.available() or cjk_font_path() is None,
                               reason="needs rapidocr-onnxruntime and the manimgx-fonts-cjk font")


@needs_ocr
def test_skip_with_countdown_drawn_as_pixels_on_a_splash_ad():
    img = photo(seed=11, light=False)
    x0, y0, w, h = W - dp(16) - dp(72), dp(40), dp(72), dp(30)
    layer = img.copy()
    cv2.rectangle(layer, (x0 + h // 2, y0), (x0 + w - h // 2, y0 + h), (0, 0, 0), -1)
    cv2.circle(layer, (x0 + h // 2, y0 + h // 2), h // 2, (0, 0, 0), -1)
    cv2.circle(layer, (x0 + w - h // 2, y0 + h // 2), h // 2, (0, 0, 0), -1)
    img = cv2.addWeighted(layer, 0.5, img, 0.5, 0)
    img = cjk_text(img, (x0 + w // 2, y0 + h // 2), "跳过 3", dp(13), (255, 255, 255))
    res = analyze(img, cfg=CFG)
    assert len(res.popups) == 1 and res.popups[0].kind == "fullscreen"
    (c,) = [c for c in res.popups[0].close_controls if c.kind == "text"]
    assert "跳过" in c.text and c.countdown == 3
    assert iou(c.bbox, (x0, y0, w, h)) > 0.5


@needs_ocr
@pytest.mark.parametrize("text", ["跳过广告", "Skip Ad"])
def test_a_label_filling_its_pill_is_read_inside_the_pill(text):
    # a margin around a tight pill shows its rounded ends, which the recogniser read as strokes
    # ("明过广告", or nothing at all)
    img = np.full((H, W, 3), (60, 160, 40), np.uint8)
    w, h = dp(55), dp(26)
    x0, y0 = (W - w) // 2, int(H * 0.77)
    cv2.rectangle(img, (x0 + h // 2, y0), (x0 + w - h // 2, y0 + h), (40, 40, 40), -1)
    for cx in (x0 + h // 2, x0 + w - h // 2):
        cv2.circle(img, (cx, y0 + h // 2), h // 2, (40, 40, 40), -1, cv2.LINE_AA)
    img = cjk_text(img, (x0 + w // 2, y0 + h // 2), text, dp(12), (255, 255, 255))
    (p,) = analyze(img, cfg=CFG).popups
    assert p.kind == "fullscreen" and [c.text for c in p.close_controls] == [text]


@needs_ocr
def test_dialog_text_button_in_chinese():
    img = dim(app_screen(), 0.5)
    box = (dp(40), dp(300), W - 2 * dp(40), dp(220))
    card(img, box)
    img = cjk_text(img, (box[0] + dp(90), box[1] + box[3] - dp(32)), "以后再说", dp(15), (60, 60, 60))
    img = cjk_text(img, (box[0] + box[2] - dp(70), box[1] + box[3] - dp(32)), "立即更新", dp(15), (0, 120, 255))
    res = analyze(img, cfg=CFG)
    (p,) = res.popups
    assert [c.text for c in p.close_controls] == ["以后再说"]


@needs_ocr
def test_ocr_reads_only_small_regions():
    img = np.full((2400, 1080, 3), 255, np.uint8)
    res = analyze(img, cfg=CFG)
    assert res.popups == () and res.timing_ms.get("ocr", 0) == 0


def test_words_of_one_label_are_read_together_and_body_text_is_not_read():
    from harness.vision.pipeline import _join_words

    # "NO," and "THANKS" a comma and a space apart; a paragraph's words joined are too wide
    label = [(452, 717, 42, 27), (496, 717, 102, 23)]
    paragraph = [(40 + 70 * i, 300, 60, 24) for i in range(12)]
    alone = [(600, 900, 80, 24)]
    assert sorted(_join_words(label + paragraph + alone, 400)) == [(452, 717, 146, 27), (600, 900, 80, 24)]
