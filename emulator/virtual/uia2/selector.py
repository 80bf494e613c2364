"""uiautomator2's Selector (the dict the Python client sends: mask + fields + child/sibling
chain) matched against the accessibility nodes of a screen.

Like the real server, a plain selector is resolved as a `BySelector` over every window,
while one using index/instance or a child/sibling chain goes through `UiSelector`, which
only searches the active window.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..android.hierarchy import UiNode, window_roots
from ..android.ui import Screen

Selector = dict[str, Any]

_Pred = Callable[[UiNode, Any], bool]


def _fullmatch(pattern: str, value: str) -> bool:
    try:
        return re.fullmatch(pattern, value, re.DOTALL) is not None
    except re.error:
        return False


# field → (mask bit, its key in UiSelector.toString(), node predicate)
_FIELDS: dict[str, tuple[int, str, _Pred]] = {
    "text": (0x01, "TEXT", lambda n, v: n.text == v),
    "textContains": (0x02, "CONTAINS_TEXT", lambda n, v: v in n.text),
    "textMatches": (0x04, "TEXT_REGEX", lambda n, v: _fullmatch(v, n.text)),
    "textStartsWith": (0x08, "START_TEXT", lambda n, v: n.text.startswith(v)),
    "className": (0x10, "CLASS", lambda n, v: n.view.cls == v),
    "classNameMatches": (0x20, "CLASS_REGEX", lambda n, v: _fullmatch(v, n.view.cls)),
    "description": (0x40, "DESCRIPTION", lambda n, v: n.view.content_desc == v),
    "descriptionContains": (0x80, "CONTAINS_DESCRIPTION", lambda n, v: v in n.view.content_desc),
    "descriptionMatches": (0x0100, "DESCRIPTION_REGEX",
                           lambda n, v: _fullmatch(v, n.view.content_desc)),
    "descriptionStartsWith": (0x0200, "START_DESCRIPTION",
                              lambda n, v: n.view.content_desc.startswith(v)),
    "checkable": (0x0400, "CHECKABLE", lambda n, v: n.view.checkable == bool(v)),
    "checked": (0x0800, "CHECKED", lambda n, v: n.view.checked == bool(v)),
    "clickable": (0x1000, "CLICKABLE", lambda n, v: n.view.clickable == bool(v)),
    "longClickable": (0x2000, "LONG_CLICKABLE", lambda n, v: n.view.long_clickable == bool(v)),
    "scrollable": (0x4000, "SCROLLABLE", lambda n, v: n.view.scrollable == bool(v)),
    "enabled": (0x8000, "ENABLED", lambda n, v: n.view.enabled == bool(v)),
    "focusable": (0x010000, "FOCUSABLE", lambda n, v: n.view.focusable == bool(v)),
    "focused": (0x020000, "FOCUSED", lambda n, v: n.view.focused == bool(v)),
    "selected": (0x040000, "SELECTED", lambda n, v: n.view.selected == bool(v)),
    "packageName": (0x080000, "PACKAGE_NAME", lambda n, v: n.package == v),
    "packageNameMatches": (0x100000, "PACKAGE_NAME_REGEX", lambda n, v: _fullmatch(v, n.package)),
    "resourceId": (0x200000, "RESOURCE_ID", lambda n, v: n.view.resource_id == v),
    "resourceIdMatches": (0x400000, "RESOURCE_ID_REGEX",
                          lambda n, v: _fullmatch(v, n.view.resource_id)),
    "index": (0x800000, "INDEX", lambda n, v: n.index == v),
}
MASK_INDEX = 0x800000
MASK_INSTANCE = 0x01000000


class InvalidSelector(ValueError):
    pass


def _active(sel: Selector) -> list[tuple[str, Any]]:
    """The (field, value) pairs the mask turns on; uiautomator ignores fields without a bit."""
    if not isinstance(sel, dict):
        raise InvalidSelector(f"selector must be an object, got {type(sel).__name__}")
    mask = int(sel.get("mask", 0))
    return [(name, sel.get(name)) for name, (bit, _, _) in _FIELDS.items() if mask & bit]


def _matches(node: UiNode, fields: list[tuple[str, Any]]) -> bool:
    return all(_FIELDS[name][2](node, value) for name, value in fields)


def _instance(sel: Selector) -> int | None:
    return int(sel.get("instance", 0)) if int(sel.get("mask", 0)) & MASK_INSTANCE else None


def _chain(sel: Selector) -> list[tuple[str, Selector]]:
    kinds = sel.get("childOrSibling") or []
    subs = sel.get("childOrSiblingSelector") or []
    return [(k.lower(), s) for k, s in zip(kinds, subs)]


def uses_ui_selector(sel: Selector) -> bool:
    """Whether the real server resolves `sel` through UiSelector (active window only)."""
    return bool(int(sel.get("mask", 0)) & (MASK_INDEX | MASK_INSTANCE) or _chain(sel))


def find_all(screen: Screen, sel: Selector, active_only: bool | None = None) -> list[UiNode]:
    """Every node `sel` selects, in uiautomator's search order.

    `active_only` defaults to how the real server resolves this selector."""
    if active_only is None:
        active_only = uses_ui_selector(sel)
    candidates = [n for root in window_roots(screen, active_only) for n in root.walk()]
    found = _pick(candidates, sel)
    for kind, sub in _chain(sel):
        scope: list[UiNode] = []
        seen: set[tuple[int, ...]] = set()
        for node in found:
            # childSelector searches below the match, fromParent below the match's parent
            base = node if kind == "child" else (node.parent or node)
            for n in base.walk():
                if n is not base and n.path not in seen:
                    seen.add(n.path)
                    scope.append(n)
        found = _pick(scope, sub)
    return found


def _pick(candidates: list[UiNode], sel: Selector) -> list[UiNode]:
    fields = _active(sel)
    matched = [n for n in candidates if _matches(n, fields)]
    instance = _instance(sel)
    if instance is None:
        return matched
    return matched[instance:instance + 1] if instance >= 0 else []


def describe(sel: Selector) -> str:
    """`sel` the way androidx UiSelector.toString() prints it, e.g. `UiSelector[TEXT=OK]`."""
    parts = [f"{_FIELDS[name][1]}={_java_str(value)}" for name, value in _active(sel)]
    instance = _instance(sel)
    if instance is not None:
        parts.append(f"INSTANCE={instance}")
    for kind, sub in _chain(sel):
        parts.append(f"{'CHILD' if kind == 'child' else 'PARENT'}={describe(sub)}")
    return "UiSelector[" + ", ".join(parts) + "]"


def _java_str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
