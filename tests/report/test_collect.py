"""Reading evidence folders: everything a complete folder holds, and a one-line problem (never
an exception) for every file that is absent, malformed or tampered with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.clock import Clock
from harness.evidence import JOURNAL, SEALED, EvidenceBundle
from harness.report.collect import NoEvidence, collect, evidence_folders, read_case
from harness.sink import emit
from harness.verdict import Verdict

from .fabricate import HOSTILE_FILE, HOSTILE_LABEL, Fabricated, frame


def case(fabricated: Fabricated, folder: Path):
    return read_case(folder, fabricated.run / "report")


def test_a_complete_failing_folder_is_read_whole(fabricated: Fabricated):
    c = case(fabricated, fabricated.fail)
    assert (c.id, c.run_id, c.worker, c.folder) == (f"{fabricated.run.name}/gw0/test_popup_fail", fabricated.run.name,
                                                    "gw0", "../gw0/test_popup_fail")
    assert c.verdict is Verdict.FAIL and c.outcome.clause == "1.4" and c.problems == ()
    assert c.app.label == HOSTILE_LABEL and c.app.apk_sha256 == "ab" * 32 and c.device.serial == "emulator-5554"
    delay = next(m for m in c.outcome.measurements if m.name == "close control delay")
    assert (delay.value, delay.threshold, delay.key, delay.origin) == (5000, 3000, "close_delay_limit_ms", "default")
    assert "Kuaishou" in delay.source
    assert c.integrity.state == "intact" and c.integrity.manifest_sha256 and c.integrity.verify.sealed
    assert {f.path for f in c.files} >= {"frames/000001.png", "verdict.json", HOSTILE_FILE, "shakes/shake-001.json"}
    assert all(f.status == "ok" and len(f.sha256) == 64 for f in c.files)
    assert (c.frames, c.hierarchies) == (4, 1)
    assert [e.kind for e in c.timeline] == ["test_start", "launch", "tap", "logcat_event", "shake", "verdict", "test_end"]
    assert all(e.offset_ms is not None and e.offset_ms >= 0 for e in c.timeline)


def test_key_frames_come_from_annotations_with_sizes_and_times(fabricated: Fabricated):
    popup, after = case(fabricated, fabricated.fail).key_frames
    assert (popup.origin, popup.image, popup.width, popup.height) == ("annotations", "frames/000002.png", 360, 800)
    assert [b.kind for b in popup.boxes] == ["popup", "close_control"] and popup.boxes[0].label == HOSTILE_LABEL
    assert popup.points[0].outcome == "jumped" and (popup.points[0].x, popup.points[0].y) == (300, 225)
    assert popup.offset_ms is not None and after.offset_ms > popup.offset_ms  # placed by their frame events


def test_without_annotations_the_report_picks_frames_around_actions(fabricated: Fabricated):
    frames = case(fabricated, fabricated.passed).key_frames
    assert [(k.image, k.title) for k in frames] == [("frames/000001.png", "first frame"),
                                                    ("frames/000002.png", "before tap (180, 100)"),
                                                    ("frames/000003.png", "last frame")]
    assert all(k.origin == "automatic" for k in frames)
    assert [(p.x, p.y) for p in frames[1].points] == [(180, 100)]


def test_the_shake_is_read_as_acceleration_over_time(fabricated: Fabricated):
    [shake] = case(fabricated, fabricated.fail).shakes
    assert shake.spec.peak_accel_ms2 == 6 and shake.complete and len(shake.samples) >= 20
    assert max(s.linear_ms2 for s in shake.samples) == pytest.approx(6, abs=0.01)  # the square wave's peak
    assert shake.samples[-1].linear_ms2 == pytest.approx(0, abs=0.01)  # back at rest
    times = [s.t_ms for s in shake.samples]
    assert times == sorted(times) and times[-1] == pytest.approx(400, abs=20)


def test_an_early_error_has_its_verdict_and_says_what_is_missing(fabricated: Fabricated):
    c = case(fabricated, fabricated.error)
    assert c.verdict is Verdict.ERROR and c.outcome.reason == "DeviceGone: emulator-5554"
    assert c.app is None and c.device is None and c.key_frames == ()
    assert c.problems == ("identity/app.json: missing (app identity unknown)",
                          "identity/device.json: missing (device identity unknown)", "frames/: no frame captured")


def test_integrity_states(fabricated: Fabricated):
    unsealed = case(fabricated, fabricated.unsealed)
    assert unsealed.integrity.state == "unsealed" and unsealed.verdict is Verdict.INCONCLUSIVE
    assert all(f.sha256 for f in unsealed.files)  # hashes from the journal
    modified = case(fabricated, fabricated.modified)
    assert modified.integrity.state == "modified" and modified.integrity.verify.changed == ("frames/000001.png",)
    assert {f.path: f.status for f in modified.files}["frames/000001.png"] == "changed"


def test_every_malformed_file_is_one_problem(fabricated: Fabricated):
    c = case(fabricated, fabricated.malformed)
    assert c.verdict is None and c.app is None and c.device is None and c.settings == () and c.shakes == ()
    assert c.problems == (
        "events.jsonl: 1 line(s) are not events (first: line 2)", "verdict.json: not valid JSON",
        "identity/app.json: not an app identity (label: Field required)", "identity/device.json: not valid JSON",
        "config.json: not a list of settings (0.key: Input should be a valid string)",
        "shakes/shake-001.json: not a shake record (spec: Field required)",
        "annotations.json: key frame 1 skipped (boxes.0.bbox.2: Field required)",
        "../../../etc/passwd: key frame image outside the evidence folder; not shown",
        "frames/missing.png: key frame image missing", "frames/: no frame captured")
    assert [(k.image, k.width) for k in c.key_frames] == [("frames/missing.png", None)]


def _tampered_manifest(folder: Path) -> None:
    bundle = EvidenceBundle(folder)
    bundle.write_json("verdict.json", {"verdict": "PASS"})
    bundle.seal()
    sealed = json.loads((folder / SEALED).read_text())
    sealed["files"]["verdict.json"] = {"size": "big"}
    (folder / SEALED).write_text(json.dumps(sealed))


def _bogus_journal(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / JOURNAL).write_text("not a manifest\n")
    (folder / "verdict.json").write_text('{"verdict": "PASS"}')


@pytest.mark.parametrize("damage, problem", [(_bogus_journal, "not a harness evidence manifest"),
                                             (_tampered_manifest, "size: Input should be a valid integer")])
def test_an_unreadable_manifest_is_reported_not_raised(tmp_path: Path, damage, problem):
    damage(tmp_path / "run" / "test_x")
    [c] = collect(tmp_path, tmp_path).cases
    assert c.integrity.state == "unreadable" and problem in c.integrity.problem
    assert c.verdict is Verdict.PASS and {f.status for f in c.files} == {"extra"}


def test_a_folder_without_evidence_is_a_one_line_error(tmp_path: Path):
    assert evidence_folders(tmp_path) == []
    with pytest.raises(NoEvidence, match="no evidence folders in it"):
        collect(tmp_path, tmp_path)
    with pytest.raises(NoEvidence, match="not a directory"):
        evidence_folders(tmp_path / "absent")


@pytest.mark.parametrize("content, problem", [(b'{"image": "frames/000001.png"}', "not a list of key frames"),
                                              (b"[{", "not valid JSON")])
def test_unusable_annotations_fall_back_to_the_reports_own_pick(tmp_path: Path, content: bytes, problem: str):
    bundle = EvidenceBundle(tmp_path / "run" / "test_x")
    bundle.write_bytes("frames/000001.png", frame(popup=True))
    emit(bundle, "frame", Clock().now(), index=1, path="frames/000001.png")
    bundle.write_bytes("annotations.json", content)
    bundle.seal()
    c = read_case(bundle.root, tmp_path)
    assert [(k.origin, k.title, k.width) for k in c.key_frames] == [("automatic", "first frame · last frame", 360)]
    assert f"annotations.json: {problem}" in c.problems
