# Two commands do all set-up on a fresh machine (Python 3.11, pip and the package registries):
#   make book   build the book into _build/html (creates .venv, installs, executes every chapter)
#   make test   run every test (same .venv, plus test tools and a headless browser)
# Other targets: make serve, make unit, make bench, make clean.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
JB_FLAGS := -W -n --keep-going
RUNTIME_STAMP := $(VENV)/.runtime-installed
TEST_STAMP := $(VENV)/.test-installed

.PHONY: book test serve unit bench clean venv test-deps

venv: $(RUNTIME_STAMP)

$(RUNTIME_STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

book: $(RUNTIME_STAMP)
	$(BIN)/jupyter-book build . $(JB_FLAGS)
	@echo ""
	@echo "The book is built: open $(CURDIR)/_build/html/index.html"
	@echo "(or serve it with: make serve, then visit http://localhost:8000)"

serve:
	@test -f _build/html/index.html || { echo "no built book: run make book first"; exit 1; }
	$(PYTHON) -m http.server --directory _build/html 8000

test-deps: $(TEST_STAMP)

$(TEST_STAMP): $(RUNTIME_STAMP) requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --no-deps cffconvert==2.0.0
	bash scripts/install-test-system-deps.sh
	touch $@

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

unit: $(TEST_STAMP)
	$(BIN)/python -m pytest -m unit

bench: $(TEST_STAMP)
	for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf _build .jupyter_cache
