"""RFC 5234 Appendix B.1: the core rules every other module builds on.

The shared terminals of the grammar (as lark's ``common.lark``): character classes are
written once, here, and reused by name, never re-typed.
"""

from __future__ import annotations

from grammar.abnf import alt, exact, lit, octet_range, rep, rule

__all__ = [
    "alpha",
    "bit",
    "char",
    "cr",
    "crlf",
    "ctl",
    "digit",
    "dquote",
    "hexdig",
    "htab",
    "lf",
    "lwsp",
    "octet",
    "sp",
    "vchar",
    "wsp",
]

_B1 = "RFC 5234 §B.1"

alpha = rule("ALPHA = %x41-5A / %x61-7A", _B1, octet_range(0x41, 0x5A) | octet_range(0x61, 0x7A))
bit = rule('BIT = "0" / "1"', _B1, lit("0") | lit("1"))
char = rule("CHAR = %x01-7F", _B1, octet_range(0x01, 0x7F))
cr = rule("CR = %x0D", _B1, exact(b"\r"))
lf = rule("LF = %x0A", _B1, exact(b"\n"))
crlf = rule("CRLF = CR LF", _B1, cr + lf)
ctl = rule("CTL = %x00-1F / %x7F", _B1, octet_range(0x00, 0x1F) | exact(b"\x7f"))
digit = rule("DIGIT = %x30-39", _B1, octet_range(0x30, 0x39))
dquote = rule("DQUOTE = %x22", _B1, exact(b'"'))
# Quoted letters are case-insensitive (RFC 5234 §2.3), so HEXDIG matches "a"-"f" too.
hexdig = rule(
    'HEXDIG = DIGIT / "A" / "B" / "C" / "D" / "E" / "F"',
    _B1,
    alt(digit, lit("A"), lit("B"), lit("C"), lit("D"), lit("E"), lit("F")),
)
htab = rule("HTAB = %x09", _B1, exact(b"\t"))
sp = rule("SP = %x20", _B1, exact(b" "))
wsp = rule("WSP = SP / HTAB", _B1, sp | htab)
lwsp = rule("LWSP = *(WSP / CRLF WSP)", _B1, rep(wsp | crlf + wsp))
# Python refuses to convert more than 4300 decimal digits (a guard against quadratic
# conversion), leading zeros included; to the ABNF ``1*DIGIT`` has any number of digits, and
# "0...080" is 80 however many zeros lead.
_LONGEST_DECIMAL = 4300


def decimal(digits: bytes) -> int:
    """The number a run of DIGIT denotes (``Content-Length``, a ``port``...).

    Raises ValueError, which a rule reports as an invalid value, for a number of more than
    4300 significant digits."""
    significant = digits.lstrip(b"0") or b"0"
    if len(significant) > _LONGEST_DECIMAL:
        raise ValueError(f"a number of {len(significant)} digits")
    return int(significant)


octet = rule("OCTET = %x00-FF", _B1, octet_range(0x00, 0xFF))
vchar = rule("VCHAR = %x21-7E", _B1, octet_range(0x21, 0x7E))
