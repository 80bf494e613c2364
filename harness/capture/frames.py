"""What the capture loop records: frames (encoded bytes, decoded only when asked),
hierarchy snapshots and drops, each stamped on the shared clock."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..clock import Stamp
from ..encoded import image_size


class FrameDecodeError(ValueError):
    pass


@dataclass(frozen=True)
class Frame:
    """One screenshot. `stamp` is the midpoint of its request, the best estimate of the
    instant the device read its screen; `latency_ms` is the request's round trip."""

    index: int
    stamp: Stamp
    latency_ms: float
    data: bytes
    format: str  # "jpeg" or "png"
    source: str  # which path produced it: "uiautomator2" or "screencap"

    @property
    def nbytes(self) -> int:
        return len(self.data)

    @property
    def extension(self) -> str:
        return "jpg" if self.format == "jpeg" else self.format

    def image(self) -> np.ndarray:
        """The frame decoded as a BGR array (decoded on each call: frames keep only bytes)."""
        try:
            image_size(self.data)  # a giant or broken image is refused before any decode
        except ValueError as e:
            raise FrameDecodeError(f"frame {self.index}: {e}") from None
        img = cv2.imdecode(np.frombuffer(self.data, np.uint8), cv2.IMREAD_COLOR)
        if img is None:
            raise FrameDecodeError(f"frame {self.index} ({self.format}, {self.nbytes} bytes) does not decode")
        return img


@dataclass(frozen=True)
class Hierarchy:
    index: int
    stamp: Stamp
    latency_ms: float
    xml: str

    @property
    def nbytes(self) -> int:
        return len(self.xml)


@dataclass(frozen=True)
class Drop:
    """Frames the loop did not get: `count` ticks missed because it fell behind, or one
    failed screenshot (`reason` says which)."""

    stamp: Stamp
    count: int
    reason: str
