"""The small interface frames and events are streamed to (the evidence bundle implements it)."""

from __future__ import annotations

from typing import Any, Protocol

from .clock import Stamp, iso_wall


class EvidenceSink(Protocol):
    def write_bytes(self, relpath: str, data: bytes) -> None: ...

    def event(self, kind: str, **fields: Any) -> None: ...


def emit(sink: EvidenceSink | None, kind: str, stamp: Stamp | None, **fields: Any) -> bool:
    """One event with its stamp's fields; False when the sink refused it, so the caller can
    count the loss (an evidence failure must not stop an observation thread)."""
    if sink is None:
        return True
    # The bundle stamps every event with `mono_ms` and an ISO `wall`; a stamped observation
    # overrides both with its own instant, in the same units, so the timeline has one axis.
    times = {} if stamp is None else {"mono_ms": round(stamp.mono_ms, 3), "wall": iso_wall(stamp.wall),
                                      "t_ms": stamp.t_ms, "since_launch_ms": stamp.since_launch_ms}
    try:
        sink.event(kind, **times, **fields)
        return True
    except Exception:  # whatever the sink raises, the caller records it as a sink failure
        return False


class Prefixed:
    """A sink that files everything under `prefix` (e.g. one folder per trial of a test) and
    tags its events with `tags`, so several captures can share one evidence folder."""

    def __init__(self, sink: EvidenceSink, prefix: str, **tags: Any) -> None:
        self.sink, self.prefix, self.tags = sink, prefix, tags

    def write_bytes(self, relpath: str, data: bytes) -> None:
        self.sink.write_bytes(self.prefix + relpath, data)

    def event(self, kind: str, **fields: Any) -> None:
        if "path" in fields and isinstance(fields["path"], str):
            fields["path"] = self.prefix + fields["path"]
        self.sink.event(kind, **self.tags, **fields)
