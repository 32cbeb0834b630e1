"""grammar/abnf/lists.py: a ``#element`` list's reader answers as RFC 9110 §5.6.1.2's
recipient form, parsed by parsy, does -- the same elements, the same refusals -- in linear
time, with quoted commas and empty elements where the RFC puts them."""

from __future__ import annotations

import contextlib
from functools import partial
from typing import Any

import parsy
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from grammar import rfc9110, rfc9112
from grammar.abnf import ListOf, ListRule, compile_pattern, walk
from grammar.values import Expectation, Protocol, TransferCoding, Weighted
from tests.grammar.support import all_rules, mutated, shortest
from tests.linear_time import GROWTH, SMALL, assert_linear


def _lists() -> list[ListOf[Any]]:
    """Every list of the grammar, and the reader of Content-Length lists."""
    found = {id(node): node for rule in all_rules() for node in walk(rule)}
    found[id(rfc9110.content_length_list)] = rfc9110.content_length_list
    return [node for node in found.values() if isinstance(node, ListOf)]


def _regular(node: ListOf[Any]) -> bool:
    try:
        compile_pattern(node)
    except ValueError:
        return False
    return True


LISTS = _lists()
# Via's element reaches `comment`, which recurses: no pattern, so no reader but parsy's.
SPLIT = [node for node in LISTS if _regular(node)]
FIELD_LISTS = [r for r in all_rules() if isinstance(r, ListRule)]


def list_id(node: ListOf[Any]) -> str:
    return node.describe()


def _present(first: Any, rest: list[Any]) -> list[Any]:
    return [item for item in (first, *rest) if item is not None]


def expansion(node: ListOf[Any]) -> parsy.Parser[list[Any]]:
    """§5.6.1.2's recipient form of ``node``, in parsy's own combinators::

    #element  => [ element ] *( OWS "," OWS [ element ] )
    1#element => *( "," OWS ) element *( OWS "," [ OWS element ] )
    """
    element, comma, ows = node.element, parsy.string(b","), rfc9110.ows
    if node.least == 0:
        rest = (ows >> comma >> ows >> element.optional()).many()
        return parsy.seq(element.optional(), rest).combine(_present)
    rest = (ows >> comma >> (ows >> element).optional()).many()
    return parsy.seq((comma >> ows).many() >> element, rest).combine(_present)


def read(parse: Any, value: bytes) -> tuple[Any, ...] | None:
    """What ``parse`` gives for ``value``, as a tuple; None for a refusal."""
    try:
        return tuple(parse(value))
    except parsy.ParseError:
        return None


SEPARATORS = [b",", b", ", b" ,", b" , ", b",,", b", ,", b"\t,\t", b" ,, ", b" ", b""]


def recipient_inputs(node: ListOf[Any]) -> SearchStrategy[bytes]:
    """Elements, some empty, joined by commas and whitespace (and some not), as a recipient
    meets them; and mutations of those."""

    @st.composite
    def joined(draw: st.DrawFn) -> bytes:
        items = draw(st.lists(st.one_of(st.just(b""), node.element.strategy()), max_size=4))
        separators = st.sampled_from(SEPARATORS)
        return draw(separators) + b"".join(item + draw(separators) for item in items)

    valid = st.one_of(node.strategy(), joined())
    return st.one_of(valid, mutated(valid))


@pytest.mark.parametrize("node", LISTS, ids=list_id)
@given(data=st.data())
def test_the_reader_reads_what_the_recipient_form_reads(
    node: ListOf[Any], data: st.DataObject
) -> None:
    value = data.draw(recipient_inputs(node), label="value")
    assert read(node.elements, value) == read(expansion(node).parse, value)


@pytest.mark.parametrize("node", SPLIT, ids=list_id)
@given(data=st.data())
def test_split_gives_each_elements_octets(node: ListOf[Any], data: st.DataObject) -> None:
    value = data.draw(recipient_inputs(node), label="value")
    is_list = node.parser().parse  # the list's syntax, and its elements' values
    try:
        texts = node.split(value)
    except parsy.ParseError:
        with pytest.raises(parsy.ParseError):
            is_list(value)
        return
    values = read(node.elements, value)
    if values is not None:  # (a value function may refuse what the syntax allows)
        assert tuple(node.element.parse(text) for text in texts) == values


@pytest.mark.parametrize("rule", FIELD_LISTS, ids=lambda rule: rule.name)
@given(data=st.data())
def test_a_list_rule_reads_and_refuses_as_its_parser_does(
    rule: ListRule[Any], data: st.DataObject
) -> None:
    value = data.draw(mutated(rule.strategy()), label="value")
    try:
        expected = rule.parse(value)
    except parsy.ParseError:
        with pytest.raises(parsy.ParseError) as refused:
            rule.elements(value)
        stop = refused.value.index
        if refused.value.expected == {rule.list_node.describe()}:
            # Refused where it stops being a list: what comes before is one.
            assert stop < len(value) or not value
            assert stop == 0 or compile_pattern(rule.list_node).fullmatch(value[:stop])
            with pytest.raises(parsy.ParseError) as split_refused:
                rule.split(value)
            assert split_refused.value.index == stop
    else:
        assert rule.elements(value) == expected


def test_a_comma_in_a_quoted_string_is_no_separator() -> None:
    value = b'foo="x,100-continue,y"'
    assert rfc9110.expect.elements(value) == (Expectation(b"foo", b"x,100-continue,y"),)
    assert rfc9110.expect.split(value) == (value,)
    two = b'foo="x,100-continue,y" , 100-Continue'
    assert rfc9110.expect.split(two) == (value, b"100-Continue")
    assert rfc9110.expect.elements(two)[1] == Expectation(b"100-continue")


def test_empty_elements_are_skipped_and_a_one_list_needs_one() -> None:
    assert rfc9110.connection.elements(b", close ,, Keep-Alive ,") == (b"close", b"keep-alive")
    assert rfc9110.connection.elements(b"") == ()
    assert rfc9110.connection.split(b" , ,") == ()
    assert rfc9110.range_set.split(b",, 1-2") == (b"1-2",)
    for empty in (b"", b",", b" , ,"):
        with pytest.raises(parsy.ParseError):
            rfc9110.range_set.elements(empty)


def test_elements_are_the_values_of_the_field_rules() -> None:
    assert rfc9110.upgrade.elements(b"HTTP/2.0, websocket") == (
        Protocol(b"HTTP", b"2.0"),
        Protocol(b"websocket"),
    )
    chunked = TransferCoding(b"chunked")
    assert rfc9112.transfer_encoding.elements(b"GZip;level=9, Chunked") == (
        TransferCoding(b"gzip", ((b"level", b"9"),)),
        chunked,
    )
    assert rfc9110.te.elements(b"trailers, chunked;q=0.5") == (
        Weighted(TransferCoding(b"trailers")),
        Weighted(chunked, 0.5),
    )


def test_a_refused_list_names_where_it_stops() -> None:
    with pytest.raises(parsy.ParseError) as refused:
        rfc9110.connection.elements(b"close, @")
    assert refused.value.index == len(b"close, ")


def test_content_length_lists_as_sent_and_as_numbers() -> None:
    lengths = rfc9110.content_length_list
    assert lengths.split(b"42, 42") == (b"42", b"42")
    assert lengths.split(b"042,42") == (b"042", b"42")  # the same number, not the same value
    assert lengths.elements(b"42, 42") == (42, 42)
    huge = b"9" * 5000  # syntax, but no number Python converts (see rfc5234.decimal)
    assert lengths.split(huge) == (huge,)
    with pytest.raises(parsy.ParseError):
        lengths.elements(huge)
    for invalid in (b"", b"42, -1", b"42 42", b"0x2A"):
        with pytest.raises(parsy.ParseError):
            lengths.split(invalid)


def test_a_list_without_a_pattern_is_read_but_not_split() -> None:
    via = rfc9110.via.node
    assert isinstance(via, ListOf)
    assert len(via.elements(b"1.1 a (x, y), HTTP/1.0 b")) == 2
    with pytest.raises(ValueError, match="not regular"):
        via.split(b"1.1 a")


def test_lists_in_rules_read_by_the_reader_keep_their_values() -> None:
    # A list after other parts (range-set) and a list as an alternative (If-Match).
    spec = rfc9110.ranges_specifier.parse(b"bytes=0-1, -5 ,")
    assert [type(s).__name__ for s in spec.specs] == ["IntRange", "SuffixRange"]
    assert rfc9110.if_match.parse(b"*") == b"*"
    assert len(rfc9110.if_match.parse(b'"a", W/"b"')) == 2


# -- linear time ---------------------------------------------------------------------------

PIECES = [b",", b" ", b", ", b"a,", b"a ", b'"', b'a="', b"a=b;", b"a;q=", b"\\", b"a=\\"]


def _reads(node: ListOf[Any], value: bytes) -> None:
    # A refused value through both readers; a list (a piece of separators or elements
    # repeated) through split, whose search it is, without building 50,000 values.
    readers = (node.elements, node.split) if value.endswith(b"\x00") else (node.split,)
    for reader in readers:
        with contextlib.suppress(parsy.ParseError):
            reader(value)


@pytest.mark.parametrize("node", SPLIT, ids=list_id)
@pytest.mark.parametrize("end", [b"\x00", b""], ids=["refused", "as-is"])
def test_the_reader_runs_in_linear_time(node: ListOf[Any], end: bytes) -> None:
    # A valid element, then each piece repeated, then (or not) an octet no list holds: the
    # reads of GROWTH times the input cost at most LIMIT times the CPU time.
    start = shortest(node.element)
    for piece in PIECES:
        small_input, large_input = (
            start + piece * (size // len(piece)) + end for size in (SMALL, GROWTH * SMALL)
        )
        assert_linear(
            partial(_reads, node, small_input),
            partial(_reads, node, large_input),
            f"{node.describe()} + {piece!r}",
        )
