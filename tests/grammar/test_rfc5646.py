"""grammar.rfc5646: examples, parser against pattern, and the ``abnf`` package as oracle."""

from __future__ import annotations

from typing import Any

import parsy
import pytest
from abnf.grammars import rfc5646 as oracle_grammar
from abnf.parser import ParseError as OracleParseError
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from grammar import rfc5646
from grammar.abnf import Rule
from tests.linear_time import assert_linear_match

RULES: list[Rule[Any]] = [getattr(rfc5646, name) for name in rfc5646.__all__]
# Octets that break HTTP values (whitespace, controls, delimiters), and the characters subtags
# are made of: a mutation that turns a subtag into one of another kind (longer, shorter, a
# digit for a letter) is what tests the rewrites.
MUTATION_BYTES = b' \t\r\n\x00"\\()<>@.,;:-[]x0aZ9X'


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

# RFC 5646 Appendix A, "Examples of Language Tags" (well-formed ones: "ar-a-aaa-b-bbb-a-ccc"
# is listed as invalid for repeating a singleton, which the ABNF does not forbid).
APPENDIX_A = [
    b"de",
    b"fr",
    b"ja",
    b"i-enochian",
    b"zh-Hant",
    b"zh-Hans",
    b"sr-Cyrl",
    b"sr-Latn",
    b"zh-cmn-Hans-CN",
    b"cmn-Hans-CN",
    b"zh-yue-HK",
    b"yue-HK",
    b"zh-Hans-CN",
    b"sr-Latn-RS",
    b"sl-rozaj",
    b"sl-rozaj-biske",
    b"sl-nedis",
    b"de-CH-1901",
    b"sl-IT-nedis",
    b"hy-Latn-IT-arevela",
    b"de-DE",
    b"en-US",
    b"es-419",
    b"de-CH-x-phonebk",
    b"az-Arab-x-AZE-derbend",
    b"x-whatever",
    b"qaa-Qaaa-QM-x-southern",
    b"de-Qaaa",
    b"sr-Latn-QM",
    b"sr-Qaaa-RS",
    b"en-US-u-islamcal",
    b"zh-CN-a-myext-x-private",
    b"en-a-myext-b-another",
    b"ar-a-aaa-b-bbb-a-ccc",
]
IRREGULAR = [
    b"en-GB-oed",
    b"i-ami",
    b"i-bnn",
    b"i-default",
    b"i-enochian",
    b"i-hak",
    b"i-klingon",
    b"i-lux",
    b"i-mingo",
    b"i-navajo",
    b"i-pwn",
    b"i-tao",
    b"i-tay",
    b"i-tsu",
    b"sgn-BE-FR",
    b"sgn-BE-NL",
    b"sgn-CH-DE",
]
REGULAR = [
    b"art-lojban",
    b"cel-gaulish",
    b"no-bok",
    b"no-nyn",
    b"zh-guoyu",
    b"zh-hakka",
    b"zh-min",
    b"zh-min-nan",
    b"zh-xiang",
]
# Tags a literal PEG transcription rejects: each subtag is the start of a longer kind that an
# earlier optional part would take a piece of, or a grandfathered tag overlaps a langtag.
PEG_TRAPS = [
    b"abcd",  # 4ALPHA language, not 2*3ALPHA + "d"
    b"abcde-CH",
    b"zh-abcd",  # script, not extlang "abc" + "d"
    b"zh-abc-defg",  # extlang then script
    b"zh-abc-def-ghi-Latn-CH",  # three extlangs, script, region
    b"en-abcde",  # variant, not script "abcd" + "e"
    b"de-CH-abcde",  # variant, not region... after region
    b"en-Latn-abcde",  # variant after script, not region "ab"
    b"en-1234",  # variant DIGIT 3alphanum, not region "123"
    b"en-12345",
    b"en-Latn-123",  # region 3DIGIT
    b"en-GB-oedxx",  # langtag: region GB, variant oedxx
    b"EN-gb-OEDXXYZA",
    b"sgn-BE-FRabc",
    b"sgn-CH-DE123-x-a",
    b"zh-min-nan-CN",  # a regular tag, then a region: a langtag
    b"art-lojban-x-a",
]
LANGTAG_INVALID = [
    b"",
    b"a",
    b"a-DE",  # Appendix A: single-character primary subtag
    b"de-419-DE",  # Appendix A: two region subtags
    b"abcdefghi",
    b"de-",
    b"-de",
    b"de--CH",
    b"de_CH",
    b"de-CH-",
    b"zh-abc-def-ghi-jkl",  # four extlangs
    b"abcd-efg",  # extlang after a 4-letter language
    b"en-Latn-efg",  # extlang after a script
    b"en-CH-efg",
    b"en-abc1",
    b"en-a",
    b"en-a-b",
    b"en-a-bcdefghij",
    b"en-x",
    b"en-x-",
    b"en-x-123456789",
    b"en-GB-oedx",
    b"en-GB-oed-x",
    b"sgn-BE-FRabcdefg",
    b"de1",
    b"x",
    b"x-",
    b"i-foo",
    b"zh-min-",
    b"en US",
]

VALID: dict[Rule[Any], list[bytes]] = {
    rfc5646.alphanum: [b"a", b"Z", b"0"],
    rfc5646.extlang: [b"cmn", b"yue", b"abc-def", b"abc-def-ghi"],
    rfc5646.language: [b"de", b"yue", b"zh-cmn", b"zh-abc-def-ghi", b"abcd", b"abcde", b"abcdefgh"],
    rfc5646.script: [b"Hant", b"Latn", b"QAAA"],
    rfc5646.region: [b"CH", b"419", b"qm"],
    rfc5646.variant: [b"1901", b"rozaj", b"arevela", b"abcdefgh", b"1ab2", b"12345678"],
    rfc5646.singleton: [b"a", b"u", b"W", b"y", b"Z", b"0", b"9"],
    rfc5646.extension: [b"u-islamcal", b"a-myext", b"a-bb-cc", b"0-12345678"],
    rfc5646.privateuse: [b"x-whatever", b"X-a-b", b"x-12345678", b"x-AZE-derbend"],
    rfc5646.irregular: IRREGULAR,
    rfc5646.regular: REGULAR,
    rfc5646.grandfathered: IRREGULAR + REGULAR,
    rfc5646.langtag: [tag for tag in APPENDIX_A if tag[:2] not in (b"i-", b"x-")]
    + REGULAR
    + PEG_TRAPS,
    rfc5646.language_tag: APPENDIX_A + IRREGULAR + REGULAR + PEG_TRAPS,
}
INVALID: dict[Rule[Any], list[bytes]] = {
    rfc5646.alphanum: [b"", b"-", b"ab", b"\xe9"],
    rfc5646.extlang: [b"", b"cm", b"cmnd", b"abc-def-ghi-jkl", b"abc-", b"ab1"],
    rfc5646.language: [b"a", b"abcdefghi", b"zh-cmn-abc-def-ghi", b"abcd-efg", b"d1", b"zh-"],
    rfc5646.script: [b"Han", b"Hant1", b"1234", b""],
    rfc5646.region: [b"C", b"41", b"4190", b"C1", b"CHE"],
    rfc5646.variant: [b"abcd", b"abc", b"abcdefghi", b"a901", b"1ab"],
    rfc5646.singleton: [b"x", b"X", b"-", b"", b"ab"],
    rfc5646.extension: [b"x-abc", b"a", b"a-", b"a-b", b"a-abcdefghi", b"ab-cd", b"a-bb-"],
    rfc5646.privateuse: [b"x", b"x-", b"x-123456789", b"a-bc", b"x-a-"],
    rfc5646.irregular: [b"i-foo", b"zh-min", b"en-GB", b"i-klingonx", b""],
    rfc5646.regular: [b"zh-min-na", b"zh-min-nanx", b"i-ami", b"zh"],
    rfc5646.grandfathered: [b"zh-min-na", b"i-kling", b"en-GB-oedxx", b"de"],
    rfc5646.langtag: [*LANGTAG_INVALID, *IRREGULAR[1:14], b"x-whatever"],
    rfc5646.language_tag: LANGTAG_INVALID,
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


def test_value_is_the_tag_as_sent() -> None:
    assert rfc5646.language_tag.parse(b"zh-cmn-Hans-CN") == b"zh-cmn-Hans-CN"
    assert rfc5646.language_tag.parse_partial(b"en-US, fr") == (b"en-US", b", fr")
    assert rfc5646.language_tag.parse_partial(b"en-GB-oed;q=1") == (b"en-GB-oed", b";q=1")


# --- the rules are the RFC's ----------------------------------------------------------------


def _oracle_texts() -> dict[str, str]:
    """The ``abnf`` package's transcription of RFC 5646, by rule name."""
    texts = {}
    for line in oracle_grammar.Rule.grammar:
        name, _, _ = line.partition("=")
        texts[name.strip().casefold()] = " ".join(line.split())
    return texts


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_abnf_text_is_the_rfcs(rule: Rule[Any]) -> None:
    assert rule.abnf == _oracle_texts()[rule.name.casefold()]
    assert rule.section == "RFC 5646 §2.1"


# --- properties -----------------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
@settings(deadline=None, max_examples=60)
@given(data=st.data())
def test_strategy_is_accepted(rule: Rule[Any], data: st.DataObject) -> None:
    text = data.draw(rule.strategy())
    assert rule.parse(text) == text


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
@settings(deadline=None, max_examples=100)
@given(data=st.data())
def test_parser_agrees_with_pattern(rule: Rule[Any], data: st.DataObject) -> None:
    text = data.draw(st.one_of(rule.strategy(), mutated(rule.strategy())))
    assert rule.compiled is not None
    assert accepts(rule.syntax, text) == (rule.compiled.fullmatch(text) is not None)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
# The oracle is slow on long inputs, and langtag's strategy often draws long ones: the
# filtering is deliberate.
@settings(deadline=None, max_examples=50, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_parser_agrees_with_oracle(rule: Rule[Any], data: st.DataObject) -> None:
    text = data.draw(st.one_of(rule.strategy(), mutated(rule.strategy())))
    assume(len(text) < 40)  # the oracle is slow on long inputs
    assert accepts(rule, text) == oracle_accepts(rule, text)


_SUBTAG = st.sampled_from([b"a", b"x", b"1", b"ab", b"12", b"abc", b"123", b"abcd", b"1abc"])
_SUBTAGS = st.one_of(
    _SUBTAG, st.binary(min_size=5, max_size=9).map(lambda b: bytes(97 + x % 26 for x in b))
)


@settings(deadline=None, max_examples=300)
@given(st.lists(_SUBTAGS, min_size=1, max_size=7).map(b"-".join))
def test_tags_of_random_subtags_agree_with_oracle(text: bytes) -> None:
    # Random sequences of subtags of every length and kind: what the rewritten langtag
    # automaton must sort into extlang, script, region, variant, extension or privateuse.
    assert accepts(rfc5646.language_tag, text) == oracle_accepts(rfc5646.language_tag, text)
    assert accepts(rfc5646.langtag, text) == oracle_accepts(rfc5646.langtag, text)
    assert rfc5646.language_tag.compiled is not None
    assert accepts(rfc5646.language_tag, text) == bool(
        rfc5646.language_tag.compiled.fullmatch(text)
    )


# --- linear time ----------------------------------------------------------------------------

# A prefix, a piece repeated, and an end that may fail the match (tests.linear_time).
ADVERSARIAL = [
    (b"", b"a", b"\x00"),
    (b"", b"a-", b""),
    (b"", b"1-", b""),
    (b"", b"a1", b"-"),
    (b"en", b"-abcde", b"!"),
    (b"en", b"-1234", b"-a"),
    (b"en-US", b"-12345678", b"9"),
    (b"zh-abc-abc-abc", b"-abcde", b"-"),
    (b"en-a", b"-bb", b"!"),
    (b"en", b"-a-bbbbbbbb", b"-"),
    (b"x", b"-abcdefgh", b"-"),
    (b"en-GB-oed", b"-abcde", b"!"),
]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_pattern_runs_in_linear_time(rule: Rule[Any]) -> None:
    assert rule.compiled is not None
    for prefix, piece, end in ADVERSARIAL:
        assert_linear_match(rule.compiled, prefix, piece, end, name=rule.name)


def test_long_tags_parse() -> None:
    # Unbounded `*("-" variant)`: the parser and pattern agree on a long tag.
    tag = b"en-Latn-US" + b"-abcde" * 2_000 + b"-u-islamcal-x-private"
    assert rfc5646.language_tag.parse(tag) == tag
    assert rfc5646.language_tag.compiled is not None
    assert rfc5646.language_tag.compiled.fullmatch(tag)
