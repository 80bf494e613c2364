"""Image views with a bitmap file (`image:`): validation errors, the three ways of scaling,
pixels on screen, the hierarchy node, and one screenshot through uiautomator2."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from emulator.virtual.android import bitmaps, render
from emulator.virtual.android.hierarchy import dump_xml, window_roots
from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.android.ui import Rect, Screen, View, Window
from emulator.virtual.apps.engine import ScriptedApp
from emulator.virtual.apps.loader import AppFileError, load_app

# 4 quadrants of one colour each: where each lands shows how the image was scaled
QUADRANTS = ((255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0))  # top-left, top-right, bottom-left, bottom-right


def quadrant_image(path: Path, width: int = 200, height: int = 100) -> Path:
    image = Image.new("RGB", (width, height))
    for i, colour in enumerate(QUADRANTS):
        x, y = (i % 2) * width // 2, (i // 2) * height // 2
        image.paste(colour, (x, y, x + width // 2, y + height // 2))
    image.save(path)
    return path


APP = """\
package: com.test.bitmap
label: 图片
start: home
screens:
  home:
    background: "#FFFFFF"
    views:
      - {id: picture, image: pics/quad.png, x: 0, y: 0, width: 200, height: 200, content_desc: 海报}
"""


def write_app(tmp_path: Path, text: str = APP) -> Path:
    (tmp_path / "pics").mkdir(exist_ok=True)
    quadrant_image(tmp_path / "pics" / "quad.png")
    path = tmp_path / "app.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(AppFileError) as info:
        load_app(path)
    message = str(info.value)
    assert "\n" not in message
    return message


# ---- the format -----------------------------------------------------------------------------
def test_the_path_is_relative_to_the_app_file_and_the_view_is_an_image_view(tmp_path):
    view = load_app(write_app(tmp_path)).screens["home"].views[0]
    assert view.image == str((tmp_path / "pics" / "quad.png").resolve())
    assert view.type == "image" and view.fit == "fill"


@pytest.mark.parametrize(("change", "expected"), [
    (("pics/quad.png", "pics/none.png"), ":8: screens.home.views[0].image: pics/none.png: no such file"),
    (("pics/quad.png", "pics"), ":8: screens.home.views[0].image: pics: cannot read it"),
    (("pics/quad.png", "pics/text.png"), ":8: screens.home.views[0].image: pics/text.png: not a PNG or JPEG image"),
    (("pics/quad.png", "pics/cut.png"), ":8: screens.home.views[0].image: pics/cut.png: cannot"),
    (("pics/quad.png", "pics/quad.gif"), ":8: screens.home.views[0].image: pics/quad.gif: a GIF image, expected PNG or JPEG"),
    (("height: 200,", "height: 200, fit: stretch,"), ":8: screens.home.views[0].fit: expected 'fill', 'contain' or 'cover'"),
    (("image: pics/quad.png, ", "type: box, "), None),  # no image: fine
    (("image: pics/quad.png, ", "fit: cover, "), ":8: screens.home.views[0]: `fit` applies to views with an `image` only"),
])
def test_bad_images_give_one_line_with_file_line_and_field(tmp_path, change, expected):
    path = write_app(tmp_path, APP.replace(*change))
    (tmp_path / "pics" / "text.png").write_text("not an image")
    data = (tmp_path / "pics" / "quad.png").read_bytes()
    (tmp_path / "pics" / "cut.png").write_bytes(data[: len(data) // 2])
    Image.open(tmp_path / "pics" / "quad.png").save(tmp_path / "pics" / "quad.gif")
    if expected is None:
        assert load_app(path).screens["home"].views[0].image is None
        return
    message = error_of(path)
    assert message.startswith(str(path)) and expected in message, message


def test_a_huge_image_is_refused(tmp_path):
    Image.new("L", (bitmaps.MAX_SIDE + 1, 8)).save(tmp_path / "wide.png")
    with pytest.raises(bitmaps.BitmapError, match="more than 4096 px a side"):
        bitmaps.decoded(str(tmp_path / "wide.png"))


# ---- scaling --------------------------------------------------------------------------------
def place(path: Path, width: int, height: int, fit: str, radius: int = 0) -> bitmaps.Placed:
    return bitmaps.placed(str(path), width, height, fit, radius)


def colour_at(placed: bitmaps.Placed, x: int, y: int) -> tuple[int, ...] | None:
    """The colour at (x, y) of the view's box, None where the bitmap leaves the box bare."""
    px, py = x - placed.offset[0], y - placed.offset[1]
    if not (0 <= px < placed.image.width and 0 <= py < placed.image.height):
        return None
    if placed.mask is not None and placed.mask.getpixel((px, py)) == 0:
        return None
    return placed.image.getpixel((px, py))


def test_fill_stretches_to_the_box(tmp_path):
    placed = place(quadrant_image(tmp_path / "q.png"), 100, 300, "fill")
    assert placed.image.size == (100, 300) and placed.offset == (0, 0) and placed.mask is None
    assert [colour_at(placed, x, y) for x, y in ((10, 10), (90, 10), (10, 290), (90, 290))] == list(QUADRANTS)


def test_contain_keeps_the_aspect_and_centres_the_whole_image(tmp_path):
    placed = place(quadrant_image(tmp_path / "q.png"), 100, 300, "contain")
    assert placed.image.size == (100, 50) and placed.offset == (0, 125)
    assert colour_at(placed, 50, 100) is None  # above the letterboxed image: bare
    assert [colour_at(placed, x, y) for x, y in ((10, 130), (90, 130), (10, 170), (90, 170))] == list(QUADRANTS)


def test_cover_fills_the_box_and_crops_the_sides(tmp_path):
    # a 200x100 image into a square box: scaled to 200x200 and the centre 100 columns kept
    placed = place(quadrant_image(tmp_path / "q.png"), 200, 200, "cover")
    assert placed.image.size == (200, 200) and placed.offset == (0, 0)
    assert [colour_at(placed, x, y) for x, y in ((5, 5), (195, 5), (5, 195), (195, 195))] == list(QUADRANTS)
    image = np.asarray(placed.image)
    # only the inner half of the source is shown: its left quarter of columns is red,
    # stretched from 50 source px to 100 view px
    assert (image[:90, :95] == QUADRANTS[0]).all() and (image[:90, 105:] == QUADRANTS[1]).all()


def test_transparency_and_rounded_corners_leave_what_is_below(tmp_path):
    Image.new("RGBA", (40, 40), (0, 0, 255, 0)).save(tmp_path / "clear.png")
    clear = place(tmp_path / "clear.png", 40, 40, "fill")
    assert clear.mask is not None and clear.mask.getextrema() == (0, 0)
    rounded = place(quadrant_image(tmp_path / "q.png"), 100, 100, "fill", radius=30)
    assert colour_at(rounded, 0, 0) is None and colour_at(rounded, 50, 2) is not None


def test_each_file_is_decoded_once_and_each_size_scaled_once(tmp_path):
    path = str(quadrant_image(tmp_path / "q.png"))
    assert bitmaps.decoded(path) is bitmaps.decoded(path)
    assert bitmaps.placed(path, 30, 40, "cover") is bitmaps.placed(path, 30, 40, "cover")


# ---- on screen ------------------------------------------------------------------------------
def test_rendered_pixels_are_the_scaled_image_over_the_background(tmp_path):
    path = str(quadrant_image(tmp_path / "q.png"))
    source = Image.open(path).convert("RGB")
    root = View(cls="android.widget.FrameLayout", bounds=Rect(0, 0, 300, 400), background=(250, 250, 250),
                children=(View(cls="android.widget.ImageView", bounds=Rect(20, 30, 220, 330), bitmap=path,
                               fit="contain"),))
    image = render.render(Screen(300, 400, 0, (Window("p", "t", root),), 0))
    # contain: 200x100 source into 200x300 -> 200x100 at (20, 130)
    expected = source.resize((200, 100), Image.Resampling.LANCZOS)
    shown = np.asarray(image.crop((20, 130, 220, 230))).astype(int)
    assert np.abs(shown - np.asarray(expected).astype(int)).max() == 0
    assert image.getpixel((100, 60)) == (250, 250, 250)  # the letterbox shows the background


def scripted(tmp_path: Path, text: str = APP) -> tuple[AndroidSystem, str]:
    spec = load_app(write_app(tmp_path, text))
    system = AndroidSystem(apps=[ScriptedApp(spec)])
    system.launch(spec.package)
    system.tick(time.monotonic() + 0.1)
    return system, spec.package


def test_an_image_view_is_an_image_view_node_unless_drawn_only(tmp_path):
    system, package = scripted(tmp_path)
    nodes = [n for r in window_roots(system.screen()) for n in r.walk() if n.package == package]
    picture = next(n for n in nodes if n.view.resource_id.endswith("/picture"))
    assert picture.view.cls == "android.widget.ImageView" and picture.view.content_desc == "海报"
    assert picture.visible.width == system.dp(200)
    assert 'class="android.widget.ImageView"' in dump_xml(system.screen())

    (tmp_path / "drawn").mkdir()
    drawn, package = scripted(tmp_path / "drawn", APP.replace("content_desc: 海报", "exposed: false"))
    screen = drawn.screen()
    assert not any(n.view.cls == "android.widget.ImageView" for r in window_roots(screen) for n in r.walk()
                   if n.package == package)
    top_left = render.render(screen).getpixel((drawn.dp(10), drawn.app_area().top + drawn.dp(10)))
    assert top_left == QUADRANTS[0]  # drawn all the same


def test_a_screenshot_through_uiautomator2_shows_the_bitmap(tmp_path):
    from tests.virtual.test_uia2_server import bridged

    system, _ = scripted(tmp_path, APP.replace("width: 200, height: 200", "width: fill, height: fill"))
    area = system.app_area()
    with bridged(system) as d:
        shot = d.screenshot().convert("RGB")  # JPEG over HTTP: colours within a few levels
    for colour, (x, y) in zip(QUADRANTS, ((area.left + 50, area.top + 50), (area.right - 50, area.top + 50),
                                          (area.left + 50, area.bottom - 50), (area.right - 50, area.bottom - 50))):
        assert all(abs(p - q) <= 16 for p, q in zip(shot.getpixel((x, y)), colour)), (x, y)
