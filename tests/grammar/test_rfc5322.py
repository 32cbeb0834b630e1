"""grammar.rfc5322: examples, values, and the ``abnf`` package as oracle.

(What every rule of the grammar keeps -- its strategy's inputs parse, its parser and pattern
agree -- ``test_invariants`` checks, these rules included.)

The module omits RFC 5322's obsolete syntax (``obs-*``), which the ``abnf`` package's RFC 5322
grammar includes. The oracle comparison is therefore made twice:

* against **the same ABNF engine fed this module's own rule texts** -- each of which a test
  below proves to be the RFC's definition with its ``/ obs-...`` alternative removed, and
  nothing else changed. Our parsers must accept exactly what that grammar accepts;
* against **the package's full RFC 5322 grammar**: whatever we accept, it must accept (we
  never accept more than the RFC); the converse fails only on obsolete forms, of which
  ``OBSOLETE`` holds examples the full grammar accepts and we do not.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from abnf.grammars import rfc5322 as oracle_grammar
from abnf.parser import Rule as OracleRule
from hypothesis import given, settings
from hypothesis import strategies as st

from grammar import rfc5322
from grammar.abnf import Rule
from grammar.values import Mailbox
from tests.grammar.oracle import accepts, engine_accepts, short, short_inputs, transcription
from tests.linear_time import assert_linear_match

RULES: list[Rule[Any]] = [getattr(rfc5322, name) for name in rfc5322.__all__]
PATTERNED = [rule for rule in RULES if rule.regular]


class NoObsolete(OracleRule):
    """The ``abnf`` package's ABNF engine, loaded with this module's rule texts."""


for _rule in RULES:
    NoObsolete.create(_rule.abnf)


def oracle_accepts(rule: Rule[Any], text: bytes) -> bool:
    """Whether RFC 5322, obsolete syntax included, has ``text`` in ``rule``."""
    return engine_accepts(oracle_grammar.Rule, rule.name, text)


def no_obsolete_accepts(rule: Rule[Any], text: bytes) -> bool:
    """Whether RFC 5322 without its obsolete syntax has ``text`` in ``rule``."""
    return engine_accepts(NoObsolete, rule.name, text)


# --- examples -------------------------------------------------------------------------------

# RFC 5322 Appendix A.1 and A.5 (the addresses in their From, To and Sender fields).
RFC_MAILBOXES: dict[bytes, Mailbox] = {
    b"John Doe <jdoe@machine.example>": Mailbox(b"jdoe@machine.example", b"John Doe "),
    b"Mary Smith <mary@example.net>": Mailbox(b"mary@example.net", b"Mary Smith "),
    b'"Joe Q. Public" <john.q.public@example.com>': Mailbox(
        b"john.q.public@example.com", b'"Joe Q. Public" '
    ),
    b"Mary Smith <mary@x.test>": Mailbox(b"mary@x.test", b"Mary Smith "),
    b"jdoe@example.org": Mailbox(b"jdoe@example.org"),
    b"Who? <one@y.test>": Mailbox(b"one@y.test", b"Who? "),
    b"<boss@nil.test>": Mailbox(b"boss@nil.test"),
    b'"Giant; \\"Big\\" Box" <sysservices@example.net>': Mailbox(
        b"sysservices@example.net", b'"Giant; \\"Big\\" Box" '
    ),
    b"Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>": Mailbox(
        b"pete(his account)@silly.test(his host)", b"Pete(A nice \\) chap) "
    ),
    b"Chris Jones <c@(Chris's host.)public.example>": Mailbox(
        b"c@(Chris's host.)public.example", b"Chris Jones "
    ),
}
MORE_MAILBOXES: dict[bytes, Mailbox] = {
    b"a \r\n \r\n b <a@b>": Mailbox(b"a@b", b"a \r\n \r\n b "),
    b" (c) a@b (d) ": Mailbox(b" (c) a@b (d) "),
    b'"a"@b': Mailbox(b'"a"@b'),
    b"a@[1.2.3.4]": Mailbox(b"a@[1.2.3.4]"),
    b"(((a)))a@b": Mailbox(b"(((a)))a@b"),
    b"(a)<a@b>": Mailbox(b"a@b"),
    b"a <b@c> (d)": Mailbox(b"b@c", b"a "),
}

VALID: dict[Rule[Any], list[bytes]] = {
    rfc5322.quoted_pair: [b"\\a", b"\\ ", b"\\\t", b"\\\\", b'\\"', b"\\~"],
    rfc5322.fws: [b" ", b"\t", b"   ", b" \r\n ", b"\r\n\t", b"  \r\n  "],
    rfc5322.ctext: [b"a", b"!", b"'", b"*", b"[", b"]", b"~", b'"'],
    rfc5322.ccontent: [b"a", b"\\)", b"(x)", b"()"],
    rfc5322.comment: [
        b"()",
        b"(a)",
        b"( )",
        b"( a \r\n b )",
        b"((a))",
        b"(\\))",
        b"(a(b(c)))",
        b"(A nice \\) chap)",
        b"(" * 20 + b")" * 20,
    ],
    rfc5322.cfws: [b" ", b"(a)", b" (a) (b) ", b"(a)(b)", b"\r\n (a)", b"(a) \r\n (b) \r\n "],
    rfc5322.atext: [b"a", b"!", b"~", b"{", b"/", b"9"],
    rfc5322.atom: [b"a", b" abc ", b"(c)a(d)", b"\r\n a \r\n "],
    rfc5322.dot_atom_text: [b"a", b"a.b.c", b"john.q.public", b"!#$%&'*+-/=?^_`{|}~"],
    rfc5322.dot_atom: [b" a.b (c)", b"machine.example", b"(x)a"],
    rfc5322.qtext: [b"a", b"!", b"#", b"[", b"~", b"("],
    rfc5322.qcontent: [b"a", b'\\"', b"\\\\"],
    rfc5322.quoted_string: [b'""', b'"a b"', b' "a\\"b" (c)', b'"a \r\n b"', b'"Joe Q. Public"'],
    rfc5322.word: [b"a", b'"a"', b" a ", b'(c) "a b" (d)'],
    rfc5322.phrase: [b"John Doe", b'"Joe Q. Public"', b'a "b" c', b"Pete(A nice \\) chap) "],
    rfc5322.display_name: [b"John Doe ", b"Who?", b'"Giant; \\"Big\\" Box"'],
    rfc5322.dtext: [b"a", b"Z", b"^", b"!", b"~"],
    rfc5322.domain_literal: [b"[1.2.3.4]", b"[ a b ]", b"[]", b"(c)[x]", b"[IPv6:::1]"],
    rfc5322.domain: [b"example.com", b"[1.2.3.4]", b"silly.test(his host)"],
    rfc5322.local_part: [b"john.q.public", b'"john q"', b"pete(his account)"],
    rfc5322.addr_spec: [
        b"jdoe@example.org",
        b'"a b"@c',
        b"pete(his account)@silly.test(his host)",
        b"a@[1.2.3.4]",
        b"a @b",
    ],
    rfc5322.angle_addr: [b"<a@b>", b" <a@b> (c)", b"<pete(his account)@silly.test(his host)>"],
    rfc5322.name_addr: [
        b"John Doe <jdoe@machine.example>",
        b"<a@b>",
        b'"Joe Q. Public" <john.q.public@example.com>',
    ],
    rfc5322.mailbox: [*RFC_MAILBOXES, *MORE_MAILBOXES],
}
INVALID: dict[Rule[Any], list[bytes]] = {
    rfc5322.quoted_pair: [b"\\", b"a", b"\\ab", b"\\\xe9", b"\\\r\n"],
    rfc5322.fws: [b"", b"\r\n", b" \r\n", b"\r\n \r\n ", b"x", b"\n ", b" \r "],
    rfc5322.ctext: [b"(", b")", b"\\", b" ", b"\x00", b"\x80", b"ab"],
    rfc5322.ccontent: [b"(", b"ab", b" ", b"\\"],
    rfc5322.comment: [
        b"(",
        b"(a",
        b"(()",
        b"(\\)",
        b"(a \r\n)",
        b"(\r\n)",
        b"a",
        b"(a))",
    ],
    rfc5322.cfws: [b"", b"a", b"(a) \r\n \r\n", b"\r\n", b"(a"],
    rfc5322.atext: [b".", b"(", b"@", b" ", b'"', b"ab"],
    rfc5322.atom: [b"a.b", b"", b" ", b"a b", b'"a"'],
    rfc5322.dot_atom_text: [b"a.", b".a", b"a..b", b"", b"a b"],
    rfc5322.dot_atom: [b"a . b", b"a.", b" "],
    rfc5322.qtext: [b'"', b"\\", b" ", b"\x00", b"\xff"],
    rfc5322.qcontent: [b'"', b"\\", b"ab"],
    rfc5322.quoted_string: [b'"', b'"a', b'"\\"', b"a", b'"a" "b"', b'"a \r\n"'],
    rfc5322.word: [b"a b", b"", b"a.b"],
    rfc5322.phrase: [b"", b"a,b", b"a <b>", b".a"],
    rfc5322.display_name: [b"", b"a@b"],
    rfc5322.dtext: [b"[", b"]", b"\\", b" ", b"\x00", b"\x80"],
    rfc5322.domain_literal: [b"[", b"[a", b"[a]b", b"[a[b]", b"[\\]", b"[\x00]"],
    rfc5322.domain: [b"a..b", b"", b"a.", b"a b"],
    rfc5322.local_part: [b"a..b", b"a b", b".a"],
    rfc5322.addr_spec: [b"a", b"a@", b"@b", b"a@b@c", b"a b@c", b"a.@b", b"a@b."],
    rfc5322.angle_addr: [b"<a@b", b"a@b>", b"<>", b"<a@b> <c@d>"],
    rfc5322.name_addr: [b"John <a@b", b"a@b", b"John Doe"],
    rfc5322.mailbox: [
        b"",
        b"a",
        b"a@",
        b"@b",
        b"<a@b",
        b"John <a@b",
        b"a b@c",
        b"a..b@c",
        b"a@b..c",
        b"(a@b",
        b"a@b)",
        b"a\x00@b",
        b"a@b, c@d",
        b"<a@b> <c@d>",
        b"<a@b>x",
    ],
}
# Accepted by RFC 5322 only through its obsolete syntax, which the module omits.
OBSOLETE: dict[Rule[Any], list[bytes]] = {
    rfc5322.mailbox: [
        b"a.b c <x@y>",  # obs-phrase
        b"<@route:a@b>",  # obs-angle-addr
        b"a . b@c",  # obs-local-part
        b"a@b . c",  # obs-domain
        b"John Doe <jdoe@machine(comment).  example>",  # obs-domain (RFC 5322 A.6.3)
        b'"\x01"@a',  # obs-qtext
        b"a@[\x01]",  # obs-dtext
        b"(\x01)a@b",  # obs-ctext
        b'"\\\x00"@a',  # obs-qp
        b"(a \r\n \r\n b)x@y",  # obs-FWS
    ],
    rfc5322.phrase: [b"a.b", b"a . b"],  # obs-phrase
    rfc5322.quoted_pair: [b"\\\x00", b"\\\r", b"\\\n", b"\\\x7f"],  # obs-qp
    rfc5322.ctext: [b"\x7f", b"\x01"],  # obs-ctext
    rfc5322.qtext: [b"\x7f", b"\x0b"],  # obs-qtext
    rfc5322.dtext: [b"\x7f", b"\x1f"],  # obs-dtext
    rfc5322.fws: [b" \r\n \r\n "],  # obs-FWS: more than one line break
    rfc5322.comment: [b"(a \r\n \r\n b)"],  # obs-FWS
    rfc5322.cfws: [b"(a) \r\n \r\n (b)"],  # obs-FWS
    rfc5322.quoted_string: [b'"a \r\n \r\n b"'],  # obs-FWS
    rfc5322.domain_literal: [b"[\\]]", b"[a\x01]"],  # obs-dtext (a quoted-pair, a control)
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
    assert accepts(rule, text)
    if rule.compiled is not None:
        assert rule.compiled.fullmatch(text)
    assert no_obsolete_accepts(rule, text)
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
    if rule.compiled is not None:
        assert not rule.compiled.fullmatch(text)
    assert not no_obsolete_accepts(rule, text)
    assert not oracle_accepts(rule, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        pytest.param(rule, text, id=f"{rule.name}:{text!r}")
        for rule, texts in OBSOLETE.items()
        for text in texts
    ],
)
def test_obsolete_syntax_is_rejected(rule: Rule[Any], text: bytes) -> None:
    assert not accepts(rule, text)
    assert not no_obsolete_accepts(rule, text)
    assert oracle_accepts(rule, text)


def test_every_rule_has_examples() -> None:
    assert set(VALID) == set(INVALID) == set(RULES)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param(text, value, id=repr(text))
        for text, value in {**RFC_MAILBOXES, **MORE_MAILBOXES}.items()
    ],
)
def test_mailbox_values(text: bytes, value: Mailbox) -> None:
    assert rfc5322.mailbox.parse(text) == value


def test_other_values() -> None:
    assert rfc5322.angle_addr.parse(b" <a@b> (c)") == b"a@b"
    assert rfc5322.name_addr.parse(b"John <a@b>") == Mailbox(b"a@b", b"John ")
    assert rfc5322.name_addr.parse(b"<a@b>") == Mailbox(b"a@b", None)
    assert rfc5322.addr_spec.parse(b"a@b") == b"a@b"
    assert rfc5322.comment.parse(b"(a(b))") == b"(a(b))"
    assert rfc5322.fws.parse(b" \r\n ") == b" \r\n "


def test_fws_gives_back_a_line_break_without_white_space() -> None:
    # The rewrite of FWS: " \r\n" followed by no WSP is the FWS " " and an unread CRLF (the
    # RFC's `[*WSP CRLF] 1*WSP` read by PEG would fail there).
    assert rfc5322.fws.parse_partial(b" \r\nx") == (b" ", b"\r\nx")
    assert rfc5322.fws.parse_partial(b" \r\n x") == (b" \r\n ", b"x")


# --- the rules are the RFC's ----------------------------------------------------------------

# The rules whose obsolete alternative the module omits (its docstring lists them).
OMITTED_OBSOLETE = {
    "quoted-pair",
    "FWS",
    "ctext",
    "qtext",
    "phrase",
    "angle-addr",
    "local-part",
    "domain",
    "dtext",
}


def _without_obsolete(text: str) -> str:
    return re.sub(r"\s*/\s*obs-[A-Za-z-]+$", "", text)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_abnf_text_is_the_rfcs_without_obsolete_syntax(rule: Rule[Any]) -> None:
    rfc = transcription(oracle_grammar.Rule)[rule.name.casefold()]
    assert rule.abnf == _without_obsolete(rfc)
    assert (rfc != rule.abnf) == (rule.name in OMITTED_OBSOLETE)
    assert re.fullmatch(r"RFC 5322 §3\.(2\.[1-5]|4|4\.1)", rule.section)


# --- properties -----------------------------------------------------------------------------


def _check_against_oracles(rule: Rule[Any], text: bytes) -> None:
    ours = accepts(rule, text)
    assert ours == no_obsolete_accepts(rule, text)
    if ours:
        assert oracle_accepts(rule, text)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
@settings(deadline=None, max_examples=30)
@given(data=st.data())
def test_parser_agrees_with_oracle(rule: Rule[Any], data: st.DataObject) -> None:
    # Short inputs made short, not long ones filtered out: the oracle is slow on long ones.
    _check_against_oracles(rule, data.draw(short_inputs(rule)))


# Pieces of mailboxes, valid and broken: random strings of them reach the places where CFWS
# meets CFWS, a display-name meets its angle-addr, and an atom looks like a dot-atom.
_PIECES = st.sampled_from(
    [
        b"a",
        b"b.c",
        b"a.",
        b" ",
        b"\t",
        b"\r\n ",
        b"\r\n",
        b"(c)",
        b"(",
        b")",
        b'"',
        b'"q r"',
        b"<",
        b">",
        b"@",
        b"[",
        b"]",
        b"[d]",
        b"\\",
        b"\\(",
        b".",
        b",",
        b"\x00",
    ]
)


@pytest.mark.parametrize(
    "rule", [rfc5322.mailbox, rfc5322.phrase, rfc5322.cfws], ids=lambda rule: rule.name
)
@settings(deadline=None, max_examples=150)
@given(text=st.lists(_PIECES, max_size=8).map(b"".join))
def test_strings_of_pieces_agree_with_oracle(rule: Rule[Any], text: bytes) -> None:
    _check_against_oracles(rule, text)


@settings(deadline=None, max_examples=60)
@given(short(rfc5322.mailbox))
def test_mailbox_value_is_made_of_the_input(text: bytes) -> None:
    box = rfc5322.mailbox.parse(text)
    assert accepts(rfc5322.addr_spec, box.address)
    if box.display_name is not None:
        assert accepts(rfc5322.display_name, box.display_name)
        assert text.startswith(box.display_name)
    if box.address != text:
        assert b"<" + box.address + b">" in text


# --- linear time and depth ------------------------------------------------------------------

# A piece repeated, then an end that may fail the match: runs of white space and line breaks
# (which FWS splits), dotted atoms, quoted pairs, unclosed comments.
ADVERSARIAL = [
    (b"a", b"\x00"),
    (b" ", b"\x00"),
    (b" ", b""),
    (b"a.", b"@"),
    (b"a.", b""),
    (b"(", b""),
    (b"\\ ", b"\\"),
    (b" \r\n", b""),
    (b"\r\n ", b"\r\n"),
    (b"\t\r\n ", b"\x00"),
]


@pytest.mark.parametrize("rule", PATTERNED, ids=lambda rule: rule.name)
def test_pattern_runs_in_linear_time(rule: Rule[Any]) -> None:
    # As test_invariants measures every pattern, on pieces of mailboxes.
    assert rule.compiled is not None
    for piece, end in ADVERSARIAL:
        assert_linear_match(rule.compiled, b"", piece, end, name=rule.name)


def test_long_mailboxes_parse() -> None:
    local = b".".join([b"abc"] * 1_000)
    assert rfc5322.mailbox.parse(local + b"@example.com") == Mailbox(local + b"@example.com")
    name = b"word " * 500
    text = name + b"<" + local + b"@x>"
    assert rfc5322.mailbox.parse(text) == Mailbox(local + b"@x", name)
    assert not accepts(rfc5322.mailbox, b"a." * 5_000 + b"@")
