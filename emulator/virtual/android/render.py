"""Screen pixels: paints a `Screen` (windows bottom to top, views in tree order) with Pillow:
a view's background, its bitmap, its glyph, then its text.

Screenshots of an unchanged screen are frequent (polling clients), so rendered images and
encoded bytes are cached by the screen's content; the frozen view tree hashes by value.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Hashable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from .bitmaps import placed
from .glyphs import draw_glyph
from .ui import RGB, RGBA, Screen, View

_BLACK = (0, 0, 0)
# Noto Sans CJK (Android's own CJK font, OFL) from the `manimgx-fonts-cjk` wheel: one face
# for Chinese and Latin text. Its TrueType collection holds JP, KR, SC, TC, HK; SC is index 2.
_CJK_PACKAGE, _CJK_FILE, _CJK_INDEX = "manimgx_fonts_cjk", "NotoSansCJK-VF.otf.ttc", 2
_LINE_SPACING = 1.25
_HAVE_RAQM = features.check("raqm")
# Latin-only fallbacks when the CJK wheel is missing
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
            _paint_view(image, draw, view)
    return image


def _paint_view(image: Image.Image, draw: ImageDraw.ImageDraw, view: View) -> None:
    b = view.bounds
    if b.width <= 0 or b.height <= 0:
        return
    box = (b.left, b.top, b.right - 1, b.bottom - 1)  # Pillow boxes include their far edge
    radius = min(view.corner_radius, b.width // 2, b.height // 2)
    if view.background is not None:
        _fill(image, draw, box, radius, view.background)
    if view.bitmap:
        bitmap = placed(view.bitmap, b.width, b.height, view.fit, radius)
        image.paste(bitmap.image, (b.left + bitmap.offset[0], b.top + bitmap.offset[1]), bitmap.mask)
    if view.glyph:
        draw_glyph(draw, view.glyph, box, view.color)
    if view.text:
        _paint_text(draw, view)


def _fill(image: Image.Image, draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], radius: int,
          colour: RGB | RGBA) -> None:
    """An opaque fill, or one alpha-blended over what is below (dim layers, scrims)."""
    alpha = colour[3] if len(colour) == 4 else 255
    rgb = colour[:3]
    if alpha == 0:
        return
    if alpha == 255:
        if radius > 0:
            draw.rounded_rectangle(box, radius=radius, fill=rgb)
        else:
            draw.rectangle(box, fill=rgb)
        return
    size = (box[2] - box[0] + 1, box[3] - box[1] + 1)
    mask = Image.new("L", size, 0 if radius > 0 else alpha)
    if radius > 0:
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, size[0] - 1, size[1] - 1), radius=radius, fill=alpha)
    image.paste(rgb, box[:2], mask)


def _paint_text(draw: ImageDraw.ImageDraw, view: View) -> None:
    b = view.bounds
    size = view.text_size or max(8, round(b.height * 0.4))
    font = _font(size)
    inset = min(b.width // 10, size) if view.align == "left" else 0
    lines = _wrap(view.text, font, b.width - 2 * inset)
    step = size * _LINE_SPACING
    first = {"top": b.top + step / 2, "bottom": b.bottom - step * (len(lines) - 0.5)}
    y = first.get(view.valign, (b.top + b.bottom) / 2 - step * (len(lines) - 1) / 2)
    for line in lines:
        x, anchor = ((b.left + inset, "lm") if view.align == "left" else ((b.left + b.right) / 2, "mm"))
        draw.text((x, y), line, font=font, fill=view.color, anchor=anchor, features=_features(line))
        y += step


def _features(line: str) -> list[str] | None:
    """In a line without CJK, the CJK face's proportional punctuation (its ’ and “ are
    full-width by default), so English reads as in Roboto; needs Pillow's raqm layout."""
    if _HAVE_RAQM and not any(_is_cjk(ch) for ch in line):
        return ["pwid"]
    return None


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80  # CJK scripts, their punctuation and fullwidth forms


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> list[str]:
    """Lines that fit `width`, broken at spaces, or anywhere between CJK characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if font.getlength(paragraph, features=_features(paragraph)) <= width:
            lines.append(paragraph)
            continue
        line = ""
        for token in _tokens(paragraph):
            candidate = line + token
            if line and font.getlength(candidate.rstrip(), features=_features(candidate)) > width:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line = candidate
        lines.append(line.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    """Break opportunities: a word with its trailing space, or a single CJK character."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if _is_cjk(ch):  # CJK text breaks between any two characters
            tokens += [word, ch] if word else [ch]
            word = ""
        else:
            word += ch
            if ch == " ":
                tokens.append(word)
                word = ""
    return [*tokens, word] if word else tokens


@lru_cache(maxsize=1)
def font_file() -> tuple[str, int] | None:
    """(path, face index) of the font text is set in: the CJK face, else a Latin one."""
    try:
        cjk = resources.files(_CJK_PACKAGE) / _CJK_FILE
        if cjk.is_file():
            return str(cjk), _CJK_INDEX
    except ModuleNotFoundError:
        pass
    latin = next((p for p in _FONT_CANDIDATES if Path(p).is_file()), None)
    return (latin, 0) if latin else None


@lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    found = font_file()
    if found is None:
        return ImageFont.load_default(size=size)
    path, index = found
    font = ImageFont.truetype(path, size, index=index)
    if font.getname()[1] != "Regular":  # a variable face: pick the Regular instance
        try:
            font.set_variation_by_name("Regular")
        except OSError:
            pass  # not a variable font
    return font
