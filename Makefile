# h11pc developer commands. Each target creates the virtualenv it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: test lint format clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

test: $(STAMP)
	$(PY) -bb -m pytest

lint: $(STAMP)
	$(PY) -m ruff check grammar h11pc tests examples
	$(PY) -m ruff format --check grammar h11pc tests examples
	$(PY) -m mypy --strict grammar h11pc examples

format: $(STAMP)
	$(PY) -m ruff format grammar h11pc tests examples
	$(PY) -m ruff check --fix grammar h11pc tests examples

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
