"""Consent and auto-renewal boxes drawn with no node, read from looked-at screen states."""

from __future__ import annotations

import cv2
import numpy as np

from harness.capture import Frame
from harness.clock import Stamp
from harness.scenario.consent import all_boxes, drawn_boxes
from harness.scenario.looks import Look
from harness.scenario.states import ScreenState

P = 420 / 160


def _look(image: np.ndarray, t_ms: float, index: int = 0) -> Look:
    data = cv2.imencode(".png", image)[1].tobytes()
    frame = Frame(index, Stamp(t_ms, t_ms, 0.0), 5.0, data, "png", "test")
    return Look(ScreenState((frame,), None), None, None)


def _page(ticked: bool) -> np.ndarray:
    img = np.full((2400, 1080, 3), 250, np.uint8)
    x, y, s = int(24 * P), int(300 * P), int(18 * P)
    if ticked:
        cv2.rectangle(img, (x, y), (x + s, y + s), (255, 122, 0), -1)
        pts = np.array([(x + 0.22 * s, y + 0.52 * s), (x + 0.42 * s, y + 0.72 * s), (x + 0.78 * s, y + 0.3 * s)], np.int32)
        cv2.polylines(img, [pts], False, (255, 255, 255), max(2, s // 8), cv2.LINE_AA)
    else:
        cv2.rectangle(img, (x, y), (x + s, y + s), (120, 120, 120), max(2, s // 9))
    cv2.putText(img, "I have read and agree", (x + s + int(8 * P), y + s - 8), cv2.FONT_HERSHEY_SIMPLEX, 1.3,
                (40, 40, 40), 3)
    return img


def _reader(images):
    return [("我已阅读并同意《隐私政策》", 0.95) for _ in images]


def test_a_drawn_box_counts_as_first_shown():
    looks = [_look(_page(True), 1000.0), _look(_page(False), 2000.0, 1)]  # ticked first, cleared later
    boxes = drawn_boxes(looks, 420, recognize=_reader)
    assert len(boxes) == 1
    box = boxes[0]
    assert box.topic == "consent" and box.checked_when_first_shown and box.source == "pixels"
    assert box.seen_t_ms == 1000.0 and "drawn with no node" in box.describe()


def test_hierarchy_boxes_are_read_and_drawn_boxes_without_consent_words_ignored():
    xml = """<hierarchy><node package="p" class="android.widget.CheckBox" checkable="true" checked="false"
      text="我已阅读并同意《隐私政策》" bounds="[40,780][900,860]"/></hierarchy>"""
    boxes = all_boxes([xml], [], "p", 420)
    assert [b.source for b in boxes] == ["hierarchy"]
    assert drawn_boxes([_look(_page(False), 0.0)], 420, recognize=lambda images: [("Settings", 0.9)] * len(images)) == []
