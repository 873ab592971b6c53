# Thin entry points; the logic lives in scripts/ and in Python.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test docs lint format messages bench wagtail-suite clean

# The suite runs in parallel, one worker per core, then the browser tests in
# one process: a live server's test empties the database when it ends, which
# the other tests sharing its worker would meet. `make test PARALLEL=` runs the
# first part in one process too; PYTEST_ARGS passes more options to both (-x, -k).
PARALLEL ?= -n auto --dist loadgroup
PYTEST_ARGS ?=

# The environment is (re)installed whenever pyproject.toml changes.
STAMP = $(VENV)/.installed

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# `make docs` also installs the docs extra (MkDocs and its plugins).
DOCS_STAMP = $(VENV)/.installed-docs

$(DOCS_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,docs]"
	touch $@

demo: $(STAMP)
	$(BIN)/python scripts/demo.py

# First find or install the browser the suite drives (scripts/provision.py).
test: $(STAMP)
	$(BIN)/python scripts/provision.py
	$(BIN)/python -m pytest $(PARALLEL) -m "not browser" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

# The documentation site, into site/; --strict turns every warning into an error.
docs: $(DOCS_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	$(BIN)/python scripts/messages.py

# BENCH=http (or api, load, ...) runs one benchmark only.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH)

wagtail-suite: $(STAMP)
	$(BIN)/python scripts/wagtail_suite.py

clean:
	rm -rf $(VENV) var dist build site example_site/db.sqlite3
