"""Read and validate app and ground-truth files; any problem becomes one `AppFileError` line:
`path:line: field.path: message`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .references import problems
from .schema import APP_DIR, AppSpec
from .truth import GroundTruth
from .yaml_source import Loc, YamlDocument, YamlError, dotted, read_yaml

M = TypeVar("M", bound=BaseModel)


class AppFileError(ValueError):
    """A bad app or truth file; `str()` is the one line to show."""


def load_app(path: Path) -> AppSpec:
    doc, app = _load(path, AppSpec)
    for loc, message in problems(app):
        raise _error(path, doc, loc, message)
    return app


def load_truth(path: Path) -> GroundTruth:
    doc, truth = _load(path, GroundTruth)
    if missing := truth.missing_clauses():
        raise _error(path, doc, ("verdicts",), f"no verdict for clause {', '.join(missing)}")
    return truth


def _load(path: Path, model: type[M]) -> tuple[YamlDocument, M]:
    try:
        doc = read_yaml(path)
    except OSError as exc:
        raise AppFileError(f"{_shown(path)}: cannot read: {exc.strerror or exc}") from None
    except YamlError as exc:
        raise AppFileError(f"{_shown(path)}:{exc.line}: {exc}") from None
    if not isinstance(doc.data, dict):
        raise _error(path, doc, (), "expected a mapping of fields at the top level")
    try:
        return doc, model.model_validate(doc.data, context={APP_DIR: path.parent})
    except ValidationError as exc:
        raise _from_validation(path, doc, exc) from None


def _from_validation(path: Path, doc: YamlDocument, exc: ValidationError) -> AppFileError:
    """The first failing location; alternatives of a union at that location are joined."""
    errors = exc.errors()
    first = _data_loc(doc.data, errors[0]["loc"])
    messages = list(dict.fromkeys(_message(e) for e in errors if _data_loc(doc.data, e["loc"]) == first))
    more = len({_data_loc(doc.data, e["loc"]) for e in errors}) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    joined = " or ".join(messages).replace(" or expected ", " or ")
    return _error(path, doc, first, joined + suffix)


def _error(path: Path, doc: YamlDocument, loc: Loc, message: str) -> AppFileError:
    where = dotted(loc)
    return AppFileError(f"{_shown(path)}:{doc.line_of(loc)}: {where + ': ' if where else ''}{message}")


def _data_loc(data: object, loc: tuple) -> Loc:
    """The error location in the file's terms: pydantic's union-member tags dropped."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(data, dict):
            # pydantic names a non-string key (1.10 unquoted is the number 1.1) by its str()
            key = next((k for k in data if k == part or str(k) == str(part)), None)
            out.append(part if key is None else key)
            if key is None:
                break  # a missing key: point at it and stop
            data = data[key]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            out.append(part)
            data = data[part]
    return tuple(out)


_EXPECTED = {
    "missing": "required field missing",
    "extra_forbidden": "unknown field",
    "float_type": "expected a number", "float_parsing": "expected a number",
    "int_type": "expected an integer", "int_parsing": "expected an integer",
    "int_from_float": "expected an integer",
    "string_type": "expected text",
    "bool_type": "expected true or false", "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping", "model_type": "expected a mapping", "model_attributes_type": "expected a mapping",
}


def _message(error: dict) -> str:
    kind = error["type"]
    if kind in _EXPECTED:
        return _EXPECTED[kind]
    if kind == "literal_error":
        return f"expected {error['ctx']['expected']}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return error["msg"][0].lower() + error["msg"][1:].replace("Input should", "should")


def _shown(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
