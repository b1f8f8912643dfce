# Loket Kelurahan: `make run` sets everything up and starts the app; `make test` sets up and runs all tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup setup-test run test test-quick lint dist bench clean translations

setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --test

run: setup
	@$(BIN)/loket

test: setup-test
	@QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-quick: setup-test
	@QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow" $(PYTEST_ARGS)

lint: setup
	@$(BIN)/ruff check desktop tests bench

dist: setup
	@$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build installer/loket.spec

bench: setup-test
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

# Qt's standard dialogs in Indonesian: compile the catalogue source with Qt's own lrelease.
translations: setup
	@$(BIN)/pyside6-lrelease resources/translations/qt_id.ts -qm resources/translations/qt_id.qm

clean:
	rm -rf build dist .pytest_cache
