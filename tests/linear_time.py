"""Linear time, judged by how CPU time grows with the input: never by a number of seconds.

A run over an input :data:`GROWTH` times larger may take at most :data:`LIMIT` times the
CPU time of the smaller run: a linear run takes about GROWTH times, a quadratic one GROWTH
squared. CPU time, so that the load of other processes does not count. A measurement
alternates batches of the smaller and the larger run, the same number of runs in each, as
many as make a batch of the smaller long enough for the process clock not to decide the
ratio (a match refused at its first octet takes a microsecond), and keeps the least time
of each. A virtual machine's clock also counts the time its host lends elsewhere, so one
ratio over the limit is measured again: a quadratic run is over it every time, a pause of
the host only once.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from functools import partial

SMALL = 4_000
"""The octets of the smaller input of a measured match: a linear match takes microseconds,
a quadratic one a hundred milliseconds or more."""
GROWTH = 8
LIMIT = 24
"""Three times what a linear run takes; a quadratic run takes 64 times."""

# The CPU time a batch of the smaller runs should last. A calibration of the measurement,
# not a limit: no verdict compares a time with it.
_BATCH = 5e-5
_MOST_RUNS = 1000
_BATCHES = 3
"""Batches of each run per measurement: the least time of each is kept."""
_MEASUREMENTS = 3
"""Measurements a verdict of "not linear" takes, each over LIMIT."""


def cpu_time(run: Callable[[], object], runs: int = 1) -> float:
    """CPU seconds ``runs`` calls of ``run`` take."""
    start = time.process_time()
    for _ in range(runs):
        run()
    return time.process_time() - start


def batch_size(run: Callable[[], object]) -> int:
    """Runs of ``run`` that last at least _BATCH of CPU time, doubled from one until the
    clock says so: the clock's own granularity then cannot make the batch read as none."""
    runs = 1
    while runs < _MOST_RUNS and cpu_time(run, runs) < _BATCH:
        runs *= 2
    return min(runs, _MOST_RUNS)


def growth(run_small: Callable[[], object], run_large: Callable[[], object]) -> float:
    """How many times the CPU time of ``run_small`` that of ``run_large`` is."""
    runs = batch_size(run_small)
    small = large = math.inf
    for _ in range(_BATCHES):
        small = min(small, cpu_time(run_small, runs))
        large = min(large, cpu_time(run_large, runs))
    return large / max(small, 1e-9)


def assert_linear(
    run_small: Callable[[], object], run_large: Callable[[], object], what: str
) -> None:
    """``run_large``, over GROWTH times the input of ``run_small``, costs at most LIMIT
    times its CPU time, in at least one of _MEASUREMENTS measurements."""
    ratios: list[float] = []
    while len(ratios) < _MEASUREMENTS:
        ratios.append(growth(run_small, run_large))
        if ratios[-1] < LIMIT:
            return
    shown = ", ".join(f"{ratio:.1f}x" for ratio in ratios)
    raise AssertionError(f"{what}: {shown} the CPU time for {GROWTH}x the input")


def assert_linear_match(
    pattern: re.Pattern[bytes],
    prefix: bytes,
    piece: bytes,
    end: bytes,
    *,
    name: str,
    size: int = SMALL,
) -> None:
    """``prefix``, then ``piece`` repeated to ``size`` octets, then ``end``; and the same with
    GROWTH times the repetitions: ``pattern``'s fullmatch and match of the larger cost at
    most LIMIT times the CPU time of the smaller (``name`` names the pattern's rule)."""
    small, large = (prefix + piece * (n // len(piece)) + end for n in (size, GROWTH * size))
    for method in (pattern.fullmatch, pattern.match):
        what = f"{name}.{method.__name__}: {prefix[:20]!r} + {piece!r} x {size} + {end!r}"
        assert_linear(partial(method, small), partial(method, large), what)
