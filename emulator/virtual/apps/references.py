"""Cross-references pydantic cannot check field by field: every action names a screen, an
overlay, a view or a permission that the app defines."""

from __future__ import annotations

from collections.abc import Iterator

from .schema import Action, AppSpec, Surface, ViewSpec
from .yaml_source import Loc


def problems(app: AppSpec) -> Iterator[tuple[Loc, str]]:
    """(location, message) for each dangling reference, in file order."""
    if app.start not in app.screens:
        yield ("start",), f"no screen named {app.start!r}"
    view_ids: dict[str, Loc] = {}
    for loc, view in _views(app):
        if view.id is not None:
            if view.id in view_ids:
                yield loc + ("id",), f"view id {view.id!r} is used twice"
            view_ids.setdefault(view.id, loc)
    for loc, action in _actions(app):
        kind = action.kind
        target = getattr(action, kind)
        if kind in ("go", "open") and target not in app.screens:
            yield loc + (kind,), f"no screen named {target!r}"
        elif kind in ("popup", "dismiss") and target not in app.overlays:
            yield loc + (kind,), f"no overlay named {target!r}"
        elif kind in ("show", "hide") and target not in view_ids:
            yield loc + (kind,), f"no view with id {target!r}"
        elif kind == "request":
            for i, perm in enumerate(target.permissions):
                if perm not in app.permissions:
                    yield loc + (kind, "permissions", i), f"{perm} is not in the app's permissions"


def _surfaces(app: AppSpec) -> Iterator[tuple[Loc, Surface]]:
    for name, screen in app.screens.items():
        yield ("screens", name), screen
    for name, overlay in app.overlays.items():
        yield ("overlays", name), overlay


def _views(app: AppSpec) -> Iterator[tuple[Loc, ViewSpec]]:
    def walk(loc: Loc, views: list[ViewSpec]) -> Iterator[tuple[Loc, ViewSpec]]:
        for i, view in enumerate(views):
            yield loc + (i,), view
            yield from walk(loc + (i, "children"), view.children)
    for loc, surface in _surfaces(app):
        yield from walk(loc + ("views",), surface.views)


def _actions(app: AppSpec) -> Iterator[tuple[Loc, Action]]:
    def walk(loc: Loc, actions: list[Action]) -> Iterator[tuple[Loc, Action]]:
        for i, action in enumerate(actions):
            yield loc + (i,), action
            if action.later is not None:
                yield from walk(loc + (i, "later", "do"), action.later.do)
            if action.request is not None:
                yield from walk(loc + (i, "request", "on_granted"), action.request.on_granted)
                yield from walk(loc + (i, "request", "on_denied"), action.request.on_denied)
    for loc, surface in _surfaces(app):
        for field in ("on_enter", "on_tap", "on_back"):
            yield from walk(loc + (field,), getattr(surface, field))
        for i, timer in enumerate(surface.timers):
            yield from walk(loc + ("timers", i, "do"), timer.do)
        shake = getattr(surface, "shake", None)
        if shake is not None:
            yield from walk(loc + ("shake", "do"), shake.do)
    for loc, view in _views(app):
        yield from walk(loc + ("on_tap",), view.on_tap)
