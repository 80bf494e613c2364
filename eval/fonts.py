"""The CJK font used to draw synthetic screens: Noto Sans CJK from the `manimgx-fonts-cjk` wheel."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

_SC_INDEX = 2  # the collection's Simplified-Chinese face


def cjk_font_path() -> Path | None:
    try:
        import manimgx_fonts_cjk
    except ImportError:
        return None
    path = Path(manimgx_fonts_cjk.__file__).with_name("NotoSansCJK-VF.otf.ttc")
    return path if path.is_file() else None


@lru_cache(maxsize=128)
def font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = cjk_font_path()
    if path is None:  # pragma: no cover - Latin-only fallback
        return ImageFont.load_default(size=px)
    f = ImageFont.truetype(str(path), max(6, int(px)), index=_SC_INDEX)
    try:
        f.set_variation_by_name(b"Bold" if bold else b"Regular")
    except (OSError, ValueError):
        pass
    return f
