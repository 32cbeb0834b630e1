"""What a run prints and records."""

from __future__ import annotations

import json
from pathlib import Path

from peers import accepted, report
from peers.outcomes import FAILED, PASSED, SKIPPED, Result, SuiteRun

ENTRY = accepted.Accepted("wsproto", "t::accepted", "RFC 9110 §15.2.2: ...", "rfc")
TESTS = (
    Result("t::ok", PASSED),
    Result("t::skip", SKIPPED),
    Result("t::accepted", FAILED, "LocalProtocolError: 101 without Upgrade"),
    Result("t::new", FAILED, "\n".join(f"line {n}" for n in range(7)), "full text"),
)


def _verdict(problems: tuple[str, ...] = ()) -> accepted.Verdict:
    run = SuiteRun("wsproto", "1.3.2", "h11pc", 12.34, 1, TESTS, problems)
    return accepted.judge(run, [ENTRY], check_stale=True, complete=True)


def test_the_summary_line_counts_each_outcome() -> None:
    line = report.summary_line(_verdict())
    assert line.startswith("wsproto 1.3.2")
    for part in ("passed    1", "failed   2", "skipped   1", "accepted  1", "12.3 s", "FAIL"):
        assert part in line


def test_details_list_each_failure_not_accepted_with_the_first_lines_of_its_error() -> None:
    lines = report.details([_verdict()], {("wsproto", "t::new"): "passed"})
    assert lines[0] == "\nFailures not accepted (1):"
    assert lines[1] == "  wsproto t::new  [on h11 0.16.0: passed]"
    assert lines[2:7] == [
        "      line 0",
        "      line 1",
        "      line 2",
        "      line 3",
        "      ... (3 more lines)",
    ]
    assert not any("t::accepted" in line for line in lines)


def test_details_name_problems_of_a_run() -> None:
    lines = report.details([_verdict(("main: the real h11 was loaded: h11 from f",))], {})
    assert lines[-2:] == [
        "\nRuns that went wrong:",
        "  wsproto: main: the real h11 was loaded: h11 from f",
    ]


def test_the_json_record_holds_counts_failures_and_every_outcome(tmp_path: Path) -> None:
    record = report.to_json([_verdict()], "h11pc", 3.21)
    (suite,) = record["suites"]
    assert (record["ok"], record["setup_seconds"], suite["ok"]) == (False, 3.2, False)
    assert suite["counts"] == {PASSED: 1, FAILED: 2, SKIPPED: 1, "accepted": 1}
    assert suite["accepted"] == [{"id": "t::accepted", "rfc": "RFC 9110 §15.2.2: ..."}]
    assert [failure["id"] for failure in suite["unexpected"]] == ["t::new"]
    assert suite["tests"]["t::skip"] == SKIPPED
    path = tmp_path / "results-h11.json"
    path.write_text(json.dumps(record))
    assert report.baseline_outcomes(path)[("wsproto", "t::new")] == FAILED
    assert report.baseline_outcomes(tmp_path / "missing.json") == {}
