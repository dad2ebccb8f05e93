# Hållbar – everything a fresh machine with Python 3.11+ and make needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

.PHONY: demo test install install-dev messages makemessages lint worker lock vendor clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Hållbar needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python requirements/lock.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev-lock.txt
	$(BIN)/pip install --quiet -r requirements/dev-lock.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

messages: $(VENV)/.runtime
	$(BIN)/python manage.py compiletranslations

## Set up everything and start the demo on http://127.0.0.1:$(PORT)/
demo: install messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py setup_demo
	@echo "Open http://127.0.0.1:$(PORT)/ (stop with Ctrl+C)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL)
test: install-dev messages
	DJANGO_SETTINGS_MODULE=hallbar.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .

worker: install
	$(BIN)/python manage.py db_worker

## Update the translation catalogues after changing user-facing strings (needs GNU gettext)
makemessages: install
	cd hallbar && ../$(BIN)/python ../manage.py makemessages --locale sv --locale en --no-obsolete --ignore 'static/*'

## Re-pin dependencies after changing pyproject.toml
lock: install-dev
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml -o requirements/lock.txt --python-version 3.11 -q --no-header
	$(BIN)/uv pip compile pyproject.toml --extra dev -c requirements/lock.txt -o requirements/dev-lock.txt --python-version 3.11 -q --no-header

## Re-vendor front-end files after changing package.json (needs npm)
vendor:
	npm ci --ignore-scripts --no-audit --no-fund
	cp node_modules/htmx.org/dist/htmx.min.js hallbar/web/static/vendor/htmx-$$(node -p 'require("htmx.org/package.json").version').min.js
	cp node_modules/axe-core/axe.min.js tests/browser/vendor/axe-$$(node -p 'require("axe-core/package.json").version').min.js
	sed '/^\/\/# sourceMappingURL=/d' node_modules/chart.js/dist/chart.umd.min.js > hallbar/web/static/vendor/chart-$$(node -p 'require("./node_modules/chart.js/package.json").version').umd.min.js

clean:
	rm -rf $(VENV) var
