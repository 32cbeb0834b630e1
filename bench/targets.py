"""h11pc's performance targets, and whether a run of ``make bench`` meets them.

Strategy: each target is stated once, here, next to the number it reads. A target this run
did not measure (a workload left out with ``-w``, ``--no-memory``) is reported as not
measured, and does not count as met: ``--check-targets`` passes only a run that measured
every target and met it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bench import linearity, stats
from bench.linearity import Scaling
from bench.results import Row

GEOMEAN_TARGET = 3.5
"""The geometric mean of the candidate's ratios to h11 over every workload."""
WORKLOAD_TARGET = 2.5
"""The lowest ratio to h11 any one workload may have."""
WORKLOAD_TARGETS = {"server-uvicorn": 3.0}
"""Higher floors for the workloads that stand for a server as users run it."""
MEMORY_TARGETS = {"fresh": 720.0}
"""Bytes per idle connection, by state (``bench.memory``)."""
LINEARITY_SLACK = 1.5
"""A cost ratio up to this multiple of the size ratio still counts as linear (noise, caches)."""


@dataclass(frozen=True)
class Target:
    """One target, as this run found it."""

    name: str
    met: bool | None
    """None when this run did not measure it."""
    detail: str

    @property
    def verdict(self) -> str:
        """``met``, ``NOT met`` or ``not measured``."""
        return {True: "met", False: "NOT met", None: "not measured"}[self.met]


def check(
    candidate: str,
    workloads: Sequence[str],
    all_rows: Sequence[Row],
    memory: Mapping[str, Mapping[str, float]],
    scaling: Mapping[str, Sequence[Scaling]],
) -> list[Target]:
    """Every target for *candidate*; *workloads* names all the workloads ``make bench`` has."""
    ratios = {
        row.workload: row.vs_h11
        for row in all_rows
        if row.library == candidate and row.vs_h11 is not None
    }
    return [
        *_speed(ratios, workloads),
        *_memory(memory.get(candidate, {})),
        *_linearity(candidate, scaling),
    ]


def _speed(ratios: Mapping[str, float], workloads: Sequence[str]) -> list[Target]:
    missing = [name for name in workloads if name not in ratios]
    title = f"geomean vs h11 >= {GEOMEAN_TARGET}x"
    if missing:
        mean = Target(title, None, f"{len(missing)} of {len(workloads)} workloads not run")
    else:
        value = stats.geometric_mean(ratios.values())
        mean = Target(title, value >= GEOMEAN_TARGET, f"{value:.2f}x")
    found = [mean, _floor("every workload", WORKLOAD_TARGET, ratios, missing)]
    for workload, floor in WORKLOAD_TARGETS.items():
        mine = {name: ratio for name, ratio in ratios.items() if name == workload}
        found.append(_floor(workload, floor, mine, []))
    return found


def _floor(name: str, floor: float, ratios: Mapping[str, float], missing: Sequence[str]) -> Target:
    """At least *floor* on each workload of *ratios*; unknown while any is *missing*."""
    title = f"{name} vs h11 >= {floor}x"
    if not ratios:
        return Target(title, None, "not run")
    worst = min(ratios, key=ratios.__getitem__)
    detail = (
        f"lowest {ratios[worst]:.2f}x ({worst})" if len(ratios) > 1 else f"{ratios[worst]:.2f}x"
    )
    if ratios[worst] < floor:
        return Target(title, False, detail)
    return Target(title, None if missing else True, detail)


def _memory(sizes: Mapping[str, float]) -> list[Target]:
    found: list[Target] = []
    for state, limit in MEMORY_TARGETS.items():
        title = f"memory ({state}) <= {limit:.0f} B"
        size = sizes.get(state)
        if size is None:
            found.append(Target(title, None, "not run"))
        else:
            found.append(Target(title, size <= limit, f"{size:.0f} B"))
    return found


def _linearity(candidate: str, scaling: Mapping[str, Sequence[Scaling]]) -> list[Target]:
    found: list[Target] = []
    for case in linearity.CASES:
        title = f"linear ({case.name})"
        mine = [result for result in scaling.get(case.name, ()) if result.library == candidate]
        if not mine:
            found.append(Target(title, None, "not run"))
            continue
        cost, size = mine[0].cost_ratio, mine[0].size_ratio
        met = cost <= size * LINEARITY_SLACK
        found.append(Target(title, met, f"cost x{cost:.2f} for size x{size:.2f}"))
    return found
