# Two commands: `make run` and `make test`. Everything else is a step they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run setup test lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

setup: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_network_data

run: setup
	@$(BIN)/python manage.py demo_admin
	@echo "Serving the network at http://$(HOST):$(PORT)/  (admin at http://$(HOST):$(PORT)/admin/; Ctrl-C stops)"
	$(BIN)/daphne -b $(HOST) -p $(PORT) network.asgi:application

test: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=network.settings.test
	$(BIN)/pytest -n 2 --dist loadfile --create-db -m "not transactional"
	$(BIN)/pytest -n 2 --dist loadfile --reuse-db -m transactional

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The benchmark (issue 8): the large synthetic network in PostgreSQL database network_bench,
# served by nginx + gunicorn + daphne under production settings, measured with wrk.
bench: install
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	@command -v wrk >/dev/null && command -v nginx >/dev/null || apt-get install -y -qq wrk nginx-light
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
