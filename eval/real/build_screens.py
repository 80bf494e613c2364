"""Build the real-screen part of the corpus from local git mirrors of open-source app repositories.

    python -m eval.real.build_screens add OWNER/REPO PATH... --mirror DIR [--commit REV] [--prefix P] [--marketing]
    python -m eval.real.build_screens drop IMAGE...
    python -m eval.real.build_screens rebuild --mirror DIR

`add` reads each PATH (a published screenshot) from the mirror at REV (default HEAD), stores it downscaled
(long side <= 1280 px, never upscaled, JPEG quality 88) under images/screens/<app_id>/, appends
its provenance row (repository, commit, path, licence) and a label skeleton marked UNREVIEWED;
a person then looks at the image and fills in the label (tags, pop-ups, close controls, check
boxes) and replaces the note. `rebuild` re-creates every stored image from the provenance rows
(the exact commit and path), so the images can be checked against their sources.

A mirror is a bare git directory per repository: DIR/<owner>+<repo>/repo (what the project's
`fetch` tool brings) or DIR/<owner>+<repo>.git.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from eval.real.corpus import ROOT, app_id_of, split_of

MAX_SIDE = 1280
JPEG_QUALITY = 88
PROVENANCE = ROOT / "provenance" / "screens.csv"
LABELS = ROOT / "labels" / "screens.jsonl"
FIELDS = ("image", "repo", "commit", "path", "license")
UNREVIEWED = "UNREVIEWED"

#: Licence texts recognised by a phrase in their first lines -> SPDX id.
_LICENSE_PHRASES = (
    (r"GNU AFFERO GENERAL PUBLIC LICENSE", "AGPL-3.0"),
    (r"GNU LESSER GENERAL PUBLIC LICENSE,?\s+Version 3", "LGPL-3.0"),
    (r"GNU LESSER GENERAL PUBLIC LICENSE,?\s+Version 2\.1", "LGPL-2.1"),
    (r"GNU GENERAL PUBLIC LICENSE,?\s+Version 3", "GPL-3.0"),
    (r"GNU GENERAL PUBLIC LICENSE,?\s+Version 2", "GPL-2.0"),
    (r"Apache License,?\s+Version 2\.0", "Apache-2.0"),
    (r"Mozilla Public License,? [Vv]ersion 2\.0", "MPL-2.0"),
    (r"European Union Public Licen[cs]e", "EUPL-1.2"),
    (r"Permission is hereby granted, free of charge", "MIT"),
    (r"Redistribution and use in source and binary forms.*\n(?:.*\n){0,30}.*neither the name", "BSD-3-Clause"),
    (r"Redistribution and use in source and binary forms", "BSD-2-Clause"),
    (r"This is free and unencumbered software released into the public domain", "Unlicense"),
    (r"Attribution-ShareAlike 4\.0", "CC-BY-SA-4.0"),
)


def git_dir(mirror: Path, repo: str) -> Path:
    owner_repo = repo.replace("/", "+")
    for cand in (mirror / owner_repo / "repo", mirror / f"{owner_repo}.git"):
        if cand.is_dir():
            return cand
    sys.exit(f"error: no mirror of {repo} under {mirror}")


def git(gdir: Path, *args: str) -> bytes:
    res = subprocess.run(["git", "--git-dir", str(gdir), *args], capture_output=True)
    if res.returncode:
        sys.exit(f"error: git {' '.join(args)} in {gdir}: {res.stderr.decode(errors='replace').strip()}")
    return res.stdout


def detect_license(gdir: Path, commit: str) -> str:
    """The SPDX id of the repository's top-level licence file, or exit when there is none."""
    names = git(gdir, "ls-tree", "--name-only", commit).decode().splitlines()
    for name in names:
        if re.match(r"(LICEN[CS]E|COPYING)", name, re.I):
            text = git(gdir, "show", f"{commit}:{name}").decode(errors="replace")
            for phrase, spdx in _LICENSE_PHRASES:
                if re.search(phrase, text[:4000], re.I):
                    return spdx
    sys.exit(f"error: {gdir}: no recognised open licence at the top level; give --license")


def downscale(data: bytes) -> tuple[Image.Image, tuple[int, int]]:
    im = Image.open(io.BytesIO(data))
    im.load()
    original = im.size
    if im.mode in ("RGBA", "LA", "P"):
        im = im.convert("RGBA")
        bg = Image.new("RGB", im.size, (255, 255, 255))
        bg.paste(im, mask=im.getchannel("A"))
        im = bg
    else:
        im = im.convert("RGB")
    scale = MAX_SIDE / max(im.size)
    if scale < 1:
        im = im.resize((round(im.width * scale), round(im.height * scale)), Image.Resampling.LANCZOS)
    return im, original


def store(gdir: Path, commit: str, path: str, dest: Path) -> tuple[Image.Image, tuple[int, int]] | None:
    """Stores one screenshot; None (with a warning) when the mirror lacks its content."""
    res = subprocess.run(["git", "--git-dir", str(gdir), "cat-file", "blob", f"{commit}:{path}"], capture_output=True)
    data = res.stdout
    if res.returncode or data.startswith(b"version https://git-lfs"):
        # Snapshots leave out large files and Git LFS content.
        print(f"warning: skipped {path}: {'a Git LFS pointer' if res.returncode == 0 else 'not in the mirror'}", file=sys.stderr)
        return None
    try:
        im, original = downscale(data)
    except UnidentifiedImageError:
        print(f"warning: skipped {path}: not an image Pillow can read", file=sys.stderr)
        return None
    dest.parent.mkdir(parents=True, exist_ok=True)
    im.save(dest, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return im, original


def image_name(path: str) -> str:
    """A stored name that keeps the locale apart: en-US/.../1.png -> 1.jpg, de-DE/.../1.png -> de-DE_1.jpg."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(path).stem)
    m = re.search(r"/([a-z]{2}(?:-[A-Za-z]{2,4})?)/images/", path)
    return f"{stem}.jpg" if not m or m.group(1) == "en-US" else f"{m.group(1)}_{stem}.jpg"


def read_rows() -> list[dict]:
    if not PROVENANCE.exists():
        return []
    with PROVENANCE.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_rows(rows: list[dict]) -> None:
    PROVENANCE.parent.mkdir(parents=True, exist_ok=True)
    with PROVENANCE.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["image"]))


def read_labels() -> list[dict]:
    if not LABELS.exists():
        return []
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_labels(labels: list[dict]) -> None:
    LABELS.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in sorted(labels, key=lambda r: r["image"]))
    LABELS.write_text(text, encoding="utf-8")


def skeleton(image: str, app_id: str, im: Image.Image, original: tuple[int, int], raw: bool) -> dict:
    return {
        "image": image, "source": "screens", "app_id": app_id, "split": split_of(app_id),
        "width": im.width, "height": im.height,
        "original_width": original[0], "original_height": original[1], "dpr": None,
        "orientation": "landscape" if im.width > im.height else "portrait",
        "raw_capture": raw, "tags": [], "popups": [], "close_controls": [], "checkboxes": [],
        "notes": UNREVIEWED,
    }


def cmd_add(a: argparse.Namespace) -> None:
    gdir = git_dir(a.mirror, a.repo)
    commit = git(gdir, "rev-parse", f"{a.commit}^{{commit}}").decode().strip()
    licence = a.license or detect_license(gdir, commit)
    app_id = app_id_of(a.repo)
    rows = {r["image"]: r for r in read_rows()}
    labels = {r["image"]: r for r in read_labels()}
    for path in a.paths:
        image = f"images/screens/{app_id}/{a.prefix}{image_name(path)}"
        stored = store(gdir, commit, path, ROOT / image)
        if stored is None:
            continue
        im, original = stored
        rows[image] = {"image": image, "repo": a.repo, "commit": commit, "path": path, "license": licence}
        if image not in labels:
            labels[image] = skeleton(image, app_id, im, original, not a.marketing)
        print(f"{image}  {original[0]}x{original[1]} -> {im.width}x{im.height}  {licence}")
    write_rows(list(rows.values()))
    write_labels(list(labels.values()))


def cmd_drop(a: argparse.Namespace) -> None:
    gone = set(a.images)
    write_rows([r for r in read_rows() if r["image"] not in gone])
    write_labels([r for r in read_labels() if r["image"] not in gone])
    for image in gone:
        (ROOT / image).unlink(missing_ok=True)
    print(f"dropped {len(gone)} images")


def cmd_rebuild(a: argparse.Namespace) -> None:
    rows = read_rows()
    done = sum(store(git_dir(a.mirror, r["repo"]), r["commit"], r["path"], ROOT / r["image"]) is not None for r in rows)
    print(f"rebuilt {done} of {len(rows)} images")
    if done < len(rows):
        sys.exit(1)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    add = sub.add_parser("add", help="store screenshots of one repository")
    add.add_argument("repo", help="owner/name")
    add.add_argument("paths", nargs="+", help="paths of screenshots in the repository")
    add.add_argument("--mirror", type=Path, required=True)
    add.add_argument("--commit", default="HEAD", help="the revision to read (an older one may hold raw captures)")
    add.add_argument("--prefix", default="", help="prefix of the stored names (keeps two revisions' 1.png apart)")
    add.add_argument("--license", help="SPDX id, when the licence file is not recognised")
    add.add_argument("--marketing", action="store_true", help="the images are marketing frames (raw_capture false)")
    drop = sub.add_parser("drop", help="remove stored images with their rows and labels")
    drop.add_argument("images", nargs="+", help="images/screens/<app_id>/<name>.jpg")
    rb = sub.add_parser("rebuild", help="re-create every image from its provenance row")
    rb.add_argument("--mirror", type=Path, required=True)
    a = ap.parse_args(argv)
    {"add": cmd_add, "drop": cmd_drop, "rebuild": cmd_rebuild}[a.cmd](a)


if __name__ == "__main__":
    main()
