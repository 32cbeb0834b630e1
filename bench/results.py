"""From per-round times to the numbers a run reports.

Strategy: plain frozen dataclasses that serialise to JSON as they are; every ratio is a median
of per-round ratios (``bench.stats``), throughput comes from the median time per operation and
is only meaningful within one run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bench import stats
from bench.libraries import BASELINE, NATIVE
from bench.workloads import Workload


@dataclass(frozen=True)
class Row:
    """One library on one workload."""

    workload: str
    library: str
    seconds_per_op: float
    mb_per_s: float
    requests_per_s: float
    vs_h11: float | None
    vs_httptools: float | None
    round_seconds: tuple[float, ...]


def rows(workload: Workload, times: Mapping[str, Sequence[float]]) -> list[Row]:
    """The rows of *workload* from each library's per-round times (keyed by library name)."""
    result = []
    for label, seconds in times.items():
        per_op = stats.median(seconds)
        result.append(
            Row(
                workload.name,
                label,
                per_op,
                workload.wire_bytes / per_op / 1e6,
                workload.messages / per_op,
                _ratio(times, BASELINE, seconds),
                _ratio(times, NATIVE, seconds),
                tuple(seconds),
            )
        )
    return result


def _ratio(
    times: Mapping[str, Sequence[float]], reference: str, seconds: Sequence[float]
) -> float | None:
    if reference not in times:
        return None
    return stats.median_ratio(times[reference], seconds)


def geomeans(all_rows: Sequence[Row]) -> dict[str, dict[str, float | None]]:
    """Per library, the geometric mean of its ratios over the workloads that have them."""
    result: dict[str, dict[str, float | None]] = {}
    for library in dict.fromkeys(row.library for row in all_rows):
        mine = [row for row in all_rows if row.library == library]
        h11 = [row.vs_h11 for row in mine if row.vs_h11 is not None]
        native = [row.vs_httptools for row in mine if row.vs_httptools is not None]
        result[library] = {
            "vs_h11": stats.geometric_mean(h11) if h11 else None,
            "vs_httptools": stats.geometric_mean(native) if native else None,
        }
    return result
