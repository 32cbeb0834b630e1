"""The arithmetic behind every number the benchmark reports."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench import stats

positive = st.floats(min_value=1e-6, max_value=1e6)


def test_median_of_odd_and_even_counts() -> None:
    assert stats.median([3.0, 1.0, 2.0]) == 2.0
    assert stats.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    with pytest.raises(ValueError, match="no values"):
        stats.median([])


def test_a_ratio_is_reference_time_over_subject_time_round_by_round() -> None:
    # The subject took half the time in round 1 (2x faster), twice the time in round 2.
    assert stats.round_ratios([2.0, 1.0, 3.0], [1.0, 2.0, 1.0]) == [2.0, 0.5, 3.0]
    assert stats.median_ratio([2.0, 1.0, 3.0], [1.0, 2.0, 1.0]) == 2.0


def test_the_median_of_ratios_ignores_a_round_disturbed_by_load() -> None:
    reference = [1.0, 1.0, 9.0, 1.0, 1.0]  # round 3: something else ran during h11's sample
    subject = [0.5, 0.5, 0.5, 0.5, 0.5]
    assert stats.median_ratio(reference, subject) == 2.0


def test_rounds_must_pair_up() -> None:
    with pytest.raises(ValueError, match="3 reference rounds but 2"):
        stats.round_ratios([1.0, 1.0, 1.0], [1.0, 1.0])


def test_geometric_mean() -> None:
    assert stats.geometric_mean([2.0, 8.0]) == pytest.approx(4.0)
    assert stats.geometric_mean([0.5, 2.0]) == pytest.approx(1.0)
    assert stats.geometric_mean([3.0]) == pytest.approx(3.0)
    with pytest.raises(ValueError, match="no values"):
        stats.geometric_mean([])


@given(st.lists(positive, min_size=1, max_size=20))
def test_the_geometric_mean_lies_between_the_extremes(ratios: list[float]) -> None:
    mean = stats.geometric_mean(ratios)
    assert min(ratios) * (1 - 1e-9) <= mean <= max(ratios) * (1 + 1e-9)


@given(st.lists(positive, min_size=1, max_size=20))
def test_inverting_every_ratio_inverts_the_geometric_mean(ratios: list[float]) -> None:
    inverted = stats.geometric_mean([1 / ratio for ratio in ratios])
    assert math.isclose(inverted * stats.geometric_mean(ratios), 1.0, rel_tol=1e-9)
