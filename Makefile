# The two commands a newcomer needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install lint bench bench-quick wrk lock

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

# Web, Celery worker and beat on SQLite and the filesystem broker: nothing else to install.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py loadguide
	@echo "careerplanner is starting at http://127.0.0.1:$(PORT)/  (Ctrl-C stops web, worker and beat)"
	PORT=$(PORT) $(BIN)/honcho --procfile Procfile.dev start

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

# Benchmarks on PostgreSQL and Redis at 127.0.0.1 (see docs/benchmarks.md); they need wrk.
bench: install wrk
	$(BIN)/python -m tests.bench

bench-quick: install wrk
	$(BIN)/python -m tests.bench --quick

wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)

lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock
