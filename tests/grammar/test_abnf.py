"""grammar/abnf: values by name, and ABNF's operators between expressions, which keep what an
expression has (its pattern and its strategy) where a plain parsy parser would drop them."""

from __future__ import annotations

from typing import Any

import parsy
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grammar import rfc9110, rfc9112
from grammar.abnf import Alt, Node, Rep, Seq, compile_pattern, lit, opt, rep, rule, seq
from grammar.rfc5234 import digit
from grammar.rfc9110 import connection_option, ows, quoted_string, token

PAIR = seq(name=token, _equals=ows + lit("=") + ows, value=token | quoted_string)


def test_named_parts_give_their_values_by_name_without_the_dropped_ones() -> None:
    assert PAIR.parse(b'q = "a b"') == {"name": b"q", "value": b"a b"}
    # One part kept: its value, as parsy's `a >> b << c` gives it.
    assert seq(_open=lit("("), inner=token, _close=lit(")")).parse(b"(x)") == b"x"
    # Unnamed parts: the list of every item's value.
    assert seq(token, lit("="), token).parse(b"a=b") == [b"a", b"=", b"b"]


def test_a_rule_gets_named_parts_as_keyword_arguments() -> None:
    setting = rule('setting = token "=" value', "RFC 0 §1", PAIR, lambda name, value: (name, value))
    assert setting.parse(b"mode=fast") == (b"mode", b"fast")
    with pytest.raises(parsy.ParseError) as refused:
        setting.parse(b"mode=")
    assert refused.value.index == len(b"mode=")


def test_a_concatenation_names_every_item_or_none() -> None:
    with pytest.raises(ValueError, match="name every item"):
        seq(token, value=token)


def test_alternation_and_concatenation_of_nodes_are_nodes() -> None:
    either = token | quoted_string
    assert isinstance(either, Alt)
    assert either.items == (token, quoted_string)
    assert compile_pattern(either).fullmatch(b'"a, b"')
    assert either.parse(b'"a, b"') == b"a, b"
    # n-ary, as ABNF's operators are: one alternation of three, one concatenation of three.
    assert len((token | quoted_string | digit).items) == 3
    three = lit("a") + lit("b") + lit("c")
    assert isinstance(three, Seq)
    assert three.describe() == '"a" "b" "c"'
    assert three.parse(b"ABC") == [b"A", b"B", b"C"]


@given(data=st.data())
def test_an_alternation_of_nodes_keeps_its_strategy(data: st.DataObject) -> None:
    either = token | quoted_string
    sample = data.draw(either.strategy())
    assert compile_pattern(either).fullmatch(sample)
    either.parse(sample)


def test_with_a_plain_parsy_parser_the_operators_are_parsys() -> None:
    plain = parsy.string(b"@")
    either = token | plain
    assert not isinstance(either, Node)
    assert either.parse(b"@") == b"@"
    assert (token + plain).parse(b"a@") == b"a@"  # parsy's `+` adds the values


def test_a_node_parses_as_its_parser_does() -> None:
    weighted = seq(value=token, q=opt(seq(_q=lit(";q="), q=rep(digit, 1))))
    assert weighted.parse(b"gzip;q=1") == {"value": b"gzip", "q": b"1"}
    assert weighted.parse(b"gzip") == {"value": b"gzip", "q": None}


@pytest.mark.parametrize(
    ("node", "octets", "value"),
    [
        (token, b"Gzip", b"Gzip"),
        (connection_option, b"Keep-Alive", b"keep-alive"),
        (rep(digit, 1), b"42", b"42"),
        (digit | lit("a"), b"A", b"A"),
    ],
)
def test_a_value_made_of_the_octets_alone_is_had_without_a_parse(
    node: Node[Any], octets: bytes, value: bytes
) -> None:
    from_octets = node.text_value()
    assert from_octets is not None
    assert from_octets(octets) == value == node.parse(octets)
    assert PAIR.text_value() is None


def test_an_alias_of_a_one_octet_rule_is_one_octet() -> None:
    # RFC 9112 imports obs-text from RFC 9110 under its own name: a run of reason-phrase
    # octets must stay one step of the parser, which explains a refused status-line (a
    # reason phrase of thousands of words took a parsy step per word before).
    assert rfc9112.obs_text.octets() == rfc9110.obs_text.octets() == frozenset(range(0x80, 256))
    run = rfc9112.reason_phrase.node
    assert isinstance(run, Rep)
    assert run.item.octets() is not None
    assert rfc9112.reason_phrase.parse(b"Not \x80 Found") == b"Not \x80 Found"
