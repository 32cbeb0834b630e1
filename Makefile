# h11pc developer commands. Each target creates the virtualenv it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Test workers: one per core. Each runs under -bb (bytes/str mixing is an error), which
# xdist's default workers would not inherit.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
LINTED := grammar h11pc conformance bench peers examples docs tools setup.py
CONFORMANCE_STAMP := $(VENV)/.conformance-installed
CONFORMANCE_OUT := build/conformance
DOCS_OUT := build/docs
MUTATION_STAMP := $(VENV)/.mutation-installed
MUTATION_OUT := build/mutation
# The compiled build (see setup.py): h11pc installed from a wheel whose modules mypyc compiled,
# in a virtualenv of its own; the checkout's tests, bench and tools run against it.
COMPILED_VENV := .venv-compiled
COMPILED_PY := $(COMPILED_VENV)/bin/python
COMPILED_STAMP := $(COMPILED_VENV)/.installed
# What the compiled build's runs need: the installed package first, then the checkout (a .pth
# file appends it to sys.path, for tests/, bench/ ...), and not the working directory in front
# of both (PYTHONSAFEPATH, inherited by test workers and subprocesses), where ./h11pc would
# shadow the installed one. H11PC_EXPECT_BUILD: tests/h11pc/test_build.py checks the build.
COMPILED_ENV := PYTHONSAFEPATH=1 H11PC_EXPECT_BUILD=compiled

.PHONY: test test-compiled compiled lint format conformance conformance-compiled \
	conformance-ecosystem fuzz mutation \
	bench bench-compiled bench-e2e peers peers-compiled docs clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,lint,bench,docs]'
	touch $(STAMP)

compiled: $(COMPILED_STAMP)

# The grammar's sources count too: the wheel installs a copy of them, ahead of the checkout's.
$(COMPILED_STAMP): pyproject.toml setup.py tools/build_backend.py $(wildcard h11pc/*.py) \
		$(wildcard grammar/*.py grammar/abnf/*.py)
	test -x $(COMPILED_PY) || $(PYTHON) -m venv $(COMPILED_VENV)
	# setuptools and mypyc build in build/: a previous build's modules must not be packed again
	rm -rf build/lib.* build/temp.* build/bdist.* build/__native* build/h11pc build/setup.py
	H11PC_COMPILE=1 $(COMPILED_PY) -m pip install --quiet --upgrade pip \
		'.[test,lint,bench,docs,conformance]'
	echo $(CURDIR) > "$$($(COMPILED_PY) -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/h11pc-checkout.pth"
	touch $(COMPILED_STAMP)

$(MUTATION_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[mutation]'
	touch $(MUTATION_STAMP)

$(CONFORMANCE_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[conformance]'
	touch $(CONFORMANCE_STAMP)

test: $(STAMP)
	H11PC_EXPECT_BUILD=pure $(PY) -bb -m pytest --dist load --tx '$(JOBS)*popen//python=$(PY) -bb' $(ARGS)

# The same suite on the compiled build. --import-mode=append: pytest must not put the
# checkout in front of the installed package either.
test-compiled: $(COMPILED_STAMP)
	$(COMPILED_ENV) $(COMPILED_PY) -bb -m pytest --import-mode=append --dist load \
		--tx '$(JOBS)*popen//python=$(COMPILED_PY) -bb' $(ARGS)

lint: $(STAMP)
	$(PY) -m ruff check $(LINTED) tests
	$(PY) -m ruff format --check $(LINTED) tests
	$(PY) -m mypy --strict $(LINTED) tests

# Every case in-process against h11pc, h11 and httptools; live against the demo server (on
# h11pc) and the stdlib's http.server, both
# started on loopback here. Reports: $(CONFORMANCE_OUT)/{summary.txt,report.md,report.json}.
# Fails if h11pc has a MUST failure that conformance/deviations.toml does not document.
conformance: $(CONFORMANCE_STAMP)
	$(PY) -m conformance --demo auto --stdlib-server --out $(CONFORMANCE_OUT) --fail-on h11pc $(ARGS)

# The same cases on the compiled build: h11pc in-process and the demo server on it (the
# first command fails unless the compiled modules are the ones imported).
conformance-compiled: $(COMPILED_STAMP)
	$(COMPILED_ENV) $(COMPILED_PY) -c 'import h11pc, sys; sys.exit(not h11pc.compiled)'
	$(COMPILED_ENV) $(COMPILED_PY) -m conformance --demo auto --stdlib-server \
		--out $(CONFORMANCE_OUT)-compiled --fail-on h11pc $(ARGS)

# The Python HTTP/1.1 ecosystem judged live: servers (uvicorn, hypercorn, gunicorn, waitress,
# aiohttp, tornado, twisted.web, cheroot, werkzeug, http.server, the demo server) and clients
# (httpx, urllib3, aiohttp, http.client, urllib, curl), installed from the package index into
# build/ecosystem/venv with h11pc from this checkout. Reports: $(ECOSYSTEM_OUT)/report.html ...
ECOSYSTEM_OUT := build/conformance-ecosystem
conformance-ecosystem: $(CONFORMANCE_STAMP)
	$(PY) -m conformance --ecosystem --out $(ECOSYSTEM_OUT) $(ARGS)

# The differential fuzz tests (against h11 0.16) with 10,000 examples each instead of the
# suite's few dozen; FUZZ_PROFILE=thorough for a shorter run.
FUZZ_PROFILE ?= fuzz
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=$(FUZZ_PROFILE) $(PY) -bb -m pytest --dist load \
		--tx '$(JOBS)*popen//python=$(PY) -bb' tests/h11pc/test_fuzz.py \
		tests/h11pc/test_differential.py $(ARGS)

# Mutation testing of h11pc's core by its unit tests ([tool.mutmut] in pyproject.toml), in
# a copy of the working tree's files under $(MUTATION_OUT)/run (mutmut works in ./mutants of
# the directory it runs in), with hypothesis derandomized so that a run's verdicts repeat.
# $(MUTATION_OUT)/summary.txt: the score of each module; $(MUTATION_OUT)/survivors.txt: the
# surviving mutants that tools/mutation-equivalents.toml does not explain (the run fails
# while there are any). ARGS='"h11pc._readers*"' limits it to one module's mutants. Not
# part of CI: it keeps both cores busy for a quarter of an hour.
mutation: $(STAMP) $(MUTATION_STAMP)
	rm -rf $(MUTATION_OUT)/run
	mkdir -p $(MUTATION_OUT)/run
	git ls-files -z --cached --others --exclude-standard h11pc grammar tests pyproject.toml \
		| xargs -0 cp --parents -t $(MUTATION_OUT)/run
	cd $(MUTATION_OUT)/run && HYPOTHESIS_PROFILE=mutation \
		$(abspath $(VENV))/bin/mutmut run $(ARGS) > ../mutmut.log
	cd $(MUTATION_OUT)/run && $(abspath $(PY)) $(CURDIR)/tools/mutation_report.py \
		--equivalents $(CURDIR)/tools/mutation-equivalents.toml --out ..

# Ratios against h11 0.16 and httptools; BENCH_ARGS="--quick" or "-w server-get" narrow it.
bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

bench-compiled: $(COMPILED_STAMP)
	$(COMPILED_ENV) $(COMPILED_PY) -m bench $(BENCH_ARGS)

# uvicorn and hypercorn on h11, on h11pc (through h11pc.compat) and uvicorn on httptools,
# serving a small ASGI app on loopback, loaded by wrk (50 keep-alive connections; server on
# core 1, wrk on core 0): median requests/s, p99 latency and the ratio to the same server on
# h11, over 5 interleaved rounds. Needs wrk from the system's packages (apt-get install wrk).
# Writes build/bench/e2e.json and e2e.md. BENCH_E2E_ARGS="--quick": a smoke run;
# "--compiled-python PATH": h11pc's rows again under a venv with a compiled build of h11pc;
# "--readme README.md": the generated table in the README replaced by this run's.
# "--ceiling": each server also on a stand-in that does no HTTP work (bench/e2e/nowork.py).
bench-e2e: $(STAMP)
	@command -v wrk >/dev/null || { echo "bench-e2e needs wrk, the HTTP load generator:" \
		"install it from the system's packages (apt-get install wrk)" >&2; exit 1; }
	$(PY) -m bench.e2e $(BENCH_E2E_ARGS)

# The test suites of httpcore, uvicorn, hypercorn and wsproto and h11's public-API tests, each
# from its pinned sdist in a virtualenv of its own under build/peers, with h11pc in h11's place.
# Fails on any failure peers/accepted.toml does not list. PEERS_ARGS="--h11": the same on the
# real h11 0.16.0; "-s uvicorn": one suite.
peers: | $(PY)
	$(PY) -m peers $(PEERS_ARGS)

# The same suites on the compiled build: h11pc from a wheel whose modules mypyc compiled (built
# into build/peers/wheel when the sources have changed), in virtualenvs of their own; each
# process of a run checks that h11pc.compiled is true there. The same accepted list.
peers-compiled: | $(PY)
	$(PY) -m peers --compiled $(PEERS_ARGS)

# HTML in $(DOCS_OUT), offline; a warning fails the build. -E: a fresh environment each time,
# as the grammar reference is generated from the grammar package at build time.
docs: $(STAMP)
	$(PY) -m sphinx -E -W --keep-going -q -b html docs $(DOCS_OUT)
	@echo "docs: $(DOCS_OUT)/index.html"

format: $(STAMP)
	$(PY) -m ruff format $(LINTED) tests
	$(PY) -m ruff check --fix $(LINTED) tests

clean:
	rm -rf $(VENV) $(COMPILED_VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
