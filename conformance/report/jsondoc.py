"""The JSON report: everything the Markdown shows, as data for other tools.

Strategy: plain dicts and lists of strings and numbers, keyed by stable IDs (implementation
names, case IDs, requirement IDs); bytes appear as Latin-1 text so each character is one
octet. ``requirements`` answers "which implementations pass requirement X, and which cases
fail and why"; ``cases`` holds every result; ``coverage`` and ``corpora`` complete it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from conformance.model import Case, Result
from conformance.report.tally import (
    BASES,
    RunReport,
    corpus_agreement,
    coverage,
    requirement_rows,
    tally,
)
from conformance.runner import Implementation

SCHEMA_VERSION = 1
_MAX_INPUT = 4096
"""Octets of each case's input (and of what a live subject sent back) the JSON repeats: the
case files hold the whole input."""


def render(report: RunReport) -> str:
    document = {
        "schema": SCHEMA_VERSION,
        "command": report.command,
        "seconds": round(report.seconds, 2),
        "notes": list(report.notes),
        "implementations": [_implementation(impl) for impl in report.implementations],
        "summary": _summary(report),
        "requirements": _requirements(report),
        "coverage": _coverage(report),
        "cases": _cases(report.results),
        "corpora": _corpora(report),
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def _implementation(impl: Implementation) -> dict[str, Any]:
    return {
        "name": impl.name,
        "kind": impl.kind,
        "detail": impl.detail,
        "unavailable": impl.unavailable,
    }


def _summary(report: RunReport) -> dict[str, Any]:
    return {
        name: {
            "passed": {b.value: entry.passed[b] for b in BASES},
            "failed": {b.value: entry.failed[b] for b in BASES},
            "not_applicable": entry.not_applicable,
            "split_dependent": entry.split_dependent,
            "crashes": entry.crashes,
            "documented_deviations": entry.documented,
        }
        for name, entry in tally(report.results).items()
    }


def _requirements(report: RunReport) -> list[dict[str, Any]]:
    rows = []
    for row in requirement_rows(report):
        req = row.requirement
        per_impl = {}
        for name, results in row.results.items():
            per_impl[name] = {
                "verdicts": {r.case.id: r.verdict.value for r in results},
                "failures": [_failure(r) for r in row.failures(name)],
            }
        rows.append(
            {
                "id": req.id,
                "rfc": req.rfc,
                "section": req.section,
                "level": req.level,
                "actor": req.actor,
                "summary": req.text,
                "sentence": req.sentence,
                "url": req.url,
                "cases": list(row.cases),
                "results": per_impl,
            }
        )
    return rows


def _failure(result: Result) -> dict[str, str]:
    return {"case": result.case.id, "reason": result.reason, "deviation": result.deviation}


def _coverage(report: RunReport) -> dict[str, Any]:
    cov = coverage(report.registry, report.cases)
    return {
        "covered": {r.id: count for r, count in cov.covered},
        "untestable": {r.id: r.untestable for r in cov.untestable},
        "uncovered": [r.id for r in cov.uncovered],
    }


def _cases(results: Iterable[Result]) -> list[dict[str, Any]]:
    by_case: dict[str, dict[str, Any]] = {}
    for result in results:
        entry = by_case.setdefault(result.case.id, _case(result.case))
        entry["results"][result.implementation] = {
            "verdict": result.verdict.value,
            "reason": result.reason,
            "observed": result.observed,
            "deviation": result.deviation,
            "split_dependent": result.split_dependent,
            "received": result.received[:_MAX_INPUT].decode("latin-1"),
        }
    return list(by_case.values())


def _case(case: Case) -> dict[str, Any]:
    return {
        "id": case.id,
        "suite": case.suite,
        "role": case.role.value,
        "basis": case.basis.value,
        "requirements": list(case.requirements),
        "expect": sorted(o.value for o in case.allowed),
        "input": case.input[:_MAX_INPUT].decode("latin-1"),
        "input_length": len(case.input),
        "note": case.note,
        "results": {},
    }


def _corpora(report: RunReport) -> dict[str, Any]:
    agreement = corpus_agreement(report.corpus)
    return {
        "agreement": [
            {"implementation": impl, "corpus": corpus, "agree": agree, "total": total}
            for (impl, corpus), (agree, total) in sorted(agreement.items())
        ],
        "cases": _cases(report.corpus),
    }
