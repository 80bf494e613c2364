"""Screen rendering: pixels follow the view tree, encoded images decode, repeats are cached."""

from __future__ import annotations

import io
import threading

import pytest
from PIL import Image

from emulator.virtual.android import render
from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.android.ui import Rect, Screen, View, Window


def hello_system() -> AndroidSystem:
    system = AndroidSystem()
    system.launch("com.example.hello")
    return system


def button(screen: Screen) -> View:
    return next(v for w in screen.windows for v in w.root.walk()
                if v.resource_id == "com.example.hello:id/button")


def test_render_is_screen_sized_rgb():
    screen = hello_system().screen()
    image = render.render(screen)
    assert image.mode == "RGB"
    assert image.size == (screen.width, screen.height)


def test_button_area_has_its_background_and_text_colour():
    screen = hello_system().screen()
    view = button(screen)
    image = render.render(screen)
    b = view.bounds
    # just inside the corner, clear of the rounded edge and the label
    assert image.getpixel((b.left + 20, b.top + 20)) == view.background
    label = image.crop((b.left, b.top, b.right, b.bottom)).getcolors(maxcolors=1 << 16)
    assert any(colour == view.color for _, colour in label)


def test_window_backgrounds_are_drawn_bottom_to_top():
    system = hello_system()
    screen = system.screen()
    image = render.render(screen)
    assert image.getpixel((5, 5)) == (20, 20, 20)  # status bar over nothing
    assert image.getpixel((5, screen.height - 5)) == (0, 0, 0)  # navigation bar
    assert image.getpixel((5, screen.height // 2)) == (250, 250, 250)  # app content


def test_rounded_corners_leave_the_corner_pixel_to_what_is_below():
    root = View(cls="android.widget.FrameLayout", bounds=Rect(0, 0, 200, 200), background=(255, 255, 255),
                children=(View(cls="android.view.View", bounds=Rect(50, 50, 150, 150),
                               background=(255, 0, 0), corner_radius=30),))
    image = render.render(Screen(200, 200, 0, (Window("p", "t", root),), 0))
    assert image.getpixel((50, 50)) == (255, 255, 255)
    assert image.getpixel((100, 100)) == (255, 0, 0)


def test_markup_like_text_is_drawn_verbatim():
    root = View(cls="android.widget.TextView", bounds=Rect(0, 0, 300, 60), background=(255, 255, 255),
                text="<script>\"'&", color=(0, 0, 0), align="left")
    image = render.render(Screen(300, 60, 0, (Window("p", "t", root),), 0))
    assert (0, 0, 0) in [c for _, c in image.getcolors(maxcolors=1 << 16)]


@pytest.mark.parametrize("fmt,magic", [("jpeg", b"\xff\xd8\xff"), ("png", b"\x89PNG")])
def test_encode_formats_decode_to_the_screen(fmt, magic):
    screen = hello_system().screen()
    data = render.encode(screen, fmt)
    assert data.startswith(magic)
    decoded = Image.open(io.BytesIO(data))
    assert decoded.size == (screen.width, screen.height)
    b = button(screen).bounds
    px = decoded.convert("RGB").getpixel((b.left + 30, b.top + 30))
    assert all(abs(p - q) <= 12 for p, q in zip(px, button(screen).background))


def test_unchanged_screen_is_served_from_cache_and_changes_are_not():
    system = hello_system()
    first = render.encode(system.screen())
    assert render.encode(system.screen()) is first
    system.tap(*button(system.screen()).bounds.center)  # "Taps: 1"
    assert render.encode(system.screen()) != first


def test_concurrent_renders_agree():
    screen = hello_system().screen()
    results: list[bytes] = []

    def shoot():
        results.append(render.encode(screen, "jpeg", 81))

    threads = [threading.Thread(target=shoot) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1


def test_unknown_format_is_rejected():
    with pytest.raises(ValueError):
        render.encode(hello_system().screen(), "gif")
