"""docs/_ext/rule_catalog.py: the grammar reference lists every rule once, with types that
hold for the values the rules give."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from rule_catalog import MODULES, catalog, examples, own_rules, static_types, values
from rule_types import conforms, narrow

import grammar
from grammar.abnf import Rule

# Fewer examples than the docs build draws: enough to hold every rule's types to its values.
CHECKED_EXAMPLES = 6


def _module_level_rules() -> list[tuple[str, str, Rule[Any]]]:
    found = []
    for info in pkgutil.iter_modules(grammar.__path__):
        module = importlib.import_module(f"grammar.{info.name}")
        found += [
            (module.__name__, name, value)
            for name, value in vars(module).items()
            if isinstance(value, Rule)
        ]
    return found


def test_every_rule_of_the_grammar_is_listed_exactly_once() -> None:
    listed = [id(rule) for module in MODULES for _, rule in own_rules(module)]
    assert len(listed) == len(set(listed))
    missing = [
        f"{module}.{name}"
        for module, name, rule in _module_level_rules()
        if id(rule) not in set(listed)
    ]
    assert not missing


def test_a_rule_is_listed_under_its_own_name_in_the_module_of_its_rfc() -> None:
    for module in MODULES:
        rfc = "RFC " + module.removeprefix("grammar.rfc")
        for attribute, rule in own_rules(module):
            assert rule.section.startswith(rfc + " "), (module, attribute)
            assert attribute == rule.pyname


def test_examples_are_the_same_on_every_run() -> None:
    from grammar.rfc9110 import accept

    first = examples(accept, 5)
    assert first == examples(accept, 5)
    assert len(first) == 5


def test_static_and_value_types_hold_for_every_rules_values() -> None:
    # One mypy run for the whole grammar; its types must hold for what the rules return.
    static = static_types(MODULES)
    wrong = []
    for module in MODULES:
        for attribute, rule in own_rules(module):
            declared = static[module, attribute]
            given = values(rule, CHECKED_EXAMPLES)
            narrowed = narrow(declared, given)
            for value in given:
                if not (conforms(declared, value) and conforms(narrowed, value)):
                    wrong.append(f"{module}.{attribute}: {value!r} is not {declared}")
    assert not wrong


def test_mypy_sees_a_precise_value_type_for_every_rule() -> None:
    # A user's type checker gives them what a rule returns; the catalog's narrowing by
    # examples is only the reference's fallback, and no rule of the grammar needs it.
    for module, entries in catalog().items():
        assert [entry.attribute for entry in entries] == [a for a, _ in own_rules(module)]
        for entry in entries:
            assert not entry.narrowed, f"{module}.{entry.attribute}: {entry.static}"
            assert not entry.value_type.has_any(), entry.attribute
