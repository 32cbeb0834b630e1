"""From each round's wrk results to the rows a run reports.

Strategy: as in ``bench.results``, a row's numbers are medians over rounds, and its ratio to
h11 is the median of per-round ratios against the same server on h11, measured in the same
round under the same load of the machine. A ratio is "how many times faster": h11's time
per request over the row's (its requests/s over h11's), so > 1 is faster.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bench import stats
from bench.e2e import variants, wrk
from bench.e2e.variants import Variant
from bench.e2e.workloads import Workload

Samples = Mapping[str, Mapping[str, Sequence[wrk.Result]]]
"""Variant name -> workload name -> one result per round (``bench.e2e.measure.Outcome``)."""


@dataclass(frozen=True)
class Row:
    """One server on one library under one workload."""

    workload: str
    server: str
    library: str
    requests_per_s: float
    """The median over rounds."""
    p99_ms: float
    """The median over rounds of wrk's 99th percentile of latency."""
    vs_h11: float | None
    """The median per-round ratio of requests/s to the same server on h11."""
    round_vs_h11: tuple[float, ...]
    """Those ratios, round by round; empty for the h11 row itself and without one."""
    round_requests_per_s: tuple[float, ...]
    round_p99_ms: tuple[float, ...]
    socket_errors: int
    """wrk's connect, read, write and timeout errors, summed over rounds."""


def rows(chosen: Sequence[Variant], workloads: Sequence[Workload], samples: Samples) -> list[Row]:
    """The rows of every workload and variant that has results, workload by workload."""
    found = []
    for workload in workloads:
        for variant in chosen:
            mine = samples.get(variant.name, {}).get(workload.name)
            if not mine:
                continue
            baseline = variants.baseline_of(variant, chosen)
            reference = None if baseline is None else samples.get(baseline.name, {})
            reference_rounds = (reference or {}).get(workload.name)
            found.append(_row(workload, variant, mine, reference_rounds, baseline == variant))
    return found


def _row(
    workload: Workload,
    variant: Variant,
    mine: Sequence[wrk.Result],
    reference: Sequence[wrk.Result] | None,
    is_baseline: bool,
) -> Row:
    rates = tuple(result.requests_per_s for result in mine)
    p99s = tuple(result.p99_ms for result in mine)
    ratios: tuple[float, ...] = ()
    if reference:
        ratios = tuple(
            stats.round_ratios(
                _seconds_per_request(result.requests_per_s for result in reference),
                _seconds_per_request(rates),
            )
        )
    return Row(
        workload=workload.name,
        server=variant.server,
        library=variant.label,
        requests_per_s=stats.median(rates),
        p99_ms=stats.median(p99s),
        vs_h11=stats.median(ratios) if ratios else None,
        round_vs_h11=() if is_baseline else ratios,  # h11 against itself: no spread
        round_requests_per_s=rates,
        round_p99_ms=p99s,
        socket_errors=sum(result.socket_errors for result in mine),
    )


def _seconds_per_request(rates: Iterable[float]) -> list[float]:
    return [1.0 / rate for rate in rates]
