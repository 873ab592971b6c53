# Thin entry points; the logic lives in scripts/ and in Python.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test lint format messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e ".[dev]"

demo: $(BIN)/python
	$(BIN)/python scripts/demo.py

test: $(BIN)/python
	$(BIN)/python -m pytest

lint: $(BIN)/python
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/python
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(BIN)/python
	$(BIN)/python scripts/messages.py

bench: $(BIN)/python
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) var dist build example_site/db.sqlite3
