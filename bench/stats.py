"""The arithmetic of the comparison: per-round ratios, their median, geometric means.

Strategy: a ratio is only ever taken between two times measured in the same round, where the
machine's load was the same for both; the median of those ratios resists the rounds in which
another process stole the CPU. A ratio is "how many times faster than the reference":
reference time / subject time, so > 1 means faster.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence


def median(values: Iterable[float]) -> float:
    """The median; an empty input raises ``ValueError``."""
    values = list(values)
    if not values:
        raise ValueError("median of no values")
    return float(statistics.median(values))


def round_ratios(reference: Sequence[float], subject: Sequence[float]) -> list[float]:
    """Speed of *subject* relative to *reference*, round by round (times of the same rounds)."""
    if len(reference) != len(subject):
        raise ValueError(f"{len(reference)} reference rounds but {len(subject)} subject rounds")
    return [ref / sub for ref, sub in zip(reference, subject, strict=True)]


def median_ratio(reference: Sequence[float], subject: Sequence[float]) -> float:
    """The median of the per-round speed ratios."""
    return median(round_ratios(reference, subject))


def geometric_mean(ratios: Iterable[float]) -> float:
    """The geometric mean: the average that treats 2x faster and 2x slower symmetrically."""
    logs = [math.log(ratio) for ratio in ratios]
    if not logs:
        raise ValueError("geometric mean of no values")
    return math.exp(math.fsum(logs) / len(logs))
