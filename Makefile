# Kaliningrad IT Park site. `make help` lists the targets.
# Everything installs what it needs first, so each target works on a fresh machine.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian's Python: pyenv's python3 cannot load SQLite extensions (SpatiaLite).
PYTHON_SYSTEM ?= /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgis://itpark:itpark@127.0.0.1:5432/itpark

.PHONY: help run test test-fast lint deps deps-test db messages clean bench rehearsal

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{ printf "  make %-10s %s\n", $$1, $$2 }'

run: deps messages ## Install what is missing, migrate, load demo content, serve on http://127.0.0.1:8000 (SpatiaLite) with the scheduler
	@mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content
	bash scripts/run-with-scheduler.sh $(PY) $(HOST):$(PORT)

test: deps-test messages db ## Install what is missing, start PostGIS, run the whole suite (browser tests included)
	DJANGO_SETTINGS_MODULE=itpark.settings.test DATABASE_URL=$(TEST_DATABASE_URL) $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=itpark.settings.test DATABASE_URL=$(TEST_DATABASE_URL) $(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	DATABASE_URL=$(TEST_DATABASE_URL) $(VENV)/bin/pytest
	@echo "SpatiaLite smoke set:"
	DATABASE_URL=spatialite:// $(VENV)/bin/pytest -m smoke -p no:cacheprovider

test-fast: deps-test messages db ## The suite without browser tests
	DATABASE_URL=$(TEST_DATABASE_URL) $(VENV)/bin/pytest -m "not browser"

bench: deps-test db messages ## Benchmarks (not part of make test): every page type through the rehearsal stack, the map API over 10,000 buildings
	$(PY) bench/pages.py
	$(PY) bench/map_api.py

rehearsal: deps-test db messages ## The production stack on loopback (nginx, Varnish, gunicorn, PostGIS, Redis, scheduler) until Ctrl-C
	$(PY) scripts/rehearsal.py

lint: deps-test ## ruff and Django's checks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=itpark.settings.test $(MANAGE) check

deps: $(VENV)/.installed ## System packages and the virtualenv with requirements.txt

deps-test: $(VENV)/.installed-dev ## deps, plus the test tools and system packages (PostGIS, Chromium, Java)

db: ## Make sure PostgreSQL with PostGIS is running and set up for the tests
	bash scripts/ensure-postgis.sh

messages: $(VENV)/.installed ## Compile the gettext catalogs (.mo files are build output)
	$(MANAGE) compilemessages --ignore '.venv' --verbosity 0

$(VENV)/.installed: requirements.txt scripts/install-system-packages.sh
	bash scripts/install-system-packages.sh
	test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	bash scripts/install-system-packages.sh --test
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

clean: ## Remove the virtualenv and build output (keeps var/db.sqlite3 and media)
	rm -rf $(VENV) var/static
	find . -name '*.mo' -path '*/locale/*' -not -path './$(VENV)/*' -delete
