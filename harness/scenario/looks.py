"""What each screen state showed: the screen analysis of its first frame against the previous
stable state's frame (its reference), fused with a hierarchy dumped while that state was on
screen (never one from another state)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..capture.frames import Frame, FrameDecodeError, Hierarchy
from ..vision import Analysis, CloseControl, Popup, VisionConfig, analyze
from .states import ScreenState, StateSplitter


@dataclass(frozen=True)
class Look:
    state: ScreenState
    analysis: Analysis | None  # None: the state's frame did not decode
    hierarchy: Hierarchy | None
    reference: Frame | None = None  # the previous stable state's last frame, the analysis's reference

    @property
    def frame(self) -> Frame:
        return self.state.first

    @property
    def t_ms(self) -> float:
        return self.state.start_ms

    @property
    def popups(self) -> tuple[Popup, ...]:
        return self.analysis.popups if self.analysis else ()

    @property
    def controls(self) -> tuple[CloseControl, ...]:
        """Close controls that belong to a pop-up (a splash counts as a full-screen one)."""
        return tuple(c for p in self.popups for c in p.close_controls)

    @property
    def window(self) -> Popup | None:
        """The pop-up or splash window on screen, if any."""
        return self.popups[0] if self.popups else None


def hierarchy_within(state: ScreenState, hierarchies: Sequence[Hierarchy]) -> Hierarchy | None:
    """The last hierarchy dumped while `state` was certainly on screen."""
    inside = [h for h in hierarchies if state.start_ms <= h.stamp.t_ms <= state.end_ms]
    return inside[-1] if inside else None


class Looker:
    """Analyses the screen states of one growing frame stream as frames arrive, each state once
    (results are cached by the state's first frame, so calling `looks` again costs only the new
    frames and states; a state first seen without a hierarchy is analysed again once one inside
    it arrives)."""

    def __init__(self, vision: VisionConfig, use_ocr: bool = True) -> None:
        self.vision, self.use_ocr = vision, use_ocr
        self._cache: dict[int, Look] = {}
        self._splitter = StateSplitter()

    def looks(self, frames: Sequence[Frame], hierarchies: Sequence[Hierarchy] = ()) -> list[Look]:
        out = []
        stable: Frame | None = None  # the last frame of the latest stable state so far
        for state in self._splitter.feed(frames):
            hierarchy = hierarchy_within(state, hierarchies)
            cached = self._cache.get(state.first.index)
            if cached is None or (cached.hierarchy is None and hierarchy is not None):
                cached = self._look(state, hierarchy, stable)
                self._cache[state.first.index] = cached
            elif len(cached.state.frames) != len(state.frames):  # same start, more frames: keep the analysis
                cached = Look(state, cached.analysis, cached.hierarchy, cached.reference)
                self._cache[state.first.index] = cached
            out.append(cached)
            if state.end_ms - state.start_ms >= self.vision.reference_min_stable_ms:
                stable = state.last
        return out

    def _look(self, state: ScreenState, hierarchy: Hierarchy | None, reference: Frame | None) -> Look:
        """Analyse the state's first frame against the previous stable state's last frame: time is
        evidence (a pop-up is what appeared over it; unchanged layout is none)."""
        try:
            image = state.first.image()
        except FrameDecodeError:
            return Look(state, None, hierarchy)
        before = None
        if reference is not None:
            try:
                before = reference.image()
            except FrameDecodeError:
                reference = None  # analysed on its own frame alone
        return Look(state, analyze(image, hierarchy.xml if hierarchy else None, before, cfg=self.vision,
                                   use_ocr=self.use_ocr), hierarchy, reference)
