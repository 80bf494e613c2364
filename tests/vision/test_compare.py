import cv2

from harness.vision import compare_frames, jumped_away, same_screen

from .drawing import app_screen, dim, photo


def test_countdown_digit_change_is_the_same_screen():
    a = photo(seed=8)
    b = a.copy()
    cv2.putText(a, "3", (980, 150), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 4)
    cv2.putText(b, "2", (980, 150), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 4)
    r = compare_frames(a, b)
    assert r.same and not r.jumped


def test_small_animation_is_the_same_screen():
    a = app_screen(seed=1)
    b = a.copy()
    cv2.circle(b, (540, 1200), 40, (0, 120, 255), -1)  # a spinner frame
    assert same_screen(a, b)


def test_another_page_is_a_jump():
    a = photo(seed=8)
    b = app_screen(seed=2)
    r = compare_frames(a, b)
    assert not r.same and r.jumped
    assert jumped_away(a, b)


def test_a_scrim_fading_in_is_a_change_but_not_a_jump():
    a = app_screen(seed=3)
    r = compare_frames(a, dim(a, 0.5))
    assert not r.same and not r.jumped


def test_different_sizes_are_compared():
    a = app_screen(seed=1)
    assert same_screen(a, cv2.resize(a, (540, 1200), interpolation=cv2.INTER_AREA))
