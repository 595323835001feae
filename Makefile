# backcoach: `make run` starts the app on the embedded database; `make test` runs everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run install test lint unit bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## The main job: the web app at http://127.0.0.1:8000 on the embedded SQLite database.
run: $(STAMP)
	$(BIN)/backcoach serve

## Lint, type-check and the whole test suite, on SQLite and on a PostgreSQL server it starts.
test: $(STAMP) lint
	scripts/system-packages
	@url=$$(scripts/test-postgres start) && \
	BACKCOACH_TEST_POSTGRES_URL="$$url" $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/cli_startup.py

clean:
	scripts/test-postgres stop || true
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
