"""Key frames for the report: which frame, when, and what was found or tapped on it.

Each key frame's image is copied into the test's own evidence (`keyframes/`), so the test's
manifest covers it even when the frame was captured elsewhere (the shared launch profile). The
list is written once to `annotations.json` when the test ends, whatever its outcome (evidence
is never rewritten); boxes and points are in pixels of the frame.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from ..capture import Frame
from ..sink import EvidenceSink
from ..vision import Box

ANNOTATIONS = "annotations.json"


class Mark(BaseModel):
    bbox: tuple[int, int, int, int]
    label: str
    kind: Literal["popup", "close_control", "hierarchy", "other"]


class Point(BaseModel):
    x: float
    y: float
    label: str
    outcome: Literal["stayed", "jumped", "closed", "left", "other"]


class KeyFrame(BaseModel):
    image: str
    title: str
    t_ms: float | None
    since_launch_ms: float | None
    boxes: list[Mark] = []
    points: list[Point] = []


class Annotations:
    def __init__(self, sink: EvidenceSink | None) -> None:
        self.sink = sink
        self.frames: list[KeyFrame] = []

    def add(self, frame: Frame, title: str, boxes: list[Mark] = (), points: list[Point] = (),
            launched_ms: float | None = None) -> None:
        since = frame.stamp.t_ms - launched_ms if launched_ms is not None else frame.stamp.since_launch_ms
        path = f"keyframes/{len(self.frames) + 1:02d}.{frame.extension}"
        if self.sink is not None:
            self.sink.write_bytes(path, frame.data)
        self.frames.append(KeyFrame(image=path, title=title, t_ms=frame.stamp.t_ms, since_launch_ms=since,
                                    boxes=list(boxes), points=list(points)))

    def write(self) -> None:
        if self.sink is not None and self.frames:
            self.sink.write_bytes(ANNOTATIONS, ("[" + ",\n".join(k.model_dump_json() for k in self.frames)
                                                + "]\n").encode())


def mark(box: Box, label: str, kind: Literal["popup", "close_control", "hierarchy", "other"]) -> Mark:
    return Mark(bbox=tuple(int(v) for v in box), label=label, kind=kind)
