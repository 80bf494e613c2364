"""Real emulators: finding the SDK and its system images, and the argv of every SDK call. No SDK
is installed here, so the SDK is a folder laid out like one, with a stand-in avdmanager that
records how it was called."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from emulator.avd.commands import BadArgument, Headless, create_argv, start_argv
from emulator.avd.sdk import Sdk, SdkError, find_sdk

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ("android-33/google_apis/x86_64", "android-34/google_apis/x86_64", "android-34/default/x86_64")
# Answers like avdmanager and records its argv and what it read on stdin.
FAKE_AVDMANAGER = f"""#!{sys.executable}
import json, sys
from pathlib import Path
answer = sys.stdin.read()
Path(__file__).with_name("calls.json").write_text(json.dumps({{"argv": sys.argv[1:], "stdin": answer}}))
if "--name" in sys.argv and sys.argv[sys.argv.index("--name") + 1] == "broken":
    print("Error: Package path is not valid. Valid system image paths are:", file=sys.stderr)
    sys.exit(1)
"""


@pytest.fixture
def sdk_root(tmp_path) -> Path:
    root = tmp_path / "sdk"
    for image in IMAGES:
        (root / "system-images" / image).mkdir(parents=True)
        (root / "system-images" / image / "system.img").write_bytes(b"")
    (root / "system-images" / "android-35" / "google_apis" / "x86_64").mkdir(parents=True)  # half-installed
    for tool in ("emulator/emulator", "platform-tools/adb"):
        (root / tool).parent.mkdir(parents=True)
        (root / tool).write_text("")
    avdmanager = root / "cmdline-tools" / "latest" / "bin" / "avdmanager"
    avdmanager.parent.mkdir(parents=True)
    avdmanager.write_text(FAKE_AVDMANAGER)
    avdmanager.chmod(0o755)
    return root


def test_the_sdk_comes_from_android_sdk_root_then_android_home(sdk_root, tmp_path):
    assert find_sdk({"ANDROID_SDK_ROOT": str(sdk_root), "ANDROID_HOME": str(tmp_path)}).root == sdk_root
    assert find_sdk({"ANDROID_SDK_ROOT": str(tmp_path / "gone"), "ANDROID_HOME": str(sdk_root)}).root == sdk_root


def test_without_an_sdk_the_error_says_what_to_install(tmp_path):
    with pytest.raises(SdkError, match=r"^no Android SDK: neither ANDROID_SDK_ROOT nor ANDROID_HOME is set; "
                                       r"install the command-line tools and run sdkmanager 'cmdline-tools;latest' "
                                       r"'platform-tools' 'emulator' 'system-images;"):
        find_sdk({})
    with pytest.raises(SdkError, match=r"ANDROID_HOME=.*gone is not a folder"):
        find_sdk({"ANDROID_HOME": str(tmp_path / "gone")})


def test_system_images_newest_first(sdk_root):
    assert Sdk(sdk_root).system_images() == ["system-images;android-34;google_apis;x86_64",
                                             "system-images;android-34;default;x86_64",
                                             "system-images;android-33;google_apis;x86_64"]


def test_a_missing_tool_names_its_package(sdk_root):
    (sdk_root / "emulator" / "emulator").unlink()
    with pytest.raises(SdkError, match=r"has no emulator: install it with sdkmanager 'emulator'$"):
        Sdk(sdk_root).tool("emulator")
    assert Sdk(sdk_root).tool("adb") == sdk_root / "platform-tools" / "adb"


def test_create_argv():
    assert create_argv(Path("/sdk/avdmanager"), "ci_34", "system-images;android-34;google_apis;x86_64") == [
        "/sdk/avdmanager", "create", "avd", "--name", "ci_34", "--package",
        "system-images;android-34;google_apis;x86_64", "--device", "pixel_6"]
    assert create_argv(Path("avdmanager"), "x", "img", device="pixel_4", force=True)[-3:] == [
        "--device", "pixel_4", "--force"]


def test_start_argv_cold_boot_headless():
    assert start_argv(Path("/sdk/emulator/emulator"), Headless("ci_34", 5560)) == [
        "/sdk/emulator/emulator", "-avd", "ci_34", "-port", "5560", "-no-window", "-no-audio", "-no-boot-anim",
        "-gpu", "swiftshader_indirect", "-no-snapshot"]


def test_start_argv_read_only_from_a_snapshot():
    argv = start_argv(Path("emulator"), Headless("ci_34", 5554, read_only=True, snapshot="booted", gpu="host"))
    assert argv[argv.index("-gpu"):] == ["-gpu", "host", "-read-only", "-snapshot", "booted", "-no-snapshot-save"]


@pytest.mark.parametrize(("spec", "message"), [
    (Headless("ci 34", 5554), "AVD name may hold only letters, digits, '.', '_' and '-': 'ci 34'"),
    (Headless("ci", 5555), "console port must be even, 5554-5682: 5555"),
    (Headless("ci", 5684), "console port must be even, 5554-5682: 5684"),
])
def test_bad_start_arguments(spec, message):
    with pytest.raises(BadArgument) as error:
        start_argv(Path("emulator"), spec)
    assert str(error.value) == message


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("ANDROID_SDK_ROOT", "ANDROID_HOME")}
    return subprocess.run([sys.executable, "-m", "emulator.avd", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**clean, **(env or {})}, timeout=60)


@pytest.mark.parametrize("args", [("images",), ("create", "ci"), ("start", "ci")])
def test_cli_without_an_sdk_is_one_line_and_exit_1(args):
    result = cli(*args)
    assert result.returncode == 1
    assert result.stderr.startswith("error: no Android SDK: ") and result.stderr.count("\n") == 1
    assert "sdkmanager" in result.stderr


def test_cli_create_answers_avdmanager_and_picks_the_newest_image(sdk_root):
    result = cli("create", "ci_34", env={"ANDROID_SDK_ROOT": str(sdk_root)})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "AVD ci_34 created from system-images;android-34;google_apis;x86_64\n"
    call = json.loads((sdk_root / "cmdline-tools" / "latest" / "bin" / "calls.json").read_text())
    assert call == {"argv": ["create", "avd", "--name", "ci_34", "--package",
                             "system-images;android-34;google_apis;x86_64", "--device", "pixel_6"], "stdin": "no\n"}


def test_cli_create_errors(sdk_root):
    env = {"ANDROID_SDK_ROOT": str(sdk_root)}
    missing = cli("create", "ci", "--image", "system-images;android-30;default;x86", env=env)
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: system image system-images;android-30;default;x86 is not installed "
                                     "(installed: system-images;android-34;google_apis;x86_64, ")
    failed = cli("create", "broken", env=env)
    assert (failed.returncode, failed.stderr) == (1, "error: avdmanager failed (1): Error: Package path is not "
                                                     "valid. Valid system image paths are:\n")
    bad = cli("start", "ci", "--port", "5555", env=env)
    assert bad.returncode == 2 and bad.stderr.strip().endswith("console port must be even, 5554-5682: 5555")
