"""The HTML report: one self-contained page with the matrix of implementations by requirement
and case.

Strategy: the page is a static template (``report.html`` beside this module: markup, style and
a small script, no network, no build step) into which the JSON report is placed verbatim, so
the page shows exactly what ``report.json`` holds. The script draws the matrix -- one row per
requirement with its cases beneath, one column per implementation, pass/fail/n-a colours --
with filters by RFC section, basis and kind of subject, and opens any cell to the requirement's
sentence, the bytes sent and what came back.
"""

from __future__ import annotations

from pathlib import Path

from conformance.report import jsondoc
from conformance.report.tally import RunReport

TEMPLATE = Path(__file__).with_name("report.html")
_PLACEHOLDER = "/*REPORT*/"


def render(report: RunReport) -> str:
    # Inside <script>, "</" could end the element early; JSON allows "<\/" for it.
    data = jsondoc.render(report).replace("</", "<\\/")
    return TEMPLATE.read_text(encoding="utf-8").replace(_PLACEHOLDER, data, 1)
