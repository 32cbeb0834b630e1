"""Run cases against in-process implementations, each input fed several ways.

Strategy: every parse case is fed whole, one byte at a time, and at a few random split points
(seeded by the case id, so a run is reproducible). An implementation must do the same thing
however its input arrives: if the outcome, the parsed messages or the close decision differ
between feedings, the case fails as *split-dependent*, whatever the expectation -- a parser
whose verdict depends on TCP segmentation is a request-smuggling primitive. Otherwise the
whole-input observation is judged.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from conformance.adapters.base import Adapter
from conformance.deviations import Deviations
from conformance.judge import describe, judge
from conformance.model import Case, Message, Observation, Outcome, Result, Verdict

Feeding = tuple[str, list[bytes]]
_MAX_RANDOM_CUTS = 6


@dataclass(frozen=True, slots=True)
class Implementation:
    """An implementation as the report lists it: run, or why it could not be."""

    name: str
    kind: str
    """``in-process`` or ``live``."""
    detail: str = ""
    """What it is (``h11 0.16.0``, ``http://127.0.0.1:8080``)."""
    unavailable: str | None = None


def feedings(case: Case, random_splits: int, seed: int = 0) -> Iterator[Feeding]:
    """The ways ``case.input`` is fed: whole, byte by byte, then at random split points."""
    data = case.input
    yield "whole", [data]
    if len(data) < 2:
        return
    yield "byte-by-byte", [data[i : i + 1] for i in range(len(data))]
    rng = random.Random(f"{seed}:{case.id}")
    for index in range(random_splits):
        count = rng.randint(1, min(_MAX_RANDOM_CUTS, len(data) - 1))
        cuts = sorted(rng.sample(range(1, len(data)), count))
        bounds = [0, *cuts, len(data)]
        chunks = [data[a:b] for a, b in itertools.pairwise(bounds)]
        yield f"random split #{index + 1} at {cuts}", chunks


def signature(observation: Observation) -> tuple[Outcome, tuple[Message, ...], bool | None]:
    """What must not depend on how the input was split."""
    return observation.outcome, observation.messages, observation.close


def run_case(
    adapter: Adapter, case: Case, deviations: Deviations, random_splits: int = 3, seed: int = 0
) -> Result:
    why_not = adapter.supports(case)
    if why_not is not None:
        return Result(case, adapter.name, Verdict.NA, reason=why_not)
    if case.role.parses:
        first, split_problem = _observe_splits(adapter, case, random_splits, seed)
    else:
        first, split_problem = adapter.send(case), None
    problem = split_problem or judge(case, first)
    deviation = deviations.explain(adapter.library or adapter.name, case.id)
    split = split_problem is not None
    return judged(case, adapter.name, problem, describe(first), deviation, split=split)


def judged(
    case: Case,
    name: str,
    problem: str | None,
    observed: str,
    deviation: str,
    *,
    split: bool = False,
    received: bytes = b"",
) -> Result:
    """The result of a judgement: a pass, or a failure with its reason and any deviation."""
    if problem is None:
        return Result(case, name, Verdict.PASS, observed=observed, received=received)
    return Result(case, name, Verdict.FAIL, problem, observed, deviation, split, received)


def _observe_splits(
    adapter: Adapter, case: Case, random_splits: int, seed: int
) -> tuple[Observation, str | None]:
    if adapter.whole_input_only:
        return adapter.parse(case, [case.input]), None
    first: Observation | None = None
    for label, chunks in feedings(case, random_splits, seed):
        observation = adapter.parse(case, chunks)
        if first is None:
            first = observation
        elif signature(observation) != signature(first):
            return first, (
                f"split-dependent: whole input gave {describe(first)}; "
                f"{label} gave {describe(observation)}"
            )
    assert first is not None  # feedings() always yields the whole input first
    return first, None


def run_suite(
    adapters: Sequence[Adapter],
    cases: Sequence[Case],
    deviations: Deviations,
    *,
    random_splits: int = 3,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Implementation], list[Result]]:
    """Every case against every available adapter; unavailable ones are listed, not run."""
    implementations: list[Implementation] = []
    results: list[Result] = []
    for adapter in adapters:
        unavailable = adapter.unavailable()
        detail = adapter.version() if unavailable is None else ""
        implementations.append(Implementation(adapter.name, "in-process", detail, unavailable))
        if unavailable is not None:
            continue
        for case in cases:
            results.append(run_case(adapter, case, deviations, random_splits, seed))
            if progress is not None:
                progress(1)
    return implementations, results
