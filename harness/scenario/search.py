"""Searching for the weakest stimulus that triggers a reaction (a tap delay that closes a
splash, a shake that makes an app jump), assuming the reaction is monotonic in the stimulus.

Pure logic over a `probe(value) -> bool` callable, so it can be tested without a device.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bracket:
    """`below` is the largest value seen not to trigger, `at` the smallest seen to trigger
    (None when no such probe was made); the threshold lies in (below, at]."""

    below: float | None
    at: float | None
    probes: tuple[tuple[float, bool], ...]

    @property
    def width(self) -> float | None:
        return None if self.below is None or self.at is None else self.at - self.below

    @property
    def consistent(self) -> bool:
        """False when probes disagree (something triggered below a value that did not)."""
        return self.below is None or self.at is None or self.below <= self.at

    def add(self, value: float, triggered: bool) -> Bracket:
        below, at = self.below, self.at
        if triggered:
            at = value if at is None else min(at, value)
        else:
            below = value if below is None else max(below, value)
        return Bracket(below, at, (*self.probes, (value, triggered)))


def bisect(probe: Callable[[float], bool], low: float, high: float, resolution: float,
           start: Bracket | None = None, max_probes: int = 12) -> Bracket:
    """Narrow the threshold in [low, high] to `resolution`: probe `high` first (nothing to find
    if it does not trigger), then halve. `start` carries probes already made."""
    if resolution <= 0 or high < low:
        raise ValueError(f"bisect needs low <= high and resolution > 0, got {low}, {high}, {resolution}")
    bracket = start or Bracket(None, None, ())
    if bracket.at is None:
        bracket = bracket.add(high, probe(high))
        if bracket.at is None:
            return bracket
    while len(bracket.probes) < max_probes:
        below = low if bracket.below is None else bracket.below
        assert bracket.at is not None
        if bracket.at - below <= resolution:
            break
        middle = (below + bracket.at) / 2
        bracket = bracket.add(middle, probe(middle))
    return bracket
