"""The committed real-screen corpus (eval/real/) is complete, consistent and traceable to its sources."""

from __future__ import annotations

import hashlib
import json

import pytest

from eval.real.corpus import ROOT, Label, app_id_of, load, provenance, split_of, validate

#: What the corpus holds today (raise these as it grows; they guard against silent loss).
MIN_SCREEN_APPS = 100
MIN_SCREENS = 400
#: Labelled pop-ups on raw screens, in each split (the pop-up numbers need positives on both sides).
MIN_POPUP_SCREENS_PER_SPLIT = 20


def test_every_label_validates_and_every_image_is_traceable():
    # labels parse, images exist with the stated size, every image has a provenance row
    # with a 40-hex commit and a licence, nothing is left unreviewed
    assert validate() == []


def test_split_follows_the_app_hash_rule():
    for rec in load(source="screens"):
        expected = "heldout" if int(hashlib.sha1(rec.app_id.encode()).hexdigest()[:8], 16) % 3 == 0 else "dev"
        assert rec.split == expected == split_of(rec.app_id), rec.image


def test_screens_cover_enough_apps_in_both_splits():
    screens = load(source="screens")
    raw = [r for r in screens if r.raw_capture]
    apps = {r.app_id for r in raw}
    assert len(raw) >= MIN_SCREENS
    assert len(apps) >= MIN_SCREEN_APPS
    for split in ("dev", "heldout"):
        assert sum(bool(r.popups) for r in raw if r.split == split) >= MIN_POPUP_SCREENS_PER_SPLIT, split
    rows = provenance("screens")
    assert {app_id_of(rows[r.image]["repo"]) for r in screens} == {r.app_id for r in screens}


def test_loader_filters_and_resolves_paths():
    dev, held = load(split="dev"), load(split="heldout")
    assert dev and held and not {r.image for r in dev} & {r.image for r in held}
    assert all(r.path.is_file() and r.path.is_relative_to(ROOT) for r in dev[:5])
    with pytest.raises(ValueError, match="unknown split"):
        load(split="test")


def test_validation_catches_a_bad_label(tmp_path):
    rec = json.loads(next(iter((ROOT / "labels" / "screens.jsonl").read_text(encoding="utf-8").splitlines())))
    bad = {**rec, "split": "heldout" if rec["split"] == "dev" else "dev",
           "popups": [{"bbox": [0, 0, rec["width"] + 5, 10], "kind": "dialog"}]}
    with pytest.raises(ValueError):
        Label.model_validate(bad)
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "screens.jsonl").write_text(json.dumps({**rec, "notes": "UNREVIEWED"}) + "\n")
    problems = validate(tmp_path)
    assert any("not reviewed" in p for p in problems)
    assert any("image missing" in p for p in problems)
    assert any("no provenance row" in p for p in problems)
