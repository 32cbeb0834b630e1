"""grammar.rfc4647: examples, parser against pattern, and the ``abnf`` package as oracle."""

from __future__ import annotations

from typing import Any

import parsy
import pytest
from abnf.grammars import rfc4647 as oracle_grammar
from abnf.parser import ParseError as OracleParseError
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from grammar import rfc4647
from grammar.abnf import Rule
from tests.linear_time import assert_linear_match

RULES: list[Rule[Any]] = [getattr(rfc4647, name) for name in rfc4647.__all__]
MUTATION_BYTES = b' \t\r\n\x00"\\()<>@.,;:-[]x0*aZ9'


def accepts(parser: parsy.Parser[Any], text: bytes) -> bool:
    try:
        parser.parse(text)
    except parsy.ParseError:
        return False
    return True


def oracle_accepts(rule: Rule[Any], text: bytes) -> bool:
    try:
        oracle_grammar.Rule(rule.name).parse_all(text.decode("latin-1"))
    except OracleParseError:
        return False
    return True


@st.composite
def mutated(draw: st.DrawFn, strategy: st.SearchStrategy[bytes]) -> bytes:
    """A sample of ``strategy`` with one to three bytes inserted, deleted or replaced."""
    data = bytearray(draw(strategy))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(("insert", "delete", "replace")))
        byte = draw(st.sampled_from(MUTATION_BYTES))
        if kind == "insert" or not data:
            data.insert(draw(st.integers(0, len(data))), byte)
        elif kind == "delete":
            del data[draw(st.integers(0, len(data) - 1))]
        else:
            data[draw(st.integers(0, len(data) - 1))] = byte
    return bytes(data)


# --- examples -------------------------------------------------------------------------------

VALID = {
    rfc4647.alphanum: [b"a", b"Z", b"0", b"9"],
    rfc4647.language_range: [
        b"*",
        b"en",
        b"de-CH",
        b"zh-Hant-CN",
        b"en-US-x-twain",
        b"de-1996",
        b"abcdefgh-12345678",
        b"a-1-b",
        b"EN-us",
    ],
}
INVALID = {
    rfc4647.alphanum: [b"", b"-", b"ab", b"\x00", b"*"],
    rfc4647.language_range: [
        b"",
        b"-",
        b"en-",
        b"-en",
        b"*-en",
        b"en-*",
        b"**",
        b"1en",
        b"e1",
        b"abcdefghi",
        b"en-123456789",
        b"en_US",
        b"en--US",
        b"en US",
        b"en-US ",
    ],
}


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        pytest.param(rule, text, id=f"{rule.name}:{text!r}")
        for rule, texts in VALID.items()
        for text in texts
    ],
)
def test_valid_examples(rule: Rule[Any], text: bytes) -> None:
    assert rule.parse(text) == text
    assert rule.compiled is not None
    assert rule.compiled.fullmatch(text)
    assert oracle_accepts(rule, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        pytest.param(rule, text, id=f"{rule.name}:{text!r}")
        for rule, texts in INVALID.items()
        for text in texts
    ],
)
def test_invalid_examples(rule: Rule[Any], text: bytes) -> None:
    assert not accepts(rule, text)
    assert rule.compiled is not None
    assert not rule.compiled.fullmatch(text)
    assert not oracle_accepts(rule, text)


def test_every_rule_has_examples() -> None:
    assert set(VALID) == set(INVALID) == set(RULES)


# --- the rules are the RFC's ----------------------------------------------------------------


def _oracle_texts() -> dict[str, str]:
    """The ``abnf`` package's transcription of RFC 4647, by rule name."""
    texts = {}
    for line in oracle_grammar.Rule.grammar:
        name, _, _ = line.partition("=")
        texts[name.strip().casefold()] = " ".join(line.split())
    return texts


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_abnf_text_is_the_rfcs(rule: Rule[Any]) -> None:
    assert rule.abnf == _oracle_texts()[rule.name.casefold()]
    assert rule.section == "RFC 4647 §2.1"


# --- properties -----------------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
@settings(deadline=None, max_examples=100)
@given(data=st.data())
def test_strategy_is_accepted(rule: Rule[Any], data: st.DataObject) -> None:
    text = data.draw(rule.strategy())
    assert rule.parse(text) == text


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
@settings(deadline=None, max_examples=150)
@given(data=st.data())
def test_parser_agrees_with_pattern(rule: Rule[Any], data: st.DataObject) -> None:
    text = data.draw(st.one_of(rule.strategy(), mutated(rule.strategy())))
    assert rule.compiled is not None
    assert accepts(rule.syntax, text) == (rule.compiled.fullmatch(text) is not None)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
@settings(deadline=None, max_examples=80)
@given(data=st.data())
def test_parser_agrees_with_oracle(rule: Rule[Any], data: st.DataObject) -> None:
    text = data.draw(st.one_of(rule.strategy(), mutated(rule.strategy())))
    assume(len(text) < 40)  # the oracle is slow on long inputs
    assert accepts(rule, text) == oracle_accepts(rule, text)


# --- linear time ----------------------------------------------------------------------------

# A prefix, a piece repeated, and an end that may fail the match (tests.linear_time).
ADVERSARIAL = [
    (b"", b"a", b"\x00"),
    (b"", b"a-", b""),
    (b"", b"a-", b"\x00"),
    (b"", b"ab-", b"abcdefghi"),
    (b"en", b"-12345678", b"9"),
    (b"x", b"-a", b"-"),
    (b"", b"*", b""),
]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_pattern_runs_in_linear_time(rule: Rule[Any]) -> None:
    assert rule.compiled is not None
    for prefix, piece, end in ADVERSARIAL:
        assert_linear_match(rule.compiled, prefix, piece, end, name=rule.name)


def test_partial_parse_stops_where_the_range_ends() -> None:
    # In a list ("en-US,fr") the parser and the pattern both stop before the comma.
    pattern = rfc4647.language_range.compiled
    assert pattern is not None
    found = pattern.match(b"en-US,fr")
    assert found is not None
    assert found.group() == b"en-US"
    assert rfc4647.language_range.parse_partial(b"en-US,fr") == (b"en-US", b",fr")
