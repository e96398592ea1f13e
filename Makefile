# Alliances — two commands: `make run` (demo) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
UV_VERSION := 0.13.9
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test install install-dev browser-deps lint typecheck audit-deps check serve clean messages backup restore load-env

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

## make load-env: locust, for bench/load_city.py, in its own environment (its gevent stays out of the app's).
load-env: .venv-load/.installed

.venv-load/.installed: bench/load/requirements.txt | $(BIN)/uv
	$(BIN)/uv venv --quiet --allow-existing --python $(BIN)/python .venv-load
	$(BIN)/uv pip install --quiet --python .venv-load/bin/python -r bench/load/requirements.txt
	touch $@

## Debian's Chromium for the browser tests: installed with apt when running as root.
browser-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Chromium is not installed and this is not root: browser tests will be skipped."; fi

## make test: the whole suite (SQLite by default; PostgreSQL when DATABASE_URL is set), in TEST_WORKERS
## processes (pytest-xdist; one per core by default, TEST_WORKERS=0 for one process).
TEST_WORKERS ?= auto
## make backup: an encrypted backup of the whole database (pg_dump custom format, or SQLite's online
## backup) in var/backups, with its .sha256; ALLIANCES_BACKUP_PASSPHRASE must be set (16 characters or more).
## make restore FILE=var/backups/….backup.enc [INTO=other database or file]: checks, decrypts, restores.
backup: install
	$(BIN)/python manage.py backup

restore: install
	@test -n "$(FILE)" || (echo "make restore FILE=var/backups/<sauvegarde>.backup.enc [INTO=<autre base>]" && exit 2)
	$(BIN)/python manage.py restore "$(FILE)" $(if $(INTO),--base "$(INTO)",)

test: install-dev browser-deps
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -n $(TEST_WORKERS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports  # the architecture's contracts (pyproject.toml, [tool.importlinter])

typecheck: install-dev
	$(BIN)/mypy

## make audit-deps: known vulnerabilities in both lock files (pip-audit, PyPI's vulnerability data).
## Accepted ones are listed with their reason in requirements/audit-accepted.txt. A dependency that
## could not be audited (no vulnerability service reachable) fails the target: it never passes silently.
AUDIT_LOCKS := requirements/base.lock requirements/dev.lock
audit-deps: install-dev
	@ignored=$$(sed -e 's/#.*//' requirements/audit-accepted.txt | awk 'NF {printf "--ignore-vuln %s ", $$1}'); \
	log=$$(mktemp); trap 'rm -f $$log' EXIT; \
	for lock in $(AUDIT_LOCKS); do \
		echo "=== pip-audit $$lock"; \
		$(BIN)/pip-audit --strict --no-deps --disable-pip --progress-spinner off $$ignored -r $$lock >$$log 2>&1; \
		status=$$?; grep -v -e "--no-deps is supported" -e "Consider using a tool like" $$log; \
		if grep -q -e "could not be audited" -e "ConnectionError" -e "Max retries exceeded" $$log; then \
			echo "make audit-deps: NOT AUDITED. No vulnerability service answered for $$lock: pip-audit" \
				"reads https://pypi.org/pypi/<name>/<version>/json, which this network does not serve." >&2; \
			exit 2; \
		elif [ $$status -ne 0 ]; then \
			echo "make audit-deps: known vulnerabilities in $$lock. Upgrade the package within its pins," \
				"or accept each one with its reason in requirements/audit-accepted.txt." >&2; \
			exit 1; \
		fi; \
	done

## make messages: extract the person-facing words into alliances/locale/{en,ar}/LC_MESSAGES/django.po
## (templates, Python, and the data files' words), then compile them. Translate in the .po files; a test
## fails on any empty or fuzzy translation, and on a .mo older than its .po (tests/www/test_languages.py).
MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=var --ignore=bench --ignore=node_modules
messages: install-dev
	$(BIN)/python manage.py data_strings
	$(BIN)/python manage.py makemessages -l en -l ar --no-location --no-wrap $(MESSAGES_IGNORE)
	$(BIN)/python manage.py compilemessages -l en -l ar --ignore=.venv

check: lint typecheck test

clean:
	rm -rf $(VENV) .venv-load var .pytest_cache .mypy_cache .ruff_cache
