"""Linearity: the cost of adversarially split or fragmented input must grow with its size.

Strategy: two inputs that punish a receive buffer which rescans or copies what it already
holds -- a request head fed one byte at a time, and a chunked body of many 16-byte chunks
arriving in one ``receive_data`` -- and one that punishes a pattern searched from every octet
of what it refuses: a head whose last field line is a long run of name octets without a
colon. Each runs at two sizes; the cost ratio (large / small, the median of per-round ratios,
timed in rounds like the workloads) should be close to the size ratio, and far above it if
the work is quadratic. The drivers are the workloads' own, and for the refused head one that
reads until the refusal. The garbage collector is paused while timing: its passes over the
driver's growing list of events cost more than linear time whatever the library does, and
would blur the library's own scaling.
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
    refused: bool = False
    """Whether the input is malformed: each library reads it until it refuses it."""


def _bytewise(size: int) -> tuple[bytes, ...]:
    return tuple(bytes((octet,)) for octet in messages.large_get(size))


def _small_chunks(size: int) -> tuple[bytes, ...]:
    return (messages.chunked_post(size, SMALL_CHUNK),)


def _colonless(size: int) -> tuple[bytes, ...]:
    return (messages.colonless_get(size),)


CASES = (
    Case("byte-at-a-time", "a request head fed one byte at a time", _bytewise, (2_000, 8_000)),
    Case(
        "many-small-chunks",
        f"a chunked body of {SMALL_CHUNK}-byte chunks in one receive_data",
        _small_chunks,
        (16_384, 65_536),
    ),
    Case(
        "refused-head",
        "a request head refused for a long field line without a colon",
        _colonless,
        (2_000, 8_000),
        refused=True,
    ),
)


@dataclass(frozen=True)
class Scaling:
    """How one library's cost grew between the two sizes of a case."""

    library: str
    seconds: tuple[float, float]
    size_ratio: float
    cost_ratio: float


def driver(library: Library, case: Case, pieces: tuple[bytes, ...]) -> Op:
    """The operation that has *library* read *pieces*, one of *case*'s inputs."""
    module: ModuleType = library.module
    if case.refused:
        return native.refusal(module, pieces) if library.native else drivers.refusal(module, pieces)
    if library.native:
        return native.server(module, pieces)
    return drivers.server(module, pieces, drivers.minimal_response)


def measure(
    case: Case, libraries: Sequence[Library], rounds: int, sample_seconds: float
) -> list[Scaling]:
    """Each library's scaling on *case*: both sizes timed in every round, like the workloads.

    The cost ratio is the median of the per-round ratios large / small.
    """
    inputs = [case.pieces(size) for size in case.sizes]
    ops = {
        f"{library.name}@{index}": driver(library, case, pieces)
        for library in libraries
        for index, pieces in enumerate(inputs)
    }
    times = timing.rounds(ops, rounds, sample_seconds, pause_gc=True)
    size_ratio = sum(map(len, inputs[1])) / sum(map(len, inputs[0]))
    results = []
    for library in libraries:
        small, large = times[f"{library.name}@0"], times[f"{library.name}@1"]
        seconds = (stats.median(small), stats.median(large))
        results.append(Scaling(library.name, seconds, size_ratio, stats.median_ratio(large, small)))
    return results
