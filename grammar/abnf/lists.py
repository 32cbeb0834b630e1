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

A list-valued field's rule is a :class:`ListRule` and asks it of a field value:
``connection.elements(value)`` gives the elements' values, ``connection.split(value)``
their octets (the question for a hot path: no value is built).

A value that is one element (``close``, ``chunked``) is proven by the element's pattern
alone. A value that is no list is refused at the end of its longest prefix that is one
(the list's pattern, matched rather than fullmatched, finds it), an invalid element value
where the element's parser says so: refusals take linear time too. The list as a parser
(inside a rule) reads with the reader what it can, and leaves the rest, and every refusal,
to parsy, so that a rule's errors are the parser's. Lists whose element has no pattern (it
reaches a recursive rule) are read by parsy.
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
        Raises :class:`parsy.ParseError` when ``value`` is no such list (at the offset where
        it stops being one: the octets before it are a list) or an element's value is
        invalid (where the element's parser says so)."""
        if self._reader is None:
            return tuple(self._explained.parse(value))
        found = self._read(self._reader, value, 0)
        if isinstance(found, parsy.ParseError):
            raise found
        return tuple(found)

    def split(self, value: bytes) -> tuple[bytes, ...]:
        """The octets of each element of the list ``value`` (all of it), empty elements
        skipped, as they stand: ``expect.split(b'foo="x,100-continue,y"')`` is one element.
        Only the syntax is checked (no value is built). Raises :class:`parsy.ParseError`
        when ``value`` is no such list, as :meth:`elements` does; ValueError for a list
        whose element has no pattern."""
        reader = self._reader
        if reader is None:
            raise ValueError(f"{self.describe()} is not regular: it cannot be split")
        found = _texts(reader, value, 0)
        if found is None:
            raise self._not_a_list(reader, value, 0)
        return tuple(found)

    @cached_property
    def _reader(self) -> _Reader[E] | None:
        """The compiled reader; None where the element has no pattern or could begin with
        a separator (the search would not find the elements the list is made of)."""
        whole, one = self._recipient.source(Emit()), self.element.source(Emit())
        first = self.element.leading()
        if whole is None or one is None or first is None or first & self._separators:
            return None
        return _Reader(_compile(whole), _compile(one), _value_of(self.element))

    def _read(self, reader: _Reader[E], stream: bytes, index: int) -> list[E] | parsy.ParseError:
        """The values of the elements of the list that is all of ``stream[index:]``, or
        why it is not one."""
        texts = _texts(reader, stream, index)
        if texts is None:
            return self._not_a_list(reader, stream, index)
        try:
            return [reader.value(octets) for octets in texts]
        except ValueError:
            return self._invalid_element(reader, stream, index)

    def _not_a_list(self, reader: _Reader[E], stream: bytes, index: int) -> parsy.ParseError:
        """A refusal at the end of the longest prefix of ``stream[index:]`` that is a list."""
        found = reader.whole.match(stream, index)
        stop = index if found is None else found.end()
        return parsy.ParseError(frozenset({self.describe()}), stream, stop)

    def _invalid_element(self, reader: _Reader[E], stream: bytes, index: int) -> parsy.ParseError:
        """The refusal of the first element whose value is invalid, by its parser."""
        invalid = next(
            found
            for found in reader.one.finditer(stream, index)
            if not _has_value(reader.value, found.group())
        )
        result = self.element(invalid.group(), 0)
        return parsy.ParseError(result.expected, stream, invalid.start() + result.furthest)

    @cached_property
    def _explained(self) -> parsy.Parser[list[E]]:
        """The list parsed by parsy: the values, or where and why it is no list."""
        return self._recipient.parser().combine_dict(_present)

    # -- the projections ------------------------------------------------------------------

    def source(self, emit: Emit) -> Source | None:
        return self._recipient.source(emit)

    def parser(self) -> parsy.Parser[list[E]]:
        explained = self._explained

        reader = self._reader

        def parse(stream: bytes, index: int) -> parsy.Result:
            # The reader when the list is all that is left; otherwise (a list followed by
            # more, or no list) parsy's reading: a rule's errors stay the parser's.
            found = None if reader is None else self._read(reader, stream, index)
            if found is None or isinstance(found, parsy.ParseError):
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

    def __init__(self, abnf: str, section: str, list_node: ListOf[E]) -> None:
        super().__init__(abnf, section, list_node, tuple)
        self.list_node = list_node

    def elements(self, value: bytes) -> tuple[E, ...]:
        """See :meth:`ListOf.elements`."""
        return self.list_node.elements(value)

    def split(self, value: bytes) -> tuple[bytes, ...]:
        """See :meth:`ListOf.split`."""
        return self.list_node.split(value)


def _value_of(element: Node[E]) -> Callable[[bytes], E]:
    """How an element's value is had from its octets: from the octets alone where they
    decide it, else by the element's parser, run on them (the pattern proved them its
    syntax, so only a value function can refuse them: ValueError)."""
    from_octets = element.text_value()
    if from_octets is not None:
        return from_octets

    def parsed(octets: bytes) -> E:
        result = element(octets, 0)
        if not result.status:
            raise ValueError(f"invalid {element.describe()}")
        value: E = result.value
        return value

    return parsed


def _texts(reader: _Reader[Any], stream: bytes, index: int) -> list[bytes] | None:
    """The octets of the elements of the list that is all of ``stream[index:]``; None when
    it is not one. A value of one element is one match of the element's pattern."""
    if reader.one.fullmatch(stream, index) is not None:
        return [stream[index:]]
    if reader.whole.fullmatch(stream, index) is not None:
        return reader.one.findall(stream, index)
    return None


def _has_value(value: Callable[[bytes], Any], octets: bytes) -> bool:
    try:
        value(octets)
    except ValueError:
        return False
    return True


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
