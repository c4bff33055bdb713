# The two commands a newcomer needs: `make demo` and `make test`. Both bootstrap a virtual
# environment in .venv the first time (and again whenever pyproject.toml changes).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)  ## plan the bundled example production and say where the outputs are
	$(BIN)/shootplan demo

test: $(STAMP)  ## run the whole test suite
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff (lint + format) and mypy, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)  ## the benchmark tables (see benchmarks/README.md)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) shootplan-demo .pytest_cache .mypy_cache .ruff_cache
