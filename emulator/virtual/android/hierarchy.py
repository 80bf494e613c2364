"""The accessibility view of a `Screen`: the nodes uiautomator sees and its XML hierarchy dump.

Like uiautomator, nodes carry bounds clipped to their parent and the display, views that end
up with no visible area are not visible to the user (and so are left out), and the window
with input focus is listed first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .ui import Rect, Screen, View, Window

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>"
_NAF_EXCLUDED = ("android.widget.GridView", "android.widget.GridLayout",
                 "android.widget.ListView", "android.widget.TableLayout")


@dataclass(frozen=True, eq=False)
class UiNode:
    """A view as an accessibility node: its place in the tree and its on-screen bounds."""

    view: View
    window: Window
    parent: UiNode | None
    index: int  # position among the parent's children, as uiautomator's `index`
    visible: Rect  # bounds clipped to the parent and the display
    path: tuple[int, ...]  # window position, then child indices: identifies the node

    @property
    def package(self) -> str:
        return self.view.package or self.window.package

    @property
    def text(self) -> str:
        """The text accessibility reports: none for text painted into a bitmap."""
        return self.view.text if self.view.text_exposed else ""

    def children(self) -> Iterator[UiNode]:
        # Views drawn straight onto a canvas (exposed=False) have no node, nor does what they hold.
        exposed = [child for child in self.view.children if child.exposed]
        for i, child in enumerate(exposed):
            visible = _intersect(child.bounds, self.visible)
            if visible is not None:
                yield UiNode(child, self.window, self, i, visible, self.path + (i,))

    def walk(self) -> Iterator[UiNode]:
        """This node and its visible descendants, depth first (uiautomator's search order)."""
        yield self
        for child in self.children():
            yield from child.walk()


def active_window(screen: Screen) -> Window | None:
    """The window with input focus: the top-most focusable one."""
    for window in reversed(screen.windows):
        if window.focusable:
            return window
    return screen.windows[-1] if screen.windows else None


def window_roots(screen: Screen, active_only: bool = False) -> list[UiNode]:
    """Root nodes in the order uiautomator lists windows: the active one, then the rest."""
    display = Rect(0, 0, screen.width, screen.height)
    active = active_window(screen)
    ordered = ([active] if active is not None else []) + \
        ([] if active_only else [w for w in screen.windows if w is not active and w.touchable])
    roots = []
    for position, window in enumerate(ordered):
        visible = _intersect(window.root.bounds, display)
        if visible is not None:
            roots.append(UiNode(window.root, window, None, 0, visible, (position,)))
    return roots


def dump_xml(screen: Screen, max_depth: int = 50, indent: bool = True,
             active_only: bool = False) -> str:
    """The hierarchy XML as uiautomator2's server returns it (`indent=True`, CRLF-indented
    like Android's XmlSerializer) or as one line, the way `uiautomator dump` writes its file."""
    out: list[str] = [XML_DECLARATION]
    nl = "\r\n" if indent else ""
    roots = window_roots(screen, active_only)
    if not roots:
        out.append(f'{nl}<hierarchy rotation="{screen.rotation}" />')
        return "".join(out)
    out.append(f'{nl}<hierarchy rotation="{screen.rotation}">')
    for root in roots:
        _dump_node(root, out, 1, max_depth, nl, drawing_order=0)
    out.append(f"{nl}</hierarchy>")
    return "".join(out)


def _dump_node(node: UiNode, out: list[str], depth: int, max_depth: int, nl: str,
               drawing_order: int) -> None:
    pad = nl and nl + "  " * depth
    v = node.view
    attrs = []
    if _is_naf(node):
        attrs.append(("NAF", "true"))
    attrs += [
        ("index", str(node.index)), ("text", node.text), ("resource-id", v.resource_id),
        ("class", v.cls), ("package", node.package), ("content-desc", v.content_desc),
        ("checkable", _b(v.checkable)), ("checked", _b(v.checked)),
        ("clickable", _b(v.clickable)), ("enabled", _b(v.enabled)),
        ("focusable", _b(v.focusable)), ("focused", _b(v.focused)),
        ("scrollable", _b(v.scrollable)), ("long-clickable", _b(v.long_clickable)),
        ("password", _b(v.password)), ("selected", _b(v.selected)),
        ("visible-to-user", "true"), ("bounds", node.visible.as_bounds()),
        ("drawing-order", str(drawing_order)), ("hint", ""), ("display-id", "0"),
    ]
    out.append(pad + "<node " + " ".join(f'{k}="{escape(val)}"' for k, val in attrs))
    children = list(node.children()) if depth <= max_depth else []
    if not children:
        out.append(" />")
        return
    out.append(">")
    for order, child in enumerate(children, start=1):
        _dump_node(child, out, depth + 1, max_depth, nl, drawing_order=order)
    out.append(pad + "</node>")


def _is_naf(node: UiNode) -> bool:
    """Not Accessibility Friendly: clickable and enabled, but nothing in it says what it is."""
    v = node.view
    if v.cls.endswith(_NAF_EXCLUDED) or not (v.clickable and v.enabled):
        return False
    return not _describes_itself(v)


def _describes_itself(view: View) -> bool:
    """Whether a view or an exposed descendant reports text or a content description."""
    return bool((view.text and view.text_exposed) or view.content_desc) or any(
        _describes_itself(c) for c in view.children if c.exposed)


def _b(value: bool) -> str:
    return "true" if value else "false"


_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
            "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def escape(text: str) -> str:
    """An attribute value as Android's serializer writes it; characters XML cannot carry
    become '.' as in uiautomator's dumper."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _invalid_xml_char(ord(ch)):
            out.append(".")
        else:
            out.append(ch)
    return "".join(out)


def _invalid_xml_char(c: int) -> bool:
    return (c <= 0x8 or 0xB <= c <= 0xC or 0xE <= c <= 0x1F or 0x7F <= c <= 0x84
            or 0x86 <= c <= 0x9F or 0xD800 <= c <= 0xDFFF or 0xFDD0 <= c <= 0xFDDF
            or 0xFFFE <= c <= 0xFFFF)


def _intersect(a: Rect, b: Rect) -> Rect | None:
    r = Rect(max(a.left, b.left), max(a.top, b.top), min(a.right, b.right), min(a.bottom, b.bottom))
    return r if r.width > 0 and r.height > 0 else None
