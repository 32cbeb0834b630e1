"""RFC 9110 §5.6.1's list extension to ABNF (``#element``, ``1#element``), and its reader.

Strategy: a list is an expression like any other -- its pattern and parser take the form a
recipient MUST accept (§5.6.1.2), its strategy the form a sender generates (§5.6.1.1) -- and
it also answers the question a recipient asks of a list-valued field, "what are its
elements?", in linear time and without parsy on the way when the list is valid:

1. the list's compiled pattern (the PEG form: linear time) proves the whole value a list;
2. the element's compiled pattern, searched through the value (``findall``), yields the
   elements' octets. In a proven list, between two elements there are only the separators
   (OWS and commas), none of which can begin an element -- the reader is only built for an
   element whose first octets say so -- and the element's PEG match at a position is the one
   the list's pattern made there: so the search meets exactly the list's elements, commas
   inside a quoted-string included, each position tried once;
3. each element's value comes from its octets, without a parse where they alone decide it
   (a token lower-cased), else from the element's parser.

A value that is one element (``close``, ``chunked``) is proven by the element's pattern
alone. When the value is not a list, or an element's value is invalid, the parsy form of
the list says why, with the offset it failed at: the error is the one the rule's parser
gives. Lists whose element has no pattern (it reaches a recursive rule) are read by parsy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import parsy

from grammar.abnf.nodes import Node, Rep, lit, opt, rep, seq
from grammar.abnf.regex import Emit, Source
from grammar.abnf.rules import Rule

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class _Reader(Generic[E]):
    """The compiled parts of a list reader."""

    whole: re.Pattern[bytes]
    """The list, for ``fullmatch``."""
    one: re.Pattern[bytes]
    """One element: ``fullmatch`` for a value of one element, ``findall`` for the others."""
    value: Callable[[bytes], E]
    """An element's value from its octets."""


class ListOf(Node[list[E]]):
    """``#element`` (``least=0``) or ``1#element`` (``least=1``) of RFC 9110 §5.6.1.

    The parser and pattern take the form a recipient MUST accept (RFC 9110 §5.6.1.2)::

        #element  => [ element ] *( OWS "," OWS [ element ] )
        1#element => *( "," OWS ) element *( OWS "," [ OWS element ] )

    so empty elements (``a, , b``) are parsed and dropped; the value is the list of the
    elements' values. The strategy produces what a sender may generate (§5.6.1.1: no empty
    elements), which the recipient form accepts too. :meth:`elements` and :meth:`split`
    read a whole field value (see the module's docstring).
    """

    def __init__(self, element: Node[E], least: int, ows: Node[Any]) -> None:
        super().__init__()
        if least not in (0, 1):
            raise ValueError("only #element and 1#element are used by HTTP")
        self.element, self.least = element, least
        self._separators = frozenset(b",") | _run_octets(ows)
        comma = lit(",")
        if least == 0:
            self._recipient = seq(
                first=opt(element), rest=rep(seq(_comma=ows + comma + ows, element=opt(element)))
            )
        else:
            self._recipient = seq(
                _empty=rep(comma + ows),
                first=element,
                rest=rep(seq(_comma=ows + comma, element=opt(seq(_ows=ows, element=element)))),
            )
        sender = seq(element, rep(seq(ows, comma, ows, element)))
        self._sender = opt(sender) if least == 0 else sender

    # -- the reader -----------------------------------------------------------------------

    def elements(self, value: bytes) -> tuple[E, ...]:
        """The values of the elements of the list ``value`` (all of it), empty elements
        skipped: ``connection.elements(b"close, , Upgrade")`` is ``(b"close", b"upgrade")``.
        Raises :class:`parsy.ParseError` when ``value`` is no such list or an element's
        value is invalid, as the rule's parser does."""
        found = self._read(value, 0)
        return tuple(self._explained.parse(value) if found is None else found)

    def split(self, value: bytes) -> tuple[bytes, ...]:
        """The octets of each element of the list ``value`` (all of it), empty elements
        skipped, as they stand: ``expect.split(b'foo="x,100-continue,y"')`` is one element.
        Only the syntax is checked (no value is built). Raises :class:`parsy.ParseError`
        when ``value`` is no such list; ValueError for a list whose element has no pattern.
        """
        reader = self._reader
        if reader is None:
            raise ValueError(f"{self.describe()} is not regular: it cannot be split")
        if reader.one.fullmatch(value) is not None:
            return (value,)
        if reader.whole.fullmatch(value) is not None:
            return tuple(reader.one.findall(value))
        raise self._refusal(value)

    @cached_property
    def _reader(self) -> _Reader[E] | None:
        """The compiled reader; None where the element has no pattern or could begin with
        a separator (the search would not find the elements the list is made of)."""
        whole, one = self._recipient.source(Emit()), self.element.source(Emit())
        first = self.element.leading()
        if whole is None or one is None or first is None or first & self._separators:
            return None
        value = self.element.text_value() or self.element.parse
        return _Reader(_compile(whole), _compile(one), value)

    def _read(self, stream: bytes, index: int) -> list[E] | None:
        """The values of the elements of ``stream[index:]``, if it is all a list whose
        elements' values are valid; else None (the parsy form then says why)."""
        reader = self._reader
        if reader is None:
            return None
        if reader.one.fullmatch(stream, index) is not None:
            found = [stream[index:]]
        elif reader.whole.fullmatch(stream, index) is not None:
            found = reader.one.findall(stream, index)
        else:
            return None
        try:
            return [reader.value(octets) for octets in found]
        except (ValueError, parsy.ParseError):
            return None

    @cached_property
    def _explained(self) -> parsy.Parser[list[E]]:
        """The list parsed by parsy: the values, or where and why it is no list."""
        return self._recipient.parser().combine_dict(_present)

    def _refusal(self, value: bytes) -> parsy.ParseError:
        """Why ``value`` is no such list, as the parsy form says it."""
        result = (self._explained << parsy.eof)(value, 0)
        return parsy.ParseError(result.expected, value, result.furthest)

    # -- the projections ------------------------------------------------------------------

    def source(self, emit: Emit) -> Source | None:
        return self._recipient.source(emit)

    def parser(self) -> parsy.Parser[list[E]]:
        explained = self._explained

        def parse(stream: bytes, index: int) -> parsy.Result:
            # The reader when the list is all that is left; otherwise (a list followed by
            # more, or no list) parsy's reading, which knows where it stops and why.
            found = self._read(stream, index)
            if found is None:
                return explained(stream, index)
            return parsy.Result.success(len(stream), found)

        return parsy.Parser(parse)

    def strategy(self) -> SearchStrategy[bytes]:
        return self._sender.strategy()

    def describe(self) -> str:
        return f"{'1' if self.least else ''}#{self.element.describe()}"

    def children(self) -> tuple[Node[Any], ...]:
        return (self._recipient,)


class ListRule(Rule[tuple[E, ...]]):
    """A rule that is a list: ``Connection = #connection-option``. Its value is the tuple of
    its elements' values, and it reads field values as its list does
    (:meth:`ListOf.elements`, :meth:`ListOf.split`)."""

    def __init__(self, abnf: str, section: str, items: ListOf[E]) -> None:
        super().__init__(abnf, section, items, tuple)
        self.items = items

    def elements(self, value: bytes) -> tuple[E, ...]:
        """See :meth:`ListOf.elements`."""
        return self.items.elements(value)

    def split(self, value: bytes) -> tuple[bytes, ...]:
        """See :meth:`ListOf.split`."""
        return self.items.split(value)


def _compile(source: Source) -> re.Pattern[bytes]:
    return re.compile(source[0].encode("latin-1"))


def _run_octets(ows: Node[Any]) -> frozenset[int]:
    """The octets optional whitespace is made of: ``OWS = *( SP / HTAB )``."""
    inner = ows
    while isinstance(inner, Rule):
        inner = inner.node
    octets = inner.item.octets() if isinstance(inner, Rep) else None
    if octets is None:
        raise ValueError(f"{ows.describe()} is not a repetition of single octets")
    return octets


def _present(first: E | None, rest: list[E | None]) -> list[E]:
    """The elements of a list, without the empty ones."""
    return [element for element in (first, *rest) if element is not None]
