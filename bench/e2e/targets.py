"""h11pc's end-to-end targets, and whether a run of ``make bench-e2e`` meets them.

Strategy: as ``bench.targets`` does for the in-process workloads: each target is stated
once, here, and judged from the run's rows; one that the run did not measure (a server or
workload left out, a server that failed) is reported as not measured and does not count as
met. Every h11pc row of a server is judged, the compiled build's too when it ran.
"""

from __future__ import annotations

from collections.abc import Sequence

from bench.e2e.results import Row
from bench.e2e.workloads import SMALL_GET
from bench.targets import Target

FLOORS = {"uvicorn": 1.8, "hypercorn": 1.5}
"""Per server: the lowest ratio to the same server on h11 that h11pc may have on small GETs."""


def check(found: Sequence[Row]) -> list[Target]:
    """The targets, judged from the rows of a run."""
    judged = []
    for server, floor in FLOORS.items():
        mine = [
            row
            for row in found
            if row.server == server
            and row.workload == SMALL_GET
            and row.library.startswith("h11pc")
        ]
        if not mine:
            judged.append(Target(_title(server, "h11pc", floor), None, "not run"))
        for row in mine:
            title = _title(server, row.library, floor)
            if row.vs_h11 is None:
                judged.append(Target(title, None, f"{server} on h11 not run"))
            else:
                judged.append(Target(title, row.vs_h11 >= floor, f"{row.vs_h11:.2f}x"))
    return judged


def _title(server: str, library: str, floor: float) -> str:
    return f"{server} on {library} vs {server} on h11, {SMALL_GET} >= {floor}x"
