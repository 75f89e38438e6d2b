# Two commands: `make run` and `make test`. Everything else is a step they use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core and the Nu HTML checker (vnu.jar) for tests/a11y, pinned by its package-lock.json.
A11Y_TOOLS := tests/a11y/node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Hypothesis examples per form and API body in `make test`; `make fuzz` runs 200 of each.
FUZZ_EXAMPLES ?= 10
export FUZZ_EXAMPLES

.PHONY: install run setup test fuzz lint format bench bench-all clean backup restore upgrade messages

# Installs come from the hash-pinned lock (requirements/dev.txt), never from pyproject's ranges;
# `make upgrade` refreshes the lock on purpose. The project runs from this folder (not installed).
$(STAMP): requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

# Without npm the accessibility tests skip (and fail under REQUIRE_SERVICES=1).
$(A11Y_TOOLS): tests/a11y/package-lock.json
	@if command -v npm >/dev/null; then \
		cd tests/a11y && npm ci --silent && touch node_modules/.installed; \
	else echo "npm not found: the tests in tests/a11y will skip"; fi

setup: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_network_data

run: setup
	@$(BIN)/python manage.py demo_admin
	@echo "Loading demo people (manage.py load_demo_people): focal points, alternates and others of two seeded organizations, with an open vote, a join request and a notice on their desks."
	@$(BIN)/python manage.py load_demo_people
	@echo "Serving the network at http://$(HOST):$(PORT)/  (admin at http://$(HOST):$(PORT)/admin/; Ctrl-C stops)"
	@echo "Background tasks (mail) run at once inside the request (immediate backend, no worker);"
	@echo "periodic jobs (closing votes, reminders) run only with '$(BIN)/python manage.py run_scheduler' in another terminal."
	$(BIN)/daphne -b $(HOST) -p $(PORT) network.asgi:application

test: install $(A11Y_TOOLS)
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=network.settings.test
	$(BIN)/pytest -n 2 --dist loadfile --create-db -m "not transactional"
	$(BIN)/pytest -n 2 --dist loadfile --reuse-db -m transactional

# After changing any user-visible string: extract the French and Russian catalogues afresh
# (each app's <app>/locale and the project's locale/; needs GNU gettext), translate the new
# entries (locale/GLOSSARY.md holds the terms), then run it again to compile them.
# tests/i18n/test_catalogues.py fails while an entry is untranslated.
messages: install
	$(BIN)/python manage.py update_catalogues

# The long fuzzing run: at least 200 hypothesis examples per form and API body (issue 8), then
# schemathesis' own CLI, every check, 200 examples per operation, against a real server with the
# seed content, anonymously and with a token (issue 13).
fuzz: install
	FUZZ_EXAMPLES=200 $(BIN)/pytest -n 2 --dist loadfile tests/fuzz tests/api/test_schema.py
	$(BIN)/python tests/api/schemathesis_cli.py --max-examples 200

# var/backups/<UTC timestamp>/: the database (pg_dump -Fc, or a copy of the SQLite file),
# MEDIA_ROOT and a manifest of row counts. `make restore` restores the newest (or
# BACKUP=var/backups/<dir>) into an empty database; REPLACE=1 overwrites one with tables.
backup: install
	$(BIN)/python manage.py backup

restore: install
	$(BIN)/python manage.py restore $(BACKUP) $(if $(REPLACE),--replace)

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The benchmark (issue 8): the large synthetic network in PostgreSQL database network_bench,
# served by nginx + gunicorn + uvicorn under production settings, measured with wrk.
# One part only: make bench ARGS=--growth (or --pages-only, --varied-only, --sockets-only);
# make cannot take the flag itself (`make bench --growth` is an option to make).
bench: install
	@command -v wrk >/dev/null && command -v nginx >/dev/null || apt-get install -y -qq wrk nginx-light
	$(BIN)/python bench/run.py $(ARGS)

# Every table into bench/results.json, one run after another (about 25 minutes, on a quiet
# machine): the pages and varied URLs with the page cache, the servers and the fan-out; the
# same pages without the page cache; the busy network; growth.
bench-all: install
	@command -v wrk >/dev/null && command -v nginx >/dev/null || apt-get install -y -qq wrk nginx-light
	$(BIN)/python bench/run.py
	PAGE_CACHE=false $(BIN)/python bench/run.py --pages-only
	$(BIN)/python bench/run.py --busy
	$(BIN)/python bench/run.py --growth

# Refresh the lock to the newest versions pyproject.toml's ranges allow and print what changed.
# Run `make test` afterwards and commit the lock on its own.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --upgrade --quiet
upgrade: install
	$(BIN)/python -m pip install --quiet uv
	cp requirements/dev.txt $(VENV)/dev.before.txt
	$(UV_COMPILE) -o requirements/base.txt
	$(UV_COMPILE) --all-extras -o requirements/dev.txt
	@diff <(grep -E '^[A-Za-z0-9]' $(VENV)/dev.before.txt) <(grep -E '^[A-Za-z0-9]' requirements/dev.txt) \
		| sed -n 's/^</  was:/p; s/^>/  now:/p' || true
	@echo "Lock refreshed. Run make test, then commit requirements/ on its own."

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache tests/a11y/node_modules
