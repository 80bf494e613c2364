"""uiautomator2 hierarchy XML → close-control hints, parsed defensively.

DTDs (and so entity expansion) are refused, the input size is capped and the tree is walked
iteratively to a bounded depth. Any parse failure gives no hints: the analysis never depends
on the hierarchy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from .config import VisionConfig
from .types import Box

MAX_XML_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 256
MAX_NODES = 50_000
_BOUNDS = re.compile(r"\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]")


@dataclass(frozen=True)
class Node:
    bbox: Box
    text: str
    content_desc: str
    resource_id: str
    class_name: str
    clickable: bool
    depth: int


@dataclass(frozen=True)
class Hint:
    bbox: Box
    label: str  # what matched: text, content-desc or the resource-id
    clickable: bool
    has_text: bool


class HierarchyError(ValueError):
    pass


def _parse(xml: str | bytes) -> Element:
    data = xml.encode("utf-8") if isinstance(xml, str) else bytes(xml)
    if len(data) > MAX_XML_BYTES:
        raise HierarchyError(f"hierarchy larger than {MAX_XML_BYTES} bytes")
    upper = data.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        # uiautomator dumps never carry a DTD: refuse any (no entity can then be expanded)
        raise HierarchyError("DTDs and entity declarations are not accepted in a hierarchy")
    try:
        try:
            from defusedxml.ElementTree import fromstring  # a second line of defence
        except ImportError:  # pragma: no cover - defusedxml is a dependency
            from xml.etree.ElementTree import fromstring
        return fromstring(data)
    except Exception as e:  # ParseError, defusedxml's refusals, RecursionError, …
        raise HierarchyError(f"unreadable hierarchy XML: {type(e).__name__}: {e}".splitlines()[0]) from None


def parse_nodes(xml: str | bytes) -> list[Node]:
    """All nodes with bounds, to MAX_DEPTH levels; raises HierarchyError on unsafe/bad XML."""
    root = _parse(xml)
    nodes: list[Node] = []
    stack: list[tuple[Element, int]] = [(root, 0)]
    while stack and len(nodes) < MAX_NODES:
        el, depth = stack.pop()
        m = _BOUNDS.fullmatch(el.get("bounds", "").strip())
        if m:
            x0, y0, x1, y1 = (int(v) for v in m.groups())
            if x1 > x0 and y1 > y0:
                nodes.append(Node((x0, y0, x1 - x0, y1 - y0), el.get("text", ""), el.get("content-desc", ""),
                                  el.get("resource-id", ""), el.get("class", ""),
                                  el.get("clickable", "false") == "true", depth))
        if depth < MAX_DEPTH:
            stack.extend((child, depth + 1) for child in reversed(list(el)))
    return nodes


def close_hints(xml: str | bytes | None, cfg: VisionConfig, image_size: tuple[int, int] | None = None) -> list[Hint]:
    """Nodes whose text, content-desc or resource-id names a close/skip/dismiss control.

    `image_size` (w, h) rescales node bounds when the screenshot was resized. Bad XML → [].
    """
    if not xml:
        return []
    try:
        nodes = parse_nodes(xml)
    except HierarchyError:
        return []
    from .close_controls import classify_text
    sx = sy = 1.0
    if image_size and nodes:
        screen_w = max(n.bbox[0] + n.bbox[2] for n in nodes)
        screen_h = max(n.bbox[1] + n.bbox[3] for n in nodes)
        if screen_w > 0 and screen_h > 0:
            sx, sy = image_size[0] / screen_w, image_size[1] / screen_h
    hints = []
    for n in nodes:
        rid = n.resource_id.rsplit("/", 1)[-1].lower()
        label = ""
        for source in (n.text, n.content_desc):
            if source and classify_text(source, cfg)[0]:
                label = source
                break
        if not label and rid and any(h in rid for h in cfg.hierarchy_hints):
            label = rid
        if not label and n.content_desc and any(h in n.content_desc.lower() for h in cfg.hierarchy_hints):
            label = n.content_desc
        if not label:
            continue
        if n.bbox[2] * n.bbox[3] * sx * sy > 0.25 * (image_size[0] * image_size[1] if image_size else 1e12):
            continue  # a whole-screen container named "skip_layout" is no control
        b = (int(n.bbox[0] * sx), int(n.bbox[1] * sy), int(n.bbox[2] * sx), int(n.bbox[3] * sy))
        hints.append(Hint(b, label, n.clickable, bool(n.text.strip())))
    return hints
