"""The summary table printed at the end of a run (also written as ``summary.txt``), by rich.

Strategy: one row per implementation, one column per basis (passed/judged), then the counts
a reader scans for first -- split-dependent results, crashes, failures a documented deviation
explains -- and the agreement with each external corpus. Implementations that did not run
say so in the row and give their reason below the table, with one line of requirement
coverage and the run's notes. The same table is printed in colour on a terminal and written
as plain text.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from conformance.model import Basis
from conformance.report.tally import BASES, RunReport, Tally, corpus_agreement, coverage, tally

_CORPORA = ("llhttp", "gunicorn")
_WIDTH = 240
"""Wide enough that no table of a run wraps when written as text."""


def summary(report: RunReport) -> str:
    """The summary as plain text."""
    console = Console(file=io.StringIO(), width=_WIDTH, color_system=None, highlight=False)
    console.print(render(report))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def print_summary(report: RunReport, console: Console | None = None) -> None:
    """The summary on ``console`` (stdout): in colour on a terminal wide enough for the
    table, as plain text elsewhere (a log, a pipe, a narrow window)."""
    console = console or Console(highlight=False)
    if console.is_terminal and console.measure(_table(report)).maximum <= console.width:
        console.print(render(report))
    else:
        console.file.write(summary(report))


def render(report: RunReport) -> RenderableType:
    lines: list[RenderableType] = [Text(_title(report)), Text(""), _table(report), Text("")]
    for impl in report.implementations:
        if impl.unavailable is not None:
            lines.append(Text(f"not run: {impl.name}: {impl.unavailable}"))
    lines.append(Text(coverage_line(report)))
    lines += [Text(f"note: {note}") for note in report.notes]
    return Group(*lines)


def _table(report: RunReport) -> Table:
    tallies = tally(report.results)
    agreement = corpus_agreement(report.corpus)
    corpora = [c for c in _CORPORA if any(key[1] == c for key in agreement)]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
    table.add_column("implementation")
    table.add_column("kind")
    for column in (*(b.value for b in BASES), "n/a", "split", "crash", "documented"):
        table.add_column(column, justify="right")
    for corpus in corpora:
        table.add_column(f"{corpus} agree", justify="right")
    blank = [""] * (len(BASES) + 3 + len(corpora))
    for impl in report.implementations:
        name = f"{impl.name} {impl.detail}".strip() if impl.kind == "in-process" else impl.name
        entry = tallies.get(impl.name)
        if impl.unavailable is not None or entry is None:
            note = "not run" if impl.unavailable is not None else "no cases run"
            table.add_row(name, impl.kind, Text(note, style="dim"), *blank)
            continue
        row: list[str | Text] = [name, impl.kind, *_scores(entry)]
        row += [str(entry.not_applicable), str(entry.split_dependent), str(entry.crashes)]
        row.append(str(entry.documented))
        for corpus in corpora:
            agree, total = agreement.get((impl.name, corpus), (0, 0))
            row.append(f"{agree}/{total}" if total else "-")
        table.add_row(*row)
    return table


def _scores(entry: Tally) -> list[Text]:
    scores = []
    for basis in BASES:
        failed = entry.failed[basis]
        style = "" if not failed else "red" if basis is Basis.MUST else "yellow"
        scores.append(Text(entry.score(basis), style=style))
    return scores


def _title(report: RunReport) -> str:
    corpus = f" + {len({r.case.id for r in report.corpus})} corpus cases" if report.corpus else ""
    return (
        f"HTTP/1.1 conformance (RFC 9112/9110): {len(report.cases)} cases{corpus}, "
        f"{len(report.implementations)} implementations, {report.seconds:.1f}s"
    )


def coverage_line(report: RunReport) -> str:
    cov = coverage(report.registry, report.cases)
    testable = len(cov.covered) + len(cov.uncovered)
    if not testable and not cov.untestable:
        return "coverage: the RFC requirement files were not found (see --rfc-dir)"
    return (
        f"coverage: {len(cov.covered)}/{testable} testable in-scope MUST/RULE requirements "
        f"have cases; {len(cov.untestable)} untestable at the message level; "
        f"{len(cov.uncovered)} without a case"
    )
