"""grammar.rfc9112: the RFC's examples with their values, and RFC 9112's own ABNF as oracle.

The oracle is the ``abnf`` package's engine loaded with RFC 9112's ABNF as each rule's text
states it (the RFC's Appendix A, word for word: ``test_appendix``), the rules it imports
taken from the package's RFC 9110 and RFC 3986. Two kinds of rule need more than the ABNF:

* ``chunk`` and ``chunked-body``: RFC 9112 §7.1 says in prose that chunk-data is exactly
  chunk-size octets, which the ABNF (``chunk-data = 1*OCTET``) cannot say. They are compared
  with a reference reading that splits the body by the sizes and asks the engine about each
  piece (:func:`reference_chunk`, :func:`reference_chunked_body`).
* ``Transfer-Encoding``: Appendix A writes RFC 9110's ``#rule`` list as a sender must
  generate it (no empty elements); a recipient must accept empty elements (RFC 9110
  §5.6.1.2), and the rule parses that larger language. It is compared with the engine
  loaded with the recipient's expansion, and must accept all that the sender's form does.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from abnf.parser import Rule as OracleRule
from hypothesis import given
from hypothesis import strategies as st

from grammar import rfc9112
from grammar.abnf import Rule, compile_pattern
from grammar.values import (
    Authority,
    Chunk,
    ChunkedBody,
    FieldLine,
    HTTPMessage,
    HTTPVersion,
    RequestLine,
    StatusLine,
    TransferCoding,
    URIReference,
)
from tests.grammar.oracle import (
    SHARED_RFC,
    accepts,
    engine_accepts,
    rfc9112_grammar,
    short,
    short_inputs,
)
from tests.grammar.support import mutated, rule_id, rules_of

RULES = rules_of(rfc9112)
H11 = HTTPVersion(1, 1)


def same(*texts: bytes) -> dict[bytes, bytes]:
    """Examples of a rule whose value is the octets it matched."""
    return {text: text for text in texts}


def origin(path: bytes, query: bytes | None = None) -> URIReference:
    return URIReference(None, None, path, query)


def coding(name: bytes, *parameters: tuple[bytes, bytes]) -> TransferCoding:
    return TransferCoding(name, tuple(parameters))


EXPIRES = b"Expires: Wed, 21 Oct 2015 07:28:00 GMT"

# --- examples -------------------------------------------------------------------------------

VALID: dict[Rule[Any], dict[bytes, Any]] = {
    # §1.2: the rules RFC 9112 imports, as the modules it imports them from define them.
    rfc9112.bws: same(b"", b" ", b"\t \t"),
    rfc9112.ows: same(b"", b" ", b"  \t"),
    rfc9112.rws: same(b" ", b"\t", b" \t "),
    rfc9112.absolute_path: same(b"/", b"/where", b"//", b"/pub/WWW/TheProject.html", b"/a;b/%20"),
    rfc9112.field_name: same(b"Host", b"content-length", b"X-!#$%&'*+-.^_`|~09"),
    rfc9112.field_value: same(b"", b"b", b"a  b", b"a\tb", b"\x80\xff", b'"q" (c), d;e=f'),
    rfc9112.obs_text: same(b"\x80", b"\xa0", b"\xff"),
    rfc9112.quoted_string: {b'"a"': b"a", b'""': b"", b'"a\\"b"': b'a"b', b'"\x80\t "': b"\x80\t "},
    rfc9112.token: same(b"gzip", b"chunked", b"!#$%&'*+-.^_`|~09azAZ"),
    rfc9112.transfer_coding: {
        b"chunked": coding(b"chunked"),
        b"GZip": coding(b"gzip"),
        b'x ; a=b ;C="d e"': coding(b"x", (b"a", b"b"), (b"c", b"d e")),
    },
    rfc9112.absolute_uri: {
        b"http://www.example.org:8001": URIReference(
            b"http", Authority(b"www.example.org", 8001), b""
        ),
        b"urn:a?b": URIReference(b"urn", None, b"a", b"b"),
    },
    rfc9112.authority: {b"www.example.org:8001": Authority(b"www.example.org", 8001)},
    rfc9112.port: same(b"", b"80", b"0080"),
    rfc9112.query: same(b"", b"q=now", b"a/b?c"),
    rfc9112.uri_host: same(b"www.example.com", b"192.0.2.16", b"[::1]", b""),
    # §2.3
    rfc9112.http_name: same(b"HTTP"),
    rfc9112.http_version: {
        b"HTTP/1.1": H11,
        b"HTTP/1.0": HTTPVersion(1, 0),
        b"HTTP/0.9": HTTPVersion(0, 9),
        b"HTTP/2.0": HTTPVersion(2, 0),
        b"HTTP/9.9": HTTPVersion(9, 9),
    },
    # §3
    rfc9112.method: same(b"GET", b"CONNECT", b"OPTIONS", b"M-SEARCH", b"get"),
    rfc9112.origin_form: {
        b"/where?q=now": origin(b"/where", b"q=now"),
        b"/": origin(b"/"),
        b"/pub/WWW/TheProject.html": origin(b"/pub/WWW/TheProject.html"),
        b"/a?": origin(b"/a", b""),
        b"//a?b?c": origin(b"//a", b"b?c"),
    },
    rfc9112.absolute_form: {
        b"http://www.example.org/pub/WWW/TheProject.html": URIReference(
            b"http", Authority(b"www.example.org"), b"/pub/WWW/TheProject.html"
        ),
        b"HTTP://u@[::1]:0/?": URIReference(b"HTTP", Authority(b"[::1]", 0, b"u"), b"/", b""),
    },
    rfc9112.authority_form: {
        b"www.example.com:80": Authority(b"www.example.com", 80),
        b"[::1]:443": Authority(b"[::1]", 443),
        b"192.0.2.16:08080": Authority(b"192.0.2.16", 8080),
        b"h:": Authority(b"h"),
        b":80": Authority(b"", 80),  # reg-name may be empty
        b"h:" + b"0" * 5000 + b"80": Authority(b"h", 80),
    },
    rfc9112.asterisk_form: same(b"*"),
    rfc9112.request_target: same(
        b"/where?q=now",
        b"http://www.example.org/pub/WWW/TheProject.html",
        b"www.example.com:80",
        b"*",
        b"example.com:80",  # authority-form, also an absolute-URI with scheme "example.com"
        b"a_b:80",  # authority-form only: "_" is no scheme character
    ),
    rfc9112.request_line: {
        b"GET /where?q=now HTTP/1.1": RequestLine(b"GET", b"/where?q=now", H11),
        b"GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1": RequestLine(
            b"GET", b"http://www.example.org/pub/WWW/TheProject.html", H11
        ),
        b"CONNECT www.example.com:80 HTTP/1.1": RequestLine(b"CONNECT", b"www.example.com:80", H11),
        b"OPTIONS * HTTP/1.1": RequestLine(b"OPTIONS", b"*", H11),
        b"OPTIONS http://www.example.org:8001 HTTP/1.1": RequestLine(
            b"OPTIONS", b"http://www.example.org:8001", H11
        ),
        b"get / HTTP/1.0": RequestLine(b"get", b"/", HTTPVersion(1, 0)),
    },
    # §4
    rfc9112.status_code: {b"200": 200, b"100": 100, b"000": 0, b"999": 999, b"099": 99},
    rfc9112.reason_phrase: same(b"OK", b"Not Found", b"\tx", b"\x80\xff", b" ", b"a  b\t"),
    rfc9112.status_line: {
        b"HTTP/1.1 200 OK": StatusLine(H11, 200, b"OK"),
        b"HTTP/1.1 200 ": StatusLine(H11, 200, b""),
        b"HTTP/1.0 404 Not Found": StatusLine(HTTPVersion(1, 0), 404, b"Not Found"),
        b"HTTP/1.1 200  OK ": StatusLine(H11, 200, b" OK "),
        b"HTTP/1.1 999 \x80": StatusLine(H11, 999, b"\x80"),
        b"HTTP/1.1 100 \t": StatusLine(H11, 100, b"\t"),
    },
    rfc9112.start_line: {
        b"GET / HTTP/1.1": RequestLine(b"GET", b"/", H11),
        b"HTTP/1.1 204 No Content": StatusLine(H11, 204, b"No Content"),
        # A method may be "HTTP": the second word decides.
        b"HTTP / HTTP/1.1": RequestLine(b"HTTP", b"/", H11),
    },
    # §5
    rfc9112.field_line: {
        b"Host: www.example.org": FieldLine(b"Host", b"www.example.org"),
        b"a:b": FieldLine(b"a", b"b"),
        b"a:  b  \t": FieldLine(b"a", b"b"),
        b"a:": FieldLine(b"a", b""),
        b"a: \t ": FieldLine(b"a", b""),
        b"a: b \x80\xff c": FieldLine(b"a", b"b \x80\xff c"),
        b"a: b  c": FieldLine(b"a", b"b  c"),
        b"Content-Type: text/html; charset=utf-8": FieldLine(
            b"Content-Type", b"text/html; charset=utf-8"
        ),
    },
    rfc9112.obs_fold: same(b"\r\n ", b" \r\n\t", b"\t\r\n  "),
    # §6
    rfc9112.message_body: same(b"", b"hello", b"\x00\r\n\xff"),
    rfc9112.transfer_encoding: {
        b"gzip, chunked": (coding(b"gzip"), coding(b"chunked")),
        b"chunked": (coding(b"chunked"),),
        b"": (),
        b"CHUNKED": (coding(b"chunked"),),
        # RFC 9110 §5.6.1.2: a recipient accepts and ignores empty list elements.
        b"gzip ,, chunked": (coding(b"gzip"), coding(b"chunked")),
        b", chunked,": (coding(b"chunked"),),
        b",": (),
    },
    # §7.1
    rfc9112.chunk_size: {
        b"0": 0,
        b"1": 1,
        b"ff": 255,
        b"FF": 255,
        b"aBc": 0xABC,
        b"000": 0,
        b"0010": 16,
        b"7fffffffffffffff": 2**63 - 1,
        # Larger than any length a 64-bit implementation holds: the rule is 1*HEXDIG, and
        # judging the size is the reader's business (RFC 9112 §7.1 "overflow").
        b"ffffffffffffffffffffffffffffffff": 2**128 - 1,
        b"1" + b"0" * 5000: 16**5000,
    },
    rfc9112.chunk_data: same(b"a", b"\r\n", b"\x00\xff"),
    rfc9112.chunk_ext_name: same(b"name", b"a.b", b"!"),
    rfc9112.chunk_ext_val: {
        b"token": b"token",
        b'"quoted value"': b"quoted value",
        b'"a\\"b"': b'a"b',
        b'""': b"",
    },
    rfc9112.chunk_ext: {
        b"": (),
        b";a": ((b"a", None),),
        b";a=b": ((b"a", b"b"),),
        b' ; a = "b c" ;d': ((b"a", b"b c"), (b"d", None)),
        b";a=b;a=c": ((b"a", b"b"), (b"a", b"c")),
        b";A=B": ((b"A", b"B"),),
    },
    rfc9112.last_chunk: {
        b"0\r\n": (),
        b"000\r\n": (),
        b"0;a=b\r\n": ((b"a", b"b"),),
        b"00 ; x\r\n": ((b"x", None),),
    },
    rfc9112.chunk: {
        b"5\r\nhello\r\n": Chunk(5, (), b"hello"),
        b"1;a=b\r\n\x00\r\n": Chunk(1, ((b"a", b"b"),), b"\x00"),
        b"A\r\n0123456789\r\n": Chunk(10, (), b"0123456789"),
        b"0005\r\nhello\r\n": Chunk(5, (), b"hello"),
        b"2\r\n\r\n\r\n": Chunk(2, (), b"\r\n"),
        b'3 ; a="\\"" ; b\r\n0\r\n\r\n': Chunk(3, ((b"a", b'"'), (b"b", None)), b"0\r\n"),
    },
    rfc9112.trailer_section: {
        b"": (),
        EXPIRES + b"\r\n": (FieldLine(b"Expires", b"Wed, 21 Oct 2015 07:28:00 GMT"),),
        b"a: b\r\nc:\r\n": (FieldLine(b"a", b"b"), FieldLine(b"c", b"")),
    },
    rfc9112.chunked_body: {
        b"0\r\n\r\n": ChunkedBody((), (), ()),
        b"5\r\nhello\r\n0\r\n\r\n": ChunkedBody((Chunk(5, (), b"hello"),), (), ()),
        b'4;a=b\r\nWiki\r\n5\r\npedia\r\n000;x="y"\r\n' + EXPIRES + b"\r\n\r\n": ChunkedBody(
            (Chunk(4, ((b"a", b"b"),), b"Wiki"), Chunk(5, (), b"pedia")),
            ((b"x", b"y"),),
            (FieldLine(b"Expires", b"Wed, 21 Oct 2015 07:28:00 GMT"),),
        ),
        # chunk-data is any octets, a CRLF and what looks like a last chunk included.
        b"5\r\n0\r\n\r\n\r\n0\r\n\r\n": ChunkedBody((Chunk(5, (), b"0\r\n\r\n"),), (), ()),
    },
    # §2.1
    rfc9112.http_message: {
        b"GET /where?q=now HTTP/1.1\r\nHost: www.example.org\r\n\r\n": HTTPMessage(
            RequestLine(b"GET", b"/where?q=now", H11),
            (FieldLine(b"Host", b"www.example.org"),),
            b"",
        ),
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello": HTTPMessage(
            StatusLine(H11, 200, b"OK"), (FieldLine(b"Content-Length", b"5"),), b"hello"
        ),
        b"HTTP/1.1 204 \r\n\r\n": HTTPMessage(StatusLine(H11, 204, b""), (), b""),
        # The body is every octet after the header section, blank lines included.
        b"OPTIONS * HTTP/1.1\r\n\r\n\r\n\r\n": HTTPMessage(
            RequestLine(b"OPTIONS", b"*", H11), (), b"\r\n\r\n"
        ),
    },
}
INVALID: dict[Rule[Any], list[bytes]] = {
    rfc9112.bws: [b"x", b"\r\n", b" \n", b"\xa0"],
    rfc9112.ows: [b"\r\n ", b"\xa0", b"x", b"\x0b"],
    rfc9112.rws: [b"", b"\r\n", b"x", b" x"],
    rfc9112.absolute_path: [b"", b"a", b"/a?b", b"/a b", b"*", b"/a#"],
    rfc9112.field_name: [b"", b"a b", b"a:", b"(a)", b"\x80", b"a\r", b"a\x00", b"a/b"],
    rfc9112.field_value: [b" a", b"a ", b"a\r\nb", b"\x00", b"a\x7f", b"\r", b"\n", b"a\x00b"],
    rfc9112.obs_text: [b"\x7f", b"a", b"", b"\x80\x80"],
    rfc9112.quoted_string: [b'"', b'"a', b'a"', b'"\\"', b'"\x00"', b'"\r\n"', b'"\x7f"'],
    rfc9112.token: [b"", b"a b", b"a,b", b'"a"', b"a/b", b"\x80", b"a:", b"a;"],
    rfc9112.transfer_coding: [b"", b"gzip;", b"a/b", b"gzip;q", b"gzip, br", b'"gzip"'],
    rfc9112.absolute_uri: [b"/a", b"http://a/#f", b"*", b"", b"http://a b"],
    rfc9112.authority: [b"a b", b"a@b@c", b"a:b", b"a/b"],
    rfc9112.port: [b"a", b"-1", b" 80"],
    rfc9112.query: [b"#", b" ", b"%", b"a#b"],
    rfc9112.uri_host: [b"a b", b"a:80", b"[::1", b"a/b"],
    rfc9112.http_name: [b"http", b"Http", b"HTTp", b"HTTPS", b"", b"HTTP/"],
    rfc9112.http_version: [
        b"http/1.1",
        b"Http/1.1",
        b"HTTP/1",
        b"HTTP/1.10",
        b"HTTP/11.1",
        b"HTTP/1.1 ",
        b"HTTP 1.1",
        b"HTTP/a.b",
        b"HTTP/2",
        b"HTTP/1,1",
        b"HTTPS/1.1",
        b"",
    ],
    rfc9112.method: [b"", b"GET ", b"G T", b"GET/", b"\x80", b"GET\r\n"],
    rfc9112.origin_form: [b"", b"*", b"where", b"/a#f", b"/a b", b"http://a/", b"/%"],
    rfc9112.absolute_form: [b"/a", b"http://a/#f", b"*", b"", b"a", b"http://a\x80"],
    rfc9112.authority_form: [b"www.example.com", b"u@h:80", b"h:80/", b"h:a", b"[::1]", b""],
    rfc9112.asterisk_form: [b"", b"**", b"/*", b"*/"],
    rfc9112.request_target: [b"", b"/a b", b"/a#b", b"**", b"\x80", b"a b:80", b"http://a/#"],
    rfc9112.request_line: [
        b"GET /where?q=now HTTP/1.1\r\n",  # the line, without its CRLF
        b"GET  / HTTP/1.1",
        b"GET / http/1.1",
        b"GET / HTTP/1.1 ",
        b"GET\t/ HTTP/1.1",
        b" GET / HTTP/1.1",
        b"GET /a b HTTP/1.1",
        b"GET / HTTP/1.1\r",
        b"GET /",
        b"GET / HTTP/1.1/",
        b"GET /\x00 HTTP/1.1",
        b"/ HTTP/1.1",
    ],
    rfc9112.status_code: [b"99", b"1000", b"", b"2x0", b" 200", b"20", b"+20"],
    rfc9112.reason_phrase: [b"", b"a\r\nb", b"a\x00", b"\x7f", b"a\nb", b"a\rb"],
    rfc9112.status_line: [
        b"HTTP/1.1 200",
        b"HTTP/1.1 99 OK",
        b"HTTP/1.1 99 ",
        b"HTTP/1.1 1000 OK",
        b"HTTP/1.1 1000 ",
        b"http/1.1 200 OK",
        b"HTTP/1.1  200 OK",
        b"HTTP/1.1 200 OK\r\n",
        b"HTTP/1.1 200 O\rK",
        b"HTTP/1.1 200 O\nK",
        b"HTTP/1.1 200 O\x00K",
        b"HTTP/1.1 2OO OK",
        b"HTTP/1.1\t200 OK",
    ],
    rfc9112.start_line: [b"", b"GET /", b"HTTP/1.1 200", b"HTTP/1.1 / HTTP/1.1"],
    rfc9112.field_line: [
        b"a : b",  # §5.1: no whitespace between the field name and the colon
        b"a\t: b",
        b" a: b",
        b"a b: c",
        b": b",
        b"a: b\r\n",
        b"a: b\rc",
        b"a: b\nc",
        b"a: b\x00",
        b"a:\x00",
        b"a: \x7f",
        b"a",
        b"a: b\r\n c",  # obs-fold is no part of a field-line
    ],
    rfc9112.obs_fold: [b"\r\n", b" \r\n", b"\r\n\r\n ", b"\n ", b"\r ", b"", b" "],
    rfc9112.message_body: [],  # every octet string is one
    rfc9112.transfer_encoding: [b"gzip chunked", b"gzip;", b"a/b", b"gzip,\r\nchunked", b'"a"'],
    rfc9112.chunk_size: [b"", b"g", b"-1", b"0x10", b" 1", b"1 ", b"1;"],
    rfc9112.chunk_data: [b""],
    rfc9112.chunk_ext_name: [b"", b"a b", b"a=b", b'"a"', b"a;"],
    rfc9112.chunk_ext_val: [b"", b"a b", b'"a', b"a;b", b'"\r\n"'],
    rfc9112.chunk_ext: [b";", b"a", b";a=", b";=b", b";a b", b"; a=b c", b';a="b', b";a\r\n"],
    rfc9112.last_chunk: [b"0", b"1\r\n", b"\r\n", b"0\n", b"0 \r\n", b"0x0\r\n", b"0\r\n\r\n"],
    rfc9112.chunk: [
        b"0\r\n\r\n",  # a chunk-size of 0 is the last chunk
        b"5\r\nhell\r\n",  # fewer octets than the size
        b"5\r\nhello!\r\n",  # more
        b"5\r\nhello",
        b"5\nhello\r\n",
        b"5\r\nhello\n",
        b"g\r\nhello\r\n",
        b"\r\nhello\r\n",
        b"5 \r\nhello\r\n",
    ],
    rfc9112.trailer_section: [b"a: b", b"a: b\n", b"a: b\r\n\r\n", b": b\r\n", b"a: b\r\n c\r\n"],
    rfc9112.chunked_body: [
        b"0\r\n",
        b"",
        b"5\r\nhello\r\n",
        b"5\r\nhello\r\n0\r\n",
        b"0\r\n\r\nx",
        b"5\r\nhell\r\n0\r\n\r\n",
        b"0\r\nT: v\r\n",
        b"0\n\n",
        b"5\r\nhello0\r\n\r\n",
    ],
    rfc9112.http_message: [
        b"",
        b"GET / HTTP/1.1\r\n",
        b"GET / HTTP/1.1\n\n",
        b"GET / HTTP/1.1\r\nHost : a\r\n\r\n",
        b"GET / HTTP/1.1\r\n a: b\r\n\r\n",
        b"GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n",  # obs-fold: not in the message grammar
        b"GET / HTTP/1.1\r\nA: b\n\r\n",
        b"\r\nGET / HTTP/1.1\r\n\r\n",
    ],
}
# Rules no input of which is invalid.
EVERYTHING_VALID = {rfc9112.message_body}
SIZED = {rfc9112.chunk, rfc9112.chunked_body}


@pytest.mark.parametrize(
    ("message_rule", "data", "value"),
    [
        pytest.param(r, d, v, id=f"{r.name}:{d[:60]!r}")
        for r, examples in VALID.items()
        for d, v in examples.items()
    ],
)
def test_valid_examples(message_rule: Rule[Any], data: bytes, value: Any) -> None:
    assert message_rule.parse(data) == value
    if message_rule.compiled is not None:
        assert message_rule.compiled.fullmatch(data)


@pytest.mark.parametrize(
    ("message_rule", "data"),
    [pytest.param(r, d, id=f"{r.name}:{d!r}") for r, texts in INVALID.items() for d in texts],
)
def test_invalid_examples(message_rule: Rule[Any], data: bytes) -> None:
    assert not accepts(message_rule, data)
    if message_rule.compiled is not None:
        assert not message_rule.compiled.fullmatch(data)


def test_every_rule_has_valid_and_invalid_examples() -> None:
    assert set(VALID) == set(INVALID) == set(RULES)
    assert all(VALID[r] for r in RULES)
    assert {r for r in RULES if not INVALID[r]} == EVERYTHING_VALID


def test_only_the_sized_rules_have_no_pattern() -> None:
    # RFC 9112 §7.1: a regular expression cannot count chunk-size octets.
    assert {r for r in RULES if r.compiled is None} == SIZED


# --- against RFC 9112's ABNF --------------------------------------------------------------------


def oracle_accepts(message_rule: Rule[Any], data: bytes) -> bool:
    """Whether RFC 9112's ABNF, read by the engine, has ``data`` in ``message_rule``."""
    return engine_accepts(rfc9112_grammar(), message_rule.name, data)


# -- lists

RECIPIENT_TRANSFER_ENCODING = "recipient-Transfer-Encoding"


def recipient_grammar() -> type[OracleRule]:
    """The oracle's RFC 9112, with Transfer-Encoding as RFC 9110 §5.6.1.2 says a recipient
    reads ``#transfer-coding``."""
    grammar = rfc9112_grammar()
    if grammar.get(RECIPIENT_TRANSFER_ENCODING) is None:
        grammar.create(
            f'{RECIPIENT_TRANSFER_ENCODING} = [ transfer-coding ] *( OWS "," OWS '
            "[ transfer-coding ] )"
        )
    return grammar


# -- sized chunks


def _chunk_head(data: bytes, position: int) -> tuple[int, int] | None:
    """Where the chunk head starting at ``position`` ends, and the size it states.

    Neither chunk-size nor chunk-ext holds CR or LF, so the first CRLF ends the head."""
    digits = re.match(rb"[0-9A-Fa-f]+", data[position:])
    end = data.find(b"\r\n", position)
    if digits is None or end < 0:
        return None
    return end + 2, int(digits.group(), 16)


def reference_chunk(data: bytes) -> bool:
    """RFC 9112 §7.1 ``chunk``: the ABNF's, with exactly chunk-size octets of chunk-data."""
    head = _chunk_head(data, 0)
    if head is None:
        return False
    end, size = head
    return len(data) == end + size + 2 and oracle_accepts(rfc9112.chunk, data)


def reference_chunked_body(data: bytes) -> bool:
    """RFC 9112 §7.1 ``chunked-body``: chunks split by their sizes, each judged by the
    engine, then ``last-chunk trailer-section CRLF``. A chunk-size of zero is the last
    chunk's: chunk-data is ``1*OCTET``."""
    position = 0
    while (head := _chunk_head(data, position)) is not None and head[1] > 0:
        end = head[0] + head[1] + 2
        if not oracle_accepts(rfc9112.chunk, data[position:end]):
            return False
        position = end
    if head is None or not data.endswith(b"\r\n") or len(data) < head[0] + 2:
        return False
    last, trailers = data[position : head[0]], data[head[0] : -2]
    return oracle_accepts(rfc9112.last_chunk, last) and oracle_accepts(
        rfc9112.trailer_section, trailers
    )


def rfc_accepts(message_rule: Rule[Any], data: bytes) -> bool:
    """What RFC 9112 says of ``data`` as ``message_rule``: its ABNF, with the prose on chunk
    sizes and the recipient's reading of lists (see the module docstring)."""
    if message_rule is rfc9112.chunk:
        return reference_chunk(data)
    if message_rule is rfc9112.chunked_body:
        return reference_chunked_body(data)
    if message_rule is rfc9112.transfer_encoding:
        return engine_accepts(recipient_grammar(), RECIPIENT_TRANSFER_ENCODING, data)
    return oracle_accepts(message_rule, data)


@st.composite
def chunks(draw: st.DrawFn, *, sized: bool) -> bytes:
    """1 to 6 octets of data in a chunk whose size (any case, leading zeros) states their
    number when ``sized``, and is any of 0 to 7 when not."""
    data = draw(st.binary(min_size=1, max_size=6))
    size = b"%0*x" % (draw(st.integers(1, 3)), len(data) if sized else draw(st.integers(0, 7)))
    size = size.upper() if draw(st.booleans()) else size
    extension = draw(short(rfc9112.chunk_ext))[:12]
    return size + extension + b"\r\n" + data + b"\r\n"


ANY_CHUNK = st.one_of(chunks(sized=True), chunks(sized=False))


@st.composite
def chunked_bodies(draw: st.DrawFn) -> bytes:
    body = b"".join(draw(st.lists(ANY_CHUNK, max_size=2)))
    last = b"0" * draw(st.integers(1, 3)) + draw(short(rfc9112.chunk_ext))[:12] + b"\r\n"
    return body + last + draw(short(rfc9112.trailer_section))[:30] + b"\r\n"


def inputs(message_rule: Rule[Any]) -> st.SearchStrategy[bytes]:
    """Short inputs for the oracle: valid ones and mutations of them."""
    if message_rule is rfc9112.chunk:
        return st.one_of(ANY_CHUNK, mutated(ANY_CHUNK))
    if message_rule is rfc9112.chunked_body:
        return st.one_of(chunked_bodies(), mutated(chunked_bodies()))
    return short_inputs(message_rule)


@pytest.mark.parametrize(
    ("message_rule", "data"),
    [
        pytest.param(r, d, id=f"{r.name}:{d[:60]!r}")
        for r, examples in VALID.items()
        for d in examples
        if len(d) < 200  # the oracle is slow
    ],
)
def test_the_rfc_accepts_the_valid_examples(message_rule: Rule[Any], data: bytes) -> None:
    assert rfc_accepts(message_rule, data)


@pytest.mark.parametrize(
    ("message_rule", "data"),
    [pytest.param(r, d, id=f"{r.name}:{d!r}") for r, texts in INVALID.items() for d in texts],
)
def test_the_rfc_rejects_the_invalid_examples(message_rule: Rule[Any], data: bytes) -> None:
    assert not rfc_accepts(message_rule, data)


@pytest.mark.parametrize("message_rule", RULES, ids=rule_id)
@given(data=st.data())
def test_parser_agrees_with_the_rfc(message_rule: Rule[Any], data: st.DataObject) -> None:
    sample = data.draw(inputs(message_rule), label="input")
    assert accepts(message_rule, sample) == rfc_accepts(message_rule, sample)


@given(short_inputs(rfc9112.transfer_encoding))
def test_transfer_encoding_accepts_all_that_a_sender_may_send(sample: bytes) -> None:
    if oracle_accepts(rfc9112.transfer_encoding, sample):
        assert accepts(rfc9112.transfer_encoding, sample)


def test_what_the_rfcs_prose_adds_to_its_abnf() -> None:
    # Empty list elements are the recipient's (RFC 9110 §5.6.1.2), not the sender's ABNF.
    assert accepts(rfc9112.transfer_encoding, b"gzip ,, chunked")
    assert not oracle_accepts(rfc9112.transfer_encoding, b"gzip ,, chunked")
    # "5\r\nhell\r\n" is a chunk to the ABNF (chunk-data = 1*OCTET), not to §7.1's prose.
    assert oracle_accepts(rfc9112.chunk, b"5\r\nhell\r\n")
    assert not accepts(rfc9112.chunk, b"5\r\nhell\r\n")


# --- the RFC's example messages -------------------------------------------------------------


def _rfc9112_examples() -> list[str]:
    path = SHARED_RFC / "rfc_http_message_examples.json"
    if not path.exists():
        return []
    return [e["text"] for e in json.loads(path.read_text()) if e["rfc"] == "9112"]


def _split_field(line: bytes) -> FieldLine:
    name, _, value = line.partition(b":")
    return FieldLine(name, value.strip(b" \t"))


def _start_line(line: bytes) -> RequestLine | StatusLine | None:
    """The start line ``line`` is, read by splitting it at its spaces; None if none."""
    request = re.fullmatch(rb"(\S+) (\S+) HTTP/(\d)\.(\d)", line)
    if request:
        method, target, major, minor = request.groups()
        return RequestLine(method, target, HTTPVersion(int(major), int(minor)))
    status = re.fullmatch(rb"HTTP/(\d)\.(\d) (\d{3}) (.*)", line)
    if status:
        major, minor, code, reason = status.groups()
        return StatusLine(HTTPVersion(int(major), int(minor)), int(code), reason)
    return None


@pytest.mark.parametrize("example", _rfc9112_examples() or [None])
def test_rfc_example_messages_parse(example: str | None) -> None:
    # What the parsed value must hold, read independently: the start line's words, the field
    # lines split at their first colon. An example without a start line is field lines.
    if example is None:
        pytest.skip(f"{SHARED_RFC} is absent (it lives beside the checkout)")
    lines = example.encode("latin-1").split(b"\n")
    start = _start_line(lines[0])
    if start is None:
        assert tuple(map(rfc9112.field_line.parse, lines)) == tuple(map(_split_field, lines))
        return
    message = rfc9112.http_message.parse(b"\r\n".join(lines) + b"\r\n\r\n")
    assert message == HTTPMessage(start, tuple(map(_split_field, lines[1:])), b"")


# --- properties of the message syntax --------------------------------------------------------

LINES = [rfc9112.request_line, rfc9112.status_line, rfc9112.field_line, rfc9112.start_line]


@pytest.mark.parametrize("line_rule", LINES, ids=rule_id)
@given(data=st.data())
def test_a_bare_cr_lf_or_nul_anywhere_breaks_a_line(
    line_rule: Rule[Any], data: st.DataObject
) -> None:
    line = data.draw(line_rule.strategy(), label="line")
    position = data.draw(st.integers(0, len(line)), label="position")
    octet = data.draw(st.sampled_from([b"\r", b"\n", b"\x00"]), label="octet")
    broken = line[:position] + octet + line[position:]
    assert not accepts(line_rule, broken)
    assert line_rule.compiled is not None
    assert not line_rule.compiled.fullmatch(broken)


@given(rfc9112.field_line.strategy(), st.sampled_from([b" ", b"\t", b" \t"]))
def test_whitespace_before_the_colon_is_rejected(line: bytes, blank: bytes) -> None:
    # RFC 9112 §5.1: "No whitespace is allowed between the field name and colon."
    name, _, rest = line.partition(b":")
    assert rfc9112.field_line.parse(line).name == name
    assert not accepts(rfc9112.field_line, name + blank + b":" + rest)


@given(rfc9112.field_line.strategy())
def test_a_field_value_has_no_surrounding_whitespace(line: bytes) -> None:
    value = rfc9112.field_line.parse(line).value
    assert value == value.strip(b" \t")
    assert value in line


@given(st.binary())
def test_every_octet_string_is_a_message_body(data: bytes) -> None:
    assert rfc9112.message_body.parse(data) == data


@given(st.integers(0, 2**200), st.booleans(), st.integers(0, 4))
def test_chunk_size_is_the_hexadecimal_number_of_any_size(
    size: int, upper: bool, zeros: int
) -> None:
    text = b"0" * zeros + (b"%X" if upper else b"%x") % size
    assert rfc9112.chunk_size.parse(text) == size


def test_case_sensitivity_is_the_abnfs() -> None:
    # HTTP-name is %x48.54.54.50: case-sensitive (RFC 9112 §2.3). chunk-size's HEXDIG and
    # absolute-form's scheme take either case. Methods and field names keep their case.
    assert not accepts(rfc9112.http_version, b"http/1.1")
    assert not accepts(rfc9112.request_line, b"GET / Http/1.1")
    assert rfc9112.chunk_size.parse(b"aBcD") == rfc9112.chunk_size.parse(b"ABCD") == 0xABCD
    assert rfc9112.request_line.parse(b"get HTTP://EXAMPLE.COM/ HTTP/1.1") == RequestLine(
        b"get", b"HTTP://EXAMPLE.COM/", H11
    )
    assert rfc9112.field_line.parse(b"HOST: a").name == b"HOST"


def test_a_captured_request_line_pattern_gives_the_parsers_parts() -> None:
    # The hot path's use of the grammar: one pattern, the parts as named groups.
    pattern = compile_pattern(
        rfc9112.request_line, rfc9112.method, rfc9112.request_target, rfc9112.http_version
    )
    for line in VALID[rfc9112.request_line]:
        found = pattern.fullmatch(line)
        assert found is not None
        parsed = rfc9112.request_line.parse(line)
        assert (found["method"], found["request_target"]) == (parsed.method, parsed.target)
        assert rfc9112.http_version.parse(found["http_version"]) == parsed.version


def test_a_captured_field_line_pattern_gives_the_parsers_parts() -> None:
    pattern = compile_pattern(rfc9112.field_line, rfc9112.field_name, rfc9112.field_value)
    for line in VALID[rfc9112.field_line]:
        found = pattern.fullmatch(line)
        assert found is not None
        parsed = rfc9112.field_line.parse(line)
        assert FieldLine(found["field_name"], found["field_value"]) == parsed
