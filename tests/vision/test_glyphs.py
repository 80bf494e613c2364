import cv2
import numpy as np

from harness.vision import VisionConfig
from harness.vision.glyphs import find_x_glyphs, x_shape_score

from .drawing import DPI, cjk_text, dp, iou, photo, x_glyph

CFG = VisionConfig(dpi=DPI)


def gray(img):
    return cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


def test_white_x_on_a_light_photo():
    img = photo(seed=3, light=True)
    box = x_glyph(img, 960, 160, dp(18), (255, 255, 255), dp(2))
    hits = find_x_glyphs(gray(img), CFG)
    assert any(iou(h.bbox, box) > 0.5 for h in hits), hits
    best = max(hits, key=lambda h: iou(h.bbox, box))
    assert best.polarity == 1 and best.contrast < 3  # found although faint: a low-contrast X


def test_12dp_x_is_found_and_sized():
    img = np.full((2400, 1080, 3), 250, np.uint8)
    box = x_glyph(img, 540, 1200, dp(12), (90, 90, 90), max(2, dp(1.5)))
    hits = find_x_glyphs(gray(img), CFG)
    assert len(hits) == 1 and iou(hits[0].bbox, box) > 0.5
    assert 9 <= hits[0].bbox[2] / CFG.px_per_dp <= 16


def test_x_in_a_filled_circle_reports_the_circle():
    img = photo(seed=5, light=False)
    cv2.circle(img, (540, 900), dp(16), (0, 0, 0), -1, cv2.LINE_AA)
    x_glyph(img, 540, 900, dp(12), (255, 255, 255), dp(2))
    hits = find_x_glyphs(gray(img), CFG)
    circle = (540 - dp(16), 900 - dp(16), 2 * dp(16), 2 * dp(16))
    assert any(iou(h.bbox, circle) > 0.5 for h in hits), (hits, circle)


def test_a_bold_x_in_a_ring_is_found():
    # icon fonts draw "close" with strokes about a quarter of the glyph's size
    img = np.full((2400, 1080, 3), 70, np.uint8)
    cv2.circle(img, (540, 1200), dp(18), (255, 255, 255), dp(2.5), cv2.LINE_AA)
    box = x_glyph(img, 540, 1200, dp(9), (255, 255, 255), dp(2.6))
    hits = find_x_glyphs(gray(img), CFG)
    assert len(hits) == 1 and hits[0].glyph_bbox[2] >= 0.8 * box[2], (hits, box)
    # its strokes fill ~0.71 of its box: a lower fill bound (configurable) leaves it out
    assert find_x_glyphs(gray(img), CFG.model_copy(update={"x_fill": (0.06, 0.68)})) == []


def test_solid_discs_and_squares_are_not_close_glyphs():
    img = np.full((1200, 1080, 3), 250, np.uint8)
    cv2.circle(img, (300, 300), dp(8), (30, 30, 30), -1, cv2.LINE_AA)
    cv2.rectangle(img, (700, 280), (700 + dp(14), 280 + dp(14)), (30, 30, 30), -1)
    assert find_x_glyphs(gray(img), CFG) == []


def test_letters_and_plus_signs_are_not_close_glyphs():
    img = np.full((800, 1080, 3), 255, np.uint8)
    cv2.putText(img, "Next box xx", (40, 300), cv2.FONT_HERSHEY_SIMPLEX, 3, (0, 0, 0), 6)
    cv2.line(img, (800, 560), (800, 640), (0, 0, 0), 6)
    cv2.line(img, (760, 600), (840, 600), (0, 0, 0), 6)
    cv2.rectangle(img, (100, 500), (180, 580), (0, 0, 0), 5)
    assert find_x_glyphs(gray(img), CFG) == []


def test_shape_score_of_an_ideal_x():
    m = np.zeros((30, 30), np.uint8)
    cv2.line(m, (0, 0), (29, 29), 1, 3)
    cv2.line(m, (0, 29), (29, 0), 1, 3)
    score, cover, on_diag = x_shape_score(m.astype(bool))
    assert score > 0.9 and cover > 0.9 and on_diag > 0.9


def _ring_x(img, cx, cy, r, color):
    """A close icon drawn as an X inside a thin ring (the 'X under the card' of many ads)."""
    cv2.circle(img, (cx, cy), r, color, max(2, r // 10), cv2.LINE_AA)
    x_glyph(img, cx, cy, int(r * 0.84), color, max(2, r // 9))
    return (cx - r, cy - r, 2 * r, 2 * r)


def test_ring_x_over_dimmed_text_it_touches():
    # under a translucent scrim the page's text still shows and runs into the ring and the X:
    # the strokes join into one blob that only a stronger level separates
    img = np.full((2400, 1080, 3), 20, np.uint8)
    for y in (1150, 1230):
        cv2.putText(img, "Settings", (440, y), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (95, 95, 95), 4)
    ring = _ring_x(img, 540, 1200, dp(18), (235, 235, 235))
    hits = find_x_glyphs(gray(img), CFG)
    assert any(iou(h.bbox, ring) > 0.5 for h in hits), (hits, ring)


def test_ring_x_right_after_a_word_is_not_a_letter():
    # "Close ⊗": a word of the X's height beside it, yet a letter never sits inside a ring
    img = np.full((800, 1080, 3), 255, np.uint8)
    cv2.putText(img, "Close", (330, 430), cv2.FONT_HERSHEY_SIMPLEX, 3, (60, 60, 60), 7)
    ring = _ring_x(img, 690, 400, dp(16), (60, 60, 60))
    hits = find_x_glyphs(gray(img), CFG)
    assert any(iou(h.bbox, ring) > 0.5 for h in hits), (hits, ring)


def test_ring_x_with_a_dimmed_divider_running_through_it():
    # a list's divider under the scrim passes behind the close button: one long blob at first
    img = np.full((2400, 1080, 3), 8, np.uint8)
    cv2.line(img, (0, 1200), (1080, 1200), (60, 60, 60), 2)
    ring = _ring_x(img, 540, 1200, dp(18), (230, 230, 230))
    hits = find_x_glyphs(gray(img), CFG)
    assert any(iou(h.bbox, ring) > 0.5 for h in hits), (hits, ring)


def test_ring_x_whose_glyph_touches_a_dimmed_letter():
    # a letter of the dimmed page runs into the X's arm: the glyph's box is off-centre, the ring
    # around it is still found and reported
    img = np.full((2400, 1080, 3), 10, np.uint8)
    cv2.putText(img, "ments", (548, 1212), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (100, 100, 100), 3)
    ring = _ring_x(img, 540, 1200, dp(16), (230, 230, 230))
    hits = find_x_glyphs(gray(img), CFG)
    assert any(iou(h.bbox, ring) > 0.5 for h in hits), (hits, ring)


def test_x_shaped_character_ending_a_word_is_no_close_glyph():
    # "友" is drawn like an X; its neighbours "给好" run together into one wide blob beside it
    # (at some sub-pixel positions only, hence several)
    for dx in range(4):
        img = cjk_text(np.full((800, 1080, 3), 250, np.uint8), (300 + dx, 400), "分享给好友", dp(14), (25, 25, 25))
        assert find_x_glyphs(gray(img), CFG) == [], dx
