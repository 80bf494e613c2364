"""Timed frame capture: a background loop of stamped frames and hierarchies in bounded
buffers, streamed to an evidence sink, with every dropped frame recorded.

    from harness.capture import FrameCapture, CaptureConfig
    with FrameCapture.for_session(session, CaptureConfig(fps=25), sink) as cap:
        session.cold_launch("com.example")
        ...
    print(cap.stats())
"""

from ..sink import EvidenceSink
from .change import Change, first_change, region_difference
from .frames import Drop, Frame, FrameDecodeError, Hierarchy
from .loop import CaptureConfig, CaptureStats, FrameCapture, IntervalStats
from .pacing import Pacer
from .ring import RingBuffer
from .sources import DeviceHierarchy, DeviceScreen, HierarchySource, ScreenshotFailed, ScreenSource

__all__ = [
    "CaptureConfig", "CaptureStats", "Change", "DeviceHierarchy", "DeviceScreen", "Drop", "EvidenceSink", "Frame",
    "FrameCapture", "FrameDecodeError", "Hierarchy", "HierarchySource", "IntervalStats", "Pacer", "RingBuffer",
    "ScreenSource", "ScreenshotFailed", "first_change", "region_difference",
]
