# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test bench eval schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m emulator.demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench.virtual_device
	$(BIN)/python -m bench.vision
	$(BIN)/python -m bench.capture --duration 60

# Seed 1 is held out: the detectors were tuned on seed 0's images.
eval: $(STAMP)
	$(BIN)/python -m eval.vision --seed 1

# results.json's JSON Schema, generated from harness/report/models.py (a test checks it is current).
schema: $(STAMP)
	$(BIN)/python -m harness.report.schema docs/results-schema.json

clean:
	rm -rf $(VENV) out .pytest_cache
