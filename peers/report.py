"""What a run prints and the JSON record it leaves (``build/peers/results.json``).

Strategy: one line per suite, then every failure the accepted list does not cover (test id
and the first lines of its error), every stale entry, every problem of a run; the JSON holds
the same and every test's outcome, which is what a later h11pc run compares with the baseline
(``results-h11.json``) to mark the failures that fail on h11 0.16.0 too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from peers.accepted import Verdict
from peers.outcomes import FAILED, PASSED, SKIPPED

MESSAGE_LINES = 4


def summary_line(verdict: Verdict) -> str:
    """``uvicorn 0.55.0   passed 830  failed 6  skipped 12  accepted 0   61.2 s  FAIL``."""
    run = verdict.run
    state = "ok" if verdict.ok else "FAIL"
    return (
        f"{run.suite + ' ' + run.version:<18} passed {run.count(PASSED):>4}"
        f"  failed {run.count(FAILED):>3}  skipped {run.count(SKIPPED):>3}"
        f"  accepted {len(verdict.accepted):>2}  {run.seconds:7.1f} s  {state}"
    )


def _message(text: str) -> list[str]:
    lines = [line for line in text.strip().splitlines() if line.strip()] or ["(no message)"]
    shown = lines[:MESSAGE_LINES]
    if len(lines) > MESSAGE_LINES:
        shown.append(f"... ({len(lines) - MESSAGE_LINES} more lines)")
    return shown


def details(verdicts: Sequence[Verdict], baseline: Mapping[tuple[str, str], str]) -> list[str]:
    """The failures not accepted, the stale entries and the problems, as printed lines.
    *baseline*: the outcome of each (suite, test id) on the real h11, when known."""
    lines: list[str] = []
    unexpected = [(v.run.suite, test) for v in verdicts for test in v.unexpected]
    if unexpected:
        lines.append(f"\nFailures not accepted ({len(unexpected)}):")
    for suite, test in unexpected:
        on_h11 = baseline.get((suite, test.id))
        note = "" if on_h11 is None else f"  [on h11 0.16.0: {on_h11}]"
        lines.append(f"  {suite} {test.id}{note}")
        lines += [f"      {line}" for line in _message(test.message)]
    stale = [(v.run.suite, s) for v in verdicts for s in v.stale]
    if stale:
        lines.append(f"\nStale accepted entries: the test did not fail ({len(stale)}):")
    lines += [f"  {suite} {s.entry.test}: {s.outcome}" for suite, s in stale]
    troubled = [v for v in verdicts if v.run.problems]
    if troubled:
        lines.append("\nRuns that went wrong:")
    for verdict in troubled:
        lines += [f"  {verdict.run.suite}: {problem}" for problem in verdict.run.problems]
    return lines


def to_json(verdicts: Sequence[Verdict], mode: str, setup_seconds: float) -> dict[str, Any]:
    """The JSON record of a run."""
    return {
        "mode": mode,
        "ok": all(v.ok for v in verdicts),
        "setup_seconds": round(setup_seconds, 1),
        "suites": [_suite_json(v) for v in verdicts],
    }


def _suite_json(verdict: Verdict) -> dict[str, Any]:
    run = verdict.run
    return {
        "suite": run.suite,
        "version": run.version,
        "seconds": round(run.seconds, 1),
        "exit_code": run.exit_code,
        "ok": verdict.ok,
        "counts": {
            PASSED: run.count(PASSED),
            FAILED: run.count(FAILED),
            SKIPPED: run.count(SKIPPED),
            "accepted": len(verdict.accepted),
        },
        "problems": list(run.problems),
        "unexpected": [
            {"id": t.id, "message": t.message, "text": t.text, "log": t.log}
            for t in verdict.unexpected
        ],
        "accepted": [{"id": t.id, entry.kind: entry.why} for t, entry in verdict.accepted],
        "stale": [{"id": s.entry.test, "outcome": s.outcome} for s in verdict.stale],
        "tests": {test.id: test.outcome for test in run.tests},
    }


def baseline_outcomes(path: Path) -> dict[tuple[str, str], str]:
    """(suite, test id) -> outcome from a baseline record, if there is one."""
    if not path.exists():
        return {}
    record = json.loads(path.read_text(encoding="utf-8"))
    return {
        (suite["suite"], test_id): outcome
        for suite in record.get("suites", [])
        for test_id, outcome in suite.get("tests", {}).items()
    }
