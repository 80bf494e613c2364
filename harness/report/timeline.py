"""A test's events as a timeline, and the key frames placed on it: pure functions of the
decoded `events.jsonl` lines and `annotations.json` entries (no files are read here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .models import Annotation, KeyFrame, Point, TimelineEvent

Event = dict[str, Any]

PER_FRAME = ("frame", "hierarchy")  # one per capture tick: counted, not listed
ACTIONS = ("launch", "tap", "key", "shake")
MAX_ACTIONS = 10  # automatic key frames: the frame before each of the first actions
_STAMPS = ("kind", "mono_ms", "wall", "t_ms", "since_launch_ms")


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def origin_ms(events: Sequence[Event]) -> float | None:
    """The earliest `mono_ms`: offsets count from it (stamped observations may precede the
    line before them, so the first line is not always the earliest)."""
    stamps = [m for m in (_number(e.get("mono_ms")) for e in events) if m is not None]
    return min(stamps, default=None)


def _offset(event: Event, origin: float | None) -> float | None:
    mono = _number(event.get("mono_ms"))
    return None if mono is None or origin is None else round(mono - origin, 3)


def timeline(events: Sequence[Event], origin: float | None) -> tuple[TimelineEvent, ...]:
    rows = [TimelineEvent(kind=e["kind"], offset_ms=_offset(e, origin), since_launch_ms=_number(e.get("since_launch_ms")),
                          wall=e["wall"] if isinstance(e.get("wall"), str) else None,
                          details={k: v for k, v in e.items() if k not in _STAMPS})
            for e in events if e["kind"] not in PER_FRAME]
    return tuple(sorted(rows, key=lambda r: (r.offset_ms is None, r.offset_ms or 0.0)))


def frames(events: Sequence[Event]) -> list[Event]:
    """Frame events that name their file, in time order."""
    found = [e for e in events if e["kind"] == "frame" and isinstance(e.get("path"), str)
             and _number(e.get("mono_ms")) is not None]
    return sorted(found, key=lambda e: e["mono_ms"])


def place(annotation: Annotation, frame_events: Sequence[Event], events: Sequence[Event],
          origin: float | None) -> KeyFrame:
    """A scenario's key frame on the timeline: by its frame event when the image is a captured
    frame, else by its `t_ms` (the session clock, which stamped events relate to `mono_ms`)."""
    offset = next((_offset(f, origin) for f in frame_events if f["path"] == annotation.image), None)
    if offset is None and annotation.t_ms is not None and origin is not None:
        stamped = next((e for e in events if _number(e.get("t_ms")) is not None
                        and _number(e.get("mono_ms")) is not None), None)
        if stamped is not None:
            offset = round(annotation.t_ms + stamped["mono_ms"] - stamped["t_ms"] - origin, 3)
    return KeyFrame(**annotation.model_dump(), origin="annotations", offset_ms=offset)


def _describe(action: Event) -> tuple[str, tuple[Point, ...]]:
    kind = action["kind"]
    x, y = _number(action.get("x")), _number(action.get("y"))
    if kind == "tap" and x is not None and y is not None:
        return f"before tap ({x:g}, {y:g})", (Point(x=x, y=y, label="tap"),)
    if kind == "launch":
        return f"before launch of {action.get('package', '?')}", ()
    if kind == "key":
        return f"before key {action.get('key', '?')}", ()
    return f"before {kind}", ()


def automatic(frame_events: Sequence[Event], events: Sequence[Event], origin: float | None) -> tuple[KeyFrame, ...]:
    """The report's own pick when a scenario chose none: the first frame, the frame on screen
    just before each action (a tap drawn where it landed), and the last frame."""
    if not frame_events:
        return ()
    picks: dict[str, tuple[Event, list[str], list[Point]]] = {}

    def pick(frame: Event, title: str, points: tuple[Point, ...] = ()) -> None:
        entry = picks.setdefault(frame["path"], (frame, [], []))
        entry[1].append(title)
        entry[2].extend(points)

    pick(frame_events[0], "first frame")
    actions = sorted((e for e in events if e["kind"] in ACTIONS and _number(e.get("mono_ms")) is not None),
                     key=lambda e: e["mono_ms"])
    for action in actions[:MAX_ACTIONS]:
        before = [f for f in frame_events if f["mono_ms"] <= action["mono_ms"]]
        if before:
            pick(before[-1], *_describe(action))
    pick(frame_events[-1], "last frame")
    return tuple(
        KeyFrame(image=path, title=" · ".join(titles), t_ms=_number(frame.get("t_ms")),
                 since_launch_ms=_number(frame.get("since_launch_ms")), points=tuple(points), origin="automatic",
                 offset_ms=_offset(frame, origin))
        for path, (frame, titles, points) in sorted(picks.items(), key=lambda kv: kv[1][0]["mono_ms"]))
