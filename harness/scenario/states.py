"""Screen states: runs of consecutive frames with no visible change between them.

Analysing every captured frame would cost 30–80 ms each; a screen that does not change needs
one analysis. The test here is deliberately strict (any visible change starts a new state,
a countdown digit included): it decides what to analyse, not whether the screen is "the same"
(that tolerant judgement is `harness.vision.compare`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from ..capture.frames import Frame

#: Grey levels a thumbnail pixel must move to count as changed (JPEG noise stays below 4).
PIXEL_STEP = 10
#: Changed thumbnail pixels (at 1/4 scale) needed to call it a change: a 12 dp glyph is ~60.
MIN_CHANGED = 6


def thumbnail(frame: Frame) -> np.ndarray | None:
    """The frame as a grey image at a quarter of its size, decoded cheaply; None if it does not decode."""
    return cv2.imdecode(np.frombuffer(frame.data, np.uint8), cv2.IMREAD_REDUCED_GRAYSCALE_4)


def changed(a: np.ndarray, b: np.ndarray) -> bool:
    if a.shape != b.shape:
        return True
    return int(np.count_nonzero(cv2.absdiff(a, b) > PIXEL_STEP)) >= MIN_CHANGED


@dataclass(frozen=True)
class ScreenState:
    """Frames showing one unchanged screen; it began between `previous` (the last frame of the
    state before, if any) and `frames[0]`."""

    frames: tuple[Frame, ...]
    previous: Frame | None

    @property
    def first(self) -> Frame:
        return self.frames[0]

    @property
    def last(self) -> Frame:
        return self.frames[-1]

    @property
    def start_ms(self) -> float:
        return self.first.stamp.t_ms

    @property
    def end_ms(self) -> float:
        return self.last.stamp.t_ms

    @property
    def uncertainty_ms(self) -> float:
        """How early the state may have begun before its first frame."""
        return self.start_ms - self.previous.stamp.t_ms if self.previous is not None else 0.0


class StateSplitter:
    """Groups a growing stream of frames into states, taking each frame once: polling a capture
    must not decode every earlier frame's thumbnail again. A frame that does not decode is
    skipped (the capture records its bytes; a later decode in the analysis reports it)."""

    def __init__(self) -> None:
        self._done: list[ScreenState] = []
        self._run: list[Frame] = []
        self._anchor: np.ndarray | None = None
        self._previous: Frame | None = None
        self._last_index = -1

    def feed(self, frames: Sequence[Frame]) -> list[ScreenState]:
        """Every state so far, the last one still open; `frames` may repeat ones fed before."""
        for frame in frames:
            if frame.index <= self._last_index:
                continue
            self._last_index = frame.index
            thumb = thumbnail(frame)
            if thumb is None:
                continue
            if self._anchor is not None and changed(self._anchor, thumb):
                self._done.append(ScreenState(tuple(self._run), self._previous))
                self._previous, self._run, self._anchor = self._run[-1], [], None
            if self._anchor is None:
                self._anchor = thumb
            self._run.append(frame)
        return [*self._done, ScreenState(tuple(self._run), self._previous)] if self._run else list(self._done)


def split_states(frames: Sequence[Frame]) -> list[ScreenState]:
    """Group frames into states (see `StateSplitter`)."""
    return StateSplitter().feed(frames)
