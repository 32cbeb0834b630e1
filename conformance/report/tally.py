"""The numbers every report shows, computed once from a run's results.

Strategy: a :class:`RunReport` holds everything a run produced (implementations, results for
the RFC cases and for the external corpora, the registry); the functions here reduce it --
per-implementation tallies by basis, per-requirement outcomes, corpus agreement and the
requirement coverage -- and the terminal, Markdown and JSON writers only format them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from conformance.model import Basis, Case, Result, Verdict
from conformance.registry import Registry, Requirement
from conformance.runner import Implementation

BASES = (Basis.MUST, Basis.ABNF, Basis.SHOULD, Basis.MAY)
COVERED_LEVELS = ("MUST", "RULE")


@dataclass(frozen=True, slots=True)
class RunReport:
    implementations: Sequence[Implementation]
    results: Sequence[Result]
    """Results of the suite's own, RFC-keyed cases."""
    cases: Sequence[Case]
    registry: Registry
    corpus: Sequence[Result] = ()
    """Results of external corpora's cases (agreement with their verdicts)."""
    notes: Sequence[str] = ()
    seconds: float = 0.0
    command: str = ""

    @property
    def available(self) -> list[Implementation]:
        return [impl for impl in self.implementations if impl.unavailable is None]


@dataclass(slots=True)
class Tally:
    passed: Counter[Basis] = field(default_factory=Counter)
    failed: Counter[Basis] = field(default_factory=Counter)
    not_applicable: int = 0
    split_dependent: int = 0
    crashes: int = 0
    documented: int = 0
    """Failures that a documented deviation explains (still failures)."""

    def score(self, basis: Basis) -> str:
        total = self.passed[basis] + self.failed[basis]
        return f"{self.passed[basis]}/{total}" if total else "-"


def tally(results: Iterable[Result]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for result in results:
        entry = tallies.setdefault(result.implementation, Tally())
        basis = result.case.basis
        if result.verdict is Verdict.NA:
            entry.not_applicable += 1
        elif result.verdict is Verdict.PASS:
            entry.passed[basis] += 1
        else:
            entry.failed[basis] += 1
            entry.split_dependent += result.split_dependent
            entry.crashes += result.reason.startswith("an unexpected exception")
            entry.documented += bool(result.deviation)
    return tallies


@dataclass(frozen=True, slots=True)
class RequirementRow:
    requirement: Requirement
    cases: tuple[str, ...]
    results: dict[str, list[Result]]
    """Implementation -> its results on this requirement's cases."""

    def failures(self, implementation: str) -> list[Result]:
        return [r for r in self.results.get(implementation, []) if r.verdict is Verdict.FAIL]

    def cell(self, implementation: str) -> str:
        results = [r for r in self.results.get(implementation, []) if r.verdict is not Verdict.NA]
        if not results:
            return "n/a"
        passed = sum(r.verdict is Verdict.PASS for r in results)
        return f"{passed}/{len(results)}"


def requirement_rows(report: RunReport) -> list[RequirementRow]:
    """One row per requirement some case checks, in registry (RFC, section) order."""
    by_requirement: dict[str, list[Result]] = {}
    for result in report.results:
        for requirement_id in result.case.requirements:
            by_requirement.setdefault(requirement_id, []).append(result)
    case_ids: dict[str, list[str]] = {}
    for case in report.cases:
        for requirement_id in case.requirements:
            case_ids.setdefault(requirement_id, []).append(case.id)
    rows = []
    for requirement_id, requirement in report.registry.requirements.items():
        if requirement_id not in case_ids:
            continue
        grouped: dict[str, list[Result]] = {}
        for result in by_requirement.get(requirement_id, []):
            grouped.setdefault(result.implementation, []).append(result)
        rows.append(RequirementRow(requirement, tuple(case_ids[requirement_id]), grouped))
    return rows


@dataclass(frozen=True, slots=True)
class Coverage:
    covered: list[tuple[Requirement, int]]
    untestable: list[Requirement]
    uncovered: list[Requirement]


def coverage(registry: Registry, cases: Sequence[Case]) -> Coverage:
    """In-scope MUST (and keyword-less RULE) requirements: with cases, untestable, or neither."""
    counts = Counter(requirement for case in cases for requirement in case.requirements)
    covered, untestable, uncovered = [], [], []
    for level in COVERED_LEVELS:
        for requirement in registry.scope(level):
            if counts[requirement.id]:
                covered.append((requirement, counts[requirement.id]))
            elif requirement.untestable:
                untestable.append(requirement)
            else:
                uncovered.append(requirement)
    return Coverage(covered, untestable, uncovered)


def corpus_agreement(results: Iterable[Result]) -> dict[tuple[str, str], tuple[int, int]]:
    """(implementation, corpus) -> (agreeing cases, cases run)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for result in results:
        if result.verdict is Verdict.NA:
            continue
        entry = counts.setdefault((result.implementation, result.case.suite), [0, 0])
        entry[0] += result.verdict is Verdict.PASS
        entry[1] += 1
    return {key: (agree, total) for key, (agree, total) in counts.items()}
