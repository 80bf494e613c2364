"""The drawn extent of a button around its label."""

from __future__ import annotations

import cv2
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.vision.extent import button_extent


def _screen(bg: int = 200) -> np.ndarray:
    return np.full((600, 400), bg, np.uint8)


def _label(img: np.ndarray, x: int, y: int, colour: int) -> tuple[int, int, int, int]:
    cv2.putText(img, "Skip", (x, y + 20), cv2.FONT_HERSHEY_SIMPLEX, 0.7, colour, 2)
    return x, y, 52, 22


def test_a_pill_around_the_label_is_the_extent():
    img = _screen()
    cv2.rectangle(img, (100, 100), (267, 183), 40, -1)  # a 168 x 84 px button
    cv2.circle(img, (100, 141), 42, 40, -1)  # rounded ends widen it
    label = _label(img, 150, 130, 255)
    x, y, w, h = button_extent(img, label, 200, 60)
    assert (abs(x - 58) <= 1, abs(y - 99) <= 1, abs(w - 210) <= 2, abs(h - 85) <= 2) == (True,) * 4


def test_text_on_an_open_page_has_no_button():
    img = _screen()
    assert button_extent(img, _label(img, 150, 130, 30), 60, 30) is None


def test_a_button_larger_than_the_largest_padding_is_no_button():
    img = _screen()
    cv2.rectangle(img, (20, 20), (380, 400), 40, -1)
    assert button_extent(img, _label(img, 150, 130, 255), 40, 20) is None


@settings(max_examples=40, deadline=None)
@given(w=st.integers(30, 150), h=st.integers(16, 80), fill=st.sampled_from([0, 60, 120]), bg=st.sampled_from([200, 255]))
def test_any_flat_box_around_a_label_is_measured_to_its_size(w, h, fill, bg):
    img = _screen(bg)
    cv2.rectangle(img, (100, 200), (100 + w - 1, 200 + h - 1), fill, -1)
    label = (100 + w // 4, 200 + h // 4, max(2, w // 2), max(2, h // 2))
    img[label[1] + label[3] // 2, label[0]:label[0] + label[2] // 2] = 255 - fill  # a stroke of the label
    assert button_extent(img, label, 160, 90) == (100, 200, w, h)
