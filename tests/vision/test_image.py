"""The image helpers that stand in for slower equivalents give the same results: grey_percentiles
is numpy's percentile read from a histogram, sparse_components the components of the whole mask."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from harness.vision.image import components, grey_percentiles, sparse_components

QS = st.lists(st.one_of(st.sampled_from([0.0, 5.0, 50.0, 60.0, 95.0, 98.0, 99.9, 100.0]),
                        st.floats(0, 100, allow_nan=False)), min_size=1, max_size=4)


@settings(max_examples=200, deadline=None)
@given(img=arrays(np.uint8, st.tuples(st.integers(1, 30), st.integers(1, 30))), qs=QS, data=st.data())
def test_equals_numpy_percentile(img, qs, data):
    mask = None
    if data.draw(st.booleans()):
        mask = data.draw(arrays(np.uint8, img.shape, elements=st.integers(0, 1)))
        if not mask.any():
            mask[0, 0] = 1
    vals = img if mask is None else img[mask > 0]
    assert grey_percentiles(img, qs, mask) == [float(v) for v in np.percentile(vals, qs)]


def test_median_of_a_strided_view():
    img = np.random.default_rng(0).integers(0, 256, (60, 40), dtype=np.uint8)
    view = img[3:50:2, 5:30]  # every other row, as callers sample
    assert grey_percentiles(view, (50,)) == [float(np.median(view))]


def test_no_pixels_is_an_error():
    with pytest.raises(ValueError, match="no pixels"):
        grey_percentiles(np.zeros((4, 4), np.uint8), (50,), np.zeros((4, 4), np.uint8))


@settings(max_examples=100, deadline=None)
@given(data=st.data(), h=st.integers(1, 40), w=st.integers(1, 30))
def test_sparse_components_are_the_components(data, h, w):
    # strokes on a few rows, the rest empty (runs of empty rows at the top, between, at the bottom)
    mask = np.zeros((h, w), np.uint8)
    for r in data.draw(st.lists(st.integers(0, h - 1), max_size=h)):
        mask[r] = data.draw(arrays(np.uint8, w, elements=st.integers(0, 1)))
    n, labels, stats = components(mask)
    n2, labels2, stats2, rows = sparse_components(mask)
    assert n2 == n and (stats2[1:] == stats[1:]).all()
    assert (labels2 == labels[rows]).all()  # numbered alike, in raster order
    assert not np.delete(mask, rows, axis=0).any()  # only empty rows were left out
