"""Evidence folders: the manifest follows every write, `verify` catches changed, missing and
extra files, and a writer killed mid-test leaves a folder that verifies."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.commands import verify as verify_command
from harness.evidence import EVENTS, JOURNAL, SEALED, EvidenceBundle, EvidenceError, NotEvidence, verify

ROOT = Path(__file__).resolve().parents[2]


def make(folder: Path, seal: bool = True) -> EvidenceBundle:
    bundle = EvidenceBundle(folder)
    bundle.write_bytes("frames/000001.jpg", b"\xff\xd8frame-1")
    bundle.write_bytes("hierarchy/000001.xml", b"<hierarchy/>")
    bundle.event("launch", package="com.demo.shake.ok")
    bundle.append_bytes("logcat.txt", b"I ActivityManager: Start proc\n")
    bundle.event("tap", x=10, y=20)
    bundle.write_json("identity/device.json", {"serial": "emulator-5554"})
    if seal:
        bundle.seal()
    return bundle


def cli(folder: Path, capsys) -> tuple[int, str, str]:
    import argparse
    code = verify_command.run(argparse.Namespace(folder=str(folder), json=False, key=[], trusted_keys=[], against=None))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_intact_bundle_verifies_and_the_timeline_has_times(tmp_path, capsys):
    make(tmp_path / "b")
    report = verify(tmp_path / "b")
    assert report.intact and report.sealed and report.files == 5
    events = [json.loads(line) for line in (tmp_path / "b" / EVENTS).read_text().splitlines()]
    assert [e["kind"] for e in events] == ["launch", "tap"]
    assert all(isinstance(e["mono_ms"], float) and e["wall"].endswith("+00:00") for e in events)
    assert cli(tmp_path / "b", capsys)[0] == 0


@pytest.mark.parametrize("damage, field", [
    (lambda f: (f / "frames/000001.jpg").write_bytes(b"\xff\xd8frame-2"), "changed"),  # one byte
    (lambda f: (f / "hierarchy/000001.xml").unlink(), "missing"),
    (lambda f: (f / "frames/000002.jpg").write_bytes(b"planted"), "extra"),
    (lambda f: (f / EVENTS).open("ab").write(b'{"kind":"forged"}\n'), "changed"),
])
def test_verify_catches_each_kind_of_damage(tmp_path, capsys, damage, field):
    make(tmp_path / "b")
    damage(tmp_path / "b")
    report = verify(tmp_path / "b")
    assert not report.intact and len(getattr(report, field)) == 1
    code, out, _ = cli(tmp_path / "b", capsys)
    assert code == 1 and f"{field}: {getattr(report, field)[0]}" in out


def test_a_tampered_seal_or_journal_is_reported(tmp_path):
    make(tmp_path / "b")
    sealed = json.loads((tmp_path / "b" / SEALED).read_text())
    sealed["files"]["frames/000001.jpg"]["size"] = 1
    (tmp_path / "b" / SEALED).write_text(json.dumps(sealed))
    assert any("own hash" in p for p in verify(tmp_path / "b").problems)
    make(tmp_path / "c")
    with open(tmp_path / "c" / JOURNAL, "ab") as f:
        f.write(b'{"path":"x","size":0,"sha256":"00"}\n')
    assert any("changed after sealing" in p for p in verify(tmp_path / "c").problems)


def test_not_an_evidence_folder_is_one_line_and_exit_2(tmp_path, capsys):
    with pytest.raises(NotEvidence, match="no manifest.jsonl"):
        verify(tmp_path)
    (tmp_path / JOURNAL).write_text("hello\n")
    code, out, err = cli(tmp_path, capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and "not a harness evidence manifest" in err
    assert cli(tmp_path / "nope", capsys)[0] == 2


def test_paths_are_checked_and_nothing_is_overwritten(tmp_path):
    bundle = make(tmp_path / "b", seal=False)
    for bad in ("/abs", "../up", "a/../b", JOURNAL, "x.partial", ""):
        with pytest.raises(EvidenceError):
            bundle.write_bytes(bad, b"")
    with pytest.raises(EvidenceError, match="never overwritten"):
        bundle.write_bytes("frames/000001.jpg", b"other")
    bundle.seal()
    with pytest.raises(EvidenceError, match="sealed"):
        bundle.event("late")
    with pytest.raises(EvidenceError, match="already has files"):
        EvidenceBundle(tmp_path / "b")


def test_an_unsealed_bundle_with_a_cut_off_last_write(tmp_path):
    bundle = make(tmp_path / "b", seal=False)
    bundle.append_bytes("logcat.txt", b"second line that the crash cuts\n")
    # as if the process died after the record and half the data: drop the tail
    with open(tmp_path / "b" / "logcat.txt", "r+b") as f:
        f.truncate(len(b"I ActivityManager: Start proc\n") + 5)
    report = verify(tmp_path / "b")
    assert report.intact and not report.sealed and report.interrupted == "logcat.txt"
    # but the bytes before that write must still be the recorded ones
    (tmp_path / "b" / "logcat.txt").write_bytes(b"X ActivityManager: Start proc\n")
    assert verify(tmp_path / "b").changed == ("logcat.txt",)


WRITER = """
import sys, time
from harness.evidence import EvidenceBundle
b = EvidenceBundle(sys.argv[1])
i = 0
while True:
    i += 1
    b.write_bytes(f"frames/{i:06d}.jpg", bytes([i % 256]) * 20000)
    b.event("frame", n=i)
    b.append_bytes("logcat.txt", f"line {i}\\n".encode() * 50)
    if i == 20:
        print("ready", flush=True)
"""


@pytest.mark.parametrize("delay", [0.05, 0.17, 0.31])
def test_killing_the_writer_mid_test_leaves_a_verifiable_bundle(tmp_path, delay):
    folder = tmp_path / "crash"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, cwd=ROOT,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.stdout.readline() == b"ready\n"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    report = verify(folder)
    assert report.intact, report
    assert not report.sealed and report.files > 20
    frames = sorted((folder / "frames").glob("*.jpg"))
    assert len(frames) >= 20
