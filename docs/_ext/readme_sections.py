"""A Sphinx directive that shows a section of the README in a docs page.

Strategy: ``readme-section`` takes a heading's text, finds that heading in the README and
parses what follows it, up to the next heading of the same or a higher level, as the page's
own Markdown: the page's title stands for the section's heading, so the section's own
subsections move up to sit right below it (a ``###`` under a README ``##`` becomes the
page's ``##``). The README stays the one place those sections are written (others edit
them), and a renamed or removed heading fails the build rather than leaving a page stale.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes
from sphinx.util.typing import ExtensionMetadata

README = Path(__file__).resolve().parents[2] / "README.md"
_HEADING = re.compile(r"^(#{1,6}) +(.*?) *$")


def section(markdown: str, title: str) -> str:
    """The body of the section headed ``title`` (without its heading line), its subsections'
    headings one level below a page title; fenced code blocks are skipped when looking for
    headings. Raises KeyError if there is none."""
    lines = markdown.splitlines()
    level, body, fenced = 0, [], False
    for line in lines:
        if line.lstrip().startswith("```"):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if level and heading and len(heading[1]) <= level:
            break
        if level:
            # A subsection's heading moves up: the section's own is the page's title.
            body.append(line[level - 1 :] if heading else line)
        elif heading and heading[2] == title:
            level = len(heading[1])
    if not level:
        raise KeyError(title)
    return "\n".join(body).strip("\n") + "\n"


class ReadmeSection(SphinxDirective):
    """``readme-section`` with a heading's text as its argument: that README section."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(README))
        try:
            text = section(README.read_text(), self.arguments[0])
        except KeyError:
            raise self.error(f"README.md has no section {self.arguments[0]!r}") from None
        return list(nested_parse_to_nodes(self.state, text, source=str(README)))


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directive."""
    app.add_directive("readme-section", ReadmeSection)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
