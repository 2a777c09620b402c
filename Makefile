# Each target is a thin alias for one command, so people and CI run the same thing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test lint fmt bench clean browser pdf

# The virtual environment, created once.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Tidtam needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

# Runtime dependencies; refreshed whenever pyproject.toml or the constraints change.
$(VENV)/.runtime: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install -c constraints.txt -e .
	@touch $@

# Runtime plus the test and lint tools.
$(VENV)/.dev: pyproject.toml constraints.txt $(VENV)/.runtime
	$(PIP) install -c constraints.txt -e '.[dev]'
	@touch $@

## run: set up, load the example plan into var/tidtam.db if the store is empty, and serve
run: $(VENV)/.runtime pdf
	$(BIN)/tidtam setup
	$(BIN)/tidtam serve

# Debian's chromium and Thai fonts for the page tests (Playwright drives the system browser;
# it never downloads one). Installed with apt when possible; otherwise the page tests skip.
browser:
	@./scripts/ensure-browser

# Pango and the Laksaman font for PDF reports (pip brings WeasyPrint itself), and for the
# tests poppler's pdftoppm; installed with apt when possible, else PDF says why it cannot.
pdf:
	@./scripts/ensure-pdf $(if $(filter test,$(MAKECMDGOALS)),--test,)

## test: set up with the dev tools and run the whole suite (lint, types, layers, tests)
test: lint browser pdf
	$(BIN)/pytest -n auto --dist worksteal

## lint: style, types, and the layer contracts (which room may import which)
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m tests.sizes

fmt: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: the speed and memory measures (not part of the test suite)
bench: $(VENV)/.dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
