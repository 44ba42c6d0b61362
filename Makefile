# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app server
PORT   ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: run lint test test-fast test-pg setup setup-dev pwa pwa-deps system bench-system db bench stats-bench attack api-types \
        two-instances load faults

$(VENV)/.app: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.app requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

setup: $(VENV)/.app
setup-dev: $(VENV)/.dev

# Debian packages the app and its tests use: Chromium for the browser tests, a CJK font for posters
# and case documents, pango for WeasyPrint's PDFs, nginx for the reverse-proxy test (deploy/nginx.conf).
system:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi 'noto.*cjk' || ! test -x /usr/sbin/nginx \
	  || ! ldconfig -p | grep -q libpangoft2-1.0; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk nginx-light \
	  libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; fi

# What bench/ starts beside the app: nginx (the yardstick and the pack's deploy path), wrk (the load).
bench-system:
	@if ! command -v nginx >/dev/null && ! test -x /usr/sbin/nginx || ! command -v wrk >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk >/dev/null; fi

# `npm install`, not `npm ci`: npm here leaves rollup's other-platform optional packages out of
# the lock file, which `npm ci` then refuses; the lock still pins every version we install.
# The server tests need only the packages (the TypeScript and Node harnesses), the browser tier the build.
pwa-deps:
	cd pwa && npm install --no-audit --no-fund

pwa: pwa-deps
	cd pwa && npm run build

# After changing a server schema: the API description (pwa/openapi.json) and the PWA's types
# made from it (pwa/src/core/api-types.ts). tests/test_api_types.py fails until this is run.
api-types: setup
	cd pwa && npm run api-types

db: setup
	$(FLASK) db upgrade
	$(FLASK) content load

# Development, said out loud: gunicorn on its own starts as production. The first run makes this
# machine's development keys in instance/dev-keys.json.
run: export APP_ENV := development
run: setup pwa db
	$(VENV)/bin/gunicorn -c gunicorn.conf.py --bind 0.0.0.0:$(PORT) "server:create_app()"

# Lint and types first, so CI (make test, then make test-pg) fails on either (config in pyproject.toml).
lint: setup-dev
	$(TIER) lint sh -c '$(VENV)/bin/ruff check . && $(VENV)/bin/mypy'

# The suite in tiers, each timed by .ci/tier ("tier NAME: N s"). The server tests (everything but
# tests/e2e) run here as on a plain machine (SQLite, rate limits in memory) and in test-pg on
# PostgreSQL (with REDIS_URL when set). The browser tier runs once: on PostgreSQL when
# DATABASE_URL names one (CI sets it, as production runs), else on SQLite, so a machine without
# PostgreSQL still runs the whole suite.
TIER    := .ci/tier
PG_URL  := postgresql://postgres@127.0.0.1:5432/test
PYTEST  := $(PY) -m pytest
# The server tiers on every core (pytest-xdist; each worker has its own database, named by its pid).
SERVER  := --ignore=tests/e2e -n auto
BROWSER_DB = $(if $(filter postgres%,$(DATABASE_URL)),postgresql,sqlite)

test: lint system pwa
	$(TIER) server-sqlite env -u DATABASE_URL -u REDIS_URL $(PYTEST) $(SERVER)
	$(TIER) browser-$(BROWSER_DB) $(PYTEST) tests/e2e

# Everything but the browser tier: no Chromium, no PWA build (a minute, not ten).
test-fast: setup-dev
	$(PYTEST) -q $(SERVER)

# The server tests against PostgreSQL (CI runs make test first, whose browser tier is on PostgreSQL).
test-pg: lint system pwa-deps
	$(TIER) server-postgresql env DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(PYTEST) $(SERVER)

bench: setup-dev bench-system pwa
	$(PY) bench/cards_bench.py
	$(PY) bench/sync_bench.py
	$(PY) bench/pwa_size.py

# The work-report figures (GET /api/v1/stats) for a year of 50,000 cases on PostgreSQL, beside a plain COUNT(*) of
# the same timeline rows (a database of its own beside $(PG_URL)'s, made, filled and dropped by the run).
stats-bench: setup-dev
	$(PY) bench/stats_bench.py --database-url $${DATABASE_URL:-$(PG_URL)}

# The attack suite's long fault runs (kill -9, terminated backends, a locked SQLite): a table of
# acknowledged / stored / lost / doubled / 5xx per scenario, exit 1 on any loss, double or 500.
attack: setup-dev
	$(PY) bench/attack.py

# Several app servers, on a private deployment each run starts and removes (bench/cluster.py: its own initdb'd
# PostgreSQL 15, redis-server, moto's S3, two gunicorn instances behind nginx; the machine's shared PostgreSQL and
# Redis are never touched): one client alternating between the instances; 200 clients against one instance, then
# two, beside a bare-Flask yardstick; that load through kill -9, a PostgreSQL restart, Redis and the object store
# down. Each prints its figures and exits 1 unless every acknowledged write is stored exactly once (and no 500).
two-instances: setup-dev bench-system
	$(PY) bench/two_instances.py

load: setup-dev bench-system
	$(PY) bench/load.py

faults: setup-dev bench-system
	$(PY) bench/faults.py
