"""The libraries a run compares, and the build of the candidate its heading states."""

from __future__ import annotations

import types

import h11
import pytest

import h11pc
from bench.libraries import build_of, load


def test_the_candidate_comes_first_then_h11_then_httptools() -> None:
    libraries, notes = load()
    assert [library.name for library in libraries] == ["h11pc", "h11", "httptools"]
    assert libraries[0].module is h11pc
    assert libraries[1].module is h11
    assert [library.native for library in libraries] == [False, False, True]
    assert notes == []


def test_only_the_candidate_states_a_build() -> None:
    candidate, baseline, native = load()[0]
    assert candidate.build in {"pure", "compiled"}
    assert baseline.build is None
    assert native.build is None
    assert candidate.title == f"h11pc ({candidate.build}) {candidate.version}"
    assert baseline.title == f"h11 {h11.__version__}"  # type: ignore[attr-defined]


def test_a_module_without_the_compiled_flag_is_pure() -> None:
    module = types.ModuleType("plain")
    assert build_of(module) == "pure"
    module.compiled = True  # type: ignore[attr-defined]
    assert build_of(module) == "compiled"
    module.compiled = False  # type: ignore[attr-defined]
    assert build_of(module) == "pure"


def test_a_candidate_that_cannot_be_imported_stops_the_run() -> None:
    with pytest.raises(ImportError, match="bench_no_such_module"):
        load("bench_no_such_module", native=False)


def test_without_native_only_the_two_h11_api_libraries_run() -> None:
    libraries, notes = load(native=False)
    assert [library.name for library in libraries] == ["h11pc", "h11"]
    assert not any(library.native for library in libraries)
    assert notes == []
