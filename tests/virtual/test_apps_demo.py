"""The demo apps: every app and truth file is valid and agrees with what the engine draws."""

from __future__ import annotations

import time

import pytest

from emulator.virtual.android.hierarchy import window_roots
from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.apps.catalog import APP_FILE, DEMO_DIR, TRUTH_FILE, app_files, demo_packages, load_apps
from emulator.virtual.apps.loader import AppFileError, load_app, load_truth


def test_the_demo_set():
    assert demo_packages() == sorted([
        "com.demo.clean", "com.demo.splash.ok", "com.demo.splash.lateskip", "com.demo.splash.deadskip",
        "com.demo.splash.tinyskip", "com.demo.splash.hotspot", "com.demo.popup.ok", "com.demo.popup.noclose",
        "com.demo.popup.fakeclose", "com.demo.popup.frequent", "com.demo.shake.sensitive", "com.demo.shake.ok",
        "com.demo.perm.eager", "com.demo.perm.ondemand", "com.demo.perm.nag", "com.demo.consent.prechecked",
        "com.demo.autostart", "com.demo.partner",
        "com.demo.real.splash", "com.demo.real.popup", "com.demo.real.tabs",
        "com.demo.consent.drawn", "com.demo.consent.drawnclear", "com.demo.renew.drawn",
        "com.demo.splash.fullhotspot", "com.demo.perm.bundle",
        "com.demo.splash.bottomskip", "com.demo.splash.pill", "com.demo.splash.slowskip", "com.demo.popup.tinyx",
        "com.demo.popup.nothanks", "com.demo.popup.late", "com.demo.popup.returns", "com.demo.popup.twotap",
        "com.demo.popup.tab"])


@pytest.mark.parametrize("package", demo_packages())
def test_app_and_truth_files_agree(package):
    app = load_app(DEMO_DIR / package / APP_FILE)
    truth = load_truth(DEMO_DIR / package / TRUTH_FILE)
    assert app.package == truth.package == package


@pytest.mark.parametrize("package", [p for p in demo_packages() if load_truth(DEMO_DIR / p / TRUTH_FILE).controls])
def test_truth_controls_are_where_the_engine_draws_them(package):
    truth = load_truth(DEMO_DIR / package / TRUTH_FILE)
    system = AndroidSystem(apps=load_apps(package))
    system.launch(package)
    system.tick(time.monotonic() + 3.5)  # late controls and pop-ups are up by then
    screen = system.screen()
    drawn = {v.resource_id.rpartition("/")[2]: v for w in screen.windows for v in w.root.walk() if v.resource_id}
    reported = {n.view.resource_id.rpartition("/")[2] for r in window_roots(screen) for n in r.walk()
                if n.view.exposed}
    for name, control in truth.controls.items():
        b = drawn[name].bounds
        assert [b.left, b.top, b.right, b.bottom] == control.bounds, name
        assert (name in reported) == control.in_hierarchy, name


def test_install_selection():
    assert len(app_files("all")) == len(demo_packages())
    assert [p.parent.name for p in app_files("com.demo.clean, com.demo.partner,com.demo.clean")] == [
        "com.demo.clean", "com.demo.partner"]
    assert app_files(str(DEMO_DIR / "com.demo.clean" / APP_FILE)) == [DEMO_DIR / "com.demo.clean" / APP_FILE]
    assert app_files("") == []
    with pytest.raises(AppFileError, match="com.demo.nope: not a demo app"):
        app_files("com.demo.nope")


def test_installed_apps_keep_hello_and_show_on_the_launcher():
    from emulator.virtual.android.apps import HelloApp
    system = AndroidSystem(apps=[HelloApp(), *load_apps("all")])
    labels = {v.text for w in system.screen().windows for v in w.root.walk() if v.text}
    assert "Hello" in labels and {"清爽笔记", "会员视频", "合作伙伴"} <= labels


def test_the_readme_example_loads(tmp_path):
    readme = (DEMO_DIR.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "app.yaml").write_text(example, encoding="utf-8")
    assert load_app(tmp_path / "app.yaml").package == "com.example.splash"
