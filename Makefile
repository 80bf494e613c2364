# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test bench eval schema farm clean corpus-components train-verifier

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m emulator.demo

# The tests mostly wait on devices, so two workers share the 2 cores (three were a minute faster,
# but a fault-injection test failed once under them); the ground truth runs alone afterwards (it
# starts its own eight workers, and its timings must not compete).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --ignore=tests/scenarios/test_ground_truth.py
	$(BIN)/python -m pytest -q tests/scenarios/test_ground_truth.py

bench: $(STAMP)
	$(BIN)/python -m bench.virtual_device
	$(BIN)/python -m bench.vision
	$(BIN)/python -m bench.capture --duration 60

# Seed 1 is held out: the detectors were tuned on seed 0's images. Then the real-screen corpus
# (eval/real/): its held-out apps, never tuned on, and the dev apps for comparison.
eval: $(STAMP)
	$(BIN)/python -m eval.vision --seed 1
	$(BIN)/python -m eval.real_eval --split both

# Not part of `make test` or `make eval` (the model is committed): retrain the pop-up verifier on the
# corpus's development split and synthetic screens, with a cross-validation by app (about 10 min).
train-verifier: $(STAMP)
	$(BIN)/python -m eval.train_verifier

# Not part of `make test` or `make eval` (the images are committed): re-render the UI-library
# pop-ups over the real screens in headless Chromium (about half an hour on 2 cores).
corpus-components: $(STAMP)
	cd eval/components && npm ci --no-audit --no-fund && ../../$(BIN)/python render.py

# Four virtual devices on one private adb server; every demo app × every scenario leased through the
# device pool, with 4 devices and with 1: wall times, speed-up and the merged report (out/farm/).
farm: $(STAMP)
	$(BIN)/python -m bench.farm --devices 4 --out out/farm

# Not part of `make test`: 200 scenario runs with random faults (about half an hour).
soak: $(STAMP)
	$(BIN)/python -m bench.soak --runs 200

# results.json's JSON Schema, generated from harness/report/models.py (a test checks it is current).
schema: $(STAMP)
	$(BIN)/python -m harness.report.schema docs/results-schema.json

clean:
	rm -rf $(VENV) out .pytest_cache
