"""Load and validate the real-screen corpus (eval/real/, format in eval/real/README.md).

    from eval.real.corpus import load
    for rec in load(split="dev"):          # every label of the dev split, both sources
        rec.path, rec.popups, rec.close_controls ...

`python -m eval.real.corpus` validates the whole corpus and prints one line per problem.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

ROOT = Path(__file__).resolve().parent
SOURCES = ("screens", "components")
#: A whole component library nobody tunes on: all its images are held out, whatever the background.
HELDOUT_LIBRARIES = frozenset({"ionic"})

Box = tuple[int, int, int, int]


def app_id_of(repo: str) -> str:
    """`owner/name` -> `owner__name`."""
    return repo.replace("/", "__")


def split_of(app_id: str) -> Literal["dev", "heldout"]:
    """The split rule: by app, a third of the apps held out."""
    return "heldout" if int(hashlib.sha1(app_id.encode()).hexdigest()[:8], 16) % 3 == 0 else "dev"


def library_of(image: str) -> str | None:
    """The component library of an `images/components/<library>/...` path, else None."""
    parts = image.split("/")
    return parts[2] if len(parts) > 3 and parts[:2] == ["images", "components"] else None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Popup(_Strict):
    bbox: Box
    kind: Literal["dialog", "bottom_sheet", "fullscreen"]


class CloseControl(_Strict):
    bbox: Box
    kind: Literal["x_icon", "text"]
    text: str | None = None
    popup: int = Field(ge=0)


class Checkbox(_Strict):
    bbox: Box
    checked: bool
    kind: Literal["checkbox", "switch", "radio"]
    text: str | None = None


class Label(_Strict):
    """One image's label; `path` is the image file, resolved against the corpus root."""

    image: str
    source: Literal["screens", "components"]
    app_id: str
    split: Literal["dev", "heldout"]
    width: int = Field(gt=0)
    height: int = Field(gt=0)
    original_width: int = Field(gt=0)
    original_height: int = Field(gt=0)
    dpr: float | None = Field(default=None, gt=0)
    orientation: Literal["portrait", "landscape"]
    raw_capture: bool
    tags: tuple[str, ...] = ()
    popups: tuple[Popup, ...] = ()
    close_controls: tuple[CloseControl, ...] = ()
    checkboxes: tuple[Checkbox, ...] = ()
    notes: str = ""
    #: The same screen before the pop-up appeared (components: the background screen), relative to the root.
    reference: str | None = None

    @property
    def reviewed(self) -> bool:
        """A person has looked at the image and filled in this label (`build_screens add` writes
        skeletons marked UNREVIEWED, which nothing may train on or score)."""
        return not self.notes.startswith("UNREVIEWED")

    @model_validator(mode="after")
    def _consistent(self) -> Label:
        if not self.image.startswith(f"images/{self.source}/"):
            raise ValueError(f"image {self.image!r} is not under images/{self.source}/")
        if self.orientation != ("landscape" if self.width > self.height else "portrait"):
            raise ValueError(f"orientation {self.orientation} does not match {self.width}x{self.height}")
        expected = "heldout" if library_of(self.image) in HELDOUT_LIBRARIES else split_of(self.app_id)
        if self.split != expected:
            raise ValueError(f"split {self.split} but the rule gives {expected} for {self.app_id}")
        boxes = [p.bbox for p in self.popups] + [c.bbox for c in self.close_controls] + [c.bbox for c in self.checkboxes]
        for x, y, w, h in boxes:
            if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > self.width or y + h > self.height:
                raise ValueError(f"box {[x, y, w, h]} is empty or outside the {self.width}x{self.height} image")
        for c in self.close_controls:
            if c.popup >= len(self.popups):
                raise ValueError(f"close control {list(c.bbox)} points at pop-up {c.popup} of {len(self.popups)}")
        if len(set(self.tags)) != len(self.tags) or any(not re.fullmatch(r"[a-z0-9_]+", t) for t in self.tags):
            raise ValueError(f"tags must be distinct lower-case words: {self.tags}")
        return self

    @property
    def path(self) -> Path:
        return ROOT / self.image


def _label_lines(source: str, root: Path) -> list[tuple[str, int, str]]:
    f = root / "labels" / f"{source}.jsonl"
    if not f.exists():
        return []
    return [(str(f), n, line) for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]


def load(source: str | None = None, split: str | None = None, root: Path = ROOT) -> list[Label]:
    """Every label (of one source and/or split when given); raises ValueError naming file:line on a bad one."""
    if source is not None and source not in SOURCES:
        raise ValueError(f"unknown source {source!r} (known: {', '.join(SOURCES)})")
    if split is not None and split not in ("dev", "heldout"):
        raise ValueError(f"unknown split {split!r} (dev or heldout)")
    out = []
    for src in (source,) if source else SOURCES:
        for fname, n, line in _label_lines(src, root):
            try:
                rec = Label.model_validate_json(line)
            except ValidationError as e:
                raise ValueError(f"{fname}:{n}: {e.errors()[0]['msg']} at {e.errors()[0]['loc']}") from None
            if rec.source != src:
                raise ValueError(f"{fname}:{n}: source {rec.source} in the {src} file")
            if split is None or rec.split == split:
                out.append(rec)
    return out


def provenance(source: str, root: Path = ROOT) -> dict[str, dict[str, str]]:
    """The provenance rows of one source by image path."""
    f = root / "provenance" / f"{source}.csv"
    if not f.exists():
        return {}
    with f.open(newline="", encoding="utf-8") as fh:
        return {row["image"]: row for row in csv.DictReader(fh)}


def validate(root: Path = ROOT) -> list[str]:
    """Every problem of the corpus, one line each; [] when it is sound.

    Labels parse and are consistent; every image exists with the stated size; no label is left
    unreviewed; every image has a provenance row with a 40-hex commit, a path and a licence.
    """
    from PIL import Image

    problems: list[str] = []
    for src in SOURCES:
        prov = provenance(src, root)
        seen: set[str] = set()
        for fname, n, line in _label_lines(src, root):
            try:
                rec = Label.model_validate_json(line)
            except ValidationError as e:
                problems.append(f"{fname}:{n}: {e.errors()[0]['msg']} at {e.errors()[0]['loc']}")
                continue
            where = f"{fname}:{n} {rec.image}"
            if rec.image in seen:
                problems.append(f"{where}: labelled twice")
            seen.add(rec.image)
            if not rec.reviewed:
                problems.append(f"{where}: not reviewed yet")
            img = root / rec.image
            if not img.is_file():
                problems.append(f"{where}: image missing")
            else:
                with Image.open(img) as im:
                    if im.size != (rec.width, rec.height):
                        problems.append(f"{where}: image is {im.size[0]}x{im.size[1]}, label says {rec.width}x{rec.height}")
                    if max(im.size) > 1280:
                        problems.append(f"{where}: long side {max(im.size)} > 1280")
            if rec.reference and not (root / rec.reference).is_file():
                problems.append(f"{where}: reference {rec.reference} missing")
            row = prov.get(rec.image)
            if row is None:
                problems.append(f"{where}: no provenance row")
                continue
            if not re.fullmatch(r"[0-9a-f]{40}", row.get("commit") or ""):
                problems.append(f"{where}: provenance commit {row.get('commit')!r} is not 40 hex")
            if not row.get("license") or not row.get("repo") or "/" not in row["repo"]:
                problems.append(f"{where}: provenance lacks a repository or licence")
            if src == "screens" and app_id_of(row["repo"]) != rec.app_id:
                problems.append(f"{where}: app_id {rec.app_id} but the source repository is {row['repo']}")
        for image in sorted(set(prov) - seen):
            problems.append(f"provenance/{src}.csv: {image} has no label")
    return problems


if __name__ == "__main__":
    found = validate()
    for p in found:
        print(p)
    print(f"{len(load())} labels, {len(found)} problems")
    sys.exit(1 if found else 0)
