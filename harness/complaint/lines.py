"""YAML with the line of every value, so an error can name the line it is about."""

from __future__ import annotations

from typing import Any

import yaml

Loc = tuple[str | int, ...]  # a path into the data: mapping keys and sequence indexes (from 0)


def load_with_lines(text: str) -> tuple[Any, dict[Loc, int]]:
    """The data (safe_load) and the 1-based line of each path in it. Raises yaml.YAMLError."""
    data = yaml.safe_load(text)
    lines: dict[Loc, int] = {}
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        _walk(root, (), root.start_mark.line + 1, lines)
    return data, lines


def _walk(node: yaml.Node, loc: Loc, line: int, lines: dict[Loc, int]) -> None:
    lines[loc] = line
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            # A key's own line: a nested mapping's value starts on the line below it.
            _walk(value, (*loc, key.value), key.start_mark.line + 1, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), item.start_mark.line + 1, lines)


def line_of(lines: dict[Loc, int], loc: Loc) -> int | None:
    """The line of `loc`, or of its nearest ancestor that is in the file (a missing field)."""
    for end in range(len(loc), -1, -1):
        found = lines.get(loc[:end])
        if found is not None:
            return found
    return None
