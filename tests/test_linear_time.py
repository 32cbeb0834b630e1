"""The judge of linear time (:mod:`tests.linear_time`) tells linear runs from quadratic ones."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.linear_time import GROWTH, assert_linear


def pairs(size: int) -> Callable[[], int]:
    """A run whose work grows with the square of ``size``."""
    return lambda: sum(1 for _ in range(size) for _ in range(size))


def count(size: int) -> Callable[[], int]:
    """A run whose work grows with ``size``."""
    return lambda: sum(1 for _ in range(size))


def test_a_quadratic_run_is_refused_with_every_ratio_measured() -> None:
    with pytest.raises(AssertionError, match=r"^square: (\d+\.\d+x, ){2}\d+\.\d+x the CPU"):
        assert_linear(pairs(100), pairs(GROWTH * 100), "square")


def test_a_linear_run_passes() -> None:
    assert_linear(count(20_000), count(GROWTH * 20_000), "count")


def test_a_run_refused_at_once_passes() -> None:
    # A microsecond a run: the batch, not one run, is what the clock measures.
    assert_linear(count(1), count(1), "nothing")
