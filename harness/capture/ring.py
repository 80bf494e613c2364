"""A ring buffer bounded by item count and by bytes; what it evicts is counted."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class RingBuffer(Generic[T]):
    def __init__(self, max_items: int, max_bytes: int, size: Callable[[T], int]) -> None:
        if max_items < 1 or max_bytes < 1:
            raise ValueError(f"ring buffer bounds must be positive, got {max_items} items, {max_bytes} bytes")
        self.max_items, self.max_bytes, self._size = max_items, max_bytes, size
        self._items: deque[T] = deque()
        self.nbytes = 0
        self.evicted = 0

    def append(self, item: T) -> None:
        self._items.append(item)
        self.nbytes += self._size(item)
        # the newest item always stays, even when it alone exceeds max_bytes
        while len(self._items) > 1 and (len(self._items) > self.max_items or self.nbytes > self.max_bytes):
            self.nbytes -= self._size(self._items.popleft())
            self.evicted += 1

    def items(self) -> list[T]:
        return list(self._items)

    def __len__(self) -> int:
        return len(self._items)
