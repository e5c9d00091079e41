# Every set-up step lives here: a fresh clone needs only `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench dashboard lint clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.duckdb
	$(BIN)/newsevents extract examples/ --db demo.duckdb --summary --format jsonl --out demo-events.jsonl
	$(BIN)/newsevents show --db demo.duckdb
	$(BIN)/newsevents stats --db demo.duckdb --by root --by plover

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/gazetteer.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/api.py

# The dashboard's built files are in the repository; rebuild them after changing web/.
dashboard:
	cd web && npm ci && npm run build

clean:
	rm -rf $(VENV) demo.duckdb demo-events.jsonl
