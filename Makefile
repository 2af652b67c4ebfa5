# Two commands do all set-up on a fresh machine (Python 3.11, pip and the package registries):
#   make book   build the book into _build/html (creates .venv, installs, executes every chapter)
#   make test   run every test (same .venv, plus test tools and a headless browser)
# Other targets: make lab (run the chapters in JupyterLab, on copies), make serve,
#   make student (solutions hidden; make student-branch commits it as the branch students
#   open), make unit, make bench, make clean,
#   make fuzz FUZZ_MINUTES=15 (the long fuzz run of tests/fuzz: mutated and hostile case files).
# Switches of `make book` (README, "Running the chapters elsewhere"), e.g. make book LITE=1:
#   LITE=1              add JupyterLite, "run in your browser", at _build/html/lite/
#   SELF_CONTAINED=1    serve the widget manager and MathJax from the site: no CDN request
#   JUPYTERHUB_URL=URL  add nbgitpuller launch buttons for that JupyterHub

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
JB_FLAGS := -W -n --keep-going
RUNTIME_STAMP := $(VENV)/.runtime-installed
TEST_STAMP := $(VENV)/.test-installed
LITE_STAMP := $(VENV)/.lite-installed
LAB_STAMP := $(VENV)/.lab-installed
LITE ?=
SELF_CONTAINED ?=
JUPYTERHUB_URL ?=
on = $(filter 1 yes true,$(1))
VARIANT_FLAGS := $(strip $(if $(call on,$(LITE)),--lite) $(if $(call on,$(SELF_CONTAINED)),--self-contained) \
                 $(if $(JUPYTERHUB_URL),--jupyterhub-url $(JUPYTERHUB_URL)))

.PHONY: book test serve unit bench clean venv test-deps student student-branch lab fuzz

venv: $(RUNTIME_STAMP)

$(RUNTIME_STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(LITE_STAMP): $(RUNTIME_STAMP) requirements-lite.txt
	$(BIN)/python -m pip install --quiet -r requirements-lite.txt
	touch $@

$(LAB_STAMP): $(RUNTIME_STAMP) requirements-lab.txt
	$(BIN)/python -m pip install --quiet -r requirements-lab.txt
	touch $@

# JupyterLab with the MyST renderer, on copies of the chapters in chapters/_work/ (git
# ignores them), so running a chapter never changes the tracked notebooks.
lab: $(LAB_STAMP)
	$(BIN)/jupyter lab --notebook-dir="$$($(BIN)/python scripts/lab_copies.py)"

# Chapter 7 writes its example files into a fresh folder during the build (readers get
# chapters/my-work/), so a rebuild never finds the files of the last one.
CH07_WORK := $(CURDIR)/_build/ch07-work

book: $(RUNTIME_STAMP) $(if $(call on,$(LITE)),$(LITE_STAMP))
	rm -rf "$(CH07_WORK)"
	@# what another switch added last time (the JupyterLite site, the vendored scripts)
	rm -rf _build/html/lite _build/html/_vendor
ifeq ($(VARIANT_FLAGS),)
	VCC_WORK_DIR="$(CH07_WORK)" $(BIN)/jupyter-book build . $(JB_FLAGS)
	$(BIN)/python scripts/book_pages.py prune _build/html
else
	$(BIN)/python scripts/book_variant.py $(VARIANT_FLAGS) --out _build/variant
	VCC_WORK_DIR="$(CH07_WORK)" $(BIN)/jupyter-book build . $(JB_FLAGS) --config _build/variant/_config.yml
	$(BIN)/python scripts/book_pages.py prune _build/html
	rm -rf _contents
endif
	@echo ""
	@echo "The book is built: open $(CURDIR)/_build/html/index.html"
	@echo "(or serve it with: make serve, then visit http://localhost:8000)"

serve:
	@test -f _build/html/index.html || { echo "no built book: run make book first"; exit 1; }
	$(PYTHON) -m http.server --directory _build/html 8000

test-deps: $(TEST_STAMP)

$(TEST_STAMP): $(RUNTIME_STAMP) requirements-test.txt $(wildcard requirements-lite.txt) requirements-lab.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --no-deps cffconvert==2.0.0
	bash scripts/install-test-system-deps.sh
	bash scripts/fetch-widget-manager.sh
	touch $@

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

unit: $(TEST_STAMP)
	$(BIN)/python -m pytest -m unit

FUZZ_MINUTES ?= 15
fuzz: $(TEST_STAMP)
	$(BIN)/python tests/fuzz/run.py --minutes $(FUZZ_MINUTES)

bench: $(TEST_STAMP)
	for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

student: $(RUNTIME_STAMP)
	$(BIN)/python scripts/student_edition.py

# Commit the student tree (made by make student) as the local branch `student`
# (vcc_student_branch in _config.yml); then publish it: git push origin student
STUDENT_BRANCH ?= $(shell $(BIN)/python -c "import sys, yaml; sys.path.insert(0, 'scripts'); from student_edition import student_branch; print(student_branch(yaml.safe_load(open('_config.yml'))))")
student-branch:
	@test -f _build/student/tree/_config.yml || { echo "no student tree: run make student first"; exit 1; }
	rm -rf _build/student/tree/.git
	git -C _build/student/tree init -q -b $(STUDENT_BRANCH)
	git -C _build/student/tree add -A
	git -C _build/student/tree -c user.name="$$(git config user.name || echo instructor)" \
	    -c user.email="$$(git config user.email || echo instructor@example.org)" \
	    commit -q -m "Student edition of $$(git rev-parse --short HEAD)"
	git -C _build/student/tree push -q --force "$(CURDIR)" HEAD:refs/heads/$(STUDENT_BRANCH)
	rm -rf _build/student/tree/.git
	@echo "The branch $(STUDENT_BRANCH) holds the student edition: publish it with git push origin $(STUDENT_BRANCH)"

clean:
	rm -rf _build .jupyter_cache _contents
