"""Named rules: an ABNF expression with the RFC's name, text and section, and its value.

Strategy: a :class:`Rule` wraps the tree of :mod:`grammar.abnf.nodes` an RFC rule is built
from and adds what a rule has beyond its expression -- its name (the unit errors speak of and
patterns capture), its place in the RFC, its value function -- and caches the projections:
the parser is built when first used, the pattern and the strategy when first asked for.
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

import parsy

from grammar.abnf import strategies
from grammar.abnf.nodes import Node, Seq, matched
from grammar.abnf.regex import ABNF, PEG, Emit, Source, leaf

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

T = TypeVar("T")

SEMANTIC = "valid "
"""Prefix of the expectation a rule reports when its value function rejects the input."""


def python_name(abnf_name: str) -> str:
    """The module-level name of an ABNF rule: lower case, ``-`` as ``_``; keywords get ``_``."""
    name = abnf_name.lower().replace("-", "_")
    return name + "_" if keyword.iskeyword(name) or hasattr(builtins, name) else name


class Rule(Node[T]):
    """A named ABNF rule: a :class:`parsy.Parser` that also knows its pattern and strategy.

    ``abnf`` is the RFC's definition (``name = elements``) and ``section`` where it stands
    (``RFC 9110 §5.6.2``). ``node`` is the expression the rule is built from -- the RFC's own
    or an equivalent deterministic form -- or a function returning it, for rules that refer
    to themselves. ``value`` maps the node's value to the rule's (default: the matched bytes);
    a node of named parts (:class:`~grammar.abnf.nodes.Seq`) gives them to it by name.
    """

    pyname: str
    """The rule's name in Python (:func:`python_name`): its module-level name, and the name
    of its group in a pattern that captures it (:func:`~grammar.abnf.regex.compile_pattern`)."""

    def __init__(
        self,
        abnf: str,
        section: str,
        node: Node[Any] | Callable[[], Node[Any]],
        value: Callable[..., T] | None = None,
        *,
        strategy: Callable[[], SearchStrategy[bytes]] | None = None,
        by_pattern: bool = False,
    ) -> None:
        super().__init__()
        self.abnf = " ".join(abnf.split())
        self.name = self.abnf.split("=", 1)[0].strip()
        self.pyname = python_name(self.name)
        self.section = section
        self.__doc__ = f"{section}: ``{self.abnf}``"
        self._node_or_thunk = node
        self._value = value
        self._custom_strategy = strategy
        self._by_pattern = by_pattern
        self._source_cache: dict[bool, Source | None] = {}
        self._strategy_cache: SearchStrategy[bytes] | None = None
        self._syntax: parsy.Parser[Any] | None = None

    # -- the tree -------------------------------------------------------------------------

    @property
    def node(self) -> Node[Any]:
        """The expression this rule is built from."""
        if not isinstance(self._node_or_thunk, Node):
            self._node_or_thunk = self._node_or_thunk()
        return self._node_or_thunk

    @property
    def url(self) -> str:
        """The rule's section on rfc-editor.org (``RFC 9110 §5.6.2`` -> its URL)."""
        rfc, _, number = self.section.removeprefix("RFC ").partition(" §")
        kind = "appendix" if number[:1].isalpha() else "section"
        return f"https://www.rfc-editor.org/rfc/rfc{rfc}#{kind}-{number}"

    def describe(self) -> str:
        return self.name

    def children(self) -> tuple[Node[Any], ...]:
        return (self.node,)

    def choices(self) -> tuple[Node[Any], ...]:
        # A rule naming an alternation chooses as the alternation does; a by_pattern rule's
        # choices are its pattern's, made as one.
        inner = (self,) if self._by_pattern else self.node.choices()
        return (self,) if inner == (self.node,) else inner

    def __repr__(self) -> str:
        return f"<Rule {self.abnf}  ({self.section})>"

    # -- parser ---------------------------------------------------------------------------

    @property
    def syntax(self) -> parsy.Parser[Any]:
        """The parser of the rule's expression alone: its syntax, before its value is built."""
        if self._syntax is None:
            if self._by_pattern:
                self._syntax = leaf(self._pattern_source(), self.name)
            else:
                self._syntax = self.node.parser()
        return self._syntax

    def parser(self) -> Rule[T]:
        return self

    def octets(self) -> frozenset[int] | None:
        # An alias keeps its target's value: a one-octet rule stays one octet under another
        # name (``obs-text`` as RFC 9112 imports it), so a run of them is still one step.
        return self.node.octets() if self._value is None or self._value is identity else None

    def leading(self) -> frozenset[int] | None:
        return self.node.leading()

    def leading_if_any(self) -> frozenset[int] | None:
        return self.node.leading_if_any()

    def text_value(self) -> Callable[[bytes], T] | None:
        value = self._value
        if value is None:
            return cast("Callable[[bytes], T]", matched)  # a rule without one is Rule[bytes]
        inner = self.node.text_value()
        if inner is None or inner is matched:
            return None if inner is None else value
        return lambda octets: value(inner(octets))

    def _parse_first(self, stream: bytes, index: int) -> parsy.Result:
        self.wrapped_fn = self._build()
        return self.wrapped_fn(stream, index)

    def leaf_source(self) -> str | None:
        if self._value is not None and self._value is not identity:
            return None
        if self._by_pattern:
            return self._pattern_source()
        return self.node.leaf_source()

    def _pattern_source(self) -> str:
        """The regex a by_pattern rule's syntax is: its ABNF form, whose first match it takes."""
        source = self.source(ABNF)
        if source is None:
            raise ValueError(f"{self.name}: by_pattern needs a regular rule")
        return source[0]

    def _build(self) -> Callable[[bytes, int], parsy.Result]:
        source = self.leaf_source()
        if source is not None:
            # One regex step whose value is what it matched, failing in the rule's name:
            # what :meth:`_wrapped` makes of it, without a parsy step per named layer (BWS
            # is RFC 9112's name for RFC 9110's, which is OWS, a run of SP / HTAB).
            return leaf(source, self.name).wrapped_fn
        return self._wrapped()

    def _wrapped(self) -> Callable[[bytes, int], parsy.Result]:
        """The rule's parse: its syntax, its value, its failures in its own name."""
        syntax, value, name = self.syntax, self._value, self.name
        spread = isinstance(self.node, Seq) and self.node.spreads

        def parse(stream: bytes, index: int) -> parsy.Result:
            try:
                result = syntax(stream, index)
            except RecursionError:
                # A recursive rule (comment) nested deeper than Python's stack: a failure
                # to parse, not a crash.
                return parsy.Result.failure(index, f"{name} nested less deeply")
            if not result.status:
                # Nothing of this rule matched: say so by its name rather than by a leaf's.
                return parsy.Result.failure(index, name) if result.furthest <= index else result
            if value is None:
                produced: Any = stream[index : result.index]
            else:
                try:
                    produced = value(**result.value) if spread else value(result.value)
                except ValueError as exc:
                    # Reported where the syntax ended, so it outranks the failures of other
                    # alternatives that matched less: the input was this rule, but invalid.
                    return parsy.Result.failure(result.index, f"{SEMANTIC}{name} ({exc})")
            return parsy.Result(True, result.index, produced, result.furthest, result.expected)

        return parse

    # -- pattern --------------------------------------------------------------------------

    def source(self, emit: Emit) -> Source | None:
        if self in emit.visiting:
            return None
        if not emit.capture and emit.peg in self._source_cache:
            return self._source_cache[emit.peg]
        # A rule RFC 9112 borrows is an alias named as its target (`token`): capturing the name
        # makes one group, around the outer of the two.
        inner_emit = replace(
            emit, visiting=emit.visiting | {self}, capture=emit.capture - {self.pyname}
        )
        if self._by_pattern:
            # A bounded lexical unit whose ABNF no ordering makes deterministic: its parser
            # takes the first match of the backtracking pattern, and the PEG form commits to
            # that match as the parser does.
            inner = self.node.source(replace(inner_emit, peg=False))
            if inner is not None and emit.peg:
                inner = f"(?>{inner[0]})", True
        else:
            inner = self.node.source(inner_emit)
        if inner is not None and self.pyname in emit.capture:
            inner = f"(?P<{self.pyname}>{inner[0]})", True
        if not emit.capture:
            self._source_cache[emit.peg] = inner
        return inner

    @property
    def pattern(self) -> bytes | None:
        """The regex source of this rule (None for a recursive, non-regular rule)."""
        source = self.source(PEG)
        return None if source is None else source[0].encode("latin-1")

    @cached_property
    def compiled(self) -> re.Pattern[bytes] | None:
        """:attr:`pattern` compiled; use ``.fullmatch`` to test a whole input."""
        pattern = self.pattern
        return None if pattern is None else re.compile(pattern)

    @cached_property
    def abnf_compiled(self) -> re.Pattern[bytes] | None:
        """The rule's tree as a plain backtracking regex: the ABNF's semantics, every choice
        searched. For tests on short inputs; it may take exponential time on long ones."""
        source = self.source(ABNF)
        return None if source is None else re.compile(source[0].encode("latin-1"))

    @property
    def regular(self) -> bool:
        """Whether the rule has a pattern (it does not reach a recursive rule)."""
        return self.pattern is not None

    # -- strategy -------------------------------------------------------------------------

    def strategy(self) -> SearchStrategy[bytes]:
        """A hypothesis strategy of inputs this rule accepts (hypothesis is imported lazily)."""
        if self._strategy_cache is None:
            # st.deferred takes only functions, not bound methods, hence the lambda.
            build = self._custom_strategy or (lambda: self.node.strategy())  # noqa: PLW0108
            self._strategy_cache = strategies.deferred(build)
        return self._strategy_cache


@overload
def rule(
    abnf: str,
    section: str,
    node: Node[Any] | Callable[[], Node[Any]],
    value: None = None,
    *,
    strategy: Callable[[], SearchStrategy[bytes]] | None = None,
    by_pattern: bool = False,
) -> Rule[bytes]: ...
@overload
def rule(
    abnf: str,
    section: str,
    node: Node[Any] | Callable[[], Node[Any]],
    value: Callable[..., T],
    *,
    strategy: Callable[[], SearchStrategy[bytes]] | None = None,
    by_pattern: bool = False,
) -> Rule[T]: ...
def rule(
    abnf: str,
    section: str,
    node: Node[Any] | Callable[[], Node[Any]],
    value: Callable[..., Any] | None = None,
    *,
    strategy: Callable[[], SearchStrategy[bytes]] | None = None,
    by_pattern: bool = False,
) -> Rule[Any]:
    """A named rule; see :class:`Rule`. ``by_pattern`` makes the parser match with the
    rule's pattern -- for bounded lexical units only (``IPv6address``), whose ABNF is
    ambiguous but whose regex cannot backtrack more than a constant."""
    return Rule(abnf, section, node, value, strategy=strategy, by_pattern=by_pattern)


def alias(abnf: str, section: str, target: Rule[T]) -> Rule[T]:
    """A rule defined as another rule, with its value: ``Content-Type = media-type``, or
    one the RFC imports by prose (``uri-host = <host, see URI Section 3.2.2>``)."""
    return Rule(abnf, section, target, identity)


def identity(value: T) -> T:
    """The ``value`` function of a rule whose value is its expression's value."""
    return value
