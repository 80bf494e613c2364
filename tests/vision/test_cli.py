import json
import subprocess
import sys
from pathlib import Path

import cv2

from harness.cli import main

from .drawing import app_screen, card, dim, dp

ROOT = Path(__file__).resolve().parents[2]


def _dialog_png(tmp_path) -> Path:
    img = dim(app_screen(), 0.5)
    card(img, (dp(40), dp(300), 1080 - 2 * dp(40), dp(260)))
    path = tmp_path / "dialog.png"
    cv2.imwrite(str(path), img)
    return path


def test_json_lines_and_bad_images(tmp_path, capsys):
    good = _dialog_png(tmp_path)
    jpg = tmp_path / "small.jpg"
    cv2.imwrite(str(jpg), cv2.resize(cv2.imread(str(good)), (360, 800)))
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    rc = main(["analyze", str(good), str(bad), str(tmp_path / "missing.png"), str(jpg), "--json", "--no-ocr"])
    out, err = capsys.readouterr()
    assert rc == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["image"] for d in lines] == [str(good), str(jpg)]
    assert lines[0]["width"] == 1080 and lines[0]["popups"][0]["kind"] == "dialog"
    assert lines[1]["width"] == 360 and len(lines[1]["popups"][0]["bbox"]) == 4
    assert set(lines[0]) == {"image", "width", "height", "dpi", "popups", "timing_ms"}
    # no --dpi: each image's density comes from its short side (a phone is ~392 dp wide)
    assert lines[0]["dpi"] == round(160 * 1080 / 392) and lines[1]["dpi"] == round(160 * 360 / 392)
    errors = err.strip().splitlines()
    assert len(errors) == 2 and all(e.startswith("harness: error: ") for e in errors)
    assert "Traceback" not in err


def test_all_good_exits_zero(tmp_path, capsys):
    rc = main(["analyze", str(_dialog_png(tmp_path)), "--no-ocr", "--dpi", "420"])
    out, _ = capsys.readouterr()
    assert rc == 0 and "dialog" in out


def test_missing_hierarchy_file(tmp_path, capsys):
    rc = main(["analyze", str(_dialog_png(tmp_path)), "--hierarchy", str(tmp_path / "nope.xml"), "--no-ocr"])
    assert rc == 2 and "cannot read hierarchy" in capsys.readouterr().err


def test_hostile_hierarchy_is_ignored_with_a_warning(tmp_path, capsys):
    xml = tmp_path / "h.xml"
    xml.write_text('<?xml version="1.0"?><!DOCTYPE h [<!ENTITY e "x">]><hierarchy/>')
    rc = main(["analyze", str(_dialog_png(tmp_path)), "--hierarchy", str(xml), "--no-ocr", "--json"])
    captured = capsys.readouterr()
    assert rc == 0 and "warning" in captured.err and json.loads(captured.out)["popups"]


def test_python_dash_m_harness(tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8 truncated")
    r = subprocess.run([sys.executable, "-m", "harness", "analyze", str(bad), "--json"], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
