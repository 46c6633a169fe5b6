# Two commands do all the set-up: `make lab` (open the kit) and `make test`.
# Both create .venv/ from the pinned lock when it is missing or the lock changed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
PYTEST_NB := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# one worker per core (pytest-xdist); a file's tests stay on one worker, in order, so a
# notebook's cells share one kernel as nbval needs. `make test PYTEST_PARALLEL=` runs serially.
# xdist hands out the files with the most tests first (its default order): tried the other
# way, longest first (--no-loadscope-reorder and tests/conftest.py's LONGEST_FIRST), the
# browser files ran side by side and the suite took 17.4 min against 14.6 (2026-12-07)
PYTEST_PARALLEL := -n auto --dist loadfile

.PHONY: venv lab test test-other-cpu test-fast lint bench visual-refs store figures slides handouts paper student notebooks lock clean
.PHONY: lite

venv: $(STAMP)
	@# byte-compile the kit (pip does this for installed packages; the kit is installed
	@# in development mode): every kernel then imports it without compiling it again
	@$(BIN)/python -m compileall -q anatomy
	@# the geometry store (not in git): built for the current sources when missing
	@$(BIN)/python tools/build_store.py --if-missing
	@# the kit's JupyterLab setting defaults (jupyter/README.md), where JupyterLab reads them
	@install -D -m 644 jupyter/lab-settings/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json

# uv installs the lock's wheels in parallel (half a minute where pip took two); pip
# installs them when uv cannot be had
UV := uv==0.13.9
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	if $(PIP) install $(UV); then \
	  $(BIN)/uv pip install --python $(BIN)/python -q --compile-bytecode -r requirements.lock; \
	else $(PIP) install -r requirements.lock; fi
	@# install the kit itself in development mode: a .pth file puts the repo on sys.path
	$(BIN)/python -c "import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()['purelib'], 'anatomy-kit.pth').write_text('$(CURDIR)\n')"
	@touch $(STAMP)

# JupyterLab at the repo root (figures/, build/student/ and notebooks/instructor/ are
# reachable) on notebook 00; jupyter/ switches the news pop-up off; the kit's notebooks
# are trusted so their stored quizzes draw without running a cell
LAB_NOTEBOOKS := $(wildcard notebooks/*.ipynb notebooks/instructor/*.ipynb build/student/*.ipynb)
lab: venv
	@$(BIN)/jupyter trust $(LAB_NOTEBOOKS) >/dev/null
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(BIN)/jupyter lab --ServerApp.root_dir=. \
	  --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb $(ROOT_FLAG)

test: venv
	$(BIN)/python -m pytest tests notebooks $(PYTEST_NB) $(PYTEST_PARALLEL)

# the committed outputs against a fresh run with numpy's newest SIMD level switched off
test-other-cpu: venv
	@echo "simulated CPU: NPY_DISABLE_CPU_FEATURES=\"$$($(BIN)/python tools/simd.py)\""
	NPY_DISABLE_CPU_FEATURES="$$($(BIN)/python tools/simd.py)" \
	  $(BIN)/python -m pytest tests/test_determinism.py -k matches_the_committed -q -n auto

test-fast: venv
	$(BIN)/python -m pytest tests -m "not slow and not browser"

lint: venv
	$(BIN)/ruff check anatomy tests tools notebooks/src

bench: venv
	$(BIN)/python tools/bench.py

# the reference renders of the main 3D views (tests/test_visual.py), after a deliberate
# change of geometry, colour or camera: look at tests/data/visual/*.png before committing
visual-refs: venv
	$(BIN)/python tools/visual_refs.py --update

# a class on a real local JupyterHub (deploy/jupyterhub/), 127.0.0.1 only: STUDENTS log in
# at once and run notebook 02; not part of `make test` (CI runs it with STUDENTS=3)
STUDENTS ?= 20
.PHONY: loadtest
loadtest: venv
	$(BIN)/python tools/loadtest.py --students $(STUDENTS)

# every notebook and its instructor version, then the docs generated from them and the kit
notebooks: venv
	$(BIN)/python tools/nbtools.py build
	$(BIN)/python tools/quiz.py bank
	$(BIN)/python tools/guide.py

store: $(STAMP)
	$(BIN)/python tools/build_store.py

figures: venv
	$(BIN)/python -m anatomy.figures

slides: venv
	$(BIN)/python tools/classroom.py slides

handouts: venv
	$(BIN)/python tools/classroom.py handouts

# A4 PDFs of the student notebooks (code hidden, static figures), printed by Chromium
paper: venv
	$(BIN)/python tools/paper.py

student: venv
	$(BIN)/python tools/classroom.py student

# the JupyterLite site in build/lite/ (tools/lite.py): the student notebooks and the kit,
# run by Python in the browser. Pyodide comes from its CDN unless PYODIDE_URL names
# another pyodide.mjs URL, or a local Pyodide distribution (folder or .tar.bz2) to copy in
PYODIDE_URL ?=
lite: venv
	$(BIN)/python tools/lite.py $(if $(PYODIDE_URL),--pyodide "$(PYODIDE_URL)")

# the Binder and JupyterHub (nbgitpuller) links for the published copy of the kit
REPO ?=
HUB ?=
.PHONY: links
links:
	python3 tools/links.py $(if $(REPO),--repo "$(REPO)") $(if $(HUB),--hub "$(HUB)")

lock:
	rm -rf /tmp/kit-lock && $(PYTHON) -m venv /tmp/kit-lock
	/tmp/kit-lock/bin/python -m pip install -q $$($(PYTHON) tools/write_environment.py --direct)
	(echo "# Exact pins for every package, transitive included (pip freeze of a clean venv)."; \
	 echo "# Regenerate: make lock. environment.yml names the direct ones at the same versions."; \
	 /tmp/kit-lock/bin/python -m pip freeze) > requirements.lock
	$(PYTHON) tools/write_environment.py

clean:
	rm -rf $(VENV) build .pytest_cache
