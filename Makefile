# claimflow — the two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)

.PHONY: install run test test-fast lint format models models-attribution models-claimworthy bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[local,dev]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

## The main job on an embedded local broker: topics, bundled samples, pipeline, Parquet under ./lake, summary.
run: $(STAMP)
	$(BIN)/claimflow demo --lake lake

## The whole test suite (CI runs exactly this).
test: $(STAMP)
	$(BIN)/python -m pytest

## The fast tier only.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pipelines.dictionary --check

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Rebuild the bundled spaCy pipelines from ../shared/corpora (hours on 2 cores; the built ones are committed).
models: $(STAMP)
	$(BIN)/python -m training.build --lang all --output models
	$(BIN)/python -m training.attribution --output models/en-attribution
	$(BIN)/python -m training.claimworthy --output models/en-claimworthy

## Each learned claim component on its own (well under an hour each on one core).
models-attribution: $(STAMP)
	$(BIN)/python -m training.attribution --output models/en-attribution

models-claimworthy: $(STAMP)
	$(BIN)/python -m training.claimworthy --output models/en-claimworthy

## Throughput ratios and rates: Kafka source vs a plain consumer, language identification, spaCy pipelines, article length.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_kafka_source.py
	$(BIN)/python benchmarks/bench_langid.py
	$(BIN)/python benchmarks/bench_nlp.py
	$(BIN)/python benchmarks/bench_article_length.py

clean:
	rm -rf lake build dist .pytest_cache .mypy_cache .ruff_cache
