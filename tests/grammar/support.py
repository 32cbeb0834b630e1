"""Helpers the grammar tests share: finding rules, mutating inputs, judging a parse."""

from __future__ import annotations

import enum
import importlib
from types import ModuleType
from typing import Any

import parsy
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from grammar.abnf import SEMANTIC, Node, Rule, identity, walk

MODULES = ("rfc5234", "rfc3986", "rfc4647", "rfc5646", "rfc5322", "rfc9110", "rfc9112")


def grammar_module(name: str) -> ModuleType:
    return importlib.import_module(f"grammar.{name}")


def rules_of(module: ModuleType) -> list[Rule[Any]]:
    """The rules a module defines (its section names its RFC), in definition order."""
    number = module.__name__.rsplit("rfc", 1)[1]
    return [
        value
        for value in vars(module).values()
        if isinstance(value, Rule) and value.section.startswith(f"RFC {number} ")
    ]


def is_alias(rule: Rule[Any]) -> bool:
    """A rule that only names another (``Content-Type = media-type``, prose imports)."""
    return isinstance(rule.node, Rule) and rule._value is identity


def all_rules() -> list[Rule[Any]]:
    return [r for name in MODULES for r in rules_of(grammar_module(name))]


def rule_id(rule: Rule[Any]) -> str:
    return f"{rule.section.split(' §')[0].replace(' ', '')}:{rule.name}"


class Verdict(enum.Enum):
    ACCEPT = "accept"
    REJECT = "reject"
    MEANINGLESS = "syntax matched, value rejected"


def verdict(rule: Rule[Any], data: bytes) -> Verdict:
    """How the parsy form of ``rule``'s syntax judges all of ``data``.

    "Value rejected" only when the syntax matched all of ``data``: a value rejected in a
    prefix (the 31 February of ``Sun, 31 Feb 1994 08:49:37 GMTx``) is a rejected input."""
    try:
        rule.syntax.parse(data)
    except parsy.ParseError as error:
        semantic = any(expected.startswith(SEMANTIC) for expected in error.expected)
        if semantic and error.index == len(data):
            return Verdict.MEANINGLESS
        return Verdict.REJECT
    return Verdict.ACCEPT


# Octets that break or bend HTTP syntax: separators, whitespace, controls, obs-text.
NOISE = b' \t\r\n\x00\x7f\x80\xff",;=/\\:()<>@[]?{}.-*%#0aZ'


@st.composite
def mutated(draw: st.DrawFn, valid: SearchStrategy[bytes]) -> bytes:
    """A valid input with one to three random edits: insert, delete, replace, duplicate."""
    data = bytearray(draw(valid))
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, len(data)))
        octet = draw(st.sampled_from(NOISE) | st.integers(0, 255))
        action = draw(st.sampled_from(("insert", "delete", "replace", "duplicate")))
        if action == "insert" or not data:
            data.insert(position, octet)
        elif action == "delete":
            del data[min(position, len(data) - 1)]
        elif action == "replace":
            data[min(position, len(data) - 1)] = octet
        else:
            data[position:position] = data[position : position + draw(st.integers(1, 4))]
    return bytes(data)


def shortest(node: Node) -> bytes:
    """A short input ``node`` accepts (its first alternatives, fewest repetitions)."""
    from grammar.abnf import Alt, Chars, ListOf, Literal, Opt, Rep, Seq

    if isinstance(node, Chars):
        return bytes((min(node.octets()),))
    if isinstance(node, Literal):
        return node.text
    if isinstance(node, Seq):
        return b"".join(shortest(item) for item in node.items)
    if isinstance(node, Alt):
        return min((shortest(item) for item in node.items), key=len)
    if isinstance(node, Rep):
        return shortest(node.item) * node.least
    if isinstance(node, Opt):
        return b""
    if isinstance(node, (Rule, ListOf)):
        return shortest(node.children()[0])
    raise TypeError(f"no shortest input for {node!r}")


def alphabet(rule: Rule[Any]) -> bytes:
    """Every octet some literal or class inside ``rule`` mentions."""
    from grammar.abnf import Chars, Literal

    found: set[int] = set()
    for node in walk(rule):
        if isinstance(node, Chars):
            found |= node.octets()
        elif isinstance(node, Literal):
            found |= set(node.text)
    return bytes(sorted(found))
