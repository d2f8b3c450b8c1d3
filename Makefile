# The two commands a newcomer needs: `make run` and `make test`. Both set up .venv first:
# `make run` with what the app needs to run (requirements.lock), `make test` with the
# development tools on top (requirements-dev.lock).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The port `make run` serves on; the links in emails follow it (see SITE_URL in README.md).
export PORT ?= 8000

.PHONY: run test install install-dev lint bench bench-quick wrk lock audit

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

# Web, Celery worker and beat on SQLite and the filesystem broker: nothing else to install.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py loadguide
	@echo "careerplanner is starting at http://127.0.0.1:$(PORT)/  (Ctrl-C stops web, worker and beat)"
	$(BIN)/honcho --procfile Procfile.dev start

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The app layers (pyproject.toml, [tool.importlinter]) before the tests.
test: lint
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

# Benchmarks on PostgreSQL and Redis at 127.0.0.1 (see docs/benchmarks.md); they need wrk.
bench: install-dev wrk
	$(BIN)/python -m tests.bench

bench-quick: install-dev wrk
	$(BIN)/python -m tests.bench --quick

# Lighthouse 12 on the public pages and the plan pages, served as in production; writes
# docs/audit.md (needs Node.js, npm and Debian's chromium).
audit: install-dev
	cd tests/audit && npm ci --no-audit --no-fund --ignore-scripts
	$(BIN)/python -m tests.audit

wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)

# Both locks from pyproject.toml: the runtime set alone, then the development tools on top
# of exactly those versions.
lock: install
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile --quiet pyproject.toml --python-version 3.11 -o requirements.lock
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev --python-version 3.11 \
		--constraint requirements.lock -o requirements-dev.lock
