"""Painting for system UI and ad-style apps: alpha-blended dim layers, glyphs, pixels-only views,
text painted into bitmaps, and CJK text drawn with real glyphs."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageDraw

from emulator.virtual.android import render
from emulator.virtual.android.glyphs import stroke_width
from emulator.virtual.android.hierarchy import dump_xml
from emulator.virtual.android.ui import Rect, Screen, View, Window
from emulator.virtual.uia2 import selector

W, H = 400, 400


def screen_of(*children: View, background=(255, 255, 255)) -> Screen:
    root = View(cls="android.widget.FrameLayout", bounds=Rect(0, 0, W, H), package="p",
                background=background, children=children)
    return Screen(W, H, 0, (Window("p", "p/.Main", root),), 0)


def test_rgba_backgrounds_blend_over_what_is_below():
    dim = View(cls="android.view.View", bounds=Rect(0, 0, W, H // 2), background=(0, 0, 0, 153))
    image = render.render(screen_of(dim, background=(200, 100, 50)))
    assert image.getpixel((10, 10)) == pytest.approx((80, 40, 20), abs=1)  # 40 % of the colour left
    assert image.getpixel((10, H - 10)) == (200, 100, 50)
    rounded = View(cls="android.view.View", bounds=Rect(100, 300, 200, 380), background=(0, 0, 255, 128),
                   corner_radius=30)
    image = render.render(screen_of(rounded))
    assert image.getpixel((100, 300)) == (255, 255, 255)  # outside the rounded corner
    assert image.getpixel((150, 340)) == pytest.approx((127, 127, 255), abs=1)


def test_x_glyph_strokes_in_its_colour_and_scale_with_size():
    red = (220, 20, 20)
    x = View(cls="android.widget.ImageView", bounds=Rect(100, 100, 200, 200), glyph="x", color=red)
    image = render.render(screen_of(x))
    assert image.getpixel((150, 150)) == red  # the strokes cross at the centre
    assert image.getpixel((125, 125)) == red and image.getpixel((175, 125)) == red  # both diagonals
    assert image.getpixel((150, 110)) == (255, 255, 255)  # between the arms
    assert stroke_width((0, 0, 100, 100)) == 10 and stroke_width((0, 0, 10, 10)) == 2


def test_circle_x_has_a_ring_and_a_cross_and_the_filled_one_cuts_the_cross_out():
    grey = (90, 90, 90)
    ring = View(cls="android.widget.ImageView", bounds=Rect(0, 0, 100, 100), glyph="circle_x", color=grey)
    filled = View(cls="android.widget.ImageView", bounds=Rect(200, 0, 300, 100), glyph="circle_x_filled",
                  color=grey)
    image = render.render(screen_of(ring, filled))
    assert image.getpixel((50, 50)) == grey  # the cross's centre, in the circle's colour
    assert image.getpixel((50, 3)) == grey  # the ring
    assert image.getpixel((50, 20)) == (255, 255, 255)  # inside the ring, off the cross
    assert image.getpixel((250, 20)) == grey  # filled disc
    assert image.getpixel((250, 50)) == (255, 255, 255)  # the cross cut out of the dark disc
    back = View(cls="android.widget.ImageView", bounds=Rect(0, 200, 100, 300), glyph="chevron_back", color=grey)
    image = render.render(screen_of(back))
    assert image.crop((0, 200, 50, 300)).getcolors(1 << 16) != [(5000, (255, 255, 255))]


def test_unexposed_views_are_painted_and_tappable_but_not_in_the_hierarchy_or_selectors():
    close = View(cls="android.widget.ImageView", bounds=Rect(300, 20, 380, 100), glyph="x", color=(0, 0, 0),
                 clickable=True, exposed=False, resource_id="p:id/close", content_desc="close", action="close")
    bitmap_text = View(cls="android.widget.TextView", bounds=Rect(0, 200, 400, 260), text="跳过",
                       text_exposed=False, resource_id="p:id/skip")
    screen = screen_of(close, bitmap_text)
    xml = dump_xml(screen)
    assert "p:id/close" not in xml and 'content-desc="close"' not in xml
    assert 'resource-id="p:id/skip"' in xml and "跳过" not in xml
    assert not selector.find_all(screen, {"mask": 0x200000, "resourceId": "p:id/close"})
    assert not selector.find_all(screen, {"mask": 0x01, "text": "跳过"})
    assert selector.find_all(screen, {"mask": 0x200000, "resourceId": "p:id/skip"})[0].text == ""
    hit = screen.hit(340, 60)
    assert hit is not None and hit[1].action == "close"
    image = render.render(screen)
    assert image.getpixel((340, 60)) == (0, 0, 0)
    assert image.crop((0, 200, 400, 260)).getcolors(1 << 16) != [(400 * 60, (255, 255, 255))]


def _text_mask(text: str, size: int = 64) -> Image.Image:
    view = View(cls="android.widget.TextView", bounds=Rect(0, 100, W, 200), text=text, text_size=size,
                color=(0, 0, 0))
    return render.render(screen_of(view)).crop((0, 100, W, 200)).convert("L")


@pytest.mark.parametrize("text", ["跳过", "关闭", "立即领取", "扫一扫", "自动续费"])
def test_cjk_text_is_drawn_with_the_fonts_own_glyphs(text):
    path, index = render.font_file()
    assert "CJK" in path, "the CJK font wheel (manimgx-fonts-cjk) is not installed"
    drawn = _text_mask(text)
    assert drawn.getextrema()[0] < 64  # ink on the page
    tofu = _text_mask("口" * len(text))
    assert ImageChops.difference(drawn, tofu).getbbox() is not None
    # the same string set directly with the font's glyphs gives the same pixels
    font = render._font(64)
    reference = Image.new("L", (W, 100), 255)
    ImageDraw.Draw(reference).text((W / 2, 50), text, font=font, fill=0, anchor="mm")
    difference = ImageChops.difference(drawn, reference)
    assert sum(difference.histogram()[32:]) < 0.002 * W * 100  # JPEG-free render: near-identical
    # and a glyph the font lacks (.notdef, the tofu box) looks different
    assert font.getmask("跳").getbbox() != font.getmask("\U000f0000").getbbox()


def test_long_text_wraps_inside_its_bounds():
    text = "Allow Hello to access this device\u2019s location?"
    view = View(cls="android.widget.TextView", bounds=Rect(50, 100, 350, 300), text=text, text_size=32,
                color=(0, 0, 0))
    image = render.render(screen_of(view)).convert("L")
    inked = ImageChops.invert(image).getbbox()
    assert inked is not None and inked[0] >= 50 and inked[2] <= 350
    rows = [y for y in range(100, 300) if image.crop((50, y, 350, y + 1)).getextrema()[0] < 128]
    assert rows[-1] - rows[0] > 32 * 1.5  # more than one line
