"""The ABNF layer: RFC 5234 expressions as Python objects, with three projections each.

Every rule of the grammar is a tree of a few ABNF operators -- literals (case-insensitive
``"..."`` and exact ``%x..``), character classes, concatenation, alternation, repetition
``n*m`` and optional ``[ ]`` -- wrapped in a named :class:`Rule`. From that one tree come:

* **the parser** -- the rule itself is a :class:`parsy.Parser` (so is every expression). It
  has PEG semantics (ordered choice, greedy repetition that never backtracks) and builds the
  rule's *value*;
* **the pattern** -- :attr:`Rule.pattern`, the regular expression of the same tree, for hot
  paths. It has the parser's PEG semantics too -- alternations are atomic groups, repetitions
  and options possessive (Python 3.11's ``(?>...)`` and ``*+``) -- so it accepts exactly what
  the parser accepts and, having no choice to revisit, runs in linear time. Recursive rules
  (``comment``) have no pattern. :attr:`Rule.abnf_compiled` is the same tree as a plain
  backtracking regex, which searches every choice: the ABNF's own semantics, for tests on
  short inputs (it may backtrack exponentially on long ones);
* **the strategy** -- :meth:`Rule.strategy`, a hypothesis strategy of inputs the rule accepts.

PEG and ABNF agree on a tree whose choices are deterministic. Where the RFC's ABNF is not
(``field-content``, ``IPv6address``, ``credentials``, ...), a rule is written in an
equivalent deterministic form with the RFC's text kept as its :attr:`Rule.abnf`; the test
suite proves each parser accepts exactly what its pattern and its ABNF pattern accept, and
all three exactly what an independent ABNF engine accepts for the RFC's text.

Expressions are written with the constructors (``seq``, ``alt``, ``rep``, ``opt``, ``lit``
...) or ABNF's two operators between expressions: ``a | b`` is ``alt(a, b)`` and ``a + b``
is ``seq(a, b)`` (with a plain parsy parser on either side, they are parsy's operators).

Values the parser produces before a rule maps them (documented once, relied on everywhere):

=====================================  ==========================================
literal, character class               the matched ``bytes``
repetition of a character class        the matched ``bytes``
other repetition                       ``list`` of the items' values
concatenation                          ``list`` of the items' values
concatenation of named parts           the values of the parts whose name does not
(``seq(type=..., _slash=..., ...)``)   start with ``_``: a ``dict`` by name, or the
                                       value of the one part kept
alternation                            the value of the alternative that matched
optional                               the item's value, or ``None``
list (``#element``)                    ``list`` of the elements' values
rule                                   its value: the matched ``bytes`` unless the
                                       rule was given a ``value`` function
=====================================  ==========================================

A rule's ``value`` function gets its expression's value; a ``dict`` of named parts comes
as keyword arguments, as parsy's ``combine_dict`` passes them, so a value class can be the
function itself: ``rule(..., seq(type=type_, _slash=lit("/"), subtype=subtype,
parameters=parameters), MediaType)``. It may raise :class:`ValueError` to reject
syntactically valid input on semantic grounds (31 February); the parse then fails with the
expectation ``"valid <rule> (<reason>)"`` at the end of the matched text.

The layer's modules, each owning one thing: :mod:`~grammar.abnf.nodes` (the operators and
their constructors), :mod:`~grammar.abnf.rules` (named rules), :mod:`~grammar.abnf.lists`
(RFC 9110's ``#rule`` lists and their reader), :mod:`~grammar.abnf.regex` (the pattern
projection's vocabulary) and :mod:`~grammar.abnf.strategies` (the hypothesis projection).
Everything is importable from here.
"""

from grammar.abnf.lists import ListOf, ListRule
from grammar.abnf.nodes import (
    Alt,
    Chars,
    Literal,
    Node,
    Opt,
    Rep,
    Seq,
    alt,
    empty,
    exact,
    lit,
    octet_range,
    octets,
    opt,
    rep,
    seq,
    times,
    walk,
)
from grammar.abnf.regex import ABNF, PEG, Emit, Source, compile_pattern
from grammar.abnf.rules import SEMANTIC, Rule, alias, identity, python_name, rule

__all__ = [
    "ABNF",
    "PEG",
    "SEMANTIC",
    "Alt",
    "Chars",
    "Emit",
    "ListOf",
    "ListRule",
    "Literal",
    "Node",
    "Opt",
    "Rep",
    "Rule",
    "Seq",
    "Source",
    "alias",
    "alt",
    "compile_pattern",
    "empty",
    "exact",
    "identity",
    "lit",
    "octet_range",
    "octets",
    "opt",
    "python_name",
    "rep",
    "rule",
    "seq",
    "times",
    "walk",
]
