"""The check box and switch detector on drawn screens: square and round boxes, ticks of any
colour, Material and iOS switches, light and dark themes, 14–32 dp, and what must not count."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from harness.vision.checkboxes import ToggleConfig, find_toggles

DPI = 420
P = DPI / 160
W, H = 1080, 2400
CFG = ToggleConfig(dpi=DPI)


def dp(v: float) -> int:
    return int(round(v * P))


def _font(size_px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        from emulator.virtual.android.render import font_file
        found = font_file()
    except ImportError:  # pragma: no cover - the project ships the font
        found = None
    if found is None:
        return ImageFont.load_default()
    return ImageFont.truetype(found[0], size_px, index=found[1])


def screen(dark: bool = False) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (W, H), (18, 18, 18) if dark else (250, 250, 250))
    return img, ImageDraw.Draw(img)


def tick(d: ImageDraw.ImageDraw, x: int, y: int, s: int, colour) -> None:
    d.line([(x + 0.22 * s, y + 0.52 * s), (x + 0.42 * s, y + 0.72 * s), (x + 0.78 * s, y + 0.3 * s)], fill=colour,
           width=max(2, int(0.12 * s)), joint="curve")


def square_box(d, x, y, size_dp, checked, accent=(0, 122, 255), outline=(117, 117, 117), mark=(255, 255, 255)):
    s = dp(size_dp)
    if checked:
        d.rounded_rectangle((x, y, x + s, y + s), radius=max(2, s // 8), fill=accent)
        tick(d, x, y, s, mark)
    else:
        d.rounded_rectangle((x, y, x + s, y + s), radius=max(2, s // 8), outline=outline, width=max(2, s // 9))
    return x, y, s, s


def round_box(d, x, y, size_dp, checked, accent=(255, 80, 0), ring=(190, 190, 190), mark=(255, 255, 255)):
    s = dp(size_dp)
    if checked:
        d.ellipse((x, y, x + s, y + s), fill=accent)
        tick(d, x, y, s, mark)
    else:
        d.ellipse((x, y, x + s, y + s), outline=ring, width=max(2, s // 10))
    return x, y, s, s


def outlined_tick_box(d, x, y, size_dp, tick_colour, outline=(90, 90, 90)):
    s = dp(size_dp)
    d.rectangle((x, y, x + s, y + s), outline=outline, width=max(2, s // 10))
    tick(d, x, y, s, tick_colour)
    return x, y, s, s


def radio(d, x, y, size_dp, checked, accent=(103, 80, 164), ring=(120, 120, 120)):
    s = dp(size_dp)
    d.ellipse((x, y, x + s, y + s), outline=accent if checked else ring, width=max(2, s // 10))
    if checked:
        q = s // 4
        d.ellipse((x + q + 1, y + q + 1, x + s - q - 1, y + s - q - 1), fill=accent)
    return x, y, s, s


def m3_switch(d, x, y, on, primary=(103, 80, 164), surface=(250, 250, 250), outline=(121, 116, 126)):
    w, h = dp(52), dp(32)
    if on:
        d.rounded_rectangle((x, y, x + w, y + h), radius=h // 2, fill=primary)
        r = dp(12)
        cx = x + w - dp(16)
        d.ellipse((cx - r, y + h // 2 - r, cx + r, y + h // 2 + r), fill=(255, 255, 255))
    else:
        d.rounded_rectangle((x, y, x + w, y + h), radius=h // 2, fill=surface, outline=outline, width=dp(2))
        r = dp(8)
        cx = x + dp(16)
        d.ellipse((cx - r, y + h // 2 - r, cx + r, y + h // 2 + r), fill=outline)
    return x, y, w, h


def ios_switch(d, x, y, on, green=(52, 199, 89), off=(233, 233, 234)):
    w, h = dp(51), dp(31)
    d.rounded_rectangle((x, y, x + w, y + h), radius=h // 2, fill=green if on else off)
    r = dp(13.5)
    cx = x + w - dp(15.5) if on else x + dp(15.5)
    d.ellipse((cx - r, y + h // 2 - r, cx + r, y + h // 2 + r), fill=(255, 255, 255), outline=(215, 215, 215))
    return x, y, w, h


def label(d, x, y, text, size_sp=14, colour=(40, 40, 40)):
    d.text((x, y), text, font=_font(dp(size_sp)), fill=colour, anchor="lm")


def found(img: Image.Image, jpeg: bool = False, **kw):
    bgr = np.asarray(img)[:, :, ::-1].copy()
    if jpeg:  # what a device's screenshot stream gives: chroma subsampled, quality 80
        import cv2
        bgr = cv2.imdecode(cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 80])[1], cv2.IMREAD_COLOR)
    return find_toggles(bgr, cfg=CFG, **kw)


def near(toggles, box, tol=None):
    x, y, w, h = box
    tol = tol if tol is not None else max(6, w // 4)
    hits = [t for t in toggles if abs(t.bbox[0] - x) <= tol and abs(t.bbox[1] - y) <= tol
            and abs(t.bbox[2] - w) <= 2 * tol]
    assert len(hits) == 1, f"expected one toggle at {box}, got {toggles}"
    return hits[0]


# ---- boxes --------------------------------------------------------------------------------
@pytest.mark.parametrize("size_dp", [14, 18, 24, 32])
@pytest.mark.parametrize("dark", [False, True])
def test_square_and_round_boxes_and_their_state(size_dp, dark):
    img, d = screen(dark)
    text = (230, 230, 230) if dark else (40, 40, 40)
    boxes = [
        (square_box(d, dp(24), dp(200), size_dp, True), True),
        (square_box(d, dp(24), dp(300), size_dp, False, outline=(160, 160, 160) if dark else (117, 117, 117)), False),
        (round_box(d, dp(24), dp(400), size_dp, True), True),
        (round_box(d, dp(24), dp(500), size_dp, False, ring=(110, 110, 110) if dark else (190, 190, 190)), False),
        (outlined_tick_box(d, dp(24), dp(600), size_dp, (220, 40, 40), outline=(150, 150, 150)), True),
        (outlined_tick_box(d, dp(24), dp(700), size_dp, (30, 160, 70), outline=(150, 150, 150)), True),
    ]
    for (x, y, s, _), _checked in boxes:
        label(d, x + s + dp(8), y + s // 2, "我已阅读并同意《隐私政策》", 14, text)
    toggles = found(img)
    for box, checked in boxes:
        t = near(toggles, box)
        assert t.checked is checked, (box, t)
        assert t.kind == "checkbox"
        assert abs(t.size_dp - size_dp) <= 2.5
    assert len(toggles) == len(boxes), toggles


def test_radio_buttons():
    img, d = screen()
    on, off = radio(d, dp(24), dp(300), 20, True), radio(d, dp(24), dp(400), 20, False)
    for x, y, s, _ in (on, off):
        label(d, x + s + dp(8), y + s // 2, "Monthly plan")
    toggles = found(img)
    assert near(toggles, on).kind == "radio" and near(toggles, on).checked
    assert not near(toggles, off).checked


# ---- switches -----------------------------------------------------------------------------
@pytest.mark.parametrize("jpeg", [False, True])
@pytest.mark.parametrize("style", [m3_switch, ios_switch])
@pytest.mark.parametrize("dark", [False, True])
def test_switches_on_and_off(style, dark, jpeg):
    img, d = screen(dark)
    text = (230, 230, 230) if dark else (40, 40, 40)
    kw = {"surface": (18, 18, 18), "outline": (147, 143, 153)} if dark and style is m3_switch else \
        {"off": (57, 57, 61)} if dark else {}
    on = style(d, W - dp(16) - dp(52), dp(300), True, **({} if style is ios_switch else {}))
    off = style(d, W - dp(16) - dp(52), dp(400), False, **kw)
    label(d, dp(16), on[1] + on[3] // 2, "自动续费", 16, text)
    label(d, dp(16), off[1] + off[3] // 2, "Auto-renew", 16, text)
    toggles = found(img, jpeg)
    assert near(toggles, on).checked and near(toggles, on).kind == "switch"
    assert not near(toggles, off).checked
    assert len(toggles) == 2, toggles


# ---- labels -------------------------------------------------------------------------------
def test_labels_are_read_beside_the_control_with_the_given_recognizer():
    img, d = screen()
    box = square_box(d, dp(24), dp(300), 18, True)
    label(d, box[0] + box[2] + dp(8), box[1] + box[3] // 2, "我已阅读并同意《用户协议》")
    sw = ios_switch(d, W - dp(70), dp(500), True)
    label(d, dp(16), sw[1] + sw[3] // 2, "自动续费")
    crops = []

    def recognize(images):
        crops.extend(images)
        return [(f"line{i}", 0.9) for i in range(len(images))]

    toggles = found(img, recognize=recognize)
    assert len(crops) == 2
    t_box, t_switch = near(toggles, box), near(toggles, sw)
    assert t_box.text and t_switch.text and t_box.text != t_switch.text
    tx, ty, tw, th = t_box.text_bbox
    assert tx > box[0] + box[2] and abs(ty + th / 2 - (box[1] + box[3] / 2)) < dp(6) and tw > dp(150)
    sx = t_switch.text_bbox
    assert sx[0] < dp(20) and sx[0] + sx[2] < sw[0]


def test_a_label_from_a_hierarchy_node_needs_no_ocr():
    img, d = screen()
    box = round_box(d, dp(24), dp(300), 20, True)
    label(d, box[0] + box[2] + dp(8), box[1] + box[3] // 2, "我已阅读并同意隐私政策")
    xml = (f'<hierarchy><node package="p" class="android.widget.TextView" text="我已阅读并同意隐私政策" '
           f'bounds="[{box[0] + box[2] + dp(4)},{box[1] - dp(6)}][{W - dp(16)},{box[1] + box[3] + dp(6)}]"/></hierarchy>')

    def refuse(images):
        raise AssertionError("OCR called although a node gives the label")

    t = near(find_toggles(np.asarray(img)[:, :, ::-1].copy(), xml, CFG, refuse), box)
    assert t.text == "我已阅读并同意隐私政策" and t.source == "pixels+hierarchy" and not t.in_hierarchy


def test_real_ocr_reads_a_consent_label():
    pytest.importorskip("rapidocr_onnxruntime")
    from harness.vision import ocr

    img, d = screen()
    box = square_box(d, dp(24), dp(300), 18, True)
    label(d, box[0] + box[2] + dp(8), box[1] + box[3] // 2, "我已阅读并同意《隐私政策》")
    t = near(found(img, recognize=ocr.recognize), box)
    assert t.text and "同意" in t.text and "隐私" in t.text


# ---- what is not a toggle -----------------------------------------------------------------
def test_close_buttons_pills_and_text_are_not_toggles():
    img, d = screen()
    s = dp(24)
    x, y = dp(40), dp(300)
    d.ellipse((x, y, x + s, y + s), outline=(90, 90, 90), width=dp(2))  # a circled X
    d.line((x + s * 0.3, y + s * 0.3, x + s * 0.7, y + s * 0.7), fill=(90, 90, 90), width=dp(2))
    d.line((x + s * 0.3, y + s * 0.7, x + s * 0.7, y + s * 0.3), fill=(90, 90, 90), width=dp(2))
    d.rounded_rectangle((W - dp(88), dp(60), W - dp(16), dp(92)), radius=dp(16), fill=(0, 0, 0))  # a skip pill
    d.text((W - dp(52), dp(76)), "跳过 5", font=_font(dp(14)), fill=(255, 255, 255), anchor="mm")
    for i, line in enumerate(["口口回日田国品", "购买前请阅读：回国、口岸、日用品。", "Square and round shapes, O o 0 D"]):
        label(d, dp(16), dp(500 + 40 * i), line, 16)
    d.rectangle((dp(16), dp(700), dp(80), dp(764)), fill=(200, 120, 60))  # a thumbnail, larger than a box
    assert found(img) == ()


def test_no_toggles_on_a_blank_or_tiny_image():
    assert find_toggles(np.zeros((10, 10, 3), np.uint8), cfg=CFG) == ()
    assert find_toggles(np.full((400, 300, 3), 255, np.uint8), cfg=CFG) == ()
