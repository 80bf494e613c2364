"""Polling with a deadline that ends in a typed error instead of a silent False."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from .errors import WaitTimeout

T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout: float, interval: float = 0.05, what: str = "condition") -> T:
    """The first truthy value of `predicate()`, polled every `interval` s; WaitTimeout after
    `timeout` s (it is asked once more at the deadline so a slow poll cannot miss it)."""
    if timeout < 0 or interval <= 0:
        raise ValueError(f"wait_until needs timeout >= 0 and interval > 0, got {timeout}, {interval}")
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise WaitTimeout(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(min(interval, remaining))
