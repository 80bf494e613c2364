"""Bounded retries with exponential backoff for calls that failed on a transient fault (a
stream cut mid-transfer, a uiautomator2 server that died, a slow RPC)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Backoff:
    attempts: int = 3  # calls in all, the first one included
    first_s: float = 0.2
    factor: float = 2.0
    max_s: float = 2.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.first_s < 0 or self.factor < 1 or self.max_s < 0:
            raise ValueError(f"invalid backoff {self}")

    def delays(self) -> Iterator[float]:
        """The pause before each retry (attempts - 1 of them)."""
        delay = self.first_s
        for _ in range(self.attempts - 1):
            yield min(delay, self.max_s)
            delay *= self.factor


def retrying(call: Callable[[], T], backoff: Backoff, transient: Callable[[Exception], bool],
             on_retry: Callable[[int, Exception, float], None]) -> T:
    """`call()`, called again after each pause while it fails with an error `transient` accepts;
    `on_retry(attempt, error, pause_s)` is told before each pause. The last error propagates."""
    delays = backoff.delays()
    attempt = 1
    while True:
        try:
            return call()
        except Exception as e:
            pause = next(delays, None) if transient(e) else None
            if pause is None:
                raise
            on_retry(attempt, e, pause)
            time.sleep(pause)
            attempt += 1
