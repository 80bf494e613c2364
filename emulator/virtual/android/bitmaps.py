"""Bitmaps of image views: each file decoded once, each (file, box, fit, corners) scaled once.

A screen is repainted whenever anything on it changes (a countdown ticks every second), so
the renderer must only paste here: decoding or resampling a photo per frame would cost more
than the rest of a screenshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, get_args

from PIL import Image, ImageChops, ImageDraw

Fit = Literal["fill", "contain", "cover"]  # stretched to the box | whole image inside, centred | box covered, centre kept
FITS: tuple[str, ...] = get_args(Fit)
FORMATS = ("PNG", "JPEG")
MAX_SIDE = 4096  # px; a bigger file would cost the device more memory than a screen


class BitmapError(ValueError):
    """A file that cannot serve as a view's bitmap; `str()` says why in a few words."""


@dataclass(frozen=True)
class Placed:
    """A bitmap ready to paste: `image` at `offset` from the view's top-left, through `mask`
    (the file's transparency and the view's rounded corners) unless it is None."""

    image: Image.Image
    mask: Image.Image | None
    offset: tuple[int, int]


@lru_cache(maxsize=32)
def decoded(path: str) -> Image.Image:
    """The file's pixels as RGB, or RGBA when it has transparency. Raises `BitmapError`."""
    try:
        with Image.open(path) as image:  # reads the header only
            if image.format not in FORMATS:
                raise BitmapError(f"a {image.format or 'unknown'} image, expected PNG or JPEG")
            if max(image.size) > MAX_SIDE:
                raise BitmapError(f"{image.width}x{image.height} px, more than {MAX_SIDE} px a side")
            transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            return image.convert("RGBA" if transparent else "RGB")
    except BitmapError:
        raise
    except FileNotFoundError:
        raise BitmapError("no such file") from None
    except Image.UnidentifiedImageError:
        raise BitmapError("not a PNG or JPEG image") from None
    except OSError as exc:  # unreadable, a folder, or pixel data cut short
        raise BitmapError(f"cannot read it: {exc.strerror or exc}") from None
    except (Image.DecompressionBombError, SyntaxError, ValueError) as exc:
        raise BitmapError(f"cannot decode it: {exc}") from None


@lru_cache(maxsize=16)  # full-screen RGB at 1080x2400 is ~7.8 MB: bounded so the device stays small
def placed(path: str, width: int, height: int, fit: str = "fill", radius: int = 0) -> Placed:
    """The bitmap scaled into a `width` x `height` view as `fit` says, with `radius` px corners."""
    if fit not in FITS:
        raise ValueError(f"fit must be one of {', '.join(FITS)}, got {fit!r}")
    source = decoded(path)
    sw, sh = source.size
    if fit == "fill":
        image, offset = source.resize((width, height), Image.Resampling.LANCZOS), (0, 0)
    elif fit == "contain":
        scale = min(width / sw, height / sh)
        size = (max(1, round(sw * scale)), max(1, round(sh * scale)))
        image = source.resize(size, Image.Resampling.LANCZOS)
        offset = ((width - size[0]) // 2, (height - size[1]) // 2)
    else:  # cover: scale until both sides are covered, then keep the centre
        scale = max(width / sw, height / sh)
        crop_w, crop_h = width / scale, height / scale
        left, top = (sw - crop_w) / 2, (sh - crop_h) / 2
        image = source.resize((width, height), Image.Resampling.LANCZOS, box=(left, top, left + crop_w, top + crop_h))
        offset = (0, 0)
    mask = image.getchannel("A") if image.mode == "RGBA" else None
    if radius > 0:
        corners = Image.new("L", (width, height), 0)
        ImageDraw.Draw(corners).rounded_rectangle((0, 0, width - 1, height - 1), radius=radius, fill=255)
        corners = corners.crop((offset[0], offset[1], offset[0] + image.width, offset[1] + image.height))
        mask = corners if mask is None else ImageChops.multiply(mask, corners)
    return Placed(image.convert("RGB"), mask, offset)
