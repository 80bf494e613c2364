"""Configuration: defaults with their sources, file → environment → options precedence, and
one-line errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.config import ConfigError, HarnessConfig, load_config


def test_defaults_carry_the_reference_numbers_and_their_sources():
    c = HarnessConfig()
    assert (c.shake_accel_ms2, c.shake_rotation_deg, c.shake_duration_s) == (15, 35, 3)
    assert c.close_delay_limit_ms == 3000 and c.close_min_size_dp == 48
    settings = {s.key: s for s in c.settings()}
    assert "T/TAF 078.7" in settings["shake_accel_ms2"].source
    assert settings["close_delay_limit_ms"].origin == "default"
    assert all(s.source and s.description for s in settings.values())


def test_file_then_environment_then_options(tmp_path: Path):
    (tmp_path / "harness.toml").write_text("shake_accel_ms2 = 12\ncapture_fps = 25\nclose_min_size_dp = 40\n")
    c = load_config(tmp_path, env={"HARNESS_CAPTURE_FPS": "30", "HARNESS_CLOSE_MIN_SIZE_DP": "44", "PATH": "/bin"},
                    options=["close_min_size_dp=46"])
    assert (c.shake_accel_ms2, c.capture_fps, c.close_min_size_dp) == (12, 30, 46)
    origins = {s.key: (s.origin, s.where) for s in c.settings()}
    assert origins["shake_accel_ms2"] == ("file", str(tmp_path / "harness.toml"))
    assert origins["capture_fps"] == ("env", "HARNESS_CAPTURE_FPS")
    assert origins["close_min_size_dp"] == ("option", "--harness-set")
    assert origins["shake_rotation_deg"] == ("default", "built-in")


def test_pyproject_tool_harness_table(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n[tool.harness]\npopups_per_minute = 1\n")
    c = load_config(tmp_path, env={})
    assert c.popups_per_minute == 1 and c.origin_of("popups_per_minute")[1].endswith("[tool.harness]")


@pytest.mark.parametrize("toml, env, options, message", [
    ("shake_acel = 3\n", {}, [], "harness.toml: shake_acel: unknown setting"),
    ("", {"HARNESS_NOPE": "1"}, [], "environment: HARNESS_NOPE: unknown setting"),
    ("close_delay_limit_ms = -5\n", {}, [], "harness.toml: close_delay_limit_ms: Input should be greater than or equal to 0"),
    ("", {"HARNESS_OBSERVE_S": "soon"}, [], "HARNESS_OBSERVE_S: observe_s: Input should be a valid number"),
    ("", {}, ["connect_timeout_s=-1"], "--harness-set: connect_timeout_s: Input should be greater than 0"),
    ("", {}, ["close_min_size_edge_dp=60"], "--harness-set: close_min_size_edge_dp: larger than close_min_size_dp"),
    ("capture_fps = 10\n", {}, ["hierarchy_interval_ms=50"], "--harness-set: hierarchy_interval_ms: shorter than one frame"),
    ("", {}, ["shake_frequency_hz=20"], "--harness-set: shake_frequency_hz: a shake at 20 Hz needs"),
    ("", {}, ["shake_rate_hz=30"], "shake_rate_hz: Input should be greater than or equal to 50"),
    ("", {}, ["novalue"], "--harness-set 'novalue': expected KEY=VALUE"),
    ("x = [\n", {}, [], "harness.toml: not valid TOML"),
])
def test_bad_values_are_one_line_errors_naming_the_key(tmp_path, toml, env, options, message):
    (tmp_path / "harness.toml").write_text(toml)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path, env=env, options=options)
    text = str(info.value)
    assert "\n" not in text and message in text


def test_explicit_file_wins_and_a_missing_one_is_an_error(tmp_path):
    (tmp_path / "harness.toml").write_text("capture_fps = 25\n")
    other = tmp_path / "ci.toml"
    other.write_text("capture_fps = 30\n")
    assert load_config(tmp_path, config_file=other, env={}).capture_fps == 30
    with pytest.raises(ConfigError, match="cannot read configuration"):
        load_config(tmp_path, config_file=tmp_path / "absent.toml", env={})
