"""App files: a bad file gives one line naming the file, the line and the field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from emulator.virtual.apps.loader import AppFileError, load_app, load_truth

GOOD = """\
package: com.test.app
label: 测试
start: splash
screens:
  splash:
    views:
      - {id: skip, type: button, text: 跳过, width: 72, height: 48, on_tap: [go: home]}
  home:
    views: []
"""


def write(tmp_path: Path, text: str, name: str = "app.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(path: Path, loader=load_app) -> str:
    with pytest.raises(AppFileError) as info:
        loader(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_good_file_loads(tmp_path):
    app = load_app(write(tmp_path, GOOD))
    assert app.package == "com.test.app"
    assert app.activity_of("splash") == "com.test.app.SplashActivity"
    assert app.screens["splash"].views[0].on_tap[0].go == "home"


@pytest.mark.parametrize(("change", "expected"), [
    (("width: 72", "width: wide"), ":7: screens.splash.views[0].width: expected a number or 'fill'"),
    (("height: 48", "height: 48, size: 3"), ":7: screens.splash.views[0].size: unknown field"),
    (("type: button", "type: slider"), ":7: screens.splash.views[0].type: expected 'text', 'button'"),
    (("go: home", "go: nowhere"), ":7: screens.splash.views[0].on_tap[0].go: no screen named 'nowhere'"),
    (("go: home", "{go: home, back: true}"), ":7: screens.splash.views[0].on_tap[0]: an action has exactly one key"),
    (("start: splash", "start: intro"), ":3: start: no screen named 'intro'"),
    (("label: 测试\n", ""), ":1: label: required field missing"),
    (("package: com.test.app", "package: Not A Package"), ":1: package: string should match pattern"),
])
def test_errors_name_file_line_and_field(tmp_path, change, expected):
    path = write(tmp_path, GOOD.replace(*change))
    message = error_of(path)
    assert message.startswith(str(path)) and expected in message, message


def test_bad_colour_and_nested_child(tmp_path):
    text = GOOD.replace("      - {id: skip", """\
      - type: box
        width: fill
        height: 100
        children:
          - {width: 10, height: 10, background: red}
      - {id: skip""")
    assert error_of(write(tmp_path, text)).endswith(
        ":11: screens.splash.views[0].children[0].background: expected a colour like #RRGGBB or #RRGGBBAA")


def test_request_must_name_declared_permissions(tmp_path):
    text = GOOD.replace("go: home", "request: {permissions: [android.permission.CAMERA]}")
    assert "on_tap[0].request.permissions[0]: android.permission.CAMERA is not in the app's permissions" \
        in error_of(write(tmp_path, text))


def test_yaml_syntax_error_has_a_line(tmp_path):
    message = error_of(write(tmp_path, GOOD.replace("  home:", "  home: [")))
    assert ":9" in message or ":10" in message
    assert "YAML syntax" in message


def test_duplicate_keys_and_ids(tmp_path):
    assert ":8: screens.splash: duplicate key" in error_of(write(tmp_path, GOOD.replace("  home:", "  splash:")))
    text = GOOD.replace("    views: []", "    views:\n      - {id: skip, width: 1, height: 1}")
    assert ":10: screens.home.views[0].id: view id 'skip' is used twice" in error_of(write(tmp_path, text))


def test_missing_file(tmp_path):
    assert error_of(tmp_path / "nope.yaml").endswith("cannot read: No such file or directory")


def test_truth_needs_every_clause_and_quoted_ids(tmp_path):
    truth = """\
    package: com.test.app
    summary: s
    verdicts:
      "1.4": {expected: violation, why: w}
      1.10: {expected: compliant, why: w}
    """
    message = error_of(write(tmp_path, truth, "truth.yaml"), load_truth)
    assert ":5: verdicts.1.1" in message  # unquoted 1.10 is the number 1.1: named where it is
    fixed = truth.replace("1.10:", '"1.10":')
    assert error_of(write(tmp_path, fixed, "truth.yaml"), load_truth).endswith(
        ":3: verdicts: no verdict for clause 1.6, 1.7, 1.9")


def test_cli_shows_the_line_and_exits_non_zero(tmp_path, capsys):
    from emulator.virtual.__main__ import main
    path = write(tmp_path, GOOD.replace("width: 72", "width: wide"))
    assert main(["--no-register", "--install", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    assert err.startswith(f"error: {path}:7: screens.splash.views[0].width:")
