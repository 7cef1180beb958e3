# Two commands for people (README): `make serve` and `make test`.
# Each sets up what is missing: the virtual environment at .venv (Python 3.12+),
# the npm packages (the Pyodide runtime, puppeteer-core, axe-core, Biome, TypeScript), Chromium for the browser
# tests, and Firefox ESR and WebKitGTK for the cross-engine smoke set.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup chromium engines serve build test test-full lint bench bench-agenda clean

setup: $(STAMP) node_modules/.installed

$(STAMP): pyproject.toml
	@test -x $(PY) || $$(scripts/find-python) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

chromium:
	@{ command -v chromium && fc-list | grep -q "Noto Sans CJK"; } >/dev/null 2>&1 || scripts/install-chromium

engines:
	@{ command -v firefox-esr && command -v WebKitWebDriver && command -v Xvfb && command -v xclip \
	   && ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser && locale -a | grep -qix ja_JP.utf8 \
	   && locale -a | grep -qix en_US.utf8; } >/dev/null 2>&1 || scripts/install-engines

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(VENV)/bin/mkdocs build --strict

# Python by ruff; JavaScript by Biome (lint and format, biome.jsonc) and by TypeScript over
# its JSDoc types, one project per global scope (tsconfig*.json).
lint: setup
	$(VENV)/bin/ruff check src widgets tests hooks
	$(VENV)/bin/ruff format --check src widgets tests hooks
	node_modules/.bin/biome ci --error-on-warnings .
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.worker.json
	node_modules/.bin/tsc -p tsconfig.node.json

test: setup chromium engines lint
	$(VENV)/bin/pytest --durations=10 $(PYTEST_MATRIX)

# CI's run: the same, with the smoke set in every engine x zone x locale, then the same
# widgets once more with the worker booting from the wheels (the debug path). The quick run
# leaves that second pass out: its boot-path parity test already answers on the wheels.
test-full: PYTEST_MATRIX := --matrix=full
test-full: test
	$(VENV)/bin/pytest -q --orei-runtime=debug tests/test_browser_business_day.py \
		tests/test_browser_performance_paths.py

bench: setup chromium engines
	$(PY) -m benchmarks $(BENCH_ARGS)
	$(PY) -m benchmarks.agenda
	$(PY) -m benchmarks.keystroke

# The applications agenda for 200 applications, on the host and in Pyodide under Node.
bench-agenda: setup
	$(PY) -m benchmarks.agenda $(BENCH_ARGS)

clean:
	rm -rf site .cache .pytest_cache
