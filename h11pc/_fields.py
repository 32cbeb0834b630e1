"""The fields of a proven field section, cut apart; and the fields a trailer may not carry.

Strategy: a head or trailer section reaches this module only once the grammar's pattern
has matched it, so its lines are cut at known separators -- CRLF between lines, the first
":" after a name, whitespace (``WSP``) around a value (RFC 9112 §5) -- and no octet is
judged here. A line that starts with whitespace continues the field before it
(``obs-fold``), which RFC 9112 §5.2 lets a recipient replace by one SP. Whether a fold was
acceptable at all is the reader's decision, made by the pattern it matched with.

The common case takes a shorter way: :func:`split_fields` proves and cuts a section without
folds in one call of the grammar's captured ``CRLF field-line`` pattern; a section it
cannot prove goes the long way (whole-unit pattern, then :func:`cut_fields`), which also
explains a failure.
"""

from __future__ import annotations

from typing import Final

from h11pc._headers import Fields, lowered
from h11pc._patterns import FIELD_LINE_PARTS, FOLDS, WHITESPACE

__all__ = ["FORBIDDEN_TRAILERS", "cut_fields", "first_fold", "split_fields"]

_CRLF: Final = b"\r\n"
_LF: Final = b"\n"

FORBIDDEN_TRAILERS: Final = frozenset(
    {
        # RFC 9110 §6.5.1: fields needed before the content is processed. Framing:
        b"content-length",
        b"transfer-encoding",
        b"trailer",
        # connection management (hop-by-hop, RFC 9110 §7.6):
        b"connection",
        b"keep-alive",
        b"proxy-connection",
        b"te",
        b"upgrade",
        # routing (RFC 9110 §7.2):
        b"host",
        # request modifiers: controls and conditionals (RFC 9110 §10.1, §13.1):
        b"cache-control",
        b"expect",
        b"max-forwards",
        b"pragma",
        b"range",
        b"if-match",
        b"if-none-match",
        b"if-modified-since",
        b"if-unmodified-since",
        b"if-range",
        # authentication (RFC 9110 §11.6, §11.7; Authentication-Info may be a trailer):
        b"authorization",
        b"proxy-authorization",
        b"www-authenticate",
        b"proxy-authenticate",
        # response control data (RFC 9110 §10.2, §12.5.5; caching, RFC 9111 §5):
        b"location",
        b"retry-after",
        b"vary",
        b"age",
        b"expires",
        # how to process the content (RFC 9110 §8.3, §8.4, §14.4):
        b"content-encoding",
        b"content-type",
        b"content-range",
    }
)
"""Lower-cased names of the fields RFC 9110 §6.5.1 keeps out of trailers: the ones a
recipient must evaluate before it receives the content -- framing, routing,
authentication, request modifiers, response controls, content format. A received trailer
section loses them (RFC 9112 §7.1.2 lets a recipient discard trailer fields), so no code
downstream can mistake one for the header field it imitates."""


def cut_fields(block: bytes) -> Fields:
    """The fields of the proven section ``block`` (``*( field-line CRLF )``, folds allowed):
    their names as sent, those names lower-cased, and their values; each fold becomes one SP
    (what :func:`split_fields` gives for a section without folds)."""
    names: list[bytes] = []
    values: list[bytes] = []
    if not block:
        return names, [], values
    lines = block[:-2].split(_CRLF)
    if any(fold in block for fold in FOLDS):
        lines = _unfold(lines)
    for line in lines:
        name, _, value = line.partition(b":")
        names.append(name)
        values.append(value.strip(WHITESPACE))
    return names, lowered(names), values


def split_fields(lines: bytes) -> Fields | None:
    """The fields of ``lines`` if it is ``*( CRLF field-line ) CRLF`` (RFC 9112 §5, no
    obs-fold: a head from its start-line's CRLF to the end of its last field line's): their
    names as sent, those names lower-cased, and their values (as :func:`cut_fields` gives
    them); None if it is not. Splitting by the captured pattern leaves a piece before, between
    and after the matches: the matches tile ``lines`` but its last CRLF exactly when the last
    piece is that CRLF and the others are empty."""
    parts = FIELD_LINE_PARTS.split(lines)
    if parts[-1] != _CRLF or any(parts[:-1:3]):
        return None
    names = parts[1::3]
    # A value's trailing OWS was captured with it: cut here. (A value holds no whitespace
    # but SP and HTAB, and ends in neither, so rstrip cuts just the OWS.)
    return names, lowered(names), [*map(bytes.rstrip, parts[2::3])]  # (no call of list)


def _unfold(lines: list[bytes]) -> list[bytes]:
    """RFC 9112 §5.2: a recipient accepting obs-fold replaces each fold by SP; a line that
    starts with whitespace continues the field before it."""
    logical: list[bytes] = []
    for line in lines:
        if line[0] in WHITESPACE:
            logical[-1] = logical[-1].rstrip(WHITESPACE) + b" " + line.lstrip(WHITESPACE)
        else:
            logical.append(line)
    return logical


def first_fold(unit: bytes) -> int:
    """The offset of the first fold's CRLF in ``unit``, or -1."""
    found = [at for at in (unit.find(fold) for fold in FOLDS) if at >= 0]
    return min(found, default=-1)
