# ailaw — two commands do everything: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
SYSTEM_PYTHON ?= python3

.PHONY: install system-deps demo test test-postgres lint bench archive clean

install: $(VENV)/.installed  ## create .venv and install ailaw with its test and dev tools

$(VENV)/.installed: pyproject.toml
	$(SYSTEM_PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check "uv>=0.9,<1"
	$(VENV)/bin/uv pip install --python $(PY) -q -e ".[test,dev,postgres]"
	touch $@

system-deps:  ## Debian packages: chromium (UI tests in a real browser), postgresql (store on PostgreSQL), antiword (.doc texts), tesseract-ocr + eng/rus (OCR of scans)
	@scripts/system_deps.sh

demo: install  ## replay the recorded demo archive into ./data, index it, print a summary, open the UI
	$(VENV)/bin/ailaw demo

test: install system-deps  ## the whole test suite (SQLite, a throwaway PostgreSQL, headless Chromium)
	scripts/with_postgres.sh $(PY) -m pytest -q

test-postgres: install system-deps  ## the whole suite with every store on PostgreSQL (schemas it creates and drops)
	AILAW_TEST_DB=postgres scripts/with_postgres.sh $(PY) -m pytest -q

lint:  ## ruff (lint + format check) and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: install  ## search relevance (MRR, recall@10 per language and kind), search latency and build (Whoosh vs FTS5, ratios, profile), `ailaw search` start-to-end, ingest throughput, diff speed, CJK analyzers
	$(PY) -m bench.relevance
	$(PY) -m bench.search_bench --profile
	$(PY) -m bench.cli_bench
	$(PY) -m bench.ui_bench
	$(PY) -m bench.ingest_bench
	$(PY) -m bench.large_archive bench/results/large.warc.gz --editions 60
	$(PY) -m bench.ingest_bench --archive bench/results/large.warc.gz --repeat 1
	$(PY) -m bench.diff_bench
	$(PY) -m bench.cjk_bench

archive: install  ## rebuild demo/ailaw-demo.warc.gz from demo/records/*/manifest.json
	$(PY) scripts/build_demo_archive.py

clean:  ## remove the local data home (database, index, archives)
	rm -rf data
