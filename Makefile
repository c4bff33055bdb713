# The two commands a newcomer needs: `make demo` and `make test`. Both bootstrap a virtual
# environment in .venv the first time (and again whenever pyproject.toml changes).
# `make test` is the whole suite (CI runs it, several minutes); `make test-fast` skips the tests
# marked slow (long solves, notebooks, CLI subprocesses) and runs in under a minute while editing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)  ## plan the bundled example production and say where the outputs are
	$(BIN)/shootplan demo

# One pytest process per core (pytest-xdist), each test file kept on one process so a module's
# fixtures (a plan, a sweep) are built once. Tests that solve with one worker count CP-SAT's
# deterministic clock, so a busy neighbour changes their time, never their result.
XDIST := -n auto --dist loadfile

test: $(STAMP)  ## run the whole test suite
	$(BIN)/python -m pytest $(XDIST)

test-fast: $(STAMP)  ## the fast tier: every module, no test marked slow (under a minute)
	$(BIN)/python -m pytest $(XDIST) -m "not slow"

lint: $(STAMP)  ## ruff (lint + format) and mypy, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)  ## the benchmark tables (see benchmarks/README.md)
	$(BIN)/python benchmarks/run.py --long

clean:
	rm -rf $(VENV) shootplan-demo .pytest_cache .mypy_cache .ruff_cache
