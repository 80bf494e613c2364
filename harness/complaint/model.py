"""The complaint file: the app, the steps the complainant took and what they saw, as a pydantic
model read from YAML. A bad file is one `ComplaintError` line naming the line and the field,
e.g. `complaint.yaml:7: steps[3].shake.accel_ms2: must be greater than 0` (steps are numbered
from 1 everywhere: in errors, in `after_step` and in the report). See docs/complaints.md.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..device.identity import AppIdentity
from ..flow import Target
from ..probes.permission_dialog import GROUP_MEMBERS
from ..reference import CLAUSES
from .lines import Loc, line_of, load_with_lines

STEP_KINDS = ("launch", "wait", "tap", "back", "shake", "deny", "allow")
BARE_STEPS = ("launch", "back")  # steps that may be written as a bare word
#: permission group names as a complaint writes them (location, camera …) → Android's group
GROUPS = {group.rsplit(".", 1)[1].lower(): group for group in GROUP_MEMBERS}
PACKAGE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+")
SHA256 = re.compile(r"[0-9a-fA-F]{64}")
JumpKind = Literal["another_app", "another_page", "any"]
_STRICT = ConfigDict(extra="forbid", frozen=True)


class ComplaintError(ValueError):
    """A complaint file that cannot be used, as one line: `FILE:LINE: FIELD: problem`."""


def _text(value: Any, what: str) -> Any:
    """A dotted number as written: YAML reads an unquoted 1.10 as the float 1.1."""
    if isinstance(value, float):
        raise ValueError(f'quote the {what}, e.g. "1.10" (unquoted, YAML reads it as a number)')
    return str(value) if isinstance(value, int) else value


def _group(value: str) -> str:
    name = value.strip().lower()
    if name != "any" and name not in GROUPS:
        raise ValueError(f"unknown permission group {value!r} (any, {', '.join(GROUPS)})")
    return name


PermissionGroup = Annotated[str, AfterValidator(_group)]


class App(BaseModel):
    model_config = _STRICT

    package: str
    version: str | None = None  # the versionName the complainant had
    sha256: str | None = None  # of the base APK

    @field_validator("package")
    @classmethod
    def _package_name(cls, value: str) -> str:
        if not PACKAGE.fullmatch(value):
            raise ValueError(f"{value!r} is not an Android package name (e.g. com.vendor.app)")
        return value

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return _text(value, "version")

    def differences(self, found: AppIdentity) -> list[str]:
        """How the installed app differs from the one complained about (version, APK)."""
        out = []
        if self.version is not None and found.version_name != self.version:
            out.append(f"version {found.version_name or 'unknown'} on the device, {self.version} in the complaint")
        if self.sha256 is not None and found.apk_sha256 != self.sha256:
            out.append(f"APK SHA-256 {found.apk_sha256} on the device, {self.sha256} in the complaint")
        return out

    @field_validator("sha256")
    @classmethod
    def _digest(cls, value: str | None) -> str | None:
        if value is not None and not SHA256.fullmatch(value):
            raise ValueError("must be the 64 hex digits of a SHA-256")
        return value.lower() if value else value


class Launch(BaseModel):
    model_config = _STRICT

    clear: bool = False  # `pm clear` first: the app as freshly installed


class Shake(BaseModel):
    model_config = _STRICT

    accel_ms2: float = Field(gt=0, le=100)  # peak linear acceleration
    duration_s: float = Field(gt=0, le=60)
    rotation_deg: float = Field(0.0, ge=0, le=360)
    frequency_hz: float | None = Field(None, gt=0, le=12)  # default: the configuration's shake_frequency_hz

    def overrides(self) -> dict[str, float]:
        """The ShakeSpec fields this shake sets (the rest come from the configuration)."""
        fields = dict(peak_accel_ms2=self.accel_ms2, duration_s=self.duration_s, rotation_deg=self.rotation_deg)
        return fields | ({"frequency_hz": self.frequency_hz} if self.frequency_hz is not None else {})

    def describe(self) -> str:
        turn = f", {self.rotation_deg:g}°" if self.rotation_deg else ""
        return f"{self.accel_ms2:g} m/s² for {self.duration_s:g} s{turn}"


class Step(BaseModel):
    """One thing the complainant did; exactly one field is set."""

    model_config = _STRICT

    launch: Launch | None = None
    wait: float | None = Field(None, gt=0, le=600)  # seconds
    tap: Target | None = None
    back: Literal[True] | None = None
    shake: Shake | None = None
    deny: PermissionGroup | None = None
    allow: PermissionGroup | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_kind(cls, raw: Any) -> Any:
        if isinstance(raw, str) and raw in BARE_STEPS:
            raw = {raw: None}
        if isinstance(raw, dict) and len(raw) == 1:
            (kind, value), = raw.items()
            if kind in STEP_KINDS:
                if value is None and kind in BARE_STEPS:
                    value = {} if kind == "launch" else True
                return {kind: value}
        raise ValueError("a step is one of: launch, back, wait: SECONDS, tap: {text|id|xy: …}, "
                         "shake: {accel_ms2: …, duration_s: …}, deny: GROUP, allow: GROUP")

    @property
    def kind(self) -> str:
        return next(k for k in STEP_KINDS if getattr(self, k) is not None)

    def describe(self) -> str:
        kind = self.kind
        if kind == "launch":
            return "launch (data cleared)" if self.launch and self.launch.clear else "launch"
        if kind == "wait":
            return f"wait {self.wait:g} s"
        if kind == "tap":
            assert self.tap is not None
            return f"tap {self.tap.describe()}"
        if kind == "shake":
            assert self.shake is not None
            return f"shake {self.shake.describe()}"
        if kind in ("deny", "allow"):
            return f"{kind} {getattr(self, kind)} permission"
        return kind


class Expect(BaseModel):
    """What the complainant saw, in a form the replay can check: a jump or a permission dialog."""

    model_config = _STRICT

    jump: JumpKind | None = None
    permission_dialog: PermissionGroup | None = None
    after_step: int | None = Field(None, ge=1)  # default: the last step that is not a wait

    @model_validator(mode="after")
    def _one(self) -> Expect:
        if (self.jump is None) == (self.permission_dialog is None):
            raise ValueError("give exactly one of jump, permission_dialog")
        return self

    @property
    def kind(self) -> str:
        return "jump" if self.jump else "permission_dialog"

    def describe(self) -> str:
        if self.jump is not None:
            return {"another_app": "a jump to another app", "another_page": "a jump to another page of the app",
                    "any": "a jump to another app or page"}[self.jump]
        group = self.permission_dialog
        return "a permission dialog" if group == "any" else f"a {group} permission dialog"


class Complaint(BaseModel):
    model_config = _STRICT

    app: App
    saw: str = ""  # the complainant's own words, kept for the report
    clause: str | None = None  # default: inferred from `expect`
    steps: tuple[Step, ...] = Field(min_length=1)
    expect: Expect

    @field_validator("clause", mode="before")
    @classmethod
    def _known_clause(cls, value: Any) -> Any:
        value = _text(value, "clause")
        if value is not None and value not in CLAUSES:
            raise ValueError(f"unknown clause {value!r} (one of {', '.join(CLAUSES)})")
        return value

    @property
    def after_step(self) -> int:
        """The step (from 1) after which the expectation is looked for."""
        if self.expect.after_step is not None:
            return self.expect.after_step
        return max((n for n, s in enumerate(self.steps, 1) if s.kind != "wait"), default=1)

    def window(self) -> tuple[int, ...]:
        """The steps whose time the expectation is looked for in: `after_step` and the waits
        right after it (what happens while the user waits is the last action's doing)."""
        first = self.after_step
        last = first
        while last < len(self.steps) and self.steps[last].kind == "wait":
            last += 1
        return tuple(range(first, last + 1))

    @property
    def judged_clause(self) -> str:
        """The clause given, else: a permission dialog → 1.10; a jump to another app with no
        user action before it (after a launch or a wait) → 1.6; any other jump → 1.4."""
        if self.clause is not None:
            return self.clause
        if self.expect.permission_dialog is not None:
            return "1.10"
        if self.expect.jump == "another_app" and self.steps[self.after_step - 1].kind in ("launch", "wait"):
            return "1.6"
        return "1.4"

    def problem(self) -> tuple[Loc, str] | None:
        """What a valid file can still get wrong across fields, with where."""
        if self.steps[0].kind != "launch":
            return ("steps", 0), "the first step must be `launch` (the replay starts from a cold launch)"
        if self.expect.after_step is not None and self.expect.after_step > len(self.steps):
            return ("expect", "after_step"), f"there are only {len(self.steps)} steps"
        return None


def _where(loc: Loc) -> str:
    """`steps[3].shake.accel_ms2` (step numbers from 1)."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out


def _message(error: dict[str, Any]) -> str:
    if error["type"] == "missing":
        return "required"
    if error["type"] == "extra_forbidden":
        return "unknown field"
    return str(error["msg"]).removeprefix("Value error, ").replace("Input should be", "must be")


def load_complaint(path: Path) -> Complaint:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ComplaintError(f"{path}: cannot read the complaint: {getattr(e, 'strerror', None) or e}") from None
    try:
        data, lines = load_with_lines(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ComplaintError(f"{where}: not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise ComplaintError(f"{path}:1: a complaint is a YAML mapping with app, steps and expect")
    try:
        complaint = Complaint.model_validate(data)
    except ValidationError as e:
        error = e.errors()[0]
        loc = tuple(error["loc"])
        raise ComplaintError(f"{path}:{line_of(lines, loc) or 1}: {_where(loc) or 'complaint'}: "
                             f"{_message(error)}") from None
    problem = complaint.problem()
    if problem is not None:
        loc, message = problem
        raise ComplaintError(f"{path}:{line_of(lines, loc) or 1}: {_where(loc)}: {message}")
    return complaint
