"""The JSON Schema of results.json, generated from the models:

    python -m harness.report.schema docs/results-schema.json     (make schema)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .models import Results

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema() -> dict:
    return {"$schema": SCHEMA_DIALECT, **Results.model_json_schema(mode="serialization")}


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m harness.report.schema PATH", file=sys.stderr)
        return 2
    Path(argv[0]).write_text(schema_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
