"""The summary table printed at the end of a run (also written as ``summary.txt``).

Strategy: one row per implementation, one column per basis (passed/judged), then the counts
a reader scans for first -- split-dependent results, crashes, failures a documented deviation
explains -- and the agreement with each external corpus; below it, one line of requirement
coverage. Plain text, fixed-width.
"""

from __future__ import annotations

from conformance.report.tally import BASES, RunReport, corpus_agreement, coverage, tally

_CORPORA = ("llhttp", "gunicorn")


def summary(report: RunReport) -> str:
    tallies = tally(report.results)
    agreement = corpus_agreement(report.corpus)
    corpora = [c for c in _CORPORA if any(key[1] == c for key in agreement)]
    header = ["implementation", "kind", *(b.value for b in BASES), "n/a", "split", "crash"]
    header.append("documented")
    header += [f"{c} agree" for c in corpora]
    rows = [header]
    for impl in report.implementations:
        name = f"{impl.name} {impl.detail}".strip() if impl.kind == "in-process" else impl.name
        if impl.unavailable is not None:
            rows.append([name, impl.kind, f"unavailable: {impl.unavailable}"])
            continue
        entry = tallies.get(impl.name)
        if entry is None:
            rows.append([name, impl.kind, "no cases run"])
            continue
        row = [name, impl.kind, *(entry.score(b) for b in BASES)]
        row += [str(entry.not_applicable), str(entry.split_dependent), str(entry.crashes)]
        row.append(str(entry.documented))
        for corpus in corpora:
            agree, total = agreement.get((impl.name, corpus), (0, 0))
            row.append(f"{agree}/{total}" if total else "-")
        rows.append(row)
    lines = [_title(report), "", *_table(rows), "", coverage_line(report)]
    lines += [f"note: {note}" for note in report.notes]
    return "\n".join(lines) + "\n"


def _title(report: RunReport) -> str:
    corpus = f" + {len({r.case.id for r in report.corpus})} corpus cases" if report.corpus else ""
    return (
        f"HTTP/1.1 conformance (RFC 9112/9110): {len(report.cases)} cases{corpus}, "
        f"{len(report.implementations)} implementations, {report.seconds:.1f}s"
    )


def _table(rows: list[list[str]]) -> list[str]:
    full = [row for row in rows if len(row) == len(rows[0])]
    widths = [max(len(row[i]) for row in full) for i in range(len(rows[0]))]
    widths[0] = max(len(row[0]) for row in rows)
    lines = []
    for index, row in enumerate(rows):
        if len(row) < len(widths):  # an unavailable implementation: its note spans the rest
            lines.append("  ".join([row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2]]))
            continue
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


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
