"""Views and windows: the one description of the screen that rendering, hierarchy dumps,
selectors and touch dispatch all read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]


@dataclass(frozen=True)
class Rect:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def center(self) -> tuple[int, int]:
        return (self.left + self.right) // 2, (self.top + self.bottom) // 2

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x < self.right and self.top <= y < self.bottom

    def as_bounds(self) -> str:
        """uiautomator's `[l,t][r,b]` notation."""
        return f"[{self.left},{self.top}][{self.right},{self.bottom}]"


@dataclass(frozen=True)
class View:
    """One node of a window's view tree.

    The first group of fields is what uiautomator exposes; the paint fields are only what the
    renderer needs (ad SDKs draw with pixels the hierarchy does not describe, so a view may
    paint more than it says: see `exposed` and `text_exposed`). `background` may carry an
    alpha channel (RGBA) for dim layers. `action` names what a tap does; the owning app
    interprets it.
    """

    cls: str
    bounds: Rect
    package: str = ""
    text: str = ""
    resource_id: str = ""
    content_desc: str = ""
    checkable: bool = False
    checked: bool = False
    clickable: bool = False
    enabled: bool = True
    focusable: bool = False
    focused: bool = False
    scrollable: bool = False
    long_clickable: bool = False
    password: bool = False
    selected: bool = False
    children: tuple[View, ...] = ()
    # paint
    background: RGB | RGBA | None = None
    color: RGB = (33, 33, 33)
    text_size: int = 0  # px; 0 lets the renderer pick one from the view height
    corner_radius: int = 0
    align: str = "center"  # text alignment: left | center
    valign: str = "center"  # text placement: top | center | bottom (a launcher label sits under its icon)
    glyph: str | None = None  # a shape the renderer draws in `color` (e.g. "x", "circle_x")
    bitmap: str | None = None  # an image file painted into the bounds over the background (bitmaps.py)
    fit: str = "fill"  # how the bitmap is scaled into the bounds: fill | contain | cover
    exposed: bool = True  # False: pixels only; no hierarchy node, no selector match (ad SDK drawing)
    text_exposed: bool = True  # False: the text is painted but not reported (text in a bitmap)
    action: str | None = None

    def walk(self) -> Iterator[View]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Window:
    """A window on screen; windows are listed bottom to top."""

    package: str
    title: str
    root: View
    kind: str = "application"  # application | status_bar | navigation_bar | dialog | toast
    focusable: bool = True
    touchable: bool = True  # False (toasts): touches pass through; accessibility does not list it


@dataclass(frozen=True)
class Screen:
    """A consistent snapshot of everything on screen, taken under the system lock."""

    width: int
    height: int
    rotation: int
    windows: tuple[Window, ...]
    generation: int  # changes whenever anything on screen may have changed
    extra: dict = field(default_factory=dict, compare=False)

    def hit(self, x: float, y: float) -> tuple[Window, View] | None:
        """The top-most clickable view under a point, searching windows top-down."""
        for window in reversed(self.windows):
            if not window.touchable or not window.root.bounds.contains(x, y):
                continue
            found = _deepest_clickable(window.root, x, y)
            if found is not None:
                return window, found
            if window.focusable:
                return None  # a focusable window swallows touches it does not handle
        return None


def _deepest_clickable(view: View, x: float, y: float) -> View | None:
    if not view.bounds.contains(x, y):
        return None
    for child in reversed(view.children):
        hit = _deepest_clickable(child, x, y)
        if hit is not None:
            return hit
    return view if (view.clickable or view.checkable or view.long_clickable) and view.enabled else None
