"""docs/_ext: the reST the grammar reference is written in, and README sections in the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from grammar_reference import entry_rst, fields_rst, rules_rst, type_rst
from readme_sections import README, section
from rule_catalog import Entry
from rule_types import parse

from grammar import rfc9110

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _entry(attribute: str, static: str, value_type: str) -> Entry:
    rule = getattr(rfc9110, attribute)
    return Entry("grammar.rfc9110", attribute, rule, parse(static), parse(value_type))


def test_type_rst_links_grammar_values_and_escapes_brackets() -> None:
    text = type_rst(parse("tuple[grammar.values.Weighted[grammar.values.MediaType], ...]"))
    assert text == (
        r"tuple\[:py:class:`~grammar.values.Weighted`\[:py:class:`~grammar.values.MediaType`],"
        r" ...]"
    )
    assert type_rst(parse("bytes | None")) == "bytes | None"
    assert type_rst(parse("tuple[()]")) == "tuple[()]"


def test_an_entry_gives_abnf_section_link_and_types() -> None:
    text = "\n".join(
        entry_rst(_entry("media_type", "grammar.values.MediaType", "grammar.values.MediaType"))
    )
    assert ".. py:data:: media_type" in text
    assert ":type: grammar.abnf.Rule[grammar.values.MediaType]" in text
    assert 'media-type = type "/" subtype parameters' in text
    assert "`RFC 9110 §8.3.1 <https://www.rfc-editor.org/rfc/rfc9110#section-8.3.1>`__" in text
    assert "observed" not in text
    assert "no pattern" not in text


def test_an_entry_says_when_its_type_was_observed_and_when_it_has_no_pattern() -> None:
    observed = "\n".join(entry_rst(_entry("accept", "tuple[Any, ...]", "tuple[bytes, ...]")))
    assert ":type: grammar.abnf.Rule[tuple[Any, ...]]" in observed
    assert r"value: tuple\[bytes, ...] (:ref:`observed <observed-types>`)" in observed
    recursive = "\n".join(
        entry_rst(_entry("comment", "grammar.values.Comment", "grammar.values.Comment"))
    )
    assert "no pattern (recursive)" in recursive


def test_rules_rst_documents_the_module_then_each_rule_in_order() -> None:
    entries = [_entry("token", "bytes", "bytes"), _entry("ows", "bytes", "bytes")]
    text = rules_rst("grammar.rfc9110", entries)
    assert text.startswith(".. automodule:: grammar.rfc9110\n   :no-members:")
    assert text.index("py:data:: token") < text.index("py:data:: ows")


def test_fields_rst_lists_every_field() -> None:
    text = fields_rst(rfc9110.FIELDS, "grammar.rfc9110")
    for name, rule in rfc9110.FIELDS.items():
        assert f"``{name.decode()}``" in text
        assert f":py:data:`~grammar.rfc9110.{rule.pyname}`" in text


MARKDOWN = """\
# Title

## One
text of one
```sh
# not a heading
```
### One, deeper
still one

## Two
text of two
"""


def test_section_runs_to_the_next_heading_of_its_level() -> None:
    # Its subsection sits right below the page's title, which stands for "One".
    assert section(MARKDOWN, "One") == (
        "text of one\n```sh\n# not a heading\n```\n## One, deeper\nstill one\n"
    )
    assert section(MARKDOWN, "Two") == "text of two\n"
    assert section(MARKDOWN, "One, deeper") == "still one\n"


def test_section_refuses_a_missing_heading() -> None:
    with pytest.raises(KeyError):
        section(MARKDOWN, "Three")


def test_every_readme_section_the_docs_show_exists() -> None:
    shown = [
        title
        for page in DOCS.rglob("*.md")
        for title in re.findall(r"^```\{readme-section\} (.+)$", page.read_text(), re.M)
    ]
    assert shown
    for title in shown:
        assert section(README.read_text(), title).strip()
