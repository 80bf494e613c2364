"""A folder against the hashes a filed report recorded when it was sealed.

A folder's own manifest cannot catch a rewrite that also rewrote the manifest; the SHA-256 of
the sealed manifest kept outside the folder (results.json, JUnit, the PDF) can. The hash is
recomputed from the manifest's content, never read from its `sha256` field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .manifest import SEALED, seal_digest

AnchorState = Literal["match", "mismatch", "unsealed", "not-filed", "missing"]


class Filed(BaseModel):
    """What a filed report says of one test's folder."""

    model_config = ConfigDict(frozen=True)

    id: str  # <run-id>/[<worker>/]<test folder>
    manifest_sha256: str
    signed_by: str | None = None


class AnchorCheck(BaseModel):
    model_config = ConfigDict(frozen=True)

    folder: str | None  # None: filed, but no folder found
    id: str | None  # the filed test it was matched to
    state: AnchorState
    filed_sha256: str | None = None
    current_sha256: str | None = None

    @property
    def ok(self) -> bool:
        return self.state == "match"


def current_sha256(folder: Path) -> str | None:
    """The sealed manifest's hash recomputed from its content; None when there is none usable."""
    try:
        sealed = json.loads((folder / SEALED).read_bytes())
    except (OSError, ValueError):
        return None
    return seal_digest(sealed) if isinstance(sealed, dict) else None


def match(folder: Path, filed: Mapping[str, Filed]) -> Filed | None:
    """The filed test whose id is the end of `folder`'s path (ids are unique across runs, and a
    copied run keeps its folder names)."""
    parts = folder.absolute().parts
    return next((f for f in filed.values() if parts[-len(f.id.split("/")):] == tuple(f.id.split("/"))), None)


def check_against(folders: Sequence[Path], filed: Mapping[str, Filed], root: Path,
                  whole_runs: bool = True) -> list[AnchorCheck]:
    """Each folder against its filed hash; with `whole_runs` (`root` is a run or holds runs, not
    one test's folder), also the filed tests of the runs seen (or of the run `root` is) that
    have no folder."""
    checks = []
    seen: set[str] = set()
    for folder in folders:
        entry = match(folder, filed)
        now = current_sha256(folder)
        if entry is None:
            checks.append(AnchorCheck(folder=str(folder), id=None, state="not-filed", current_sha256=now))
            continue
        seen.add(entry.id)
        state: AnchorState = "unsealed" if now is None else "match" if now == entry.manifest_sha256 else "mismatch"
        checks.append(AnchorCheck(folder=str(folder), id=entry.id, state=state, filed_sha256=entry.manifest_sha256,
                                  current_sha256=now))
    if not whole_runs:
        return checks
    runs = {i.split("/")[0] for i in seen} | {root.absolute().name}
    checks += [AnchorCheck(folder=None, id=f.id, state="missing", filed_sha256=f.manifest_sha256)
               for f in filed.values() if f.id not in seen and f.id.split("/")[0] in runs]
    return checks
