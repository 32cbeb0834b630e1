# h11pc developer commands. Each target creates the virtualenv it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: test lint format bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,lint,bench]'
	touch $(STAMP)

test: $(STAMP)
	$(PY) -bb -m pytest

lint: $(STAMP)
	$(PY) -m ruff check grammar h11pc bench tests
	$(PY) -m ruff format --check grammar h11pc bench tests
	$(PY) -m mypy --strict grammar h11pc bench

format: $(STAMP)
	$(PY) -m ruff format grammar h11pc bench tests
	$(PY) -m ruff check --fix grammar h11pc bench tests

# Ratios against h11 0.16 and httptools; BENCH_ARGS="--quick" or "-w server-get" narrow it.
bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
