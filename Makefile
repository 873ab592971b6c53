# Thin entry points; the logic lives in scripts/ and in Python.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test lint format messages bench wagtail-suite clean

# The environment is (re)installed whenever pyproject.toml changes.
STAMP = $(VENV)/.installed

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

demo: $(STAMP)
	$(BIN)/python scripts/demo.py

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	$(BIN)/python scripts/messages.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

wagtail-suite: $(STAMP)
	$(BIN)/python scripts/wagtail_suite.py

clean:
	rm -rf $(VENV) var dist build example_site/db.sqlite3
