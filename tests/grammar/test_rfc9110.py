"""grammar.rfc9110 against the ``abnf`` package, an independent ABNF engine with the RFC's rules.

The oracle ships RFC 9110's collected ABNF (Appendix A), in which every ``#rule`` list is
expanded as a *sender* generates it (§5.6.1.1). Our rules parse lists as a *recipient* must
(§5.6.1.2: empty elements are tolerated), so the comparison is made against two grammars,
both run by the package's engine:

* ``Recipient``: the package's rule texts with every list rewritten into §5.6.1.2's recipient
  form (:func:`recipient_form`, checked to touch exactly the list rules). Our parsers accept
  exactly what it accepts.
* the package's grammar as shipped: whatever it accepts, we accept.

Two differences are not lists, and each is settled explicitly:

* ``field-content``: the RFC's text has no two-octet values ("ab"), an acknowledged error
  (https://github.com/httpwg/http-core/issues/1119: the ``1*`` was meant to be ``*``). Our
  rule takes them; ``Recipient`` holds the corrected text; a test pins the difference.
* dates that do not exist (31 February, 25:00), which the ABNF allows and the RFC's prose
  rules out (§5.6.7: time-of-day is "00:00:00 - 23:59:60"), are rejected by the date rules'
  values: there our parser's verdict is "syntax matched, value rejected", allowed only for
  the rules in ``SEMANTIC_RULES`` and only where the oracle accepts the syntax.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import parsy
import pytest
from abnf.grammars import rfc9110 as shipped
from abnf.parser import Rule as OracleRule
from hypothesis import given
from hypothesis import strategies as st

from grammar import rfc9110
from grammar.abnf import SEMANTIC, Alt, ListOf, Rule, walk
from tests.grammar.oracle import engine_accepts, rule_texts
from tests.grammar.support import Verdict, is_alias, mutated, rules_of

RULES = rules_of(rfc9110)
# The oracle is slow and backtracks: inputs stay below this many octets.
MAX_LEN = 40

# --- the oracle -----------------------------------------------------------------------------


SHIPPED_TEXTS = rule_texts(str(shipped.Rule.grammar))

# The rules with a #rule list, as Appendix A expands them (challenge and credentials hold
# §11.3's `#auth-param`); range-set and acceptable-ranges are `1#` lists.
LIST_RULES = {
    "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Allow",
    "Authentication-Info", "Connection", "Content-Encoding", "Content-Language", "Expect",
    "If-Match", "If-None-Match", "Proxy-Authenticate", "Proxy-Authentication-Info", "TE",
    "Trailer", "Upgrade", "Vary", "Via", "WWW-Authenticate", "challenge", "credentials",
    "acceptable-ranges", "range-set",
}  # fmt: skip
# https://github.com/httpwg/http-core/issues/1119 (see the module docstring).
CORRECTED = {
    "field-content": "field-content = field-vchar [ *( SP / HTAB / field-vchar ) field-vchar ]"
}


def recipient_form(text: str) -> str:
    """``text`` with its lists in the form §5.6.1.2 says a recipient accepts::

    [ element *( OWS "," OWS element ) ]  =>  [ element ] *( OWS "," OWS [ element ] )
    element *( OWS "," OWS element )      =>  *( "," OWS ) element *( OWS "," [ OWS element ] )
    """
    text = re.sub(r'\[ (.+?) \*\( OWS "," OWS \1 \) \]', r'[ \1 ] *( OWS "," OWS [ \1 ] )', text)
    return re.sub(
        r'^(\S+ = )(\S+) \*\( OWS "," OWS \2 \)$',
        r'\1*( "," OWS ) \2 *( OWS "," [ OWS \2 ] )',
        text,
    )


class Recipient(OracleRule):
    """The package's ABNF engine with RFC 9110's rules, lists in their recipient form."""


for _name, _text in SHIPPED_TEXTS.items():
    if "= <" in _text:  # prose: a rule imported from another RFC, as the package imports it
        Recipient(_name, shipped.Rule(_name).definition)
    else:
        Recipient.create(CORRECTED.get(_name, recipient_form(_text)))


def recipient_accepts(rule: Rule[Any], text: bytes) -> bool:
    return engine_accepts(Recipient, rule.name, text)


def shipped_accepts(rule: Rule[Any], text: bytes) -> bool:
    return engine_accepts(shipped.Rule, rule.name, text)


def judge(rule: Rule[Any], text: bytes) -> Verdict:
    """How ``rule`` -- its value included -- judges all of ``text``.

    "Syntax matched, value rejected" needs the whole text to match, which only the pattern
    can tell: a parser that rejects a value in a prefix (``1-0`` of ``1-0-0``) stops there.
    """
    try:
        rule.parse(text)
    except parsy.ParseError as error:
        semantic = any(expected.startswith(SEMANTIC) for expected in error.expected)
        if semantic and rule.compiled is not None and rule.compiled.fullmatch(text):
            return Verdict.MEANINGLESS
        return Verdict.REJECT
    return Verdict.ACCEPT


# The rules whose value rejects syntactically valid input, and those built on them.
CHECKED = {rfc9110.imf_fixdate, rfc9110.rfc850_date, rfc9110.asctime_date}
SEMANTIC_RULES = {rule for rule in RULES if CHECKED & set(walk(rule))}


def test_the_oracles_rules_are_ours() -> None:
    ours = {rule.name: rule.abnf for rule in RULES}
    assert set(SHIPPED_TEXTS) == set(ours)
    for name, text in SHIPPED_TEXTS.items():
        if "= <" in text:
            assert ours[name].startswith(f"{name} = <"), name
        else:
            assert ours[name] == text, name


def test_recipient_form_rewrites_exactly_the_lists() -> None:
    rewritten = {name for name, text in SHIPPED_TEXTS.items() if recipient_form(text) != text}
    assert rewritten == LIST_RULES
    assert recipient_form('Vary = [ a *( OWS "," OWS a ) ]') == (
        'Vary = [ a ] *( OWS "," OWS [ a ] )'
    )
    assert recipient_form('range-set = a *( OWS "," OWS a )') == (
        'range-set = *( "," OWS ) a *( OWS "," [ OWS a ] )'
    )


def test_semantic_rules_are_the_date_rules() -> None:
    assert {rule.name for rule in SEMANTIC_RULES} == {
        "IMF-fixdate", "rfc850-date", "asctime-date", "obs-date", "HTTP-date", "Date",
        "Last-Modified", "If-Modified-Since", "If-Unmodified-Since", "If-Range",
        "Retry-After",
    }  # fmt: skip


def test_field_content_takes_the_two_octet_values_the_rfc_text_leaves_out() -> None:
    # https://github.com/httpwg/http-core/issues/1119: the shipped grammar has the RFC's text.
    for text in (b"ab", b"a\xe9", b"!~"):
        assert rfc9110.field_content.parse(text) == text
        assert not shipped_accepts(rfc9110.field_content, text)
        assert shipped_accepts(rfc9110.field_value, text)  # as two field-contents
    for text in (b"a", b"abc", b"a b"):
        assert shipped_accepts(rfc9110.field_content, text)


# --- properties -----------------------------------------------------------------------------

# An alias that names one rule (`Date = HTTP-date`) or imports one by prose parses with that
# rule's parser, compared where it is defined; `codings` is a rewrite, so it is compared.
COMPARED = [
    rule for rule in RULES if not (is_alias(rule) and re.fullmatch(r"\S+ = (<.*>|\S+)", rule.abnf))
]


@st.composite
def short_inputs(draw: st.DrawFn, rule: Rule[Any]) -> bytes:
    """A valid or mutated input of ``rule``, cut to a prefix of at most ``MAX_LEN`` octets.

    Cut rather than filtered: long samples are common (lists), and a prefix of a valid input
    is as good a question for two parsers as any -- often a valid input itself."""
    text = draw(st.one_of(rule.strategy(), mutated(rule.strategy())), label="input")
    if len(text) > MAX_LEN:
        text = text[: draw(st.integers(0, MAX_LEN), label="cut")]
    return text


def assert_agrees_with_oracle(rule: Rule[Any], text: bytes) -> None:
    ours = judge(rule, text)
    expected = recipient_accepts(rule, text)
    if ours is Verdict.MEANINGLESS:
        assert rule in SEMANTIC_RULES, f"{rule.name} rejected a value of {text!r}"
        assert expected, f"{rule.name}: a value was rejected where the syntax did not match"
    else:
        assert (ours is Verdict.ACCEPT) == expected, f"{rule.name}: {text!r}"
    if shipped_accepts(rule, text):
        assert ours is not Verdict.REJECT, f"{rule.name}: a sender's form {text!r} rejected"


@pytest.mark.parametrize("rule", COMPARED, ids=lambda rule: rule.name)
@given(data=st.data())
def test_parser_accepts_what_the_oracle_accepts(rule: Rule[Any], data: st.DataObject) -> None:
    assert_agrees_with_oracle(rule, data.draw(short_inputs(rule)))


def _list_node(rule: Rule[Any]) -> ListOf[Any]:
    node = rule.node
    if isinstance(node, Alt):  # If-Match, If-None-Match: "*" / #entity-tag
        node = next(item for item in node.items if isinstance(item, ListOf))
    assert isinstance(node, ListOf)
    return node


LISTS = [rule for rule in COMPARED if rule.name in LIST_RULES - {"challenge", "credentials"}]
SEPARATORS = [b",", b", ", b" ,", b" , ", b",,", b", ,", b"\t,\t", b" ,, ", b" ", b""]


@pytest.mark.parametrize("rule", LISTS, ids=lambda rule: rule.name)
@given(data=st.data())
def test_lists_with_empty_elements_agree_with_the_oracle(
    rule: Rule[Any], data: st.DataObject
) -> None:
    # Elements, some empty, joined by separators of commas and whitespace (and some not):
    # the shapes §5.6.1.2 has a recipient accept, and near misses.
    element = _list_node(rule).element.strategy()
    items = data.draw(st.lists(st.one_of(st.just(b""), element), max_size=4), label="items")
    separators = st.sampled_from(SEPARATORS)
    text = data.draw(separators) + b"".join(item + data.draw(separators) for item in items)
    assert_agrees_with_oracle(rule, text[:MAX_LEN])


@pytest.mark.parametrize(
    "rule", [rfc9110.www_authenticate, rfc9110.credentials], ids=lambda rule: rule.name
)
def test_every_short_challenge_agrees_with_the_oracle(rule: Rule[Any]) -> None:
    # The rewrite most open to doubt (a list of auth-params, empty elements tolerated, inside
    # a list of challenges): every string of up to five of the octets that matter to it.
    octets = [b"A", b"b", b"=", b",", b" ", b"\t"]
    for length in range(6):
        for combination in itertools.product(octets, repeat=length):
            assert_agrees_with_oracle(rule, b"".join(combination))
