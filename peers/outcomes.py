"""From the plugin's records to one outcome per test and the run's own problems.

Strategy: a test is reported in phases (setup, call, teardown; collection for a module that
cannot be imported); its outcome is ``failed`` if any phase failed, else ``skipped`` if any
phase skipped (xfail included), else ``passed``. A run is sound only if every process that
wrote records checked h11 at the end of its session and found nothing, and pytest itself
finished (exit status 0 or 1).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
PHASE_NAMES = {"setup": "error in setup", "teardown": "error in teardown", "collect": "collection"}


@dataclass(frozen=True)
class Result:
    """One test's outcome; for a failure, its message and the end of its report."""

    id: str
    outcome: str
    message: str = ""
    text: str = ""
    log: str = ""
    """What the test logged or wrote to stderr (the end of it), for a failure."""


@dataclass(frozen=True)
class SuiteRun:
    """What one suite's run produced."""

    suite: str
    version: str
    mode: str
    seconds: float
    exit_code: int | None
    """pytest's exit status; None when it was stopped (time-out)."""
    tests: tuple[Result, ...]
    problems: tuple[str, ...] = field(default=())

    def count(self, outcome: str) -> int:
        return sum(1 for test in self.tests if test.outcome == outcome)


def read_records(directory: Path) -> list[dict[str, Any]]:
    """Every record the plugin wrote in *directory*, file by file, line by line."""
    records = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def merge(records: Iterable[dict[str, Any]]) -> tuple[Result, ...]:
    """One result per test id (in the order first seen) from its phases' records."""
    phases: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        if record.get("kind") == "test":
            phases.setdefault(record["id"], []).append(record)
    return tuple(_result(test_id, reports) for test_id, reports in phases.items())


def _result(test_id: str, reports: Sequence[dict[str, Any]]) -> Result:
    for report in reports:
        if report["outcome"] == FAILED:
            message = report.get("message", "")
            if report["when"] in PHASE_NAMES:
                message = f"{PHASE_NAMES[report['when']]}: {message}"
            return Result(test_id, FAILED, message, report.get("text", ""), report.get("log", ""))
    if any(report["outcome"] == SKIPPED for report in reports):
        return Result(test_id, SKIPPED)
    return Result(test_id, PASSED)


def guard_problems(records: Sequence[dict[str, Any]]) -> list[str]:
    """The h11 findings of every process, and the absence of any finished check."""
    found = []
    finished = False
    for record in records:
        if record.get("kind") != "guard":
            continue
        finished = finished or record["phase"] == "finish"
        found += [f"{record['process']}: {problem}" for problem in record["problems"]]
    if not finished:
        found.append("no process reported its h11 check at the end: was the plugin loaded?")
    return list(dict.fromkeys(found))


def exit_problems(exit_code: int | None) -> list[str]:
    """pytest's exit status, when it says the run itself went wrong."""
    if exit_code is None:
        return ["stopped: the suite ran past its time limit"]
    if exit_code in (0, 1):
        return []
    return [f"pytest exited with status {exit_code} (interrupted, internal or usage error)"]


def suite_run(
    suite: str, version: str, mode: str, directory: Path, *, seconds: float, exit_code: int | None
) -> SuiteRun:
    """The run of one suite from its records in *directory* and pytest's exit status."""
    records = read_records(directory)
    problems = exit_problems(exit_code) + guard_problems(records)
    return SuiteRun(suite, version, mode, seconds, exit_code, merge(records), tuple(problems))
