"""Reports: the terminal table, Markdown and JSON show per-requirement results and coverage."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

from rich.console import Console

from conformance.model import Basis, Case, Outcome, Result, Role, Verdict
from conformance.registry import Registry, Requirement
from conformance.report import RunReport, jsondoc, markdown, terminal, write_reports
from conformance.report.tally import coverage, tally
from conformance.runner import Implementation

REQUIREMENTS = {
    "RFC9112-3.2-p6-s1": Requirement(
        "RFC9112-3.2-p6-s1",
        "9112",
        "3.2",
        "MUST",
        "server",
        "A server MUST respond with a 400 ...",
        "Host or 400",
    ),
    "RFC9112-6.1-p4-s1": Requirement(
        "RFC9112-6.1-p4-s1", "9112", "6.1", "MUST", "recipient", summary="parse chunked"
    ),
    "RFC9112-9.7-p2-s4": Requirement(
        "RFC9112-9.7-p2-s4", "9112", "9.7", "MUST", "other", untestable="TLS"
    ),
}
REGISTRY = Registry(REQUIREMENTS, None)
HOST = Case(
    id="host-missing",
    suite="t",
    role=Role.REQUEST,
    basis=Basis.MUST,
    requirements=("RFC9112-3.2-p6-s1",),
    input=b"GET / HTTP/1.1\r\n\r\n",
    allowed=frozenset({Outcome.REJECT}),
)
MAYBE = replace(HOST, id="maybe", basis=Basis.MAY, allowed=frozenset(Outcome))
RESULTS = [
    Result(HOST, "good", Verdict.PASS),
    Result(HOST, "bad", Verdict.FAIL, "expected reject, got accept", deviation="on purpose"),
    Result(MAYBE, "good", Verdict.PASS),
    Result(MAYBE, "bad", Verdict.NA, "cannot"),
]
REPORT = RunReport(
    implementations=[
        Implementation("good", "in-process", "1.0"),
        Implementation("bad", "live", "127.0.0.1:1"),
        Implementation("gone", "in-process", unavailable="not installed"),
    ],
    results=RESULTS,
    cases=[HOST, MAYBE],
    registry=REGISTRY,
    notes=["a note"],
)


def test_tallies_count_by_basis() -> None:
    counts = tally(RESULTS)
    assert counts["good"].score(Basis.MUST) == "1/1"
    assert counts["bad"].score(Basis.MUST) == "0/1"
    assert counts["bad"].score(Basis.MAY) == "-"
    assert (counts["bad"].not_applicable, counts["bad"].documented) == (1, 1)


def test_coverage_sorts_musts_into_covered_untestable_uncovered() -> None:
    result = coverage(REGISTRY, [HOST])
    assert [(r.id, n) for r, n in result.covered] == [("RFC9112-3.2-p6-s1", 1)]
    assert [r.id for r in result.untestable] == ["RFC9112-9.7-p2-s4"]
    assert [r.id for r in result.uncovered] == ["RFC9112-6.1-p4-s1"]


def test_the_terminal_summary_lists_every_implementation() -> None:
    text = terminal.summary(REPORT)
    lines = text.splitlines()
    assert "not run: gone: not installed" in lines
    assert next(line for line in lines if line.startswith("gone")).split()[-2:] == ["not", "run"]
    good = next(line for line in lines if line.startswith("good 1.0"))
    assert good.split()[3] == "1/1"
    assert "1 without a case" in text
    assert "note: a note" in text


def test_markdown_shows_failures_with_their_deviation_and_coverage() -> None:
    text = markdown.render(REPORT)
    assert "### bad: 1 binding failures, 0 remarks" in text
    assert (
        "| `host-missing` | MUST | RFC9112-3.2-p6-s1 | expected reject, got accept | on purpose |"
        in text
    )
    assert "[RFC9112-6.1-p4-s1](https://www.rfc-editor.org/rfc/rfc9112#section-6.1)" in text
    assert "- RFC9112-3.2-p6-s1 / bad: `host-missing`: expected reject, got accept" in text


def test_json_answers_which_implementations_pass_each_requirement() -> None:
    document = json.loads(jsondoc.render(REPORT))
    [row] = [r for r in document["requirements"] if r["id"] == "RFC9112-3.2-p6-s1"]
    assert row["results"]["good"]["verdicts"] == {"host-missing": "pass", "maybe": "pass"}
    assert row["results"]["bad"]["failures"] == [
        {"case": "host-missing", "reason": "expected reject, got accept", "deviation": "on purpose"}
    ]
    assert document["coverage"]["uncovered"] == ["RFC9112-6.1-p4-s1"]
    assert document["summary"]["bad"]["failed"]["MUST"] == 1


def test_reports_are_written_to_a_directory(tmp_path: Path) -> None:
    written = write_reports(REPORT, tmp_path / "out")
    assert sorted(p.name for p in written) == [
        "report.html",
        "report.json",
        "report.md",
        "summary.txt",
    ]
    assert all(p.stat().st_size > 0 for p in written)


def test_the_summary_on_a_terminal_is_the_same_table_in_colour() -> None:
    screen = Console(file=io.StringIO(), force_terminal=True, width=200)
    terminal.print_summary(REPORT, screen)
    coloured = screen.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[" in coloured
    plain = Console(file=io.StringIO(), force_terminal=False)
    terminal.print_summary(REPORT, plain)
    assert plain.file.getvalue() == terminal.summary(REPORT)  # type: ignore[attr-defined]
