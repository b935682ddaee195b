# The two commands in the README: `make run` and `make test`. Everything else
# here is a step they share. Works on a fresh Debian machine as root.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test setup assets test-setup services-up services-down worker beat lint

# Where `make run` serves. Links the portal builds (drafts recorded from
# learning pages, emails, the content admin's "View live") start with
# WAGTAILADMIN_BASE_URL, so it is set to this same address.
ADDRESS := 127.0.0.1:8000

## Set up, load the frameworks and demo data, and serve on 127.0.0.1:8000.
run: setup
	export WAGTAILADMIN_BASE_URL=http://$(ADDRESS)
	$(MANAGE) migrate --no-input
	$(MANAGE) load_frameworks
	$(MANAGE) load_demo_data
	$(MANAGE) load_learning_content
	DJANGO_DEBUG=true $(MANAGE) runserver $(ADDRESS)

## Set up, start PostgreSQL, Redis and Elasticsearch, and run the whole suite.
test: setup test-setup
	eval "$$(scripts/services.sh up)"
	export PORTFOLIO_REQUIRE_SERVICES=1 DJANGO_SETTINGS_MODULE=portal.settings.test
	$(BIN)/ruff check .
	# The import contracts in pyproject.toml (docs/architecture.md).
	$(BIN)/lint-imports
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	# A fresh test database every time: a run killed in the middle of a
	# transactional test leaves rows behind in a reused one.
	$(BIN)/pytest --create-db $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

portal/static/build/portal.css: portal/static_src/portal.scss node_modules/.package-lock.json
	npm run --silent build:css

setup: $(VENV)/.installed assets
assets: portal/static/build/portal.css

## What only the tests need: Debian's Chromium for Playwright.
test-setup:
	if ! command -v chromium >/dev/null; then
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
	fi

services-up:
	scripts/services.sh up
services-down:
	scripts/services.sh down

## Against Redis: export the URLs from `scripts/services.sh up` (or your own) first.
## Both run under scripts/supervise, which restarts them if they exit (a
## worker can die after a Redis loss); Ctrl-C stops them gracefully. One worker
## consumes every queue here; production runs one per queue (docs/deploy.md).
worker: setup
	DJANGO_SETTINGS_MODULE=portal.settings.dev exec scripts/supervise -- \
		$(BIN)/celery -A portal worker --loglevel=INFO
beat: setup
	DJANGO_SETTINGS_MODULE=portal.settings.dev exec scripts/supervise -- \
		$(BIN)/celery -A portal beat --loglevel=INFO

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports
