"""Pinning the server and the load generator to cores of their own with ``taskset``.

Strategy: on a 2-core machine a server and wrk that share cores measure the scheduler as
much as the server; each gets one core (the server core 1, wrk core 0 by default). Where the
cores are not both available to this process, or ``taskset`` is missing, the run goes on
unpinned and says so.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass

TASKSET = "taskset"


@dataclass(frozen=True)
class Pinning:
    """The core of each side; None: not pinned."""

    server: int | None
    load: int | None


UNPINNED = Pinning(None, None)


def choose(server: int, load: int) -> tuple[Pinning, str | None]:
    """The pinning to use for the requested cores, and a note when it cannot be had."""
    if server == load:
        return UNPINNED, f"server and wrk given the same core ({server}): not pinned"
    if shutil.which(TASKSET) is None:
        return UNPINNED, "taskset not found: server and wrk not pinned to cores"
    allowed = os.sched_getaffinity(0)
    if server not in allowed or load not in allowed:
        cores = ", ".join(str(core) for core in sorted(allowed))
        return UNPINNED, f"cores {server} and {load} not both available (have {cores}): not pinned"
    return Pinning(server, load), None


def pinned(argv: Sequence[str], core: int | None) -> list[str]:
    """*argv* run on *core* only (unchanged when *core* is None)."""
    if core is None:
        return list(argv)
    return [TASKSET, "--cpu-list", str(core), *argv]
