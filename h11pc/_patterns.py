"""Every pattern h11pc matches bytes with, compiled from the rules of :mod:`grammar`.

Strategy: h11pc holds no syntax of its own. The hot paths match whole units -- a message
head, a chunk-size line, a trailer section -- with one pattern each, compiled by
:func:`grammar.abnf.compile_pattern` from the RFC's rules. Once a unit is proven, its parts
are found by position (a request-line is ``method SP request-target SP HTTP-version``, a
field line ``field-name ":" OWS field-value OWS``), so the patterns carry no capture groups
and compile to their fastest form. The octets that separate parts come from the grammar too
(:data:`WHITESPACE` is ``WSP``). The rules themselves stay available for the parsy
explanation of a mismatch (:mod:`h11pc._diagnose`).

These compositions are made here, each tested against the grammar's own rules:

* :data:`field_line_received` accepts ``obs-fold`` inside a value, as RFC 9112 §5.2 allows a
  recipient to if it replaces each fold by SP -- in responses always, in requests only as
  an opt-in leniency (without folds, the grammar's ``field-line`` is used as it is);
* :data:`request_line_received` takes any ``1*VCHAR`` as the request-target, as h11 does: a
  deliberate leniency. Clients send ``|``, ``{``, ``^`` and stray ``%`` unencoded (httpx
  produces ``/p?q=a%20b|c{d}``), and RFC 9112 §3.2 lets a server serve such a target (it
  SHOULD, not MUST, answer 400); no whitespace or control octet gets through, which is
  where request smuggling lives.
"""

from __future__ import annotations

from typing import Final

from grammar.abnf import Node, Rule, compile_pattern, lit, opt, rep, rule, seq
from grammar.rfc5234 import crlf, htab, sp, vchar, wsp
from grammar.rfc9110 import content_length, field_value, field_vchar, host, tchar, token
from grammar.rfc9112 import (
    chunk_ext,
    chunk_size,
    field_line,
    field_name,
    http_version,
    method,
    obs_fold,
    ows,
    reason_phrase,
    status_code,
    status_line,
)

field_line_received: Final[Node] = seq(
    field_name, lit(":"), ows, field_value, rep(seq(obs_fold, field_value)), ows
)
"""RFC 9112 §5 ``field-line``, its value possibly continued over ``obs-fold`` (§5.2)."""

request_target_received: Final[Node] = rep(vchar, 1)
"""A request-target as h11 accepts it: ``1*VCHAR`` (see the module docstring)."""

request_line_received: Final[Node] = seq(method, sp, request_target_received, sp, http_version)
"""RFC 9112 §3 ``request-line``, with :data:`request_target_received` as its target."""

_fields: Final[Node] = rep(seq(field_line_received, crlf))
_strict_fields: Final[Node] = rep(seq(field_line, crlf))


def _octets(rule: Rule[bytes]) -> bytes:
    octets = rule.octets()
    assert octets is not None, f"{rule.name} is not a class of single octets"
    return bytes(sorted(octets))


WHITESPACE: Final = _octets(wsp)
"""``WSP`` (SP / HTAB): the octets of OWS, stripped from around a proven field value."""

FOLDS: Final = tuple(b"\r\n" + bytes((octet,)) for octet in WHITESPACE)
"""How an ``obs-fold`` shows in a proven head: a line that starts with whitespace."""

REQUEST_HEAD: Final = compile_pattern(seq(request_line_received, crlf, _strict_fields, crlf))
"""``request-line CRLF *( field-line CRLF ) CRLF`` (RFC 9112 §2.1), for ``fullmatch``: no
obs-fold, which a server rejects by default (§5.2)."""

REQUEST_HEAD_FOLDED: Final = compile_pattern(seq(request_line_received, crlf, _fields, crlf))
""":data:`REQUEST_HEAD` with obs-fold allowed in field values (§5.2: replaced by SP)."""

RESPONSE_HEAD: Final = compile_pattern(seq(status_line, crlf, _fields, crlf))
"""``status-line CRLF *( field-line CRLF ) CRLF`` (RFC 9112 §2.1), for ``fullmatch``."""

field_value_ows: Final[Rule[bytes]] = rule(
    "field-value-ows = field-value OWS", "RFC 9112 §5", rep(field_vchar | sp | htab)
)
"""A field's value with the OWS after it, read after the OWS before it: any run of
``field-vchar``, SP and HTAB (the leading whitespace has gone to the first OWS, so the run
is ``field-value`` then ``OWS``). One class repeated: a quicker pattern than
``field-value``'s words and gaps."""

FIELD_LINE_PARTS: Final = compile_pattern(
    seq(crlf, field_name, lit(":"), ows, field_value_ows), field_name, field_value_ows
)
"""``CRLF field-line`` with the name and the value (and its trailing OWS) captured:
:func:`re.Pattern.split` with it cuts the field lines after a start-line,
``*( CRLF field-line ) CRLF``, into their fields and, with nothing left between them, proves
them that. The CRLF comes first so that the search is tried only where a line begins (a
literal prefix): a pattern that began with the name would be tried at every octet of a long
run of name octets without a colon, each try running to the run's end -- quadratic time for
a refused head."""

REQUEST_LINE: Final = compile_pattern(seq(request_line_received, crlf), method, http_version)
"""``request-line CRLF`` (with :data:`request_target_received`), for ``match``; its
``method`` and ``http_version`` captured, the request-target between them (past one SP
each side)."""

STATUS_LINE: Final = compile_pattern(
    seq(status_line, crlf), http_version, status_code, reason_phrase
)
"""``status-line CRLF``, for ``match``; its ``http_version``, ``status_code`` and
``reason_phrase`` (None when empty) captured."""

VERSION_NUMBER: Final = slice(len(b"HTTP/"), None)
"""Where ``DIGIT "." DIGIT`` stands in an ``HTTP-version`` (``HTTP-name "/" DIGIT "."
DIGIT``, RFC 9112 §2.3): the version as h11's events hold it, ``b"1.1"``."""

_sent_line: Final[Node] = seq(field_name, lit(": "), field_value)
FIELD_LINES_SENT: Final = compile_pattern(seq(_sent_line, rep(seq(crlf, _sent_line))))
"""Field lines as h11pc writes them, ``field-name ": " field-value`` (RFC 9110 §5.1, §5.5,
RFC 9112 §5: OWS after the colon, none around the value), joined by CRLF: one pass checks
every field an application gives."""

FIELD_LINE: Final = compile_pattern(field_line_received)
"""One (logical) field line, folds included, for ``fullmatch``."""

TRAILER_SECTION: Final = compile_pattern(seq(_fields, crlf))
"""``trailer-section CRLF`` (RFC 9112 §7.1.2), for ``fullmatch``, obs-fold allowed."""

TRAILER_SECTION_STRICT: Final = compile_pattern(seq(_strict_fields, crlf))
""":data:`TRAILER_SECTION` without obs-fold: a request's, by default."""

CHUNK_LINE: Final = compile_pattern(seq(chunk_size, opt(chunk_ext), crlf))
"""``chunk-size [ chunk-ext ] CRLF`` (RFC 9112 §7.1); a size of 0 is the ``last-chunk``."""


CHUNK_SIZE_LINE: Final = compile_pattern(seq(chunk_size, crlf))
"""``chunk-size CRLF``: the chunk-size line of a chunk without extensions (the common one)."""

CHUNK_SIZE: Final = compile_pattern(chunk_size)
"""``chunk-size``, matched at the start of a proven chunk line to find where it ends."""

TOKEN: Final = compile_pattern(token)
"""``token``, matched at the start of a proven transfer-coding to read its name."""

REQUEST_FIRST_OCTET: Final = compile_pattern(tchar)
"""A request starts with a method, a ``token``: any other first octet is not HTTP."""

RESPONSE_START: Final = compile_pattern(http_version)
"""A response starts with ``HTTP-version``."""

RESPONSE_FIRST_OCTETS: Final[frozenset[int]] = http_version.leading() or frozenset()
"""The octets an ``HTTP-version``, so a response, can begin with."""

# Validators of what a user puts in an event (each used with ``fullmatch``).
METHOD: Final = compile_pattern(method)
REQUEST_TARGET: Final = compile_pattern(request_target_received)
FIELD_NAME: Final = compile_pattern(field_name)
FIELD_VALUE: Final = compile_pattern(field_value)
REASON_PHRASE: Final = compile_pattern(reason_phrase)
HTTP_VERSION: Final = compile_pattern(http_version)
CONTENT_LENGTH: Final = compile_pattern(content_length)
CONTENT_LENGTH_LIST: Final = compile_pattern(
    seq(content_length, rep(seq(ows, lit(","), ows, content_length)))
)
"""``Content-Length *( OWS "," OWS Content-Length )``: a list of lengths as a sender writes
one (RFC 9110 §5.6.1.1: no empty element), the only list h11pc reads as a length (§8.6)."""
HOST: Final = compile_pattern(host)

__all__ = [
    "CHUNK_LINE",
    "CHUNK_SIZE",
    "CHUNK_SIZE_LINE",
    "CONTENT_LENGTH",
    "CONTENT_LENGTH_LIST",
    "FIELD_LINE",
    "FIELD_LINES_SENT",
    "FIELD_LINE_PARTS",
    "FIELD_NAME",
    "FIELD_VALUE",
    "FOLDS",
    "HOST",
    "HTTP_VERSION",
    "METHOD",
    "REASON_PHRASE",
    "REQUEST_FIRST_OCTET",
    "REQUEST_HEAD",
    "REQUEST_HEAD_FOLDED",
    "REQUEST_LINE",
    "REQUEST_TARGET",
    "RESPONSE_FIRST_OCTETS",
    "RESPONSE_HEAD",
    "RESPONSE_START",
    "STATUS_LINE",
    "TOKEN",
    "TRAILER_SECTION",
    "TRAILER_SECTION_STRICT",
    "VERSION_NUMBER",
    "WHITESPACE",
    "field_line_received",
    "field_value_ows",
    "request_line_received",
    "request_target_received",
]
