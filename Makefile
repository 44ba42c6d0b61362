# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app server
PORT   ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: run test test-fast test-pg setup setup-dev pwa system db bench

$(VENV)/.app: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.app requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

setup: $(VENV)/.app
setup-dev: $(VENV)/.dev

# Debian packages the app and its tests use: Chromium for the browser tests, a CJK font for posters.
system:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; fi

# `npm install`, not `npm ci`: npm here leaves rollup's other-platform optional packages out of
# the lock file, which `npm ci` then refuses; the lock still pins every version we install.
pwa:
	cd pwa && npm install --no-audit --no-fund && npm run build

db: setup
	$(FLASK) db upgrade
	$(FLASK) content load

run: setup pwa db
	$(VENV)/bin/gunicorn -c gunicorn.conf.py --bind 0.0.0.0:$(PORT) "server:create_app()"

test: setup-dev system pwa
	$(PY) -m pytest

# Everything but the browser tier: no Chromium, no PWA build (a minute, not ten).
test-fast: setup-dev
	$(PY) -m pytest -q --ignore=tests/e2e

# The same suite against PostgreSQL (CI runs both).
test-pg: setup-dev system pwa
	DATABASE_URL=$${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test} $(PY) -m pytest

bench: setup-dev pwa
	$(PY) bench/cards_bench.py
	$(PY) bench/sync_bench.py
	$(PY) bench/pwa_size.py
