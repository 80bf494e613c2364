"""Which feature a permission request belongs to, and which groups that feature plausibly needs."""

from __future__ import annotations

import pytest

from harness.scenario.permissions import FEATURE_GROUPS, FeatureMapError, _feature, load_feature_map, plausible_groups

G = "android.permission-group."


def test_a_purpose_screens_go_ahead_belongs_to_the_feature_that_opened_it():
    taps = [("附近门店", []), ("扫一扫", []), ("去授权", ["扫一扫需要使用相机来识别二维码"])]
    feature, words = _feature(taps, [])
    assert feature == "扫一扫 › 去授权" and "扫一扫需要使用相机来识别二维码" in words
    assert plausible_groups(words, FEATURE_GROUPS) == {G + "CAMERA"}
    assert _feature([("拍照识物 Snap", [])], [])[0] == "拍照识物 Snap"
    assert _feature([], ["需要位置权限"]) == (None, ())


def test_groups_a_feature_plausibly_needs():
    assert plausible_groups(("拍照识物 Snap",), FEATURE_GROUPS) == {G + "CAMERA"}
    assert G + "CONTACTS" not in plausible_groups(("拍照识物 Snap",), FEATURE_GROUPS)
    assert plausible_groups(("Video call",), FEATURE_GROUPS) == {G + "CAMERA", G + "MICROPHONE"}
    assert plausible_groups(("开始",), FEATURE_GROUPS) == set()


def test_the_map_can_be_replaced_and_a_bad_file_is_one_line(tmp_path):
    good = tmp_path / "map.toml"
    good.write_text('"开始" = ["android.permission-group.CAMERA"]\n', encoding="utf-8")
    assert plausible_groups(("开始",), load_feature_map(good)) == {G + "CAMERA"}
    assert load_feature_map(None) is FEATURE_GROUPS
    bad = tmp_path / "bad.toml"
    bad.write_text('"开始" = "camera"\n', encoding="utf-8")
    with pytest.raises(FeatureMapError, match="list of permission groups"):
        load_feature_map(bad)
    with pytest.raises(FeatureMapError, match="cannot read"):
        load_feature_map(tmp_path / "missing.toml")
