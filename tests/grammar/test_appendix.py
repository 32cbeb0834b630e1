"""Every rule of RFC 9110 and RFC 9112 Appendix A is in the grammar, named and written as the
RFC writes it (the collected ABNF in ``../shared/rfc``; skipped where that is absent)."""

from __future__ import annotations

import itertools
from types import ModuleType
from typing import Any

import pytest

from grammar import rfc9110, rfc9112
from grammar.abnf import Rule, python_name
from tests.grammar.oracle import SHARED_RFC, rule_texts
from tests.grammar.support import rules_of


def collected(rfc: str) -> dict[str, str]:
    """The rules of an RFC's collected ABNF, by name."""
    path = SHARED_RFC / f"rfc{rfc}-collected.abnf"
    if not path.exists():
        pytest.skip(f"{path} is absent (it lives beside the checkout)")
    return rule_texts(path.read_text())


@pytest.mark.parametrize(("rfc", "module"), [("9110", rfc9110), ("9112", rfc9112)])
def test_every_rule_is_present_with_the_rfcs_text(rfc: str, module: ModuleType) -> None:
    rules = collected(rfc)
    assert len(rules) > (130 if rfc == "9110" else 40)
    for name, text in rules.items():
        rule = getattr(module, python_name(name), None)
        assert isinstance(rule, Rule), f"{name} is not grammar.rfc{rfc}.{python_name(name)}"
        assert rule.name == name
        assert rule.abnf == text, name


def test_rfc9112_rules_cite_rfc9112_and_borrowed_rules_are_the_same_parsers() -> None:
    for name in collected("9112"):
        rule = getattr(rfc9112, python_name(name))
        assert rule.section.startswith("RFC 9112 §"), name
    # A borrowed rule (`token = <token, see HTTP Section 5.6.2>`) parses as the original does.
    assert rfc9112.token.parse(b"gzip") == rfc9110.token.parse(b"gzip")
    assert rfc9112.token.node is rfc9110.token
    assert rfc9112.uri_host.parse(b"[::1]") == b"[::1]"


def _section(rule: Rule[Any]) -> tuple[int, ...]:
    return tuple(int(part) for part in rule.section.partition(" §")[2].split("."))


@pytest.mark.parametrize("module", [rfc9110, rfc9112], ids=lambda module: module.__name__)
def test_rules_follow_the_rfcs_sections(module: ModuleType) -> None:
    # Navigable beside the RFC: each rule after those of earlier sections, except that a
    # subsection's rules may come before the rule of its section built of them (§8.3.1's
    # media-type before §8.3's Content-Type).
    sections = [_section(rule) for rule in rules_of(module)]
    for before, after in itertools.pairwise(sections):
        assert after >= before or before[: len(after)] == after, (before, after)


@pytest.mark.parametrize(
    ("abnf_name", "python"),
    [
        ("field-value", "field_value"),
        ("HTTP-date", "http_date"),
        ("Content-Type", "content_type"),
        ("ALPHA", "alpha"),
        ("From", "from_"),
        ("Range", "range_"),
        ("type", "type_"),
    ],
)
def test_python_names(abnf_name: str, python: str) -> None:
    assert python_name(abnf_name) == python
