# h11pc developer commands. Each target creates the virtualenv it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Test workers: one per core. Each runs under -bb (bytes/str mixing is an error), which
# xdist's default workers would not inherit.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
LINTED := grammar h11pc bench examples

.PHONY: test lint format bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,lint,bench]'
	touch $(STAMP)

test: $(STAMP)
	$(PY) -bb -m pytest --dist load --tx '$(JOBS)*popen//python=$(PY) -bb' $(ARGS)

lint: $(STAMP)
	$(PY) -m ruff check $(LINTED) tests
	$(PY) -m ruff format --check $(LINTED) tests
	$(PY) -m mypy --strict $(LINTED)

format: $(STAMP)
	$(PY) -m ruff format $(LINTED) tests
	$(PY) -m ruff check --fix $(LINTED) tests

# Ratios against h11 0.16 and httptools; BENCH_ARGS="--quick" or "-w server-get" narrow it.
bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
