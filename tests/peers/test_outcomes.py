"""From the plugin's records to outcomes per test and problems per run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from peers import outcomes
from peers.outcomes import FAILED, PASSED, SKIPPED


def _test(test_id: str, when: str, outcome: str, **more: Any) -> dict[str, Any]:
    return {"kind": "test", "id": test_id, "when": when, "outcome": outcome, **more}


def _guard(process: str, phase: str, *problems: str) -> dict[str, Any]:
    return {"kind": "guard", "process": process, "phase": phase, "problems": list(problems)}


def test_phases_merge_into_one_outcome_per_test_in_first_seen_order() -> None:
    records = [
        _test("a", "setup", PASSED),
        _test("a", "call", PASSED),
        _test("a", "teardown", PASSED),
        _test("b", "setup", SKIPPED),
        _test("b", "teardown", PASSED),
        _test("c", "setup", PASSED),
        _test("c", "call", FAILED, message="AssertionError: 1 == 2", text="long", log="E x"),
        _test("c", "teardown", PASSED),
    ]
    results = outcomes.merge(records)
    assert [(r.id, r.outcome) for r in results] == [("a", PASSED), ("b", SKIPPED), ("c", FAILED)]
    assert (results[2].message, results[2].text, results[2].log) == (
        "AssertionError: 1 == 2",
        "long",
        "E x",
    )


def test_an_error_outside_the_call_fails_the_test_and_says_where() -> None:
    records = [
        _test("a", "setup", PASSED),
        _test("a", "call", PASSED),
        _test("a", "teardown", FAILED, message="OSError: port in use"),
        _test("tests/test_m.py", "collect", FAILED, message="ImportError: no name"),
    ]
    teardown, collection = outcomes.merge(records)
    assert (teardown.outcome, teardown.message) == (
        FAILED,
        "error in teardown: OSError: port in use",
    )
    assert collection.message == "collection: ImportError: no name"


def test_an_xfail_counts_as_skipped() -> None:
    (result,) = outcomes.merge([_test("x", "call", SKIPPED, xfail=True)])
    assert result.outcome == SKIPPED


def test_guard_findings_are_kept_per_process() -> None:
    records = [
        _guard("main", "start"),
        _guard("gw0", "start"),
        _guard("gw0", "finish", "the real h11 was loaded: h11 from /x/h11/__init__.py"),
        _guard("main", "finish"),
    ]
    assert outcomes.guard_problems(records) == [
        "gw0: the real h11 was loaded: h11 from /x/h11/__init__.py"
    ]


def test_a_run_without_a_finished_check_is_a_problem() -> None:
    (problem,) = outcomes.guard_problems([_guard("main", "start"), _test("a", "call", PASSED)])
    assert "was the plugin loaded" in problem


def test_only_pytest_exit_statuses_0_and_1_are_a_finished_run() -> None:
    assert outcomes.exit_problems(0) == outcomes.exit_problems(1) == []
    assert "status 5" in outcomes.exit_problems(5)[0]
    assert "time limit" in outcomes.exit_problems(None)[0]


def test_a_suite_run_is_read_from_every_process_file(tmp_path: Path) -> None:
    main = [_guard("main", "start"), _test("a", "call", PASSED), _guard("main", "finish")]
    worker = [_guard("gw0", "finish", "the real h11 was loaded: h11 from f")]
    for name, records in (("main-1.jsonl", main), ("gw0-2.jsonl", worker)):
        lines = "".join(json.dumps(record) + "\n" for record in records)
        (tmp_path / name).write_text(lines)
    run = outcomes.suite_run("wsproto", "1.3.2", "h11pc", tmp_path, seconds=2.0, exit_code=1)
    assert [(r.id, r.outcome) for r in run.tests] == [("a", PASSED)]
    assert run.problems == ("gw0: the real h11 was loaded: h11 from f",)
    assert (run.count(PASSED), run.count(FAILED)) == (1, 0)
