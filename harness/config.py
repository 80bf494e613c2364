"""Every threshold and timing of the harness in one model, with where each value came from.

Layers, later overriding earlier: defaults (with their reference source) → `harness.toml` or
`[tool.harness]` in pyproject.toml → `HARNESS_<KEY>` environment variables → pytest options.
Bad input raises `ConfigError` with one line naming the key and the layer it came from.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from .reference import (
    ATF_TOUCH_TARGET,
    HARNESS_ISSUE,
    KUAISHOU_CLOSE_DELAY,
    KUAISHOU_INTERSTITIAL,
    PANGLE_SPLASH,
    PROJECT_CHOICE,
    SAMR_NO_RETURN,
    SAMR_ONE_TAP,
    TAF_078_7,
    WCAG_NON_TEXT_CONTRAST,
    WCAG_TARGET_SIZE,
    Source,
)
from .shake.waveform import sampling_problem

Origin = Literal["default", "file", "env", "option"]
ENV_PREFIX = "HARNESS_"
CONFIG_FILE = "harness.toml"


class ConfigError(ValueError):
    """A configuration problem, as one line that names the key and where the value came from."""


def _threshold(default: Any, source: Source, description: str, **constraints: Any) -> Any:
    return Field(default, description=description, json_schema_extra={"source": source.text, "status": source.status},
                 **constraints)


class Setting(BaseModel):
    """One configuration value as a report shows it."""

    model_config = ConfigDict(frozen=True)

    key: str
    value: Any
    origin: Origin
    where: str  # file path, environment variable or option; "built-in" for defaults
    source: str  # the reference behind the default
    description: str


class HarnessConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # --- clause 1.4: splash screens and pop-ups --------------------------------------------
    close_delay_limit_ms: int = _threshold(3000, KUAISHOU_CLOSE_DELAY, "latest a close control may appear after the window (ms)", ge=0)
    close_fail_size_dp: float = _threshold(24.0, WCAG_TARGET_SIZE, "a close control's shorter side below this is not clear: a violation (dp; its clickable node, else its drawn button)", gt=0)
    close_min_size_dp: float = _threshold(48.0, ATF_TOUCH_TARGET, "recommended touch target of a close control, shorter side: below it is advice, never a violation (dp)", gt=0)
    close_min_size_edge_dp: float = _threshold(32.0, ATF_TOUCH_TARGET, "recommended touch target at a screen edge: below it is advice (dp)", gt=0)
    close_effect_tolerance_ms: int = _threshold(500, SAMR_ONE_TAP, "longest a visible close control may ignore taps (ms)", ge=0)
    close_min_contrast: float = _threshold(3.0, WCAG_NON_TEXT_CONTRAST, "lowest contrast ratio of a close control against its background", ge=1)
    popups_per_minute: float = _threshold(2.0, PROJECT_CHOICE, "most pop-ups per minute of use before they count as frequent", gt=0)
    popup_return_watch_s: float = _threshold(12.0, PROJECT_CHOICE, "how long after a pop-up is closed the scenario watches for it to come back (s)", gt=0)
    popup_watch_s: float = _threshold(60.0, KUAISHOU_INTERSTITIAL, "how long after launch the pop-up scenario watches the main screen for pop-ups that come later (s)", gt=0)
    popup_tab_dwell_s: float = _threshold(10.0, PROJECT_CHOICE, "how long the pop-up scenario stays on each first-level screen (tab) it opens (s)", ge=0)
    popup_budget_s: float = _threshold(150.0, PROJECT_CHOICE, "most time the pop-up scenario spends meeting pop-ups on one app, tabs included (s)", gt=0)
    popup_returns_allowed: int = _threshold(0, SAMR_NO_RETURN, "times a closed pop-up may come back while the user stays on the same page", ge=0)
    close_max_taps: int = _threshold(1, SAMR_ONE_TAP, "taps a close needs at most to close one pop-up", ge=1)
    timing_bracket_ms: int = _threshold(100, PROJECT_CHOICE, "a timing (when a control shows, how long taps are ignored) is refined over fresh launches until known within ± this (ms)", gt=0)
    timing_max_launches: int = _threshold(6, PROJECT_CHOICE, "most fresh launches spent refining one timing's bracket", ge=0)
    hotspot_grid_cols: int = _threshold(3, PROJECT_CHOICE, "columns of the tap grid probing for full-screen hotspots", ge=1)
    hotspot_grid_rows: int = _threshold(6, PROJECT_CHOICE, "rows of the tap grid probing for full-screen hotspots", ge=1)
    hotspot_max_clickable_ratio: float = _threshold(0.75, PANGLE_SPLASH, "largest share of the screen that may react to a tap", gt=0, le=1)
    hotspot_min_counted_share: float = _threshold(0.5, PROJECT_CHOICE, "share of the hotspot grid that must be tapped while the window showed, inside it, for a ratio", gt=0, le=1)
    splash_observe_s: float = _threshold(5.0, PROJECT_CHOICE, "how long a first screen that neither leaves nor shows a close control is watched before it counts as no splash (s)", gt=0)
    splash_max_s: float = _threshold(15.0, PROJECT_CHOICE, "longest a splash is watched (s)", gt=0)
    tap_settle_ms: int = _threshold(1000, PROJECT_CHOICE, "wait after a tap before judging where it led (ms)", ge=100)
    search_resolution_ms: int = _threshold(500, PROJECT_CHOICE, "step of the launch-to-tap delay search (ms)", gt=0)
    # --- clause 1.4: shake-to-jump ---------------------------------------------------------
    shake_accel_ms2: float = _threshold(15.0, TAF_078_7, "peak linear acceleration a shake must reach before a jump (m/s²)", gt=0)
    shake_rotation_deg: float = _threshold(35.0, TAF_078_7, "rotation a shake must reach before a jump (degrees)", ge=0)
    shake_duration_s: float = _threshold(3.0, TAF_078_7, "time a shake must last before a jump (s)", gt=0)
    shake_frequency_hz: float = _threshold(2.0, PROJECT_CHOICE, "back-and-forth frequency of an injected shake (Hz)", gt=0)
    shake_rate_hz: float = _threshold(50.0, HARNESS_ISSUE, "sensor samples per second of an injected shake", ge=50)
    shake_shape: Literal["square", "sine"] = _threshold("square", PROJECT_CHOICE, "waveform of an injected shake's acceleration")
    shake_max_lag_ms: float = _threshold(100.0, PROJECT_CHOICE, "latest a shake's sample may reach the device before the shake is played again in a fresh launch (ms): the sensors hold their last value, so a late return to rest lengthens the shake and its turn; 100 ms is under half the search's finest step in time (0.25 s; 2.5° of a 35° turn over 3 s is 214 ms)", gt=0)
    shake_late_retries: int = _threshold(4, PROJECT_CHOICE, "fresh launches tried again for a shake delivered later than shake_max_lag_ms before the scenario ends INCONCLUSIVE", ge=0)
    shake_late_pause_s: float = _threshold(3.0, PROJECT_CHOICE, "pause before a late shake is played again, times the late launches so far (s): the console answers late on a loaded machine, and a pause lets the load pass", ge=0)
    # --- clauses 1.8 and 1.10: permissions ------------------------------------------------
    permission_back_to_back_ms: int = _threshold(2000, PROJECT_CHOICE, "a request this soon after the previous answer, with no user action between, is back to back (ms)", ge=0)
    permission_max_groups_per_feature: int = _threshold(2, PROJECT_CHOICE, "most permission groups one feature may request (a video call needs two: camera and microphone)", ge=1)
    permission_feature_map: Path | None = _threshold(None, PROJECT_CHOICE, "TOML file mapping feature words to the permission groups they plausibly need (word = [group, …]); none: the built-in map of harness/scenario/permissions.py")
    explore_max_taps: int = _threshold(4, PROJECT_CHOICE, "labelled controls the permission scenario taps to start features", ge=0)
    # --- clause 1.6: starts of other apps ---------------------------------------------------
    user_action_window_ms: int = _threshold(2000, PROJECT_CHOICE, "a start of another app this soon after a user action counts as caused by it (ms)", ge=0)
    # --- capture ---------------------------------------------------------------------------
    capture_fps: float = _threshold(20.0, HARNESS_ISSUE, "frames per second the capture aims for", gt=0)
    hierarchy_interval_ms: int = _threshold(500, PROJECT_CHOICE, "time between hierarchy dumps during capture (ms)", gt=0)
    # --- timeouts --------------------------------------------------------------------------
    connect_timeout_s: float = _threshold(20.0, PROJECT_CHOICE, "longest wait for a device to answer (s)", gt=0)
    launch_timeout_s: float = _threshold(10.0, PROJECT_CHOICE, "longest wait for a launched app to reach the foreground (s)", gt=0)
    observe_s: float = _threshold(10.0, PROJECT_CHOICE, "how long a scenario watches the screen after launch (s)", gt=0)
    console_timeout_s: float = _threshold(5.0, PROJECT_CHOICE, "longest wait for an emulator console reply (s)", gt=0)
    # --- emulator console ------------------------------------------------------------------
    console_host: str = _threshold("127.0.0.1", PROJECT_CHOICE, "host of the emulator console")
    console_token_path: Path | None = _threshold(None, PROJECT_CHOICE, "console auth token file; default ~/.emulator_console_auth_token")
    # --- evidence --------------------------------------------------------------------------
    signing_key: Path | None = _threshold(None, PROJECT_CHOICE, "lab private key (made by `harness keygen`) that signs every sealed evidence manifest; none: manifests are not signed")

    _origins: dict[str, tuple[Origin, str]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> HarnessConfig:
        if self.close_fail_size_dp > self.close_min_size_edge_dp:
            raise ValueError("close_fail_size_dp: larger than close_min_size_edge_dp (the violation bar is below the advice)")
        if self.close_min_size_edge_dp > self.close_min_size_dp:
            raise ValueError("close_min_size_edge_dp: larger than close_min_size_dp (an edge allows smaller controls)")
        if self.hierarchy_interval_ms < 1000 / self.capture_fps:
            raise ValueError("hierarchy_interval_ms: shorter than one frame at capture_fps (hierarchies are the slower stream)")
        problem = sampling_problem(self.shake_rate_hz, self.shake_frequency_hz)
        if problem:
            raise ValueError(f"shake_frequency_hz: {problem} (shake_rate_hz is {self.shake_rate_hz:g})")
        return self

    def origin_of(self, key: str) -> tuple[Origin, str]:
        return self._origins.get(key, ("default", "built-in"))

    def source_of(self, key: str) -> str:
        extra = type(self).model_fields[key].json_schema_extra
        return extra["source"] if isinstance(extra, dict) else ""

    def settings(self) -> list[Setting]:
        """Every value with where it came from, in declaration order, for reports."""
        out = []
        for key, field in type(self).model_fields.items():
            origin, where = self.origin_of(key)
            value = getattr(self, key)
            out.append(Setting(key=key, value=str(value) if isinstance(value, Path) else value, origin=origin,
                               where=where, source=self.source_of(key), description=field.description or ""))
        return out


Layer = tuple[Origin, str, Mapping[str, Any]]


def file_layer(root: Path, explicit: Path | None = None) -> Layer | None:
    """The file layer: `explicit`, else `harness.toml` in root, else `[tool.harness]` of root's pyproject.toml."""
    if explicit is not None:
        return ("file", str(explicit), _read_toml(explicit, table=explicit.name == "pyproject.toml"))
    if (root / CONFIG_FILE).is_file():
        return ("file", str(root / CONFIG_FILE), _read_toml(root / CONFIG_FILE, table=False))
    if (root / "pyproject.toml").is_file():
        values = _read_toml(root / "pyproject.toml", table=True)
        return ("file", f"{root / 'pyproject.toml'} [tool.harness]", values) if values else None
    return None


def _read_toml(path: Path, table: bool) -> Mapping[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read configuration: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    if not table:
        return data
    harness = data.get("tool", {}).get("harness", {})
    if not isinstance(harness, dict):
        raise ConfigError(f"{path}: [tool.harness] must be a table")
    return harness


def env_layer(env: Mapping[str, str]) -> Layer:
    values = {name[len(ENV_PREFIX):].lower(): value for name, value in env.items() if name.startswith(ENV_PREFIX)}
    return ("env", "environment", values)


def option_layer(pairs: list[str], where: str = "--harness-set") -> Layer:
    """`KEY=VALUE` strings from the command line."""
    values = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq or not key.strip():
            raise ConfigError(f"{where} {pair!r}: expected KEY=VALUE")
        values[key.strip()] = value.strip()
    return ("option", where, values)


def build_config(layers: list[Layer | None]) -> HarnessConfig:
    """Merge layers (later wins) into one validated config that remembers each value's origin."""
    fields = HarnessConfig.model_fields
    merged: dict[str, Any] = {}
    origins: dict[str, tuple[Origin, str]] = {}
    for layer in filter(None, layers):
        origin, where, values = layer
        for key, value in values.items():
            if key not in fields:
                shown = ENV_PREFIX + key.upper() if origin == "env" else key
                raise ConfigError(f"{where}: {shown}: unknown setting")
            merged[key] = value
            origins[key] = (origin, ENV_PREFIX + key.upper() if origin == "env" else where)
    try:
        config = HarnessConfig.model_validate(merged)
    except ValidationError as e:
        raise ConfigError(_one_line(e, origins)) from None
    config._origins.update(origins)
    return config


def _one_line(error: ValidationError, origins: dict[str, tuple[Origin, str]]) -> str:
    first = error.errors()[0]
    if first["loc"]:
        key = str(first["loc"][0])
        message = f"{key}: {first['msg']} (got {first['input']!r})"
    else:  # a cross-field check; its message starts with the key it blames
        message = str(first["msg"]).removeprefix("Value error, ")
        key = message.split(":", 1)[0]
    where = origins.get(key, ("default", "built-in"))[1]
    return f"{where}: {message}"


def load_config(root: Path, *, config_file: Path | None = None, env: Mapping[str, str] | None = None,
                options: list[str] = ()) -> HarnessConfig:
    """The configuration for a run in `root`: file, then environment, then options."""
    return build_config([file_layer(root, config_file), env_layer(os.environ if env is None else env),
                         option_layer(list(options))])
