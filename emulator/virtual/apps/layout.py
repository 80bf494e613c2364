"""Turn view descriptions into the system's `View` tree for one moment of a screen or overlay:
dp to px, positions against the parent, visibility, checked state and countdown texts."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..android.ui import RGB, Rect, View
from .schema import Length, Position, ViewSpec

CLASSES = {
    "text": "android.widget.TextView", "button": "android.widget.Button",
    "image": "android.widget.ImageView", "checkbox": "android.widget.CheckBox",
    "switch": "android.widget.Switch", "box": "android.widget.FrameLayout",
}
_ON, _OFF = (30, 136, 229), (189, 189, 189)  # the check box / switch indicator


@dataclass(frozen=True)
class LayoutContext:
    package: str
    dp: Callable[[float], int]
    text_color: RGB
    surface: str  # "screen" or "overlay:<name>": the owner named in tap actions
    elapsed: float  # s since the surface was shown
    shown: Mapping[str, bool]  # visibility set by actions, by `state_key`
    checked: Mapping[str, bool]  # check state changed by taps, by `state_key`


def tap_action(surface: str, path: tuple[int, ...]) -> str:
    return f"tap|{surface}|{'.'.join(map(str, path))}"


def parse_tap_action(action: str) -> tuple[str, tuple[int, ...]] | None:
    kind, _, rest = action.partition("|")
    if kind != "tap":
        return None
    surface, _, path = rest.rpartition("|")
    return surface, tuple(int(p) for p in path.split(".")) if path else ()


def state_key(spec: ViewSpec, path: tuple[int, ...]) -> str:
    """What visibility and check state are remembered by: the view id, else its position."""
    return spec.id or "#" + ".".join(map(str, path))


def find_spec(views: list[ViewSpec], path: tuple[int, ...]) -> ViewSpec:
    spec = views[path[0]]
    for i in path[1:]:
        spec = spec.children[i]
    return spec


def countdown_text(spec: ViewSpec, elapsed: float) -> str:
    if spec.countdown is None:
        return spec.text
    left = spec.countdown.seconds - elapsed
    return spec.countdown.text.format(n=math.ceil(left)) if left > 0 else spec.countdown.done_text


def layout(views: list[ViewSpec], parent: Rect, ctx: LayoutContext, path: tuple[int, ...] = ()) -> tuple[View, ...]:
    out: list[View] = []
    for i, spec in enumerate(views):
        out.extend(_view(spec, parent, ctx, path + (i,)))
    return tuple(out)


def _view(spec: ViewSpec, parent: Rect, ctx: LayoutContext, path: tuple[int, ...]) -> list[View]:
    key = state_key(spec, path)
    if not ctx.shown.get(key, spec.visible):
        return []
    dp = ctx.dp
    left, right = _span(spec.x, spec.width, parent.left, parent.width, dp)
    top, bottom = _span(spec.y, spec.height, parent.top, parent.height, dp)
    rect = Rect(left, top, right, bottom)
    checkable = spec.type in ("checkbox", "switch")
    tappable = bool(spec.on_tap) or spec.type == "button" or checkable
    action = tap_action(ctx.surface, path) if tappable else None
    checked = ctx.checked.get(key, spec.checked)
    decorations: list[View] = []
    if checkable:
        rect, indicator = _indicator(spec, rect, dp)
        decorations.append(View(cls="android.widget.ImageView", bounds=indicator, package=ctx.package,
                                background=_ON if checked else _OFF, corner_radius=dp(4 if spec.type == "checkbox" else 12),
                                exposed=False, clickable=True, action=action))
    view = View(
        cls=CLASSES[spec.type], bounds=rect, package=ctx.package,
        text=countdown_text(spec, ctx.elapsed), content_desc=spec.content_desc,
        resource_id=f"{ctx.package}:id/{spec.id}" if spec.id else "",
        checkable=checkable, checked=checkable and checked,
        clickable=tappable, focusable=tappable, action=action,
        background=spec.background, color=spec.color or ctx.text_color,
        text_size=dp(spec.text_size) if spec.text_size else 0,
        corner_radius=dp(spec.corner_radius), align=spec.align, glyph=spec.glyph,
        bitmap=spec.image, fit=spec.fit,
        exposed=spec.exposed, text_exposed=spec.text_exposed,
        children=layout(spec.children, rect, ctx, path),
    )
    return [*decorations, view]


def _span(pos: Position, size: Length, start: int, length: int, dp: Callable[[float], int]) -> tuple[int, int]:
    """(near, far) px of one axis: a dp offset from the near edge (negative: from the far edge,
    to the view's far edge) or centred; `fill` takes the parent's length less the offset."""
    offset = 0 if pos == "center" else dp(abs(pos))
    extent = length - offset if size == "fill" else dp(size)
    if pos == "center":
        near = start + (length - extent) // 2
    elif pos >= 0:
        near = start + offset
    else:
        near = start + length - offset - extent
    return near, near + extent


def _indicator(spec: ViewSpec, rect: Rect, dp: Callable[[float], int]) -> tuple[Rect, Rect]:
    """Split a checkable view into its labelled node and the pixels-only box or track beside
    it: a check box's box on the left, a switch's track on the right."""
    side = min(rect.height, dp(24))
    gap = dp(8)
    mid = (rect.top + rect.bottom) // 2
    if spec.type == "checkbox":
        box = Rect(rect.left, mid - side // 2, rect.left + side, mid + side // 2)
        return Rect(box.right + gap, rect.top, rect.right, rect.bottom), box
    track = Rect(rect.right - 2 * side, mid - side // 2, rect.right, mid + side // 2)
    return Rect(rect.left, rect.top, track.left - gap, rect.bottom), track
