"""Hostile output from the device under test: hierarchy XML with entity declarations or huge
depth, app texts with markup, giant screenshots and hierarchies. The harness parses them safely
(no entity expansion) and stays bounded in memory."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest

from harness.capture import CaptureConfig, FrameCapture, FrameDecodeError
from harness.capture.frames import Frame
from harness.clock import Clock
from harness.hierarchy import MAX_BYTES, HierarchyError, parse_nodes
from harness.probes import find_permission_dialog

from ..harness.test_capture import MemorySink, _jpeg
from .test_commands_input import giant_png

LAUGHS = ('<?xml version="1.0"?><!DOCTYPE h [<!ENTITY a "' + "x" * 100 + '">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
          + ']><hierarchy><node text="&i;"/></hierarchy>')  # 10^8 x 100 bytes if expanded


def peak_mb(call: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        call()
    except Exception:  # the call's outcome is asserted by the caller; here only its memory
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


@pytest.mark.parametrize("parse", [parse_nodes, find_permission_dialog])
def test_entity_declarations_are_refused_without_expansion(parse):
    with pytest.raises(HierarchyError, match="DTD|entit"):
        parse(LAUGHS)
    assert peak_mb(lambda: parse(LAUGHS)) < 2
    external = '<!DOCTYPE h [<!ENTITY x SYSTEM "file:///etc/passwd">]><hierarchy><node text="&x;"/></hierarchy>'
    with pytest.raises(HierarchyError):
        parse(external)


def test_huge_depth_is_an_error_not_a_recursion_and_stays_small():
    deep = "<hierarchy>" + '<node text="x">' * 100_000 + "</node>" * 100_000 + "</hierarchy>"
    with pytest.raises(HierarchyError, match="nests deeper than"):
        parse_nodes(deep)
    assert peak_mb(lambda: parse_nodes(deep)) < 200


def test_app_texts_with_markup_stay_text():
    xml = ('<hierarchy><node package="com.x" text="&lt;b&gt;免费&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;" '
           'content-desc="&quot;/&gt;&lt;node text=&quot;injected" bounds="[0,0][10,10]"/></hierarchy>')
    [node] = parse_nodes(xml)
    assert node.text == "<b>免费</b><script>alert(1)</script>"
    assert node.content_desc == '"/><node text="injected'


class GiantScreen:
    """A device whose screenshots claim 100000x100000 pixels."""

    def grab(self) -> tuple[bytes, str, str]:
        return giant_png(), "png", "fake"


class GiantHierarchy:
    def dump(self) -> str:
        return "<hierarchy>" + " " * MAX_BYTES + "</hierarchy>"


def test_giant_screenshots_and_hierarchies_are_dropped_not_decoded_or_kept():
    sink = MemorySink()
    cap = FrameCapture(GiantScreen(), Clock(), CaptureConfig(fps=50, max_failures=3, hierarchy_interval_s=0.05),
                       GiantHierarchy(), sink)

    def run() -> None:
        cap.start()
        cap.wait_frames(1, 2)
        cap.stop()

    assert peak_mb(run) < 4 * MAX_BYTES / 2**20  # a few dumps in flight, none kept
    stats = cap.stats()
    assert stats.state == "error" and stats.frames == 0 and stats.failed == 3
    assert "image of 100000x100000 pixels exceeds" in stats.error
    assert stats.hierarchies == 0 and stats.hierarchy_failures >= 1 and not cap.hierarchies()
    assert "exceeds" in sink.kinds("hierarchy_failed")[0]["error"]


def test_a_giant_frame_is_refused_before_any_decode():
    frame = Frame(0, Clock().now(), 1.0, giant_png(), "png", "fake")
    with pytest.raises(FrameDecodeError, match="frame 0: image of 100000x100000 pixels exceeds"):
        frame.image()
    assert peak_mb(frame.image) < 2
    assert Frame(1, Clock().now(), 1.0, _jpeg(9), "jpeg", "fake").image().shape == (40, 20, 3)
