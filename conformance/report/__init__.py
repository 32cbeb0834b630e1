"""Reports of a run: the terminal summary, Markdown, JSON and HTML, and the numbers behind them."""

from __future__ import annotations

from pathlib import Path

from conformance.report import html, jsondoc, markdown, terminal
from conformance.report.tally import RunReport

__all__ = ["RunReport", "write_reports"]


def write_reports(report: RunReport, directory: Path) -> list[Path]:
    """``summary.txt``, ``report.md``, ``report.json`` and ``report.html`` in ``directory``
    (created)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (
        ("summary.txt", terminal.summary(report)),
        ("report.md", markdown.render(report)),
        ("report.json", jsondoc.render(report)),
        ("report.html", html.render(report)),
    ):
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
