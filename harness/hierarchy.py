"""uiautomator hierarchy XML parsed safely into flat, typed nodes — the one parser the probes
and the screen analysis share.

The XML comes from the device under test, so it is untrusted: no DTD (hence no entity
expansion), a size cap, a depth cap and a node cap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

try:
    import defusedxml.ElementTree as _defused
except ImportError:  # optional: without it DOCTYPEs are refused before parsing
    _defused = None

MAX_BYTES = 32 * 2**20
MAX_DEPTH = 256
MAX_NODES = 50_000
_BOUNDS = re.compile(r"\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]")


class HierarchyError(ValueError):
    """A hierarchy dump that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Node:
    package: str
    resource_id: str
    cls: str
    text: str
    content_desc: str
    bounds: tuple[int, int, int, int] | None  # x0, y0, x1, y1
    clickable: bool
    enabled: bool
    checked: bool
    depth: int
    checkable: bool = False


def parse_xml(xml: str | bytes) -> ET.Element:
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    if len(data) > MAX_BYTES:
        raise HierarchyError(f"hierarchy of {len(data)} bytes exceeds {MAX_BYTES}")
    try:
        if _defused is not None:
            root = _defused.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        else:
            if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.I):
                raise HierarchyError("hierarchy XML declares a DTD or entities; refused")
            root = ET.fromstring(data)
    except HierarchyError:
        raise
    except Exception as e:  # ParseError and defusedxml's DTD/entity refusals
        raise HierarchyError(f"hierarchy is not usable XML: {type(e).__name__}: {e}") from None
    return root


def parse_nodes(xml: str | bytes, max_depth: int = MAX_DEPTH) -> list[Node]:
    """Every `node` element in document order (iterative walk: depth is capped, not recursed)."""
    root = parse_xml(xml)
    nodes: list[Node] = []
    stack: list[tuple[ET.Element, int]] = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if depth > max_depth:
            raise HierarchyError(f"hierarchy nests deeper than {max_depth} levels")
        if element.tag == "node":
            if len(nodes) == MAX_NODES:
                raise HierarchyError(f"hierarchy has more than {MAX_NODES} nodes")
            nodes.append(_node(element, depth))
        stack.extend((child, depth + 1) for child in reversed(list(element)))
    return nodes


def _node(e: ET.Element, depth: int) -> Node:
    m = _BOUNDS.fullmatch(e.get("bounds", ""))
    return Node(package=e.get("package", ""), resource_id=e.get("resource-id", ""), cls=e.get("class", ""),
                text=e.get("text", ""), content_desc=e.get("content-desc", ""),
                bounds=tuple(int(v) for v in m.groups()) if m else None,  # type: ignore[arg-type]
                clickable=e.get("clickable") == "true", enabled=e.get("enabled", "true") == "true",
                checked=e.get("checked") == "true", depth=depth, checkable=e.get("checkable") == "true")
