"""ScriptedApp on the Android model, in-process: timers against a controlled clock
(`system.tick(now)`), taps, back, overlays, permission results and starts of other apps."""

from __future__ import annotations

import textwrap
import time

import pytest

from emulator.virtual.android.apps import HelloApp
from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.android.ui import View
from emulator.virtual.apps.engine import ScriptedApp
from emulator.virtual.apps.loader import load_app

APP = """\
package: com.test.engine
label: 引擎
permissions: [android.permission.CAMERA]
start: splash
screens:
  splash:
    background: "#000000"
    on_tap: [toast: {text: 广告}]
    views:
      - id: skip
        type: button
        x: -16
        y: 16
        width: 72
        height: 48
        countdown: {seconds: 5, text: "跳过 {n}", done_text: 跳过}
        tap_enabled_after_ms: 2000
        on_tap: [go: home]
      - {id: late, type: text, text: 稍后出现, visible: false, width: 100, height: 40}
    timers:
      - {after_ms: 1500, do: [show: late]}
      - {after_ms: 6000, do: [go: home]}
  home:
    back_blocked: true
    views:
      - {id: scan, type: button, text: 扫一扫, x: center, y: 100, width: 120, height: 48, on_tap: [popup: ad]}
      - {id: renew, type: checkbox, text: 自动续费, checked: true, x: 16, y: 200, width: 200, height: 48}
      - id: ask
        type: button
        text: 授权
        y: 300
        width: 120
        height: 48
        on_tap:
          - request: {permissions: [android.permission.CAMERA], on_granted: [open: granted], on_denied: [exit: true]}
      - id: partner
        type: button
        text: 伙伴
        y: 400
        width: 120
        height: 48
        on_tap: [launch: {package: com.example.hello}]
  granted:
    views:
      - {id: granted_title, type: text, text: 已授权, width: 100, height: 40}
overlays:
  ad:
    dim: "#00000099"
    views:
      - {id: close, type: image, glyph: x, exposed: false, x: -20, y: 20, width: 40, height: 40,
         on_tap: [dismiss: ad, later: {after_ms: 10000, do: [popup: ad]}]}
"""


@pytest.fixture
def system(tmp_path):
    path = tmp_path / "app.yaml"
    path.write_text(textwrap.dedent(APP), encoding="utf-8")
    return AndroidSystem(apps=[HelloApp(), ScriptedApp(load_app(path))])


def launch(system: AndroidSystem) -> float:
    system.launch("com.test.engine")
    t0 = time.monotonic()
    system.tick(t0)
    return t0


def views(system: AndroidSystem, now: float | None = None) -> dict[str, View]:
    """Every view on screen by resource-id name, after bringing the apps to `now`."""
    if now is not None:
        system.tick(now)
    screen = system.screen()
    return {v.resource_id.rpartition("/")[2]: v for w in screen.windows for v in w.root.walk() if v.resource_id}


def tap(system: AndroidSystem, name: str) -> None:
    assert system.tap(*views(system)[name].bounds.center)


def activity(system: AndroidSystem) -> str:
    return system.foreground().activity.rpartition(".")[2]


def test_countdown_text_and_a_view_shown_by_a_timer(system):
    t0 = launch(system)
    assert views(system, t0)["skip"].text == "跳过 5"
    assert "late" not in views(system, t0 + 1.4)
    shown = views(system, t0 + 1.6)
    assert shown["skip"].text == "跳过 4" and shown["late"].text == "稍后出现"
    assert views(system, t0 + 4.5)["skip"].text == "跳过 1"
    assert views(system, t0 + 5.0)["skip"].text == "跳过"


def test_countdown_ticks_bump_the_generation_and_set_deadlines(system):
    t0 = launch(system)
    app = system.apps["com.test.engine"]
    assert t0 < app.next_deadline() <= t0 + 1.0
    before = system.generation
    system.tick(t0 + 1.1)
    assert system.generation > before


def test_an_app_in_the_background_cannot_start_activities(system):
    t0 = launch(system)
    system.go_home()
    system.tick(t0 + 6.1)  # the splash's own 6 s timer fires while the launcher is in front
    assert system.foreground().package == system.launcher.package
    assert any("Background activity launch blocked" in entry.message for entry in system.logcat.entries())


def test_starting_an_uninstalled_app_starts_nothing(system):
    launch(system)
    system.start_service("com.test.engine", "com.absent", ".PushService")
    system.start_activity("com.absent", ".Main", caller="com.test.engine")
    assert system.foreground().package == "com.test.engine" and "com.absent" not in system.processes
    messages = [entry.message for entry in system.logcat.entries()]
    assert any("Unable to start service" in m for m in messages)
    assert any("ActivityNotFoundException" in m for m in messages)


def test_skip_ignores_taps_until_enabled_then_goes_home(system):
    t0 = launch(system)
    system.tick(t0 + 1.0)
    tap(system, "skip")
    assert activity(system) == "SplashActivity"
    system.tick(t0 + 2.1)
    tap(system, "skip")
    assert activity(system) == "HomeActivity"
    assert [r.activity for r in system.stack if r.package == "com.test.engine"] == [
        "com.test.engine.HomeActivity"]  # the splash finished itself


def test_splash_auto_advances_on_its_timer(system):
    t0 = launch(system)
    system.tick(t0 + 5.9)
    assert activity(system) == "SplashActivity"
    system.tick(t0 + 6.0)
    assert activity(system) == "HomeActivity"


def test_tap_anywhere_on_the_screen(system, monkeypatch):
    toasts = []
    monkeypatch.setattr(system, "show_toast", lambda package, text, long=False: toasts.append((package, text)),
                        raising=False)
    launch(system)
    system.tap(540, 1200)
    assert toasts == [("com.test.engine", "广告")]


def go_home(system: AndroidSystem) -> float:
    t0 = launch(system)
    system.tick(t0 + 6.0)
    assert activity(system) == "HomeActivity"
    return t0 + 6.0


def test_overlay_with_dim_layer_closes_and_returns_after_10_s(system):
    now = go_home(system)
    tap(system, "scan")
    windows = system.screen().windows
    dialog = [w for w in windows if w.kind == "dialog" and w.package == "com.test.engine"]
    assert len(dialog) == 1 and dialog[0].root.background == (0, 0, 0, 153)
    close = views(system)["close"]
    assert not close.exposed and close.glyph == "x"
    tap(system, "close")
    closed_at = max(now, time.monotonic())
    assert "close" not in views(system, closed_at + 9.9)
    assert "close" in views(system, closed_at + 10.1)


def test_back_closes_the_overlay_then_is_blocked_on_home(system):
    go_home(system)
    tap(system, "scan")
    assert system.press_key(4)
    assert "close" not in views(system)
    system.press_key(4)
    assert activity(system) == "HomeActivity"


def test_checkbox_starts_checked_and_toggles(system):
    go_home(system)
    renew = views(system)["renew"]
    assert renew.checkable and renew.checked and renew.text == "自动续费"
    tap(system, "renew")
    assert not views(system)["renew"].checked


def test_launch_starts_another_package(system):
    go_home(system)
    tap(system, "partner")
    assert system.foreground().package == "com.example.hello"


def test_permission_results_pick_the_transition(system, monkeypatch):
    requests = []
    monkeypatch.setattr(system, "request_permissions",
                        lambda package, permissions, on_result: requests.append((package, permissions, on_result)),
                        raising=False)
    go_home(system)
    tap(system, "ask")
    package, permissions, on_result = requests.pop()
    assert (package, permissions) == ("com.test.engine", ["android.permission.CAMERA"])
    on_result({"android.permission.CAMERA": True})
    assert activity(system) == "GrantedActivity"


def test_denial_runs_on_denied(system, monkeypatch):
    exits = []
    monkeypatch.setattr(system, "request_permissions",
                        lambda package, permissions, on_result: on_result({p: False for p in permissions}),
                        raising=False)
    monkeypatch.setattr(system, "finish_app", exits.append, raising=False)
    go_home(system)
    tap(system, "ask")
    assert exits == ["com.test.engine"]


def test_force_stop_forgets_the_runs(system):
    t0 = launch(system)
    system.tick(t0 + 1.6)
    assert "late" in views(system)
    system.force_stop("com.test.engine")
    system.launch("com.test.engine")
    assert "late" not in views(system, t0 + 1.7)
    assert "late" in views(system, t0 + 3.2)  # the new run's timers start at its own launch
