"""grammar.rfc5234: the core rules, octet by octet against the ``abnf`` package's core rules.

The one-octet rules are checked exhaustively (all 256 octets); ``CRLF`` and ``LWSP`` by
examples and property tests. RFC 5234 §2.3's case rules -- a quoted string matches either
case of its letters, a ``%x`` string only its own octets -- are checked on the layer's two
literal constructors, against the same engine.
"""

from __future__ import annotations

from typing import Any

import pytest
from abnf.grammars import rfc5234 as oracle_grammar
from abnf.parser import Rule as OracleRule
from hypothesis import given
from hypothesis import strategies as st

from grammar import rfc5234
from grammar.abnf import Rule, compile_pattern, exact, lit, rule
from tests.grammar.oracle import accepts, engine_accepts, short_inputs
from tests.grammar.support import rule_id, rules_of

RULES = rules_of(rfc5234)
ONE_OCTET = [r for r in RULES if r.octets() is not None]


def oracle_accepts(core: Rule[Any], data: bytes) -> bool:
    return engine_accepts(oracle_grammar.Rule, core.name, data)


# --- the rules are the RFC's ----------------------------------------------------------------

# RFC 5234 Appendix B.1, as printed (comments dropped).
APPENDIX_B1 = {
    rfc5234.alpha: "ALPHA = %x41-5A / %x61-7A",
    rfc5234.bit: 'BIT = "0" / "1"',
    rfc5234.char: "CHAR = %x01-7F",
    rfc5234.cr: "CR = %x0D",
    rfc5234.crlf: "CRLF = CR LF",
    rfc5234.ctl: "CTL = %x00-1F / %x7F",
    rfc5234.digit: "DIGIT = %x30-39",
    rfc5234.dquote: "DQUOTE = %x22",
    rfc5234.hexdig: 'HEXDIG = DIGIT / "A" / "B" / "C" / "D" / "E" / "F"',
    rfc5234.htab: "HTAB = %x09",
    rfc5234.lf: "LF = %x0A",
    rfc5234.lwsp: "LWSP = *(WSP / CRLF WSP)",
    rfc5234.octet: "OCTET = %x00-FF",
    rfc5234.sp: "SP = %x20",
    rfc5234.vchar: "VCHAR = %x21-7E",
    rfc5234.wsp: "WSP = SP / HTAB",
}


def test_every_core_rule_is_present_with_the_rfcs_text() -> None:
    assert set(APPENDIX_B1) == set(RULES)
    assert sorted(rfc5234.__all__) == sorted(r.pyname for r in RULES)
    for core, text in APPENDIX_B1.items():
        assert core.abnf == text
        assert core.section == "RFC 5234 §B.1"
        assert core.url == "https://www.rfc-editor.org/rfc/rfc5234#appendix-B.1"


# --- examples -------------------------------------------------------------------------------

VALID: dict[Rule[Any], list[bytes]] = {
    rfc5234.alpha: [b"A", b"Z", b"a", b"z", b"m"],
    rfc5234.bit: [b"0", b"1"],
    rfc5234.char: [b"\x01", b"A", b"\x7f", b" "],
    rfc5234.cr: [b"\r"],
    rfc5234.lf: [b"\n"],
    rfc5234.crlf: [b"\r\n"],
    rfc5234.ctl: [b"\x00", b"\x1f", b"\x7f", b"\t", b"\r"],
    rfc5234.digit: [b"0", b"9"],
    rfc5234.dquote: [b'"'],
    rfc5234.hexdig: [b"0", b"9", b"A", b"F", b"a", b"f"],
    rfc5234.htab: [b"\t"],
    rfc5234.sp: [b" "],
    rfc5234.wsp: [b" ", b"\t"],
    rfc5234.lwsp: [b"", b" ", b"\t \t", b"\r\n ", b" \r\n\t\r\n  ", b"\r\n \r\n\t"],
    rfc5234.octet: [b"\x00", b"\x7f", b"\x80", b"\xff"],
    rfc5234.vchar: [b"!", b"~", b"A"],
}
INVALID: dict[Rule[Any], list[bytes]] = {
    rfc5234.alpha: [b"@", b"[", b"`", b"{", b"0", b"\xc1", b"", b"ab"],
    rfc5234.bit: [b"2", b"", b"01", b"b"],
    rfc5234.char: [b"\x00", b"\x80", b"\xff", b"", b"ab"],
    rfc5234.cr: [b"\n", b"", b"\r\r"],
    rfc5234.lf: [b"\r", b"", b"\n\n"],
    # A bare CR or LF, either order reversed, or a doubled line end is no CRLF.
    rfc5234.crlf: [b"\r", b"\n", b"\n\r", b"\r\r\n", b"\r\n\r\n", b""],
    rfc5234.ctl: [b" ", b"A", b"\x80", b"\xff", b"", b"\x00\x00"],
    rfc5234.digit: [b"/", b":", b"a", b"", b"10"],
    rfc5234.dquote: [b"'", b"", b'""'],
    rfc5234.hexdig: [b"G", b"g", b"x", b"", b"0f"],
    rfc5234.htab: [b" ", b"\x0b", b""],
    rfc5234.sp: [b"\t", b"\xa0", b"", b"  "],
    rfc5234.wsp: [b"\r", b"\n", b"\x0b", b"\xa0", b"", b"  "],
    # Each of LWSP's line breaks must be followed by white space.
    rfc5234.lwsp: [b"\r\n", b" \r\n", b"\n ", b"\r ", b" \r\n\r\n ", b"x"],
    rfc5234.octet: [b"", b"ab"],
    rfc5234.vchar: [b" ", b"\x7f", b"\x80", b"\x00", b"", b"ab"],
}


@pytest.mark.parametrize(
    ("core", "data"),
    [pytest.param(r, d, id=f"{r.name}:{d!r}") for r, texts in VALID.items() for d in texts],
)
def test_valid_examples(core: Rule[Any], data: bytes) -> None:
    assert core.parse(data) == data  # a core rule's value is the octets it matched
    assert core.compiled is not None
    assert core.compiled.fullmatch(data)
    assert oracle_accepts(core, data)


@pytest.mark.parametrize(
    ("core", "data"),
    [pytest.param(r, d, id=f"{r.name}:{d!r}") for r, texts in INVALID.items() for d in texts],
)
def test_invalid_examples(core: Rule[Any], data: bytes) -> None:
    assert not accepts(core, data)
    assert core.compiled is not None
    assert not core.compiled.fullmatch(data)
    assert not oracle_accepts(core, data)


def test_every_rule_has_valid_and_invalid_examples() -> None:
    assert set(VALID) == set(INVALID) == set(RULES)


# --- exhaustively, and against the oracle ---------------------------------------------------


@pytest.mark.parametrize("core", ONE_OCTET, ids=rule_id)
def test_one_octet_rules_agree_with_the_oracle_on_every_octet(core: Rule[Any]) -> None:
    assert core.compiled is not None
    for value in range(256):
        data = bytes((value,))
        expected = oracle_accepts(core, data)
        assert accepts(core, data) == expected, data
        assert (core.compiled.fullmatch(data) is not None) == expected, data
        assert (value in (core.octets() or ())) == expected, data


def test_the_classes_are_the_rfcs_ranges() -> None:
    # Spelled out from the RFC's %x ranges, independently of the rules' own definitions.
    def octets(core: Rule[Any]) -> set[int]:
        return set(core.octets() or ())

    assert octets(rfc5234.alpha) == set(range(0x41, 0x5B)) | set(range(0x61, 0x7B))
    assert octets(rfc5234.char) == set(range(0x01, 0x80))
    assert octets(rfc5234.ctl) == set(range(0x20)) | {0x7F}
    assert octets(rfc5234.vchar) == set(range(0x21, 0x7F))
    assert octets(rfc5234.octet) == set(range(256))
    assert octets(rfc5234.hexdig) == set(b"0123456789ABCDEFabcdef")
    # Every octet is exactly one of: a control, a space, a visible character, or non-ASCII.
    assert octets(rfc5234.ctl) | {0x20} | octets(rfc5234.vchar) == octets(rfc5234.char) | {0}
    assert not octets(rfc5234.ctl) & octets(rfc5234.vchar)


@pytest.mark.parametrize("core", [rfc5234.crlf, rfc5234.lwsp], ids=rule_id)
@given(data=st.data())
def test_sequences_agree_with_the_oracle(core: Rule[Any], data: st.DataObject) -> None:
    sample = data.draw(short_inputs(core), label="input")
    assert accepts(core, sample) == oracle_accepts(core, sample)


@given(st.lists(st.sampled_from([b" ", b"\t", b"\r\n", b"\r", b"\n", b"x"]), max_size=8))
def test_lwsp_of_line_breaks_and_blanks_agrees_with_the_oracle(pieces: list[bytes]) -> None:
    sample = b"".join(pieces)
    assert accepts(rfc5234.lwsp, sample) == oracle_accepts(rfc5234.lwsp, sample)


def test_lwsp_gives_back_a_line_break_it_cannot_continue() -> None:
    # `*(WSP / CRLF WSP)`: a CRLF not followed by WSP ends the LWSP before it, so a blank
    # line after white space is left to whatever follows.
    assert rfc5234.lwsp.parse_partial(b" \t\r\n\r\nbody") == (b" \t", b"\r\n\r\nbody")
    assert rfc5234.lwsp.parse_partial(b"\r\n x") == (b"\r\n ", b"x")


# --- case (RFC 5234 §2.3) -------------------------------------------------------------------


class CaseRules(OracleRule):
    """The engine's reading of a quoted string and of a %x string."""


CaseRules.create('quoted = "http://"')
CaseRules.create("hexadecimal = %x48.54.54.50")
QUOTED = rule('quoted = "http://"', "RFC 5234 §2.3", lit("http://"))
HEXADECIMAL = rule("hexadecimal = %x48.54.54.50", "RFC 5234 §2.3", exact(b"HTTP"))


@pytest.mark.parametrize(
    ("literal", "data", "expected"),
    [
        (QUOTED, b"http://", True),
        (QUOTED, b"HTTP://", True),
        (QUOTED, b"hTtP://", True),
        (QUOTED, b"http:/", False),
        (QUOTED, b"http:\\\\", False),
        (HEXADECIMAL, b"HTTP", True),
        (HEXADECIMAL, b"http", False),
        (HEXADECIMAL, b"HTTp", False),
        (HEXADECIMAL, b"Http", False),
    ],
)
def test_quoted_strings_ignore_case_and_hex_strings_do_not(
    literal: Rule[bytes], data: bytes, expected: bool
) -> None:
    assert accepts(literal, data) is expected
    assert literal.compiled is not None
    assert (literal.compiled.fullmatch(data) is not None) is expected
    assert (compile_pattern(literal).fullmatch(data) is not None) is expected
    assert engine_accepts(CaseRules, literal.name, data) is expected
    if expected:
        assert literal.parse(data) == data  # the octets as sent, not a normalised case


def test_hexdig_takes_lower_case_letters_because_its_letters_are_quoted() -> None:
    assert [rfc5234.hexdig.parse(bytes((c,))) for c in b"aAfF"] == [b"a", b"A", b"f", b"F"]
    assert not accepts(rfc5234.hexdig, b"g")
