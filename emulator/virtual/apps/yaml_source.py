"""YAML with line numbers: the parsed data plus, for every key and item, the line it sits on,
so a validation error's location (`screens.splash.views[2].width`) maps back to the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

Loc = tuple[str | int, ...]


class YamlError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class YamlDocument:
    data: object
    lines: dict[Loc, int]  # 1-based line of each key (for mappings) or item (for sequences)

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest known prefix of `loc` (a missing key points at its parent)."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1


def read_yaml(path: Path) -> YamlDocument:
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(mark.line + 1 if mark else 1, f"YAML syntax: {exc.problem or exc}") from None
    lines: dict[Loc, int] = {}
    if node is None:
        return YamlDocument(None, {(): 1})
    return YamlDocument(_Converter(lines).convert(node, ()), lines)


class _Converter:
    """Builds plain data from the node tree, recording each node's line on the way."""

    def __init__(self, lines: dict[Loc, int]) -> None:
        self.lines = lines
        self.scalars = yaml.SafeLoader("")  # constructs scalars with YAML's own typing rules

    def convert(self, node: yaml.Node, loc: Loc) -> object:
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlError(key_node.start_mark.line + 1, f"{dotted(loc) or 'file'}: keys must be plain values")
                key = self.scalars.construct_object(key_node)
                if key in out:
                    raise YamlError(key_node.start_mark.line + 1, f"{dotted(loc + (key,))}: duplicate key")
                self.lines[loc + (key,)] = key_node.start_mark.line + 1
                out[key] = self.convert(value_node, loc + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self.scalars.construct_object(node)


def dotted(loc: Loc) -> str:
    """`screens.splash.views[2].width` from ("screens", "splash", "views", 2, "width")."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
