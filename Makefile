# Knowledge Hub. `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Extra pytest options, e.g. make pytest PYTEST_ARGS='-m "not browser"' (docs/testing.md).
PYTEST_ARGS ?=
BENCH_ARGS ?= --sizes 1000
PROD_ENV := DJANGO_SETTINGS_MODULE=hub.settings.production DJANGO_SECRET_KEY=check-deploy-dummy-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz DJANGO_ALLOWED_HOSTS=hub.example.org

.DEFAULT_GOAL := help
.PHONY: help install messages serve demo test lint checks pytest browser bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/activate: requirements.txt $(wildcard requirements/*.txt)
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(BIN)/activate

install: $(BIN)/activate ## Create the virtualenv with the pinned requirements

messages: install ## Compile the interface translations (.po -> .mo)
	$(MANAGE) compile_translations -v0

# Where `make serve` listens, e.g. make serve PORT=8123 HOST=0.0.0.0 (then open the printed URL).
HOST ?= 127.0.0.1
PORT ?= 8000
URL := http://$(if $(filter 0.0.0.0,$(HOST)),localhost,$(HOST)):$(PORT)

demo: messages ## Migrate the SQLite database and load the demo content
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_demo --url $(URL)

serve: demo ## Set up and serve the hub with demo content on http://127.0.0.1:8000/ (HOST=, PORT=)
	WAGTAILADMIN_BASE_URL=$(URL) $(if $(filter 0.0.0.0,$(HOST)),DJANGO_ALLOWED_HOSTS='*') \
		$(MANAGE) runserver $(HOST):$(PORT)

lint: install ## ruff lint and format check, import layers (import-linter, pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

checks: messages ## Catalogue syntax, Django checks, production deploy check, missing migrations
	for po in $$(find locale -name '*.po'); do msgfmt --check -o /dev/null $$po 2>/dev/null || { msgfmt --check -o /dev/null $$po; exit 1; }; done
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/python manage.py check
	STATIC=$$(mktemp -d) && trap 'rm -rf "$$STATIC"' EXIT && \
	$(PROD_ENV) DJANGO_STATIC_ROOT=$$STATIC $(BIN)/python manage.py collectstatic --no-input -v0 && \
	$(PROD_ENV) DJANGO_STATIC_ROOT=$$STATIC DATABASE_URL=sqlite:///$$STATIC/empty.sqlite3 \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

pytest: messages ## The whole test suite, browser included (SQLite; PostgreSQL with DATABASE_URL)
	$(BIN)/pytest -q $(PYTEST_ARGS)

browser: messages ## Only the browser suite (Playwright driving /usr/bin/chromium, axe-core)
	$(BIN)/pytest -q -m browser $(PYTEST_ARGS) tests/browser

test: lint checks pytest ## lint, checks, the whole suite on SQLite (CI: .ci/run adds PostgreSQL)

bench: install ## Print the search and import benchmarks (BENCH_ARGS="--database postgres --sizes 10000 100000 --borrow-vectors")
	$(BIN)/python bench/search_bench.py $(BENCH_ARGS)
	$(BIN)/python bench/import_bench.py

clean: ## Remove the virtualenv, database and media
	rm -rf $(VENV) db.sqlite3 media static
