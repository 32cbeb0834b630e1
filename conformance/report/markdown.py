"""The Markdown report: summary, failures per implementation, requirements, coverage, corpora.

Strategy: sections a reader goes through in order -- what ran, how it scored, what each
implementation gets wrong (binding bases first, with the RFC sentence a case checks and the
deviation an implementation documents), the per-requirement matrix, the MUSTs without a case,
then agreement with the external suites. Everything comes from :mod:`report.tally`.
"""

from __future__ import annotations

from collections.abc import Iterable

from conformance.model import Result, Verdict
from conformance.report import terminal
from conformance.report.tally import RunReport, coverage, requirement_rows

_MAX_CORPUS_LISTED = 40


def render(report: RunReport) -> str:
    parts = [
        "# HTTP/1.1 conformance report\n",
        f"Command: `{report.command}`\n" if report.command else "",
        "## Summary\n",
        "```text\n" + terminal.summary(report) + "```\n",
        _legend(),
        _implementations(report),
        _failures(report),
        _requirements(report),
        _coverage(report),
        _corpora(report),
    ]
    return "\n".join(part for part in parts if part)


def _legend() -> str:
    return (
        "Columns: `MUST`, `ABNF`, `SHOULD`, `MAY` count passed/judged cases by their basis "
        "(`ABNF`: the grammar alone decides); `n/a`: cases the implementation cannot be asked "
        "(no serializer, no end-of-input signal...); `split`: failures where the result "
        "depended on how the input was split; `crash`: exceptions other than protocol "
        "errors; `documented`: failures the implementation documents as deliberate (still "
        "counted as failures). "
        "A case allowing several outcomes (the RFC's MAY or 'either ... or') passes on any.\n"
    )


def _implementations(report: RunReport) -> str:
    lines = ["## Implementations\n", "| name | kind | detail |", "|---|---|---|"]
    for impl in report.implementations:
        detail = impl.detail if impl.unavailable is None else f"unavailable: {impl.unavailable}"
        lines.append(f"| {impl.name} | {impl.kind} | {_cell(detail)} |")
    lines += [""] + [f"- {note}" for note in report.notes]
    return "\n".join(lines) + "\n"


def _failures(report: RunReport) -> str:
    lines = ["## Failures by implementation\n"]
    for impl in report.available:
        failed = [r for r in report.results if r.implementation == impl.name]
        failed = [r for r in failed if r.verdict is Verdict.FAIL]
        binding = [r for r in failed if r.case.basis.binding]
        remarks = [r for r in failed if not r.case.basis.binding]
        lines.append(f"### {impl.name}: {len(binding)} binding failures, {len(remarks)} remarks\n")
        if binding:
            lines += _failure_table(binding)
        if remarks:
            lines += ["<details><summary>SHOULD/MAY remarks</summary>\n", *_failure_table(remarks)]
            lines.append("</details>\n")
    return "\n".join(lines)


def _failure_table(results: Iterable[Result]) -> list[str]:
    lines = [
        "| case | basis | requirements | why | documented deviation |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        reqs = ", ".join(r.case.requirements)
        lines.append(
            f"| `{r.case.id}` | {r.case.basis.value} | {reqs} | {_cell(r.reason)} "
            f"| {_cell(r.deviation)} |"
        )
    return [*lines, ""]


def _requirements(report: RunReport) -> str:
    names = [impl.name for impl in report.available]
    lines = [
        "## Requirements\n",
        "Passed/judged cases per implementation, for every requirement a case checks.\n",
        "| requirement | level | summary | cases | " + " | ".join(names) + " |",
        "|---|---|---|---|" + "---|" * len(names),
    ]
    details = []
    for row in requirement_rows(report):
        req = row.requirement
        cells = " | ".join(row.cell(name) for name in names)
        link = f"[{req.id}]({req.url})"
        lines.append(f"| {link} | {req.level} | {_cell(req.text)} | {len(row.cases)} | {cells} |")
        for name in names:
            for failure in row.failures(name):
                details.append(f"- {req.id} / {name}: `{failure.case.id}`: {failure.reason}")
    if details:
        lines += ["", "<details><summary>Which cases fail, per requirement</summary>\n"]
        lines += [*details, "", "</details>"]
    return "\n".join(lines) + "\n"


def _coverage(report: RunReport) -> str:
    cov = coverage(report.registry, report.cases)
    lines = ["## Requirement coverage\n", terminal.coverage_line(report) + "\n"]
    lines += ["### MUST/RULE requirements without a case\n"]
    lines += [f"- [{r.id}]({r.url}) ({r.actor}): {_cell(r.text)}" for r in cov.uncovered]
    lines += ["- none" if not cov.uncovered else "", "", "### Untestable at the message level\n"]
    lines += [f"- [{r.id}]({r.url}) ({r.actor}): {r.untestable}" for r in cov.untestable]
    lines += ["", "### Covered\n", "| requirement | level | actor | cases |", "|---|---|---|---|"]
    lines += [f"| {r.id} | {r.level} | {r.actor} | {n} |" for r, n in cov.covered]
    return "\n".join(lines) + "\n"


def _corpora(report: RunReport) -> str:
    if not report.corpus:
        return ""
    lines = [
        "## External corpora\n",
        "Agreement with the suites' own verdicts (not RFC verdicts: llhttp and gunicorn make "
        "their own choices). Disagreements, per implementation:\n",
    ]
    for impl in report.available:
        mine = [r for r in report.corpus if r.implementation == impl.name]
        differ = [r for r in mine if r.verdict is Verdict.FAIL]
        lines.append(f"<details><summary>{impl.name}: {len(differ)} disagreements</summary>\n")
        for r in differ[:_MAX_CORPUS_LISTED]:
            lines.append(f"- `{r.case.id}` ({_cell(r.case.note)}): {_cell(r.reason)}")
        if len(differ) > _MAX_CORPUS_LISTED:
            lines.append(f"- ... and {len(differ) - _MAX_CORPUS_LISTED} more (see report.json)")
        lines.append("\n</details>\n")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Text made safe for one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
