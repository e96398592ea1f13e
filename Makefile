# Alliances — two commands: `make run` (demo) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
UV_VERSION := 0.13.9
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test install install-dev browser-deps lint typecheck check serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.base-installed: requirements/base.lock | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements/base.lock
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements/dev.lock
	touch $@ $(VENV)/.base-installed

install: $(VENV)/.base-installed

install-dev: $(VENV)/.dev-installed

## make run: install, migrate, load the demo CCAS and serve it with a task-queue consumer beside it.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_seed
	@echo "Serving on http://127.0.0.1:$(PORT) (task queue consumer started beside it; Ctrl-C stops both)"
	@trap 'kill $$HUEY_PID 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py run_huey --quiet & HUEY_PID=$$!; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Debian's Chromium for the browser tests: installed with apt when running as root.
browser-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Chromium is not installed and this is not root: browser tests will be skipped."; fi

## make test: the whole suite (SQLite by default; PostgreSQL when DATABASE_URL is set).
test: install-dev browser-deps
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy

check: lint typecheck test

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
