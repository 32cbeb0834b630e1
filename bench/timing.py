"""Timing in rounds: every library runs once per round, in an order that rotates.

Strategy: each operation is first calibrated (which also warms it up) to a repeat count that
fills one sample of about the requested duration; then each round times one sample of every
library back to back. Rotating the order keeps any drift (CPU frequency, a neighbour's load)
from always favouring the library that runs first. The garbage collector stays enabled, so
libraries pay for the cycles they create, but starts each sample with a clean slate; only
linearity pauses it (see ``bench.linearity``).
"""

from __future__ import annotations

import gc
import itertools
import time
from collections.abc import Callable, Mapping

Op = Callable[[], object]


def time_op(op: Op, repeat: int, *, pause_gc: bool = False) -> float:
    """Seconds per call of *op*, over *repeat* back-to-back calls."""
    gc.collect()
    enabled = gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        start = time.perf_counter()
        for _ in itertools.repeat(None, repeat):
            op()
        return (time.perf_counter() - start) / repeat
    finally:
        if enabled:
            gc.enable()


def calibrate(op: Op, sample_seconds: float, *, pause_gc: bool = False) -> int:
    """The repeat count that makes one sample of *op* last about *sample_seconds*."""
    repeat = 1
    while True:
        elapsed = time_op(op, repeat, pause_gc=pause_gc) * repeat
        if elapsed >= sample_seconds / 4:
            return max(1, round(repeat * sample_seconds / elapsed)) if elapsed > 0 else repeat
        repeat *= 4


def rounds(
    ops: Mapping[str, Op], count: int, sample_seconds: float, *, pause_gc: bool = False
) -> dict[str, list[float]]:
    """Seconds per call of each op, one sample per round, libraries alternating within rounds."""
    repeats = {name: calibrate(op, sample_seconds, pause_gc=pause_gc) for name, op in ops.items()}
    names = list(ops)
    times: dict[str, list[float]] = {name: [] for name in names}
    for index in range(count):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(time_op(ops[name], repeats[name], pause_gc=pause_gc))
    return times
