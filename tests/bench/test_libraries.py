"""A missing candidate is replaced by h11 under its own name, and says so."""

from __future__ import annotations

import h11

from bench.libraries import load


def test_a_missing_candidate_runs_as_a_labelled_h11_stand_in() -> None:
    libraries, notes = load("bench_no_such_module", native=False)
    candidate, baseline = libraries
    assert candidate.name == "bench_no_such_module"
    assert candidate.module is h11
    assert candidate.standin_for == "bench_no_such_module"
    assert "stand-in" in candidate.label
    assert baseline.name == "h11"
    assert baseline.label == "h11"
    assert any("bench_no_such_module" in note for note in notes)


def test_a_module_without_connection_is_not_taken_for_the_candidate() -> None:
    libraries, notes = load("json", native=False)
    assert libraries[0].module is h11
    assert libraries[0].standin_for == "json"
    assert "json has no Connection" in notes[0]


def test_a_real_candidate_keeps_its_plain_name() -> None:
    libraries, notes = load("h11", native=False)
    assert libraries[0].standin_for is None
    assert libraries[0].label == "h11"
    assert notes == []
