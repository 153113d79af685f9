# The two commands of the README: `make run` serves the shop, `make test` runs every test.
# Both set up whatever is missing first (virtual environment, packages, translations).

PYTHON ?= python3
VENV ?= .venv
# The suite runs in parallel (pytest-xdist), one process per core; each worker has its own
# database and folders (see tests/conftest.py). TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
BIN = $(VENV)/bin
FLASK = $(BIN)/flask --app wsgi
STAMP = $(VENV)/.installed

.PHONY: run test install translations browser lint messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(BIN)/pybabel -q compile -d shop/translations -D messages

run: install
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) catalog seed-demo --if-empty
	$(FLASK) run --host 127.0.0.1 --port 5000

browser:
	bash scripts/install-browser-deps

test: install browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

# After changing user-facing strings: extract them and merge into the it/en catalogs.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --ignore-dirs='.* node_modules instance' \
		-o shop/translations/messages.pot --no-location --sort-output --project "Viale dei Mille" . >/dev/null
	$(BIN)/pybabel update -i shop/translations/messages.pot -d shop/translations -D messages \
		--no-fuzzy-matching --ignore-obsolete --width 100 >/dev/null
