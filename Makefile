# onrecord: every dependency comes from the hash-pinned lock files in requirements/.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --disable-pip-version-check --no-input
SHARED ?= ../shared
# The arguments of the shipped model's training run (onrecord/tagger/model/training.json).
TAGGER_ARGS ?= --epochs 1 --stride 254 --no-bf16 --freeze-layers 1 --lr 2e-4

.PHONY: install dev train-deps demo test test-fast eval bench train train-tagger calibrate browser-deps services vendor clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base: $(BIN)/python requirements/base.lock pyproject.toml
	$(PIP) --require-hashes --no-deps -r requirements/base.lock
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base requirements/dev.lock
	$(PIP) --require-hashes --no-deps -r requirements/dev.lock
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.train: $(VENV)/.dev requirements/train.lock
	$(PIP) --require-hashes --no-deps -r requirements/train.lock
	touch $@

install: $(VENV)/.base  ## the runtime: leaves .venv/bin/onrecord ready

dev: $(VENV)/.dev  ## runtime + tests + spark + benchmarks

train-deps: $(VENV)/.train  ## dev + torch (CPU build) and transformers, to train the tagger

demo: install  ## extract the statements of the project's own example article
	$(BIN)/onrecord extract --format table examples/festival-interview.txt

browser-deps:  ## Debian's chromium for the web UI tests (browsers are never downloaded)
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; } \
	  || echo "chromium could not be installed: browser tests will skip"

services:  ## start the local PostgreSQL where it is installed but stopped
	@bash .ci/services

test: train-deps browser-deps services  ## the whole suite, accuracy gate included
	$(BIN)/python -m pytest -q

test-fast: dev  ## tests that need neither the model nor services
	$(BIN)/python -m pytest -q -m "not model and not postgres and not browser and not spark and not gate"

eval: dev  ## PolNeAR dev and the seed, scored
	$(BIN)/onrecord eval $(SHARED)/polnear/dev
	$(BIN)/onrecord eval $(SHARED)/seed/gold.json

bench: dev  ## throughput against bare spaCy, and textacy side by side
	$(BIN)/python benchmarks/throughput.py --data $(SHARED)/polnear/dev

train: dev  ## learn the cue tables from PolNeAR train (never dev): onrecord/data/cues_polnear.tsv, cue_model.tsv
	$(BIN)/python -m onrecord.learn $(SHARED)/polnear/train onrecord/data

train-tagger: train-deps  ## fine-tune the tagger on PolNeAR train (never dev), export ONNX int8 to onrecord/tagger/model
	$(BIN)/python -m onrecord.tagger.train $(SHARED)/polnear/train onrecord/tagger/model $(TAGGER_ARGS)
	$(BIN)/onrecord eval $(SHARED)/polnear/dev --tagger

vendor:  ## re-fetch the web UI's browser libraries listed in onrecord/serve/static/vendor/SOURCES.tsv (needs npm), checking each tarball's integrity and each file's sha256
	@set -e; dir=onrecord/serve/static/vendor; tmp=$$(mktemp -d); \
	tail -n +2 $$dir/SOURCES.tsv | while IFS='	' read -r file source integrity sha licence; do \
	  package=$${source%%/*}; inner=$${source#*/}; \
	  [ -f $$tmp/$$package.tgz ] || { mkdir $$tmp/dl && (cd $$tmp/dl && npm pack --silent $$package >/dev/null) && mv $$tmp/dl/*.tgz $$tmp/$$package.tgz && rmdir $$tmp/dl; \
	    got=sha512-$$(openssl dgst -sha512 -binary $$tmp/$$package.tgz | base64 -w0); \
	    [ "$$got" = "$$integrity" ] || { echo "$$package: integrity $$got, expected $$integrity"; exit 1; }; \
	    mkdir -p $$tmp/$$package && tar xzf $$tmp/$$package.tgz -C $$tmp/$$package; }; \
	  cp $$tmp/$$package/package/$$inner $$dir/$$file; \
	  echo "$$sha  $$dir/$$file" | sha256sum -c --quiet; \
	done; rm -rf $$tmp; echo "vendor: every file matches SOURCES.tsv"
calibrate: dev  ## fit the confidence tables on PolNeAR train (never dev): onrecord/data/confidence_model.tsv, confidence_calibration.tsv
	$(BIN)/python -m onrecord.calibrate $(SHARED)/polnear/train onrecord/data
	$(BIN)/python benchmarks/reliability.py --data $(SHARED)/polnear/dev

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
