"""Every scenario on every demo app of the virtual device, against the app's ground truth.

One pytest run of `scenarios/` with `--virtual` and xdist (each worker starts its own virtual
device with every demo app), read back from its JUnit file: a clause whose truth is a violation
must have a FAIL among that clause's scenarios, a compliant one neither FAIL nor ERROR; the
measured values the truth files pin down must be within tolerance.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "emulator" / "virtual" / "apps" / "demo"
# GROUND_TRUTH_APPS=a,b runs only those demo apps (a quick check of new or changed apps)
SELECTED = {a.strip() for a in os.environ.get("GROUND_TRUTH_APPS", "").split(",") if a.strip()}
APPS = sorted(p.name for p in DEMO.iterdir() if (p / "truth.yaml").is_file() and (not SELECTED or p.name in SELECTED))
WORKERS = 8  # the scenarios mostly wait (timers, shakes, settle times): more devices than cores pay
# Observation lengths, not thresholds: the demo apps act within 1 s of launch and the virtual
# device answers a tap within 0.1 s, so shorter watches lose nothing and keep `make test` short.
# popup_watch_s: the latest demo pop-up comes 12 s after launch (com.demo.popup.late).
SETTINGS = ("observe_s=6", "tap_settle_ms=500", "popup_watch_s=15", "popup_tab_dwell_s=3")

pytestmark = pytest.mark.timeout(1200)


def _longest_first(app: str) -> tuple[int, str]:
    """The apps' order on the workers, longest scenarios first so that none starts last: a first
    screen that leaves by itself (a splash) brings tap ladders, hotspot grids and timing
    refinements; timers or a shake detector elsewhere bring pop-ups and shake searches."""
    spec = yaml.safe_load((DEMO / app / "app.yaml").read_text(encoding="utf-8"))
    screens = spec.get("screens", {})
    splash = any("go" in action for timer in screens.get(spec.get("start"), {}).get("timers", [])
                 for action in timer.get("do", []))
    later = any(screen.get("timers") or screen.get("shake") for screen in screens.values())
    return -(2 * splash + later), app


@dataclass
class Result:
    test: str  # e.g. test_splash_close_control or test_shake_to_jump[home]
    verdict: str
    clause: str | None
    reason: str
    measurements: dict[str, object] = field(default_factory=dict)
    brackets: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)  # timings' (low, high)


def _parse(junit: Path) -> dict[str, list[Result]]:
    by_app: dict[str, list[Result]] = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        name = case.get("name", "").split("@", 1)[0]  # xdist loadgroup appends "@<group>"
        base, _, params = name.partition("[")
        params = params.rstrip("]").split("-")
        app = next((p for p in params if p in APPS), None)
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        if app is None or "harness_verdict" not in props:
            continue
        extra = [p for p in params if p != app]
        result = Result(base + (f"[{'-'.join(extra)}]" if extra else ""), props["harness_verdict"],
                        props.get("harness_clause"), props.get("harness_reason", ""))
        for key, value in props.items():
            if key and key.startswith("harness_measurement:"):
                m = json.loads(value)
                result.measurements[key.split(":", 1)[1]] = m["value"]
                result.brackets[key.split(":", 1)[1]] = (m.get("low"), m.get("high"))
        by_app.setdefault(app, []).append(result)
    return by_app


@pytest.fixture(scope="module")
def matrix(tmp_path_factory) -> dict[str, list[Result]]:
    unknown = sorted(SELECTED - set(APPS))
    assert not unknown, f"GROUND_TRUTH_APPS: no demo app with a truth file named {', '.join(unknown)}"
    out = tmp_path_factory.mktemp("ground-truth")
    apps = [arg for app in sorted(APPS, key=_longest_first) for arg in ("--app", app)]
    env = {k: v for k, v in os.environ.items() if k != "ANDROID_ADB_SERVER_PORT"}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "scenarios", "--virtual", *apps, "-n", str(min(WORKERS, len(APPS))), "-q",
         "-p", "no:cacheprovider", "--junitxml", str(out / "junit.xml"), "--evidence-dir", str(out / "evidence"),
         *(arg for setting in SETTINGS for arg in ("--harness-set", setting))],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1100)
    junit = out / "junit.xml"
    assert junit.is_file(), f"the scenario run wrote no JUnit file:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    results = _parse(junit)
    assert set(results) == set(APPS), f"no results for {sorted(set(APPS) - set(results))}:\n{proc.stdout[-3000:]}"
    return results


def _of(matrix: dict[str, list[Result]], app: str) -> list[Result]:
    if app not in matrix:
        pytest.skip(f"{app} is not in GROUND_TRUTH_APPS")
    return matrix[app]


def _truth(app: str) -> dict:
    return yaml.safe_load((DEMO / app / "truth.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("app", APPS)
def test_every_clause_verdict_matches_the_truth(app, matrix):
    results = matrix[app]
    errors = [f"{r.test}: {r.reason}" for r in results if r.verdict == "ERROR"]
    assert not errors, f"{app}: scenarios ended in ERROR: {errors}"
    for clause, truth in _truth(app)["verdicts"].items():
        judged = [r for r in results if r.clause == clause]
        failing = [f"{r.test}: {r.reason}" for r in judged if r.verdict == "FAIL"]
        if truth["expected"] == "violation":
            assert failing, f"{app} clause {clause}: expected a violation ({truth['why']}), got " \
                            f"{[(r.test, r.verdict, r.reason) for r in judged]}"
        else:
            assert not failing, f"{app} clause {clause}: expected compliant ({truth['why']}), got FAIL {failing}"


def _measure(results: list[Result], test: str, name: str) -> object:
    result = next(r for r in results if r.test == test)
    assert name in result.measurements, f"{test} recorded no {name}: {result.measurements}"
    return result.measurements[name]


def test_late_skip_control_found_at_its_true_time(matrix):
    shown = _truth("com.demo.splash.lateskip")["timeline_ms"]["skip_visible"]
    measured = _measure(_of(matrix, "com.demo.splash.lateskip"), "test_splash_close_control", "close_missing_ms")
    assert abs(measured - shown) <= 100, f"skip control found at {measured} ms, truth {shown} ms"


def test_sensitive_shake_threshold_found(matrix):
    truth = _truth("com.demo.shake.sensitive")["thresholds"]["shake_accel_ms2"]
    measured = _measure(_of(matrix, "com.demo.shake.sensitive"), "test_shake_to_jump[home]",
                        "weakest_jumping_acceleration")
    assert abs(measured - truth) <= 1.0, f"weakest jumping shake {measured} m/s², truth {truth} m/s²"


def test_dead_skip_ignores_taps_for_its_true_time(matrix):
    timeline = _truth("com.demo.splash.deadskip")["timeline_ms"]
    ignored = _measure(_of(matrix, "com.demo.splash.deadskip"), "test_splash_close_control", "close_ignored_ms")
    true = timeline["skip_effective"] - timeline["skip_visible"]
    assert abs(ignored - true) <= 250, f"taps ignored for {ignored} ms, truth {true} ms"


def test_the_clean_app_passes_every_scenario(matrix):
    results = _of(matrix, "com.demo.clean")
    bad = [(r.test, r.verdict, r.reason) for r in results if r.verdict not in ("PASS", "SKIP")]
    assert not bad, f"com.demo.clean: {bad}"
    assert any(r.verdict == "PASS" for r in results)


def _result(matrix, app: str, test: str) -> Result:
    return next(r for r in _of(matrix, app) if r.test == test)


def test_slow_skip_ignores_taps_within_a_bracket_of_its_true_time(matrix):
    timeline = _truth("com.demo.splash.slowskip")["timeline_ms"]
    true = timeline["skip_effective"] - timeline["skip_visible"]
    result = _result(matrix, "com.demo.splash.slowskip", "test_splash_close_control")
    value, (low, high) = result.measurements["close_ignored_ms"], result.brackets["close_ignored_ms"]
    # the bracket is the taps' (last ignored, first working); the app's timer starts when it draws
    assert low - 150 <= true <= high + 150 and abs(value - true) <= 200, f"{low}–{high} ({value}) ms, truth {true}"
    assert high - low <= 200 or "budget spent" in result.measurements["close_ignored_precision"]


def test_a_late_skip_is_bracketed(matrix):
    result = _result(matrix, "com.demo.splash.bottomskip", "test_splash_close_control")
    shown = _truth("com.demo.splash.bottomskip")["timeline_ms"]["skip_visible"]
    low, high = result.brackets["close_missing_ms"]
    assert low - 100 <= shown <= high + 100 and high - low <= 400, f"shown {low}–{high} ms, truth {shown} ms"


@pytest.mark.parametrize(("app", "test", "truth_key"), [
    ("com.demo.splash.pill", "test_splash_close_control", "skip_height_dp"),
    ("com.demo.popup.tinyx", "test_popups", "close_size_dp"),
    ("com.demo.popup.nothanks", "test_popups", "close_size_dp"),
])
def test_close_control_size_measured_from_its_node_or_drawn_button(matrix, app, test, truth_key):
    size = _truth(app)["thresholds"][truth_key]
    measured = _result(matrix, app, test).measurements.get("close_size_dp")
    assert measured is not None and abs(measured - size) <= 2, f"{app}: close control {measured} dp, truth {size} dp"


def test_every_way_out_is_reported_and_a_close_needing_two_taps_counted(matrix):
    listed = _result(matrix, "com.demo.popup.nothanks", "test_popups").measurements["close_controls"]
    assert listed.count(";") >= 1, listed
    twotap = _result(matrix, "com.demo.popup.twotap", "test_popups").measurements
    assert twotap.get("close_taps_needed") == _truth("com.demo.popup.twotap")["thresholds"]["close_taps"], twotap
    returns = _result(matrix, "com.demo.popup.returns", "test_popups").measurements
    assert returns["popups_back_on_same_page"] >= 1, returns
    late = _result(matrix, "com.demo.popup.late", "test_popups").measurements
    assert late["popups_seen"] >= 1 and late["popups_without_close_control"] >= 1, late
    tab = _result(matrix, "com.demo.popup.tab", "test_popups").measurements
    assert "我的" in tab["tabs_visited"] and tab["popups_without_close_control"] >= 1, tab


@pytest.mark.parametrize("app", ["com.demo.splash.fullhotspot", "com.demo.splash.hotspot"])
def test_a_full_screen_hotspot_measures_close_to_all_of_the_window(matrix, app):
    measured = _result(matrix, app, "test_splash_hotspot").measurements
    assert measured["hotspot_jump_ratio"] >= 0.95, measured
    assert measured["counted_taps"] >= 9 and "near the close control" in measured["excluded_points"], measured


@pytest.mark.parametrize(("app", "test", "expected"), [
    ("com.demo.consent.drawn", "test_consent_is_not_prechecked", "FAIL"),
    ("com.demo.consent.drawnclear", "test_consent_is_not_prechecked", "PASS"),
    ("com.demo.renew.drawn", "test_auto_renewal_is_not_prechecked", "FAIL"),
])
def test_boxes_drawn_without_a_node_are_judged_from_pixels(matrix, app, test, expected):
    result = _result(matrix, app, test)
    assert result.verdict == expected and result.measurements["boxes_drawn_without_node"] >= 1, \
        (result.verdict, result.reason, result.measurements)


def test_a_group_unrelated_to_the_feature_is_named_with_the_feature(matrix):
    bundle = _result(matrix, "com.demo.perm.bundle", "test_no_permission_request_before_its_feature").measurements
    assert "contacts at '拍照识物 Snap'" in bundle["groups_unrelated_to_their_feature"], bundle
    ondemand = _result(matrix, "com.demo.perm.ondemand", "test_no_permission_request_before_its_feature").measurements
    assert ondemand["groups_unrelated_to_their_feature"] == "none" and "camera" in ondemand["requests_by_feature"], \
        ondemand
