# Two commands do everything on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BI     := .venv-bi/.installed
SUPERSET := .venv-superset/.installed
CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test bench bench-quick bench-pipeline score screenshots clean

# the virtual environment, rebuilt when the dependencies change
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# a BI tool's DuckDB client stack (SQLAlchemy 1.4, duckdb-engine, DuckDB 1.x) for the reader tests
$(BI): tests/bi/requirements.txt
	$(PYTHON) -m venv .venv-bi
	.venv-bi/bin/python -m pip install --quiet --disable-pip-version-check -r tests/bi/requirements.txt
	touch $(BI)

# Superset 6.1, pinned in its own virtual environment, for the dashboard bundle's test (tests/test_superset.py)
$(SUPERSET): tests/superset/requirements.txt
	$(PYTHON) -m venv .venv-superset
	.venv-superset/bin/python -m pip install --quiet --disable-pip-version-check -r tests/superset/requirements.txt
	touch $(SUPERSET)

# Debian's Chromium: the real browser the report's tests (tests/test_report.py) open the pages in
$(CHROMIUM):
	$(SUDO) apt-get install -y --no-install-recommends chromium || \
	  ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium)

## run the pipeline on data/sources into data/warehouse.duckdb
run: $(STAMP)
	$(BIN)/lishui run

## run the test suite
test: $(STAMP) $(BI) $(SUPERSET) $(CHROMIUM)
	$(BIN)/python -m pytest

## extraction throughput against quantulum3 on 5 M characters (quantulum3 takes ~12 minutes)
bench: $(STAMP)
	$(BIN)/python bench/extract.py

## the same, with quantulum3 timed on a 300,000-character prefix of the same text
bench-quick: $(STAMP)
	$(BIN)/python bench/extract.py --quantulum-chars 300000

## the whole pipeline on 10,000 generated documents: first, no-op and +1% runs, memory, 1 vs 2 workers
## (DOCS=100000 for the archive-sized run; about 10 minutes for 10,000 on 2 cores)
DOCS ?= 10000
bench-pipeline: $(STAMP)
	$(BIN)/python bench/pipeline.py --docs $(DOCS)

## score data/warehouse.duckdb against the hand-annotated sample sources
score: $(STAMP)
	$(BIN)/python tests/eval/score.py --warehouse data/warehouse.duckdb \
		--gold tests/eval/dev_gold.jsonl --docs data/sources

## pictures of the report pages of `make run` (docs/report-*.png), taken in headless Chromium
screenshots: run $(CHROMIUM)
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) .venv-bi .venv-superset .prefect data/*.duckdb data/*.duckdb.wal data/gx data/report data/published
