"""The app description format: what an `app.yaml` may say, as pydantic models.

Every model forbids unknown keys, so a typo is an error with a location, not a silently
ignored line. Positions and sizes are in dp, font sizes in sp, times in ms.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..android.bitmaps import BitmapError, Fit, decoded

_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


def _colour(value: object) -> tuple[int, ...]:
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        raise ValueError("expected a colour like #RRGGBB or #RRGGBBAA")
    digits = value[1:]
    return tuple(int(digits[i:i + 2], 16) for i in range(0, len(digits), 2))


def _opaque(value: object) -> tuple[int, int, int]:
    rgba = _colour(value)
    if len(rgba) != 3:
        raise ValueError("expected an opaque colour like #RRGGBB")
    return rgba  # type: ignore[return-value]


Colour = Annotated[tuple[int, ...], BeforeValidator(_colour)]  # RGB or RGBA
Opaque = Annotated[tuple[int, int, int], BeforeValidator(_opaque)]
Position = float | Literal["center"]  # dp from the parent's near edge; negative: from the far edge
Length = Annotated[float, Field(gt=0)] | Literal["fill"]  # fill: the parent's size less the offset
Millis = Annotated[int, Field(ge=0)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Launch(Strict):
    package: str
    activity: str | None = None


class StartService(Strict):
    package: str
    service: str


class Broadcast(Strict):
    action: str
    package: str | None = None


class Toast(Strict):
    text: str
    long: bool = False


class Later(Strict):
    after_ms: Millis
    do: list[Action]


class Request(Strict):
    """A runtime permission request; `on_granted` runs when every permission was granted."""

    permissions: list[str] = Field(min_length=1)
    on_granted: list[Action] = []
    on_denied: list[Action] = []


class Action(Strict):
    """One step; exactly one key is set."""

    go: str | None = None  # finish this screen and start that one (like a splash's finish())
    open: str | None = None  # start that screen on top of this one
    back: Literal[True] | None = None  # finish this screen
    show: str | None = None  # make a view visible (by id)
    hide: str | None = None
    popup: str | None = None  # show an overlay
    dismiss: str | None = None  # close an overlay
    later: Later | None = None  # run steps after a delay
    launch: Launch | None = None  # start another package's activity
    start_service: StartService | None = None
    broadcast: Broadcast | None = None
    request: Request | None = None
    toast: Toast | None = None
    exit: Literal[True] | None = None  # the app finishes all its activities

    @model_validator(mode="after")
    def _one_key(self) -> Action:
        keys = self.keys()
        if len(keys) != 1:
            raise ValueError(f"an action has exactly one key, got {len(keys)}: {', '.join(keys) or 'none'}")
        return self

    def keys(self) -> list[str]:
        return [k for k in type(self).model_fields if getattr(self, k) is not None]

    @property
    def kind(self) -> str:
        return self.keys()[0]


class Countdown(Strict):
    """The view's text counts down: `text` with {n} = whole seconds left, then `done_text`."""

    seconds: Annotated[int, Field(gt=0)]
    text: str
    done_text: str


ViewType = Literal["text", "button", "image", "checkbox", "switch", "box"]
Glyph = Literal["x", "circle_x"]
APP_DIR = "app_dir"  # validation context: the folder image paths are relative to (the app file's)


class ViewSpec(Strict):
    id: str | None = None
    type: ViewType = "box"
    x: Position = 0
    y: Position = 0
    width: Length
    height: Length
    text: str = ""
    countdown: Countdown | None = None
    content_desc: str = ""
    text_size: Annotated[float, Field(gt=0)] | None = None  # sp; default: from the height
    color: Opaque | None = None  # text and glyph colour; default: the screen's text_color
    background: Colour | None = None
    corner_radius: Annotated[float, Field(ge=0)] = 0
    align: Literal["left", "center"] = "center"
    glyph: Glyph | None = None
    image: str | None = None  # a PNG or JPEG file, relative to the app file; after validation its absolute path
    fit: Fit = "fill"  # how the image is scaled into the view
    exposed: bool = True  # False: pixels only, absent from the hierarchy (ad SDK drawing)
    text_exposed: bool = True  # False: text painted but not reported (text in a bitmap)
    visible: bool = True
    checked: bool = False  # checkbox and switch: the state when first shown
    on_tap: list[Action] = []
    tap_enabled_after_ms: Millis = 0  # taps before this (from when shown) do nothing
    children: list[ViewSpec] = []

    @model_validator(mode="before")
    @classmethod
    def _image_is_an_image_view(cls, data: object) -> object:
        if isinstance(data, dict) and "image" in data and "type" not in data:
            return {**data, "type": "image"}  # an ImageView unless the view says otherwise
        return data

    @field_validator("image")
    @classmethod
    def _readable_image(cls, value: str, info: ValidationInfo) -> str:
        """Decoded now (and cached), so a bad file stops the device at start with its line."""
        base = Path((info.context or {}).get(APP_DIR, "."))
        path = (base / value).resolve()
        try:
            decoded(str(path))
        except BitmapError as exc:
            raise ValueError(f"{value}: {exc}") from None
        return str(path)

    @model_validator(mode="after")
    def _checked_needs_checkable(self) -> ViewSpec:
        if self.checked and self.type not in ("checkbox", "switch"):
            raise ValueError("`checked` applies to checkbox and switch views only")
        return self

    @model_validator(mode="after")
    def _fit_needs_image(self) -> ViewSpec:
        if "fit" in self.model_fields_set and self.image is None:
            raise ValueError("`fit` applies to views with an `image` only")
        return self


class Timer(Strict):
    after_ms: Millis
    every_ms: Annotated[int, Field(gt=0)] | None = None  # repeat after the first run
    do: list[Action]


class Shake(Strict):
    """A shake detector read at `rate_hz`: it fires when the linear acceleration |a - gravity|
    stays at or over `accel` m/s² for `min_duration_ms` and, when `rotation_deg` is set, the
    phone turned that far during it (orientation sensor, or the gyroscope integrated)."""

    accel: Annotated[float, Field(gt=0)]
    rotation_deg: Annotated[float, Field(gt=0)] | None = None
    min_duration_ms: Millis
    rate_hz: Annotated[float, Field(gt=0, le=1000)] = 50
    do: list[Action]


class Surface(Strict):
    """What screens and overlays share: views, timers and tap/back handling."""

    views: list[ViewSpec] = []
    timers: list[Timer] = []
    on_enter: list[Action] = []  # run when shown
    on_tap: list[Action] = []  # a tap anywhere not handled by a view
    on_back: list[Action] = []
    back_blocked: bool = False  # back does nothing


class Screen(Surface):
    """An activity."""

    activity: str | None = None  # class name; default `.<Name>Activity` from the screen key
    background: Opaque = (255, 255, 255)
    text_color: Opaque = (33, 33, 33)
    shake: Shake | None = None


class Overlay(Surface):
    """A dialog window over the current screen, on a dim layer covering the app area."""

    dim: Colour = (0, 0, 0, 153)
    text_color: Opaque = (33, 33, 33)


class AppSpec(Strict):
    package: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")]
    label: str
    version_name: str = "1.0"
    version_code: Annotated[int, Field(ge=1)] = 1
    icon_color: Opaque = (66, 133, 244)
    permissions: list[str] = []  # declared in the manifest
    start: str  # the launcher screen
    screens: dict[str, Screen] = Field(min_length=1)
    overlays: dict[str, Overlay] = {}

    def activity_of(self, screen: str) -> str:
        """The fully-qualified activity class of a screen."""
        name = self.screens[screen].activity or "." + "".join(p.title() for p in screen.split("_")) + "Activity"
        return self.package + name if name.startswith(".") else name


Later.model_rebuild()
Request.model_rebuild()
