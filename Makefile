# Thin aliases; the logic lives in the dtogen CLI and in tests/.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SERVICES = $(notdir $(wildcard generated/*))

.PHONY: install generate check verify lint typecheck test golden hypothesis bench fmt clean fuzz

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(STAMP)

generate: $(STAMP)  ## scrape specs/pages/* into specs/*.json, then write generated/
	$(BIN)/dtogen scrape --all
	$(BIN)/dtogen generate

check: $(STAMP)  ## exit 1 with a diff when generated/ is stale
	$(BIN)/dtogen check

verify: $(STAMP)  ## round-trip every documented sample
	$(BIN)/dtogen verify

lint: $(STAMP)
	$(BIN)/ruff check generator tests templates/runtime
	$(BIN)/black --check -q generator tests templates/runtime

typecheck: $(STAMP)
	$(BIN)/mypy generator templates/runtime/_runtime.py templates/runtime/_text.py templates/runtime/_client.py
	cd generated && ../$(BIN)/mypy --strict $(addprefix -p ,$(SERVICES))

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest

golden: $(STAMP)  ## rewrite tests/golden/cases/*/expected.* from the current generator (review the diff)
	$(BIN)/python -m pytest -q tests/golden --update-golden

hypothesis: $(STAMP)  ## the DTO round-trip properties with 2000 examples each (CI runs 100)
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -q tests/properties

fuzz: $(STAMP)  ## 10,000 mutated pages through scrape → generate; prints a report
	$(BIN)/python -m tests.hostile.fuzzing --cases $(or $(CASES),10000) $(FUZZ_ARGS)

BENCH_VENV := benchmarks/.venv
BENCH_STAMP := $(BENCH_VENV)/.installed-stamp

$(BENCH_STAMP): benchmarks/requirements.txt pyproject.toml
	$(PY) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q -r benchmarks/requirements.txt -e .
	touch $@

bench: $(BENCH_STAMP)  ## peers and floors (not part of test); prints and writes benchmarks/results.md
	$(BENCH_VENV)/bin/python benchmarks/run.py $(BENCH_ARGS)

fmt: $(STAMP)
	$(BIN)/ruff check --fix -q generator tests templates/runtime
	$(BIN)/black -q generator tests templates/runtime

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
