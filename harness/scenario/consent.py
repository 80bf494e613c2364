"""Check boxes and switches that come pre-checked beside consent or auto-renewal text.

Read from hierarchy dumps in the order they were taken: a box counts as it was when first
shown. Its label is its own text, or the text beside it on the same row (apps often draw the
box and its label as two views). Boxes a cross-platform UI draws with no node (Flutter, game
engines, canvas WebViews) are read from the pixels of each looked-at screen state
(`drawn_boxes`, any `Look`: the launch, the pages of a flow, screens behind a tap).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..hierarchy import HierarchyError, Node, parse_nodes
from ..vision import ocr
from ..vision.checkboxes import ToggleConfig, find_toggles
from .looks import Look

Topic = Literal["consent", "auto_renew"]
#: Text that makes a box an agreement to personal-information rules (clause 1.9) …
CONSENT_WORDS = ("隐私", "个人信息", "用户协议", "服务协议", "同意", "授权", "privacy", "terms", "consent", "agree")
#: … or an agreement to be charged again automatically (clause 1.7).
AUTO_RENEW_WORDS = ("自动续费", "自动续订", "连续包月", "连续包年", "自动扣费", "到期自动", "auto-renew", "auto renew",
                    "autorenew", "renews automatically", "automatic renewal")
BOX_CLASSES = ("CheckBox", "Switch", "ToggleButton", "CheckedTextView")


@dataclass(frozen=True)
class Box:
    topic: Topic
    label: str
    checked_when_first_shown: bool
    bounds: tuple[int, int, int, int]
    resource_id: str
    source: Literal["hierarchy", "pixels"] = "hierarchy"
    seen_t_ms: float | None = None  # pixels: when the screen state that first showed it began (shared clock)

    def describe(self) -> str:
        drawn = ", drawn with no node" if self.source == "pixels" else ""
        return f"{self.label!r} {'checked' if self.checked_when_first_shown else 'unchecked'}{drawn}"


def _is_box(node: Node) -> bool:
    return node.checkable or any(c in node.cls for c in BOX_CLASSES)


def _label(box: Node, nodes: list[Node]) -> str:
    if box.text or box.content_desc:
        return box.text or box.content_desc
    assert box.bounds is not None
    x0, y0, x1, y1 = box.bounds
    beside = [n for n in nodes if n is not box and n.bounds and n.text
              and min(y1, n.bounds[3]) - max(y0, n.bounds[1]) > 0.5 * min(y1 - y0, n.bounds[3] - n.bounds[1])]
    beside.sort(key=lambda n: abs(n.bounds[0] - x1) if n.bounds else 0)
    return beside[0].text if beside else ""


def topic_of(label: str) -> Topic | None:
    low = label.lower()
    if any(w in low for w in AUTO_RENEW_WORDS):
        return "auto_renew"
    if any(w in low for w in CONSENT_WORDS):
        return "consent"
    return None


def find_boxes(hierarchies: Iterable[str], package: str) -> list[Box]:
    """Each consent or auto-renewal box of `package`, as it was in the first dump that showed it."""
    found: dict[tuple[str, str], Box] = {}
    for xml in hierarchies:
        try:
            nodes = [n for n in parse_nodes(xml) if n.package == package]
        except HierarchyError:
            continue
        for node in nodes:
            if not _is_box(node) or node.bounds is None:
                continue
            label = _label(node, nodes)
            topic = topic_of(label)
            key = (node.resource_id, label)
            if topic is not None and key not in found:
                found[key] = Box(topic, label, node.checked, node.bounds, node.resource_id)
    return list(found.values())


def drawn_boxes(looks: Iterable[Look], dpi: int,
                recognize: Callable[[list[np.ndarray]], list[tuple[str, float]]] | None = None) -> list[Box]:
    """Each consent or auto-renewal box drawn on the looked-at screens with no checkable node
    over it, as it was in the first screen state that showed it. Labels are read by OCR
    (the shared recognizer) unless a node beside the box gives them."""
    if recognize is None and ocr.available():
        recognize = ocr.recognize
    cfg = ToggleConfig(dpi=dpi)
    found: dict[tuple[str, int, int], Box] = {}
    grid = 8 * cfg.px_per_dp  # the same box on later screens, whatever OCR read there
    for look in looks:
        try:
            image = look.frame.image()
        except ValueError:  # a frame that does not decode shows nothing
            continue
        for toggle in find_toggles(image, look.hierarchy.xml if look.hierarchy else None, cfg, recognize):
            topic = topic_of(toggle.text or "")
            if toggle.in_hierarchy or topic is None:
                continue
            x, y, w, h = toggle.bbox
            key = (topic, round((x + w / 2) / grid), round((y + h / 2) / grid))
            if key not in found:
                found[key] = Box(topic, toggle.text or "", toggle.checked, (x, y, x + w, y + h), "", "pixels",
                                 look.t_ms)
    return list(found.values())


def all_boxes(hierarchies: Iterable[str], looks: Iterable[Look], package: str, dpi: int) -> list[Box]:
    """Boxes from the hierarchy, then those drawn with no node (one the hierarchy already
    labels the same way is not counted twice)."""
    from_nodes = find_boxes(hierarchies, package)
    labels = {b.label for b in from_nodes}
    return from_nodes + [b for b in drawn_boxes(looks, dpi) if b.label not in labels]
