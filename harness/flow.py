"""A navigation flow: the few steps a scenario takes through an app, from a small YAML list.

    - tap: {text: 我的}          # a node whose text or content-desc is (or starts with) this
    - tap: {id: com.x:id/tab_me} # a node by resource id (the part after `:id/` is enough)
    - tap: {xy: [540, 1200]}     # pixels
    - back
    - wait: 2.5                  # seconds
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .hierarchy import HierarchyError, Node, parse_nodes


class FlowError(ValueError):
    """A flow file that cannot be used, as one line naming the step and field."""


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str | None = None
    id: str | None = None
    xy: tuple[float, float] | None = None

    @model_validator(mode="after")
    def _one(self) -> Target:
        if sum(v is not None for v in (self.text, self.id, self.xy)) != 1:
            raise ValueError("give exactly one of text, id, xy")
        return self

    def find(self, xml: str) -> tuple[float, float] | None:
        """Where to tap in a hierarchy dump; None when the target is not on screen."""
        if self.xy is not None:
            return self.xy
        try:
            nodes = parse_nodes(xml)
        except HierarchyError:
            return None
        node = next((n for n in nodes if n.bounds and self._matches(n)), None)
        if node is None or node.bounds is None:
            return None
        x0, y0, x1, y1 = node.bounds
        return (x0 + x1) / 2, (y0 + y1) / 2

    def _matches(self, node: Node) -> bool:
        if self.id is not None:
            return node.resource_id == self.id or node.resource_id.endswith(":id/" + self.id)
        assert self.text is not None
        return any(t and (t == self.text or t.startswith(self.text)) for t in (node.text, node.content_desc))

    def describe(self) -> str:
        return f"text {self.text!r}" if self.text else f"id {self.id!r}" if self.id else f"xy {self.xy}"


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    action: Literal["tap", "back", "wait"]
    target: Target | None = None
    seconds: float = Field(0.0, ge=0, le=600)


def _step(raw: object) -> Step:
    if raw == "back":
        return Step(action="back")
    if isinstance(raw, dict) and len(raw) == 1:
        (key, value), = raw.items()
        if key == "tap":
            return Step(action="tap", target=Target.model_validate(value))
        if key == "wait":
            return Step(action="wait", seconds=value)
    raise ValueError("expected `back`, `tap: {text|id|xy: …}` or `wait: SECONDS`")


def load_flow(path: Path) -> tuple[Step, ...]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise FlowError(f"{path}: cannot read the flow: {e.strerror or e}") from None
    except yaml.YAMLError as e:
        raise FlowError(f"{path}: not valid YAML: {str(e).splitlines()[0]}") from None
    if not isinstance(data, list):
        raise FlowError(f"{path}: a flow is a YAML list of steps")
    steps = []
    for i, raw in enumerate(data, 1):
        try:
            steps.append(_step(raw))
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            message = str(first["msg"]).removeprefix("Value error, ")
            raise FlowError(f"{path}: step {i}: {where + ': ' if where else ''}{message}") from None
        except ValueError as e:
            raise FlowError(f"{path}: step {i}: {e}") from None
    return tuple(steps)
