"""Linearity: the cost of adversarially split or fragmented input must grow with its size.

Strategy: two workloads that punish a receive buffer which rescans or copies what it already
holds: a request head fed one byte at a time, and a chunked body of many 16-byte chunks arriving
in one ``receive_data``. Each runs at two sizes; the cost ratio (large / small, medians of
alternating repeats) should be close to the size ratio, and far above it if the work is
quadratic. The drivers are the workloads' own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType

from bench import drivers, messages, native, stats, timing
from bench.drivers import Op
from bench.libraries import Library

SMALL_CHUNK = 16


@dataclass(frozen=True)
class Case:
    """One input shape at two sizes."""

    name: str
    summary: str
    pieces: Callable[[int], tuple[bytes, ...]]
    sizes: tuple[int, int]


def _bytewise(size: int) -> tuple[bytes, ...]:
    return tuple(bytes((octet,)) for octet in messages.large_get(size))


def _small_chunks(size: int) -> tuple[bytes, ...]:
    return (messages.chunked_post(size, SMALL_CHUNK),)


CASES = (
    Case("byte-at-a-time", "a request head fed one byte at a time", _bytewise, (2_000, 8_000)),
    Case(
        "many-small-chunks",
        f"a chunked body of {SMALL_CHUNK}-byte chunks in one receive_data",
        _small_chunks,
        (16_384, 65_536),
    ),
)


@dataclass(frozen=True)
class Scaling:
    """How one library's cost grew between the two sizes of a case."""

    library: str
    seconds: tuple[float, float]
    size_ratio: float
    cost_ratio: float


def _driver(library: Library, pieces: tuple[bytes, ...]) -> Op:
    module: ModuleType = library.module
    if library.native:
        return native.server(module, pieces)
    return drivers.server(module, pieces, drivers.minimal_response)


def measure(case: Case, libraries: Sequence[Library], repeats: int) -> list[Scaling]:
    """Each library's scaling on *case*: median seconds per operation at both sizes."""
    inputs = [case.pieces(size) for size in case.sizes]
    ops = {
        (library.label, index): _driver(library, pieces)
        for library in libraries
        for index, pieces in enumerate(inputs)
    }
    times: dict[tuple[str, int], list[float]] = {key: [] for key in ops}
    for op in ops.values():
        op()  # warm up: first-use caches are not part of the scaling
    for _ in range(repeats):
        for key, op in ops.items():
            times[key].append(timing.time_op(op, 1))
    size_ratio = sum(map(len, inputs[1])) / sum(map(len, inputs[0]))
    results = []
    for library in libraries:
        small, large = (stats.median(times[library.label, index]) for index in (0, 1))
        results.append(Scaling(library.label, (small, large), size_ratio, large / small))
    return results
