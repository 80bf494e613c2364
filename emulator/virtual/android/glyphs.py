"""Shapes a view paints in its `color` inside its bounds: the close and back icons apps and ad
SDKs draw (and icon discs). Strokes scale with the glyph: 1/10 of its smaller side, ≥ 2 px.

  x                two diagonal strokes
  circle_x         an outlined circle with an X inside (⊗)
  circle_x_filled  a filled circle with the X cut out in white, or black on a light circle
  chevron_back     a "<" pointing left
  circle           a filled disc (icons)
"""

from __future__ import annotations

from collections.abc import Callable

from PIL import ImageDraw

from .ui import RGB

Box = tuple[int, int, int, int]  # left, top, right, bottom (inclusive, as Pillow draws)


def stroke_width(box: Box) -> int:
    return max(2, round(min(box[2] - box[0], box[3] - box[1]) / 10))


def _square(box: Box) -> Box:
    """The largest square centred in `box`: glyphs keep their aspect ratio."""
    left, top, right, bottom = box
    side = min(right - left, bottom - top)
    x, y = left + (right - left - side) // 2, top + (bottom - top - side) // 2
    return x, y, x + side, y + side


def _inset(box: Box, fraction: float) -> Box:
    d = round((box[2] - box[0]) * fraction)
    return box[0] + d, box[1] + d, box[2] - d, box[3] - d


def _cross(draw: ImageDraw.ImageDraw, box: Box, colour: RGB, width: int) -> None:
    left, top, right, bottom = box
    draw.line((left, top, right, bottom), fill=colour, width=width)
    draw.line((left, bottom, right, top), fill=colour, width=width)


def _x(draw: ImageDraw.ImageDraw, box: Box, colour: RGB) -> None:
    square = _square(box)
    _cross(draw, _inset(square, 0.2), colour, stroke_width(square))


def _circle_x(draw: ImageDraw.ImageDraw, box: Box, colour: RGB) -> None:
    square = _square(box)
    width = stroke_width(square)
    draw.ellipse(square, outline=colour, width=width)
    _cross(draw, _inset(square, 0.3), colour, width)


def _circle_x_filled(draw: ImageDraw.ImageDraw, box: Box, colour: RGB) -> None:
    square = _square(box)
    draw.ellipse(square, fill=colour)
    light = sum(colour) > 3 * 160
    _cross(draw, _inset(square, 0.3), (0, 0, 0) if light else (255, 255, 255), stroke_width(square))


def _chevron_back(draw: ImageDraw.ImageDraw, box: Box, colour: RGB) -> None:
    left, top, right, bottom = _inset(_square(box), 0.25)
    middle = (top + bottom) // 2
    tip = left + (right - left) // 4
    draw.line((right - (right - left) // 4, top, tip, middle, right - (right - left) // 4, bottom),
              fill=colour, width=stroke_width(_square(box)), joint="curve")


def _circle(draw: ImageDraw.ImageDraw, box: Box, colour: RGB) -> None:
    draw.ellipse(_square(box), fill=colour)


def _square_outline(draw: ImageDraw.ImageDraw, box: Box, colour: RGB) -> None:
    square = _inset(_square(box), 0.15)
    draw.rounded_rectangle(square, radius=(square[2] - square[0]) // 8, outline=colour,
                           width=stroke_width(_square(box)))


GLYPHS: dict[str, Callable[[ImageDraw.ImageDraw, Box, RGB], None]] = {
    "x": _x, "circle_x": _circle_x, "circle_x_filled": _circle_x_filled,
    "chevron_back": _chevron_back, "circle": _circle, "square": _square_outline,
}


def draw_glyph(draw: ImageDraw.ImageDraw, name: str, box: Box, colour: RGB) -> None:
    try:
        GLYPHS[name](draw, box, colour)
    except KeyError:
        raise ValueError(f"unknown glyph {name!r}; known: {', '.join(GLYPHS)}") from None
