# Two commands on a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PORT ?= 8000
PYTHON_RUN := .venv/bin/python
export THIRDSECTOR_ENV ?= development

.PHONY: install run worker test lint format bench demo-code migrate clean

install:
	@./scripts/bootstrap.sh

migrate: install
	@$(PYTHON_RUN) manage.py migrate --noinput

run: install
	@./scripts/run.sh $(PORT)

worker: install
	@$(PYTHON_RUN) manage.py db_worker

demo-code: install
	@$(PYTHON_RUN) manage.py demo_code

test: export THIRDSECTOR_ENV = test
test: install
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check .
	@.venv/bin/pytest -n auto --dist loadfile -q

lint: install
	@.venv/bin/ruff check . && .venv/bin/ruff format --check .

format: install
	@.venv/bin/ruff check --fix . && .venv/bin/ruff format .

bench: install
	@./bench/run.sh

clean:
	rm -rf .venv .tools node_modules var staticfiles
