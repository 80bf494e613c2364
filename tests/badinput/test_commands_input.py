"""Bad input to the `harness` commands and the pytest plugin: one line naming the problem, a
non-zero exit, no traceback."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest

from harness.cli import main
from harness.evidence import SEALED, EvidenceBundle

pytest_plugins = ["pytester"]


def _one_line_error(capsys, rc: int, expected_rc: int, text: str) -> None:
    err = capsys.readouterr().err
    assert rc == expected_rc, err
    assert err.count("\n") == 1 and err.startswith("harness: error: ") and text in err, err
    assert "Traceback" not in err


def giant_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A valid PNG header claiming a giant image (40 GB of pixels), a few hundred bytes long."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    idat = zlib.compress(b"\x00" * 1024)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


@pytest.mark.parametrize("name, content, text", [
    ("giant.png", giant_png(), "image of 100000x100000 pixels exceeds"),
    ("cut.png", giant_png(64, 64)[:-12], "truncated PNG"),
    ("text.jpg", b"\xff\xd8 a text file in disguise", "corrupt JPEG"),
    ("empty.png", b"", "empty file"),
])
def test_analyze_an_unreadable_image(tmp_path, capsys, name, content, text):
    image = tmp_path / name
    image.write_bytes(content)
    _one_line_error(capsys, main(["analyze", str(image), "--no-ocr"]), 1, f"cannot read {image}: {text}")


def _sealed_with_a_bad_entry(folder: Path) -> None:
    with EvidenceBundle(folder) as bundle:
        bundle.write_json("verdict.json", {"verdict": "PASS"})
    sealed = json.loads((folder / SEALED).read_text())
    sealed["files"]["verdict.json"] = {"size": "big"}
    (folder / SEALED).write_text(json.dumps(sealed))


def _sealed_is_a_folder(folder: Path) -> None:
    with EvidenceBundle(folder) as bundle:
        bundle.write_json("verdict.json", {"verdict": "PASS"})
    (folder / SEALED).unlink()
    (folder / SEALED).mkdir()


@pytest.mark.parametrize("damage, text", [
    (_sealed_with_a_bad_entry, "the entry of 'verdict.json' is not a manifest entry (size: Input should be a valid"),
    (_sealed_is_a_folder, f"{SEALED}: cannot read: Is a directory"),
    (lambda folder: folder.mkdir(), "not an evidence folder (no manifest.jsonl)"),
    (lambda folder: folder.write_text("a file"), "not an evidence folder (not a directory)"),
])
def test_verify_a_folder_that_is_not_evidence(tmp_path, capsys, damage, text):
    folder = tmp_path / "evidence"
    damage(folder)
    _one_line_error(capsys, main(["verify", str(folder)]), 2, text)


@pytest.mark.parametrize("toml, text", [
    ("capture_fsp = 25\n", "harness.toml: capture_fsp: unknown setting"),
    ("observe_s = -3\n", "harness.toml: observe_s: Input should be greater than 0"),
    ("capture_fps = 10\nhierarchy_interval_ms = 20\n", "hierarchy_interval_ms: shorter than one frame"),
    ("observe_s = [\n", "harness.toml: not valid TOML"),
])
def test_plugin_with_a_malformed_or_contradictory_config(pytester, toml, text):
    pytester.makefile(".toml", harness=toml)
    pytester.makepyfile("def test_x(): pass")
    result = pytester.runpytest("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    [line] = [line for line in result.stderr.lines if line.strip()]  # one line
    assert line.startswith("ERROR: ") and text in line, line
    assert "Traceback" not in result.stderr.str()


DEVICE_TEST = """
import pytest

@pytest.mark.clause("1.4")
def test_on_device(device, app, verdict):
    verdict.measure("seen", True, compare="==", threshold=True)
    verdict.conclude()
"""


@pytest.mark.parametrize("args, text", [
    (["--serial", "emulator-5998", "--app", "com.demo.clean"], "device emulator-5998 not found on adb server"),
    (["--app", "com.demo.nope"], "package com.demo.nope is not installed on emulator-"),
    (["--app", "com.demo.clean", "--apk", "bogus.apk"], "not an APK (not a zip archive): bogus.apk"),
])
def test_plugin_with_an_unknown_serial_package_or_a_non_apk(pytester, virtual_device, args, text):
    (pytester.path / "bogus.apk").write_text("not a zip")
    pytester.makepyfile(test_device=DEVICE_TEST)
    if "--serial" not in args:
        args = ["--serial", virtual_device.serial, *args]
    junit = pytester.path / "junit.xml"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--junitxml={junit}", *args)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([f"ERROR*test_on_device*{text}*"])
    assert "Traceback" not in result.stdout.str() + result.stderr.str()
