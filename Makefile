# Thin aliases; the logic lives in the dtogen CLI and in tests/.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SERVICES = $(notdir $(wildcard generated/*))

.PHONY: install generate check verify lint typecheck test golden bench fmt clean

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
	$(BIN)/mypy generator templates/runtime/_runtime.py
	cd generated && ../$(BIN)/mypy --strict $(addprefix -p ,$(SERVICES))

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest

fmt: $(STAMP)
	$(BIN)/ruff check --fix -q generator tests templates/runtime
	$(BIN)/black -q generator tests templates/runtime

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
