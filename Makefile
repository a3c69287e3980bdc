# Two entry points, both safe to re-run: `make lab` opens the course, `make test` runs every test.
# Each creates .venv with the course installed in it the first time, and re-installs only when
# pyproject.toml changes.
#
# `make lab` opens the learner's own copy of the lessons, my-lessons/ (exercise versions, written
# on the first run; a lesson you changed is never overwritten, so your edits survive `make lab`,
# `git pull` and re-installs). `make solutions` opens the worked versions, read-only, in
# solutions/worked-solutions/; `make reset LESSON=03` starts a lesson again (LESSON=all: every
# lesson; your version is kept in my-lessons/.backup/).
# Jupyter's own settings pass through: JUPYTER_PORT, JUPYTER_TOKEN, `make lab ARGS=--no-browser`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
EXTRAS := course,instructor,dev
# jupyter lab refuses to start as root unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
MY_LESSONS ?= my-lessons
SOLUTIONS ?= solutions
# The worked copies live one folder down, so that the file browser's path names them.
WORKED := worked-solutions
ARGS ?=
# The learner's Jupyter: nbgrader's instructor tools and JupyterLab's news switched off for this
# one Jupyter (see tools/learner-jupyter/README.md); the rest of the Jupyter configuration applies
# as usual. The worked solutions' Jupyter adds tools/solutions-jupyter/: read-only, and its name
# in the window title.
WITH_CONFIG = JUPYTER_CONFIG_PATH="$(1)$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH))"
LEARNER_JUPYTER = $(call WITH_CONFIG,$(CURDIR)/tools/learner-jupyter) $(BIN)/jupyter lab $(ROOT_FLAG)
SOLUTIONS_JUPYTER = $(call WITH_CONFIG,$(CURDIR)/tools/solutions-jupyter:$(CURDIR)/tools/learner-jupyter) \
	$(BIN)/jupyter lab $(ROOT_FLAG)
# How `mlcourse lessons` tells a learner to start a lesson again, from this Makefile.
RESET_COMMAND = make reset LESSON={lesson}$(if $(filter-out my-lessons,$(MY_LESSONS)), MY_LESSONS=$(MY_LESSONS))

.PHONY: setup lab solutions reset test lint notebooks bench bench-grading chromium bubblewrap clean

setup: $(INSTALLED)

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "mlcourse needs Python >= 3.11 (set PYTHON=python3.11 or newer)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	@# An optional jsonschema extra that costs ~3 s on every import of nbformat (so on every
	@# pytest run and every notebook check) and is needed only to validate one rare URI format.
	$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax
	touch $@

lab: setup
	$(BIN)/mlcourse lessons "$(MY_LESSONS)" --reset-command "$(RESET_COMMAND)"
	$(LEARNER_JUPYTER) --ServerApp.root_dir="$(MY_LESSONS)" $(ARGS)

solutions: setup
	$(BIN)/mlcourse lessons --solutions "$(SOLUTIONS)/$(WORKED)"
	$(SOLUTIONS_JUPYTER) --ServerApp.root_dir="$(SOLUTIONS)" \
	  --ContentsManager.preferred_dir="$(WORKED)" $(ARGS)

reset: setup
	@test -n "$(LESSON)" || { echo "which lesson? make reset LESSON=03 (or LESSON=all)" >&2; exit 2; }
	$(BIN)/mlcourse lessons "$(MY_LESSONS)" --lesson "$(LESSON)" --force

test: setup chromium bubblewrap
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# The browser tests drive Debian's chromium; install it if it is missing (as root, or with sudo).
# Opting out is explicit: MLCOURSE_SKIP_BROWSER=1 make test (the browser tests then report skipped).
chromium:
ifneq ($(MLCOURSE_SKIP_BROWSER),1)
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	  else echo "chromium is missing and I cannot install it: run 'apt-get install chromium' as root, or set MLCOURSE_SKIP_BROWSER=1"; exit 1; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null; }
endif

# `mlcourse grade` runs student code in a bubblewrap sandbox (the grading tests require it);
# install it if it is missing (as root, or with sudo).
bubblewrap:
	@test -x /usr/bin/bwrap || command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	  else echo "bubblewrap is missing and I cannot install it: run 'apt-get install bubblewrap' as root"; exit 1; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq bubblewrap >/dev/null; }

# Latency and training-time figures (medians, ratios from one run): prints a report, asserts nothing.
bench: setup chromium
	$(BIN)/python benchmarks/playground.py
	$(BIN)/python benchmarks/checks.py

# Seconds per submission for a simulated class of 30 students, a regrade of the unchanged class
# and the class report's time (about eight minutes).
bench-grading: setup bubblewrap
	$(BIN)/python benchmarks/grading.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Removes what can be rebuilt; never my-lessons/ (your work).
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

# After editing a lesson: re-execute every notebook in a fresh kernel and store it as CI compares it.
notebooks: setup
	$(BIN)/python tools/execute_notebooks.py
