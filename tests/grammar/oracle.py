"""The ``abnf`` package as an independent oracle, and short inputs for it to judge.

The package is an ABNF engine that searches every choice -- it reads ABNF as ABNF, where
our parsers read a deterministic rewrite as PEG -- and ships its own transcriptions of
RFC 5234, RFC 3986, RFC 5322 and RFC 9110. It does not ship RFC 9112: :func:`rfc9112_grammar`
loads into the engine the ABNF text each rule of :mod:`grammar.rfc9112` carries
(``rule.abnf``, written apart from the combinators it checks, and the RFC's Appendix A
word for word: ``test_appendix`` holds it to the RFC's collected ABNF where ``../shared``
is at hand), with the rules it imports taken from the package's RFC 9110 and RFC 3986.
The engine is slow and can be exponential, so it judges short inputs only:
:func:`short_inputs` makes them from a rule's own tree with few repetitions, valid and
mutated, rather than filtering long ones away.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import parsy
from abnf.grammars import rfc3986 as oracle_rfc3986
from abnf.grammars import rfc9110 as oracle_rfc9110
from abnf.parser import ParseError as OracleParseError
from abnf.parser import Rule as OracleRule
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from grammar import rfc9112
from grammar.abnf import Alt, Chars, ListOf, Literal, Node, Opt, Rep, Rule, Seq
from tests.grammar.support import mutated, rules_of

SHARED_RFC = Path(__file__).resolve().parents[2].parent / "shared" / "rfc"

# What the oracle can judge in reasonable time (it backtracks through every choice).
SHORT = 40


def accepts(parser: parsy.Parser[Any], data: bytes) -> bool:
    """Whether ``parser`` parses all of ``data`` (its value function included)."""
    try:
        parser.parse(data)
    except parsy.ParseError:
        return False
    return True


def engine_accepts(grammar: type[OracleRule], name: str, data: bytes) -> bool:
    """Whether rule ``name`` of the oracle's ``grammar`` matches all of ``data``.

    The engine reads text; latin-1 maps each octet to the code point of the same value, so
    ``%x80-FF`` and ``OCTET`` mean what they mean on the wire."""
    try:
        grammar(name).parse_all(data.decode("latin-1"))
    except OracleParseError:
        return False
    return True


def _without_comment(line: str) -> str:
    """``line`` without its ABNF comment (``;`` outside a quoted string, RFC 5234 §3.9)."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            return line[:index]
    return line


def rule_texts(grammar: str) -> dict[str, str]:
    """The rules of an ABNF rule list by name, each on one whitespace-normalised line."""
    texts: dict[str, str] = {}
    name = ""
    for line in grammar.splitlines():
        text = _without_comment(line)
        started = re.match(r"([A-Za-z][A-Za-z0-9-]*) =", text)
        if started:
            name = started.group(1)
            texts[name] = text
        elif text.strip():
            texts[name] += " " + text
    return {key: " ".join(value.split()) for key, value in texts.items()}


def transcription(grammar: type[OracleRule]) -> dict[str, str]:
    """The text of each rule of one of the package's grammars (a list of rule texts), by
    case-folded rule name, white space normalised as :attr:`grammar.abnf.Rule.abnf` is."""
    texts = {}
    for line in grammar.grammar:
        name, _, _ = line.partition("=")
        texts[name.strip().casefold()] = " ".join(line.split())
    return texts


# -- short inputs ---------------------------------------------------------------------------


@functools.cache
def short(node: Node) -> SearchStrategy[bytes]:
    """Inputs ``node`` accepts, with at most two repetitions beyond a repetition's minimum.

    Built from the node's tree as :meth:`grammar.abnf.Node.strategy` is, with tighter
    bounds; a list (``#element``) is built from the form a recipient accepts, so empty
    elements occur. Rules with a strategy of their own (values no tree states, as the
    exact size of a chunk), and nodes of other kinds, keep their own strategy. Cached per
    node, so that a recursive rule (``comment``) meets the same deferred strategy again."""
    if isinstance(node, Rule):
        if node._custom_strategy is not None:
            return node.strategy()
        return st.deferred(lambda: short(node.node))
    if isinstance(node, (Chars, Literal)):
        return node.strategy()
    if isinstance(node, Seq):
        return st.tuples(*map(short, node.items)).map(b"".join)
    if isinstance(node, Alt):
        return st.one_of(*map(short, node.items))
    if isinstance(node, Rep):
        most = node.least + 2 if node.most is None else min(node.most, node.least + 2)
        return st.lists(short(node.item), min_size=node.least, max_size=most).map(b"".join)
    if isinstance(node, Opt):
        return st.one_of(st.just(b""), short(node.item))
    if isinstance(node, ListOf):
        return short(node.children()[0])
    return node.strategy()


def short_inputs(node: Node) -> SearchStrategy[bytes]:
    """Short valid inputs of ``node`` and mutations of them, cut at :data:`SHORT` octets
    (a cut input is one more mutation)."""
    valid = short(node)
    return st.one_of(valid, mutated(valid)).map(lambda data: data[:SHORT])


# -- RFC 9112 ----------------------------------------------------------------------------------


class RFC9112(OracleRule):
    """RFC 9112's ABNF in the ``abnf`` engine (see :func:`rfc9112_grammar`)."""


# `BWS = <BWS, see HTTP Section 5.6.3>`: a rule RFC 9112 imports from RFC 9110 or RFC 3986.
_IMPORT = re.compile(r"^([\w-]+) = <([\w-]+), see (HTTP|URI) Section", re.MULTILINE)


@functools.cache
def rfc9112_grammar() -> type[OracleRule]:
    """The oracle's RFC 9112, loaded from the texts of grammar.rfc9112's rules."""
    text = "\n".join(rule.abnf for rule in rules_of(rfc9112))
    RFC9112.load_grammar(text)
    for name, source, rfc in _IMPORT.findall(text):
        imported = (oracle_rfc9110 if rfc == "HTTP" else oracle_rfc3986).Rule(source)
        RFC9112(name, imported.definition)
    return RFC9112
