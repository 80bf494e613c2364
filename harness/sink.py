"""The small interface frames and events are streamed to (the evidence bundle implements it)."""

from __future__ import annotations

from typing import Any, Protocol

from .clock import Stamp


class EvidenceSink(Protocol):
    def write_bytes(self, relpath: str, data: bytes) -> None: ...

    def event(self, kind: str, **fields: Any) -> None: ...


def emit(sink: EvidenceSink | None, kind: str, stamp: Stamp | None, **fields: Any) -> bool:
    """One event with its stamp's fields; False when the sink refused it, so the caller can
    count the loss (an evidence failure must not stop an observation thread)."""
    if sink is None:
        return True
    times = {} if stamp is None else {"t_ms": stamp.t_ms, "since_launch_ms": stamp.since_launch_ms,
                                      "wall": stamp.wall}
    try:
        sink.event(kind, **times, **fields)
        return True
    except Exception:  # whatever the sink raises, the caller records it as a sink failure
        return False
