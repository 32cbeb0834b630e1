"""Errors say what failed: the rule, its RFC section, the byte offset, the offending line."""

from __future__ import annotations

import parsy
import pytest
from hypothesis import given
from hypothesis import strategies as st

import h11pc
from grammar.abnf import opt, seq
from grammar.rfc5234 import crlf
from grammar.rfc9112 import chunk_ext, chunk_size, status_line
from h11pc._diagnose import chunk_line_error, head_error
from h11pc._patterns import CHUNK_LINE, request_line_received

from .support import bounded_events, client_after_request

REQUEST_LINE = (request_line_received, "request-line", "RFC 9112 §3")
STATUS_LINE = (status_line.node, status_line.name, status_line.section)


@pytest.mark.parametrize(
    ("head", "rule", "offset", "prefix"),
    [
        (b"GET /a b HTTP/1.1\r\n\r\n", "request-line", 7, "illegal request line"),
        (b"GET / HTTP/1.1\r\nHost: a\r\nX Y: z\r\n\r\n", "field-line", 26, "illegal header line"),
        (b"GET / HTTP/1.1\r\nA: b\x00\r\n\r\n", "field-line", 20, "illegal header line"),
    ],
)
def test_head_errors(head: bytes, rule: str, offset: int, prefix: str) -> None:
    error = head_error(head, REQUEST_LINE, "illegal request line")
    assert (error.rule, error.offset) == (rule, offset)
    assert str(error).startswith(f"{prefix} at byte {offset}: {rule} (RFC 9112 §")
    assert error.section is not None and error.section.startswith("RFC 9112 §")


def test_status_line_error_names_the_rule() -> None:
    error = head_error(b"HTTP/1.1 20 OK\r\n\r\n", STATUS_LINE, "illegal status line")
    assert error.rule == "status-line" and error.offset == 9
    assert "expected status-code" in str(error)


def test_fold_at_start_of_fields() -> None:
    error = head_error(b"GET / HTTP/1.1\r\n folded\r\n\r\n", REQUEST_LINE, "illegal request line")
    assert str(error).startswith("continuation line at start of headers")
    assert error.offset == 16


def test_long_lines_are_excerpted() -> None:
    error = head_error(b"GET / HTTP/1.1\r\nX:" + b"a" * 200 + b"\x01\r\n\r\n", REQUEST_LINE, "x")
    assert len(str(error)) < 300 and "..." in str(error)


def test_trailer_errors() -> None:
    error = head_error(b"Bad Trailer\r\n\r\n", None, "illegal header line")
    assert error.rule == "field-line" and error.offset == 3


def test_chunk_line_error() -> None:
    error = chunk_line_error(b"1g\r\n")
    assert error.rule == "chunk-size line" and error.offset == 1
    assert str(error).startswith("illegal chunk header at byte 1")


_WHOLE_CHUNK_LINE = seq(chunk_size, opt(chunk_ext), crlf).parser()


@given(
    st.tuples(chunk_size.strategy(), opt(chunk_ext).strategy()).map(b"".join),
    st.binary(max_size=6) | st.lists(st.sampled_from(b' \t;="\\a\x01\r\n')).map(bytes),
)
def test_a_chunk_line_is_explained_as_the_whole_line_parsed_explains_it(
    extended: bytes, tail: bytes
) -> None:
    # The explanation parses from the last extension the pattern proves whole: the offset
    # and the expected set must be those of parsing the line from its start.
    line = extended + tail + b"\r\n"
    if CHUNK_LINE.fullmatch(line) is not None:
        return
    with pytest.raises(parsy.ParseError) as failure:
        _WHOLE_CHUNK_LINE.parse(line)
    error = chunk_line_error(line, 3)
    assert error.offset == 3 + failure.value.index
    assert f"expected {' or '.join(sorted(failure.value.expected))}" in str(error)


def test_a_line_of_many_extensions_is_explained_at_its_end() -> None:
    line = b"1" + b";a=b" * 4000 + b";c\x01\r\n"
    error = chunk_line_error(line)
    assert error.offset == len(line) - 3 and "expected %x3B or %x3D or CRLF" in str(error)


# -- every way received bytes are refused names rule, section, byte and text -----------------

_POST = b"POST / HTTP/1.1\r\nHost: a\r\n"
_CHUNKED = _POST + b"Transfer-Encoding: chunked\r\n\r\n"
_RESPONSE = b"HTTP/1.1 200 OK\r\n"

REFUSALS = [
    # (role, input, EOF after it, the rule named)
    ("server", b"GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", False, "request-line"),
    ("server", b"\x16\x03\x01\x00\xa5\x01\x00\x00", False, "request-line"),
    ("server", b"GET / HTTP/1.1\nHost: a\n", False, "CRLF"),
    ("server", b"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n", False, "obs-fold"),
    ("server", b"GET / HTTP/1.1\r\n X: a\r\n\r\n", False, "obs-fold"),
    ("server", b"GET / HTTP/1.1\r\nHost: a\r\nX Y: z\r\n\r\n", False, "field-line"),
    ("server", b"GET / HTTP/1.1\r\n\r\n", False, "Host"),
    ("server", b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", False, "Host"),
    ("server", b"GET / HTTP/1.1\r\nHost: a b\r\n\r\n", False, "Host"),
    ("server", b"GET / HTTP/2.0\r\nHost: a\r\n\r\n", False, "HTTP-version"),
    ("server", b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\n", False, "request-target"),
    ("server", b"GET / HTTP/1.1\r\nX: " + b"a" * 20000, False, "message head"),
    ("server", _POST + b"Content-Length: 1\r\nContent-Length: 2\r\n\r\n", False, "Content-Length"),
    ("server", _POST + b"Content-Length: x\r\n\r\n", False, "Content-Length"),
    ("server", _POST + b"Transfer-Encoding: gzip\r\n\r\n", False, "Transfer-Encoding"),
    ("server", _POST + b"Transfer-Encoding: chunked;\r\n\r\n", False, "Transfer-Encoding"),
    ("server", _POST + b"Content-Length: 5\r\n\r\nab", True, "message-body"),
    ("server", b"GET / HTTP/1.1\r\nHost: a\r\n", True, "HTTP-message"),
    ("server", _CHUNKED + b"2\r\nab\r\n", True, "chunked-body"),
    ("server", _CHUNKED + b"z\r\n", False, "chunk-size line"),
    ("server", _CHUNKED + b"2\r\nabc", False, "chunk"),
    ("server", _CHUNKED + b"f" * 17 + b"\r\n", False, "chunk-size"),
    ("server", _CHUNKED + b"1;" + b"x" * 20000, False, "chunk-size line"),
    ("server", _CHUNKED + b"0\r\nX\r\n\r\n", False, "field-line"),
    ("server", _CHUNKED + b"0\r\nX: a\r\n b\r\n\r\n", False, "obs-fold"),
    ("server", _CHUNKED + b"0\r\nX: a\n", False, "CRLF"),
    ("server", b"GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n", False, "HTTP-message"),
    ("client", b"HTTP/1.1 099 Odd\r\n\r\n", False, "status-code"),
    ("client", b"HTTP/1.1 101 Switching\r\nUpgrade: h2c\r\n\r\n", False, "status-code"),
    ("client", b"", True, "HTTP-message"),
    ("client", _RESPONSE + b"Transfer-Encoding: gzip, chunked\r\n\r\n", False, "Transfer-Encoding"),
    ("client", b"SSH-2.0-OpenSSH_9.6\r\n", False, "status-line"),
]


@pytest.mark.parametrize(("role", "data", "eof", "rule"), REFUSALS)
def test_every_refusal_is_located(role: str, data: bytes, eof: bool, rule: str) -> None:
    """Whatever the path -- the grammar, a field's meaning, framing, a limit, the state
    machine, the end of input -- the RemoteProtocolError says what failed where."""
    conn = client_after_request(h11pc) if role == "client" else h11pc.Connection(h11pc.SERVER)
    with pytest.raises(h11pc.RemoteProtocolError) as info:
        for piece in [data, b""] if eof else [data]:
            conn.receive_data(piece)
            for event in bounded_events(conn):
                if type(event) is h11pc.EndOfMessage and conn.their_role is h11pc.CLIENT:
                    conn.send(h11pc.Response(status_code=200, headers=[]))
                    conn.send(h11pc.EndOfMessage())
    error = info.value
    assert error.rule == rule
    assert error.section is not None and error.section.startswith("RFC ")
    assert error.offset is not None and error.offset >= 0
    assert f" at byte {error.offset}: {rule} ({error.section}): " in str(error)


_POST = b"POST / HTTP/1.1\r\nHost: a\r\n"
_CHUNKED_POST = _POST + b"Transfer-Encoding: chunked\r\n\r\n"

BODY_REFUSALS = [
    (
        _POST + b"Content-Length: 5\r\n\r\nabc",
        "peer closed connection without sending complete message body at byte 3: "
        "message-body (RFC 9112 §8): received 3 bytes, expected 5",
    ),
    (
        _CHUNKED_POST + b"3\r\nabcX\r\n",
        "chunk-data not followed by CRLF at byte 6: chunk (RFC 9112 §7.1): a chunk's data is "
        "exactly chunk-size octets, then CRLF; got b'X\\r'",
    ),
    (
        _CHUNKED_POST + b"3\r\nabc\r\n8000000000000000\r\n",
        "chunk-size too large at byte 8: chunk-size (RFC 9112 §7.1): more than "
        "9223372036854775807 octets; got b'8000000000000000\\r\\n'",
    ),
    (
        _CHUNKED_POST + b"5\nhello\r\n0\r\n\r\n",
        "illegal chunk header at byte 1: chunk-size line (RFC 9112 §7.1): expected %x3B or "
        "CRLF (a bare CR or LF: lines end with CRLF, RFC 9112 §2.2); got b'5\\nhello\\r\\n'",
    ),
    (
        # A bare LF at the very start of the line: there is no octet before it to look at.
        _CHUNKED_POST + b"\n0\r\n\r\n",
        "illegal chunk header at byte 0: chunk-size line (RFC 9112 §7.1): expected "
        "chunk-size (a bare CR or LF: lines end with CRLF, RFC 9112 §2.2); got b'\\n0\\r\\n'",
    ),
    (
        # A chunk of 0x20 octets, not of int("20", 17): the line after it is empty.
        _CHUNKED_POST + b"20\r\n" + b"x" * 32 + b"\r\n\r\n",
        "illegal chunk header at byte 38: chunk-size line (RFC 9112 §7.1): expected "
        "chunk-size; got b'\\r\\n'",
    ),
    (
        _CHUNKED_POST + b"0\r\nX: y\nZ: w\r\n\r\n",
        "illegal header line at byte 4: CRLF (RFC 9112 §2.2): a bare LF ends no line (the "
        "BARE_LF leniency accepts it in a head); got b'X: y\\n'",
    ),
    (
        _CHUNKED_POST + b"0\r\nX y\r\n\r\n",
        "illegal header line at byte 1: field-line (RFC 9112 §5): expected \":\"; got b'X y'",
    ),
    (
        _CHUNKED_POST + b"3\r\nab",
        "peer closed connection without sending complete message body at byte 5: "
        "chunked-body (RFC 9112 §8): incomplete chunked read",
    ),
    (
        # EOF between chunks, after the last chunk, after a chunk read step by step.
        _CHUNKED_POST + b"3\r\nabc\r\n",
        "peer closed connection without sending complete message body at byte 8: "
        "chunked-body (RFC 9112 §8): incomplete chunked read",
    ),
    (
        _CHUNKED_POST + b"3\r\nabc\r\n0\r\n",
        "peer closed connection without sending complete message body at byte 11: "
        "chunked-body (RFC 9112 §8): incomplete chunked read",
    ),
    (
        _CHUNKED_POST + b"3;x\r\nabc\r\n",
        "peer closed connection without sending complete message body at byte 10: "
        "chunked-body (RFC 9112 §8): incomplete chunked read",
    ),
    (
        b"GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n",
        "Got data when expecting EOF at byte 0: HTTP-message (RFC 9112 §9.6): nothing may "
        "follow the last message on a connection that closes; got b'GET / HTTP/1.0\\r\\n\\r\\n'",
    ),
]


@pytest.mark.parametrize(("data", "message"), BODY_REFUSALS)
@pytest.mark.parametrize("split", [False, True])
def test_each_body_refusal_says_what_where_and_why(data: bytes, message: str, split: bool) -> None:
    """The whole message of each refusal a body reader makes (h11's words first, then
    the byte, the rule, its section, the reason, the octets at fault), whole or byte by
    byte (the input then EOF)."""
    conn = h11pc.Connection(h11pc.SERVER)
    pieces = [data[i : i + 1] for i in range(len(data))] if split else [data]
    with pytest.raises(h11pc.RemoteProtocolError) as info:
        for piece in [*pieces, b""]:
            conn.receive_data(piece)
            for _ in bounded_events(conn):
                pass
    # What is quoted is what had arrived: byte by byte, less of it.
    assert str(info.value).partition("; got ")[0] == message.partition("; got ")[0]
    if not split:
        assert str(info.value) == message
