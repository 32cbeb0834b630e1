"""Linear time, judged by how CPU time grows with the input: never by a number of seconds.

A run over an input :data:`GROWTH` times larger may take at most :data:`LIMIT` times the
CPU time of the smaller run: a linear run takes about GROWTH times, a quadratic one GROWTH
squared. CPU time, so that the load of other processes does not count; each time is the
least of three batches of the same number of runs, as many as make the smaller batch long
enough for the process clock and the scheduler not to decide the ratio (a match refused at
its first octet takes a microsecond).
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


def cpu_time(run: Callable[[], object], runs: int = 1) -> float:
    """CPU seconds ``runs`` calls of ``run`` take."""
    start = time.process_time()
    for _ in range(runs):
        run()
    return time.process_time() - start


def growth(run_small: Callable[[], object], run_large: Callable[[], object]) -> float:
    """How many times the CPU time of ``run_small`` that of ``run_large`` is."""
    once = cpu_time(run_small)
    runs = min(_MOST_RUNS, max(1, math.ceil(_BATCH / max(once, 1e-7))))
    small = min(cpu_time(run_small, runs) for _ in range(3))
    large = min(cpu_time(run_large, runs) for _ in range(3))
    return large / max(small, 1e-9)


def assert_linear(
    run_small: Callable[[], object], run_large: Callable[[], object], what: str
) -> None:
    """``run_large``, over GROWTH times the input of ``run_small``, costs at most LIMIT
    times its CPU time."""
    ratio = growth(run_small, run_large)
    assert ratio < LIMIT, f"{what}: {ratio:.1f}x the CPU time for {GROWTH}x the input"


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
