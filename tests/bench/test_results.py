"""Throughput and ratios computed from given times (no clock involved)."""

from __future__ import annotations

from types import ModuleType

import pytest

from bench import results
from bench.drivers import Op
from bench.workloads import Workload


def _unused(module: ModuleType) -> Op:
    raise AssertionError("never driven")


WORKLOAD = Workload("w", "a test workload", 2_000_000, 100, "server", _unused)


def test_rows_hold_throughput_from_the_median_time_and_ratios_from_the_rounds() -> None:
    times = {
        "cand": [1.0, 1.0, 4.0],
        "h11": [2.0, 3.0, 2.0],
        "httptools": [0.1, 0.1, 0.1],
    }
    rows = {row.library: row for row in results.rows(WORKLOAD, times)}
    cand = rows["cand"]
    assert cand.seconds_per_op == 1.0
    assert cand.mb_per_s == pytest.approx(2.0)
    assert cand.requests_per_s == pytest.approx(100.0)
    assert cand.vs_h11 == pytest.approx(2.0)  # rounds: 2x, 3x, 0.5x
    assert cand.vs_httptools == pytest.approx(0.1)
    assert rows["h11"].vs_h11 == 1.0
    assert cand.round_seconds == (1.0, 1.0, 4.0)


def test_ratios_without_their_reference_are_absent() -> None:
    rows = results.rows(WORKLOAD, {"cand": [1.0], "h11": [2.0]})
    assert [row.vs_httptools for row in rows] == [None, None]


def _row(workload: str, library: str, vs_h11: float) -> results.Row:
    return results.Row(workload, library, 1.0, 1.0, 1.0, vs_h11, None, (1.0,))


def test_geomeans_per_library() -> None:
    rows = [_row("a", "cand", 2.0), _row("b", "cand", 8.0), _row("a", "h11", 1.0)]
    means = results.geomeans(rows)
    assert means["cand"]["vs_h11"] == pytest.approx(4.0)
    assert means["cand"]["vs_httptools"] is None
    assert means["h11"]["vs_h11"] == pytest.approx(1.0)
