"""Screen pixels: paints a `Screen` (windows bottom to top, views in tree order) with Pillow.

Screenshots of an unchanged screen are frequent (polling clients), so rendered images and
encoded bytes are cached by the screen's content; the frozen view tree hashes by value.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Hashable
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .ui import Screen, View

_BLACK = (0, 0, 0)
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
_IMAGE_CACHE_SIZE = 2  # ~7.5 MB each at 1080x2400
_BYTES_CACHE_SIZE = 8

# Pillow's FreeType faces are not safe to share between threads, and two threads asking for
# the same uncached screen should render it once: one lock guards painting and the caches.
_lock = threading.Lock()
_images: OrderedDict[Hashable, Image.Image] = OrderedDict()
_encoded: OrderedDict[Hashable, bytes] = OrderedDict()


def render(screen: Screen) -> Image.Image:
    """The screen as an RGB image of the screen's size. Callers must not modify it (cached)."""
    key = _key(screen)
    with _lock:
        return _rendered(key, screen)


def encode(screen: Screen, fmt: str = "jpeg", quality: int = 80) -> bytes:
    """The screen encoded as "jpeg" (at `quality`) or "png"."""
    fmt = fmt.lower()
    if fmt not in ("jpeg", "png"):
        raise ValueError(f"unsupported image format: {fmt}")
    key = (_key(screen), fmt, quality if fmt == "jpeg" else 0)
    with _lock:
        data = _lookup(_encoded, key)
        if data is None:
            data = encode_image(_rendered(key[0], screen), fmt, quality)
            _store(_encoded, key, data, _BYTES_CACHE_SIZE)
        return data


def encode_image(image: Image.Image, fmt: str = "jpeg", quality: int = 80) -> bytes:
    buf = io.BytesIO()
    if fmt == "jpeg":
        image.save(buf, "JPEG", quality=quality)
    else:
        # Level 1: screencap-sized PNGs at the default level take ~20x longer for ~10% less size.
        image.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def _key(screen: Screen) -> Hashable:
    return screen.width, screen.height, screen.rotation, screen.windows


def _rendered(key: Hashable, screen: Screen) -> Image.Image:
    image = _lookup(_images, key)
    if image is None:
        image = _paint(screen)
        _store(_images, key, image, _IMAGE_CACHE_SIZE)
    return image


def _lookup(cache: OrderedDict, key: Hashable):
    value = cache.get(key)
    if value is not None:
        cache.move_to_end(key)
    return value


def _store(cache: OrderedDict, key: Hashable, value, limit: int) -> None:
    cache[key] = value
    while len(cache) > limit:
        cache.popitem(last=False)


def _paint(screen: Screen) -> Image.Image:
    image = Image.new("RGB", (screen.width, screen.height), _BLACK)
    draw = ImageDraw.Draw(image)
    for window in screen.windows:
        for view in window.root.walk():
            _paint_view(draw, view)
    return image


def _paint_view(draw: ImageDraw.ImageDraw, view: View) -> None:
    b = view.bounds
    if b.width <= 0 or b.height <= 0:
        return
    box = (b.left, b.top, b.right - 1, b.bottom - 1)  # Pillow boxes include their far edge
    if view.background is not None:
        radius = min(view.corner_radius, b.width // 2, b.height // 2)
        if radius > 0:
            draw.rounded_rectangle(box, radius=radius, fill=view.background)
        else:
            draw.rectangle(box, fill=view.background)
    if view.text:
        size = view.text_size or max(8, round(b.height * 0.4))
        font = _font(size)
        y = (b.top + b.bottom) / 2
        if view.align == "left":
            draw.text((b.left + min(b.width // 10, size), y), view.text, font=font,
                      fill=view.color, anchor="lm")
        else:
            draw.text(((b.left + b.right) / 2, y), view.text, font=font, fill=view.color,
                      anchor="mm")


@lru_cache(maxsize=1)
def _font_path() -> str | None:
    return next((p for p in _FONT_CANDIDATES if Path(p).is_file()), None)


@lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _font_path()
    if path is not None:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)
