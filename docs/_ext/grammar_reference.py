"""Sphinx directives that write the grammar reference from the grammar package itself.

Strategy: ``grammar-rules`` renders one module of :data:`rule_catalog.MODULES` -- its
docstring (through ``automodule``), then each rule as a ``py:data`` entry: its ABNF, its RFC
section linked to rfc-editor.org, its value type, and whether it lacks a compiled pattern.
``grammar-fields`` tabulates ``grammar.rfc9110.FIELDS``. Both write reST text
(:func:`rules_rst`, :func:`fields_rst`, testable without Sphinx) that Sphinx then parses, so
the reference says what the code says on the day it is built.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from rule_catalog import MODULES, Entry, catalog
from rule_types import ELLIPSIS, UNION, Type
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes
from sphinx.util.typing import ExtensionMetadata


def type_rst(value_type: Type) -> str:
    """``value_type`` as reST, each grammar value class linked to its reference."""
    if value_type.name == UNION:
        return " | ".join(type_rst(member) for member in value_type.args)
    if value_type.name == ELLIPSIS:
        return ELLIPSIS
    if value_type.name == "tuple" and not value_type.args:
        return "tuple[()]"
    name = value_type.name.rpartition(".")[2]
    if value_type.name.startswith("grammar."):
        name = f":py:class:`~{value_type.name}`"
    if not value_type.args:
        return name
    return f"{name}\\[{', '.join(type_rst(arg) for arg in value_type.args)}]"


def entry_rst(entry: Entry) -> list[str]:
    """One rule as a ``py:data`` entry: its ABNF, then section, value type and pattern."""
    rule = entry.rule
    facts = [f"`{rule.section} <{rule.url}>`__", f"value: {type_rst(entry.value_type)}"]
    if entry.narrowed:
        facts[-1] += " (:ref:`observed <observed-types>`)"
    if not rule.regular:
        facts.append("no pattern (recursive)")
    return [
        f".. py:data:: {entry.attribute}",
        f"   :type: grammar.abnf.Rule[{entry.static.render(qualified=True)}]",
        "",
        "   .. code-block:: abnf",
        "",
        f"      {rule.abnf}",
        "",
        "   " + " · ".join(facts),
        "",
    ]


def rules_rst(module: str, entries: list[Entry]) -> str:
    """The reference of ``module``: its docstring, then every rule it defines."""
    lines = [
        f".. automodule:: {module}",
        "   :no-members:",
        "",
        f".. py:currentmodule:: {module}",
        "",
    ]
    for entry in entries:
        lines += entry_rst(entry)
    return "\n".join(lines)


def fields_rst(fields: dict[bytes, Any], module: str) -> str:
    """A table of header field names and the rule of each."""
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "",
        "   * - field",
        "     - rule",
        "     - section",
    ]
    for name, rule in sorted(fields.items()):
        lines += [
            f"   * - ``{name.decode()}``",
            f"     - :py:data:`~{module}.{rule.pyname}`",
            f"     - `{rule.section} <{rule.url}>`__",
        ]
    return "\n".join(lines)


class GrammarRules(SphinxDirective):
    """``.. grammar-rules:: grammar.rfc9110``: every rule of that module."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        module = self.arguments[0]
        if module not in MODULES:
            raise self.error(f"{module} is not one of the grammar modules {MODULES}")
        text = rules_rst(module, catalog()[module])
        return list(nested_parse_to_nodes(self.state, text, source=f"<rules of {module}>"))


class GrammarFields(SphinxDirective):
    """``.. grammar-fields::``: the header fields of ``grammar.rfc9110.FIELDS``."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from grammar import rfc9110

        text = fields_rst(rfc9110.FIELDS, "grammar.rfc9110")
        return list(nested_parse_to_nodes(self.state, text, source="<grammar.rfc9110.FIELDS>"))


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives."""
    app.add_directive("grammar-rules", GrammarRules)
    app.add_directive("grammar-fields", GrammarFields)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
