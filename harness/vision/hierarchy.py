"""uiautomator2 hierarchy XML → close-control hints.

The XML is parsed by the shared safe parser (`harness.hierarchy`: no DTDs or entities, size,
depth and node caps). Any parse failure gives no hints: the analysis never depends on the
hierarchy.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..hierarchy import MAX_DEPTH, HierarchyError, Node, parse_nodes
from .config import VisionConfig
from .types import Box

__all__ = ["MAX_DEPTH", "HierarchyError", "Hint", "close_hints", "parse_nodes"]

@dataclass(frozen=True)
class Hint:
    bbox: Box
    label: str  # what matched: text, content-desc or the resource-id
    clickable: bool
    has_text: bool


def _box(node: Node) -> Box | None:
    """(x, y, w, h) of a node with a non-empty area, else None."""
    if node.bounds is None:
        return None
    x0, y0, x1, y1 = node.bounds
    return (x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None


def close_hints(xml: str | bytes | None, cfg: VisionConfig, image_size: tuple[int, int] | None = None) -> list[Hint]:
    """Nodes whose text, content-desc or resource-id names a close/skip/dismiss control.

    `image_size` (w, h) rescales node bounds when the screenshot was resized. Bad XML → [].
    """
    if not xml:
        return []
    try:
        nodes = [(n, box) for n in parse_nodes(xml) if (box := _box(n)) is not None]
    except HierarchyError:
        return []
    from .close_controls import classify_text
    sx = sy = 1.0
    if image_size and nodes:
        screen_w = max(box[0] + box[2] for _, box in nodes)
        screen_h = max(box[1] + box[3] for _, box in nodes)
        if screen_w > 0 and screen_h > 0:
            sx, sy = image_size[0] / screen_w, image_size[1] / screen_h
    hints = []
    for n, box in nodes:
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
        if box[2] * box[3] * sx * sy > 0.25 * (image_size[0] * image_size[1] if image_size else 1e12):
            continue  # a whole-screen container named "skip_layout" is no control
        b = (int(box[0] * sx), int(box[1] * sy), int(box[2] * sx), int(box[3] * sy))
        hints.append(Hint(b, label, n.clickable, bool(n.text.strip())))
    return hints
