"""Safe defaults where request smuggling lives (RFC 9112 §2.2, §5, §6, §7.1): each refused
with the status hint the RFC names, whole and one byte at a time, the error naming the rule,
the section and the byte; and what the RFC requires accepting, accepted."""

from __future__ import annotations

from typing import Any

import pytest

import h11pc
from h11pc import (
    CLIENT,
    SERVER,
    Connection,
    Data,
    EndOfMessage,
    InformationalResponse,
    RemoteProtocolError,
    Request,
    Response,
)

from .support import bounded_events, client_after_request, merge_data, server_events

POST = b"POST / HTTP/1.1\r\nHost: a\r\n"
POST_1_2 = POST.replace(b"1.1", b"1.2")


def refusal(data: bytes, role: Any = SERVER, method: bytes = b"GET") -> RemoteProtocolError:
    """The error ``data`` gets from a connection of ``role`` (a client: after a ``method``
    request), the same whole and byte by byte."""
    errors = []
    for pieces in ([data], [data[i : i + 1] for i in range(len(data))]):
        conn = Connection(SERVER) if role is SERVER else client_after_request(h11pc, method)
        with pytest.raises(RemoteProtocolError) as info:
            for piece in [*pieces, b""]:
                conn.receive_data(piece)
                for _ in bounded_events(conn):
                    pass
        errors.append(info.value)
    whole, bytewise = errors
    assert whole.error_status_hint == bytewise.error_status_hint
    assert whole.rule == bytewise.rule and whole.section == bytewise.section
    return whole


def assert_located(error: RemoteProtocolError, rule: str, section: str, hint: int = 400) -> None:
    """The error says which rule of which section failed, at which byte, quoting it."""
    assert (error.rule, error.section, error.error_status_hint) == (rule, section, hint)
    assert error.offset is not None
    assert f" at byte {error.offset}: {rule} ({section}): " in str(error)
    assert "; got b" in str(error)


# -- Content-Length and Transfer-Encoding ----------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n",
        b"Transfer-Encoding: chunked\r\nContent-Length: 3\r\n",
    ],
)
def test_content_length_with_transfer_encoding_is_refused(fields: bytes) -> None:
    """RFC 9112 §6.1: a server MAY reject it, and must close either way; §6.3 item 3: such a
    message "ought to be handled as an error". h11 frames it by Transfer-Encoding and keeps
    the connection open: the CL.TE smuggling vector."""
    error = refusal(POST + fields + b"\r\n0\r\n\r\n")
    assert_located(error, "Transfer-Encoding", "RFC 9112 §6.1")
    assert "Content-Length and Transfer-Encoding both given" in str(error)
    response = b"HTTP/1.1 200 OK\r\n" + fields + b"\r\n0\r\n\r\n"
    assert_located(refusal(response, CLIENT), "Transfer-Encoding", "RFC 9112 §6.1")


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        (b"Content-Length: 3\r\nContent-Length: 4\r\n", "3 differs from 4"),
        (b"Content-Length: 3, 4\r\n", "a list of differing lengths"),
        (b"Content-Length: +3\r\n", "expected 1*DIGIT"),
        (b"Content-Length: 0x3\r\n", "expected 1*DIGIT"),
        (b"Content-Length: 3 4\r\n", "expected 1*DIGIT"),
        (b"Content-Length:\r\n", "expected 1*DIGIT"),
    ],
)
def test_bad_content_lengths_are_refused(fields: bytes, why: str) -> None:
    """RFC 9110 §8.6: Content-Length is 1*DIGIT; repeated values must agree."""
    error = refusal(POST + fields + b"\r\nabc")
    assert_located(error, "Content-Length", "RFC 9110 §8.6")
    assert why in str(error)


HOST_AND_LENGTH = ((b"host", b"a"), (b"content-length", b"3"))


def test_identical_content_lengths_are_one() -> None:
    """RFC 9110 §8.6: a recipient MAY take a list of identical values as that value."""
    events = server_events(POST + b"Content-Length: 3\r\nContent-Length: 3, 3\r\n\r\nabc")
    assert events[0][2] == (
        "headers",
        (HOST_AND_LENGTH, ((b"Host", b"a"), (b"Content-Length", b"3"))),
    )


@pytest.mark.parametrize(
    "value",
    [b"gzip", b"identity", b"chunked, gzip", b"", b"xchunked", b'"chunked"', b"chunked;"],
)
def test_request_whose_last_coding_is_not_chunked_is_a_400(value: bytes) -> None:
    """RFC 9112 §6.3 item 4: the body's length cannot be determined: 400, then close.
    (h11 answers 501 to all of these: it knows only ``chunked``.)"""
    error = refusal(POST + b"Transfer-Encoding: " + value + b"\r\n\r\n0\r\n\r\n")
    assert error.error_status_hint == 400
    assert error.rule == "Transfer-Encoding"


def test_unknown_coding_before_chunked_is_a_501() -> None:
    """RFC 9112 §6.1: a coding the server does not understand SHOULD get 501."""
    error = refusal(POST + b"Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n")
    assert_located(error, "Transfer-Encoding", "RFC 9112 §6.1", 501)


@pytest.mark.parametrize("value", [b"chunked, chunked", b"chunked;q=1"])
def test_chunked_twice_or_with_parameters_is_malformed(value: bytes) -> None:
    """RFC 9112 §6.1: chunked is applied once; §7.1 defines it no parameters."""
    error = refusal(POST + b"Transfer-Encoding: " + value + b"\r\n\r\n0\r\n\r\n")
    assert_located(error, "Transfer-Encoding", "RFC 9112 §7.1")


@pytest.mark.parametrize(
    "fields",
    [
        b"Transfer-Encoding: , chunked\r\n",
        b"Transfer-Encoding: chunked,\r\n",
        b"Transfer-Encoding: CHUNKED\r\n",
        b"Transfer-Encoding:\tchunked \r\n",
        b"Transfer-Encoding: \r\nTransfer-Encoding: chunked\r\n",
    ],
)
def test_transfer_encoding_lists_that_say_chunked_are_chunked(fields: bytes) -> None:
    """RFC 9110 §5.6.1.2: a recipient MUST accept empty list elements; §5.3: field lines of
    one name are one list; RFC 9112 §7: coding names are case-insensitive. (h11 refuses
    all but the exact value.)"""
    events = merge_data(server_events(POST + fields + b"\r\n3\r\nabc\r\n0\r\n\r\n"))
    assert events[0][0] == "Request"
    assert (b"transfer-encoding", b"chunked") in events[0][2][1][0]
    assert events[1:] == [("Data", b"abc"), ("EndOfMessage", ("headers", ((), ())))]


@pytest.mark.parametrize("value", [b"gzip", b"chunked, gzip", b"x-custom"])
def test_response_whose_last_coding_is_not_chunked_runs_until_close(value: bytes) -> None:
    """RFC 9112 §6.3 item 4: the client reads such a body until the connection closes,
    handing it out as received (still coded: the field says how)."""
    conn = client_after_request(h11pc)
    conn.receive_data(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: " + value + b"\r\n\r\n5\r\nab")
    response = conn.next_event()
    assert isinstance(response, h11pc.Response)
    assert response.headers == [(b"transfer-encoding", value)]
    assert conn.next_event() == Data(b"5\r\nab")
    conn.receive_data(b"")
    assert type(conn.next_event()) is EndOfMessage
    assert type(conn.next_event()) is h11pc.ConnectionClosed


def test_response_with_an_unknown_coding_before_chunked_is_refused() -> None:
    """Chunked frames it, but h11pc cannot undo the coding before it: refused like h11."""
    error = refusal(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", CLIENT)
    assert error.error_status_hint == 501


@pytest.mark.parametrize(
    "data",
    [
        b"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        b"POST / HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n",
    ],
)
def test_transfer_encoding_in_http_1_0_is_faulty_framing(data: bytes) -> None:
    """RFC 9112 §6.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing."""
    assert_located(refusal(data), "Transfer-Encoding", "RFC 9112 §6.1")
    response = b"HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    assert_located(refusal(response, CLIENT), "Transfer-Encoding", "RFC 9112 §6.1")


# -- the head ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "rule", "offset"),
    [
        (b"GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n", "field-line", 30),
        (b"GET /\r HTTP/1.1\r\nHost: a\r\n\r\n", "request-line", 5),
        (b"GET / HTTP/1.1\r\nHost : a\r\n\r\n", "field-line", 20),
        (b"GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", "field-line", 20),
        (b"GET / HTTP/1.1\r\nHost: a\r\nX: a\x00b\r\n\r\n", "field-line", 29),
        (b"GET / HTTP/1.1\r\nHost: a\r\nX: \x7f\r\n\r\n", "field-line", 28),
        (b"GET / HTTP/1.1\r\nHost: a\r\n: empty name\r\n\r\n", "field-line", 25),
    ],
)
def test_bare_cr_whitespace_before_colon_and_controls_are_refused(
    data: bytes, rule: str, offset: int
) -> None:
    """RFC 9112 §2.2 (bare CR), §5.1 (no whitespace between name and colon: 400), RFC 9110
    §5.5 (no NUL or other control in a value)."""
    error = refusal(data)
    assert (error.rule, error.offset, error.error_status_hint) == (rule, offset, 400)


@pytest.mark.parametrize(
    "data",
    [
        b"GET / HTTP/1.1\nHost: a\n\n",
        b"GET / HTTP/1.1\r\nHost: a\n\n",
        b"GET / HTTP/1.1\r\nHost: a\r\nX: y\nContent-Length: 23\r\n\r\n",
    ],
)
def test_bare_lf_is_refused_at_once(data: bytes) -> None:
    """RFC 9112 §2.2: only CRLF ends a line of a strict head. A head with a bare LF is
    refused as soon as the LF arrives -- not buffered up to the size limit."""
    bare = next(i for i, octet in enumerate(data) if octet == 10 and data[i - 1] != 13)
    conn = Connection(SERVER)
    conn.receive_data(data[: bare + 1])
    with pytest.raises(RemoteProtocolError, match=r"CRLF \(RFC 9112 §2\.2\)"):
        conn.next_event()
    error = refusal(data)
    assert (error.rule, error.offset, error.error_status_hint) == ("CRLF", bare, 400)


def test_leading_empty_lines_are_refused_as_h11_refuses_them() -> None:
    """RFC 9112 §2.2 says a server SHOULD ignore them; h11 refuses them, and h11pc is never
    laxer than h11 unless asked (Leniency.EMPTY_LINES_BEFORE_REQUEST)."""
    error = refusal(b"\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
    assert (error.rule, error.offset) == ("request-line", 0)


@pytest.mark.parametrize("version", [b"2.0", b"3.1", b"0.9"])
def test_a_request_in_another_major_version_is_a_505(version: bytes) -> None:
    """RFC 9110 §6.2: a server answers a major version it does not implement with 505."""
    error = refusal(b"GET /x HTTP/" + version + b"\r\nHost: a\r\n\r\n")
    assert_located(error, "HTTP-version", "RFC 9110 §6.2", 505)
    assert error.offset == len(b"GET /x ")  # where the HTTP-version begins


def test_the_http2_preface_is_delivered_as_a_request() -> None:
    """RFC 9113 §3.3, §3.4: a client that knows the server speaks HTTP/2 opens with the
    preface ``PRI * HTTP/2.0 CRLF CRLF SM CRLF CRLF``. As h11 does, a server gets its first
    part as a Request without fields, and the rest as trailing data, so it can switch."""
    rest = b"SM\r\n\r\n\x00\x00\x12\x04\x00"
    conn = Connection(SERVER)
    conn.receive_data(b"PRI * HTTP/2.0\r\n\r\n" + rest)
    assert conn.next_event() == Request(method="PRI", target="*", headers=[], http_version="2.0")
    assert conn.trailing_data == (rest, False)
    assert conn.next_event() == EndOfMessage()


@pytest.mark.parametrize(
    "head",
    [
        b"PRI * HTTP/2.0\r\nHost: a\r\n\r\n",  # the preface has no fields
        b"PRI / HTTP/2.0\r\n\r\n",
        b"GET * HTTP/2.0\r\n\r\n",
        b"PRI * HTTP/3.0\r\n\r\n",
    ],
)
def test_only_the_http2_preface_escapes_the_505(head: bytes) -> None:
    assert_located(refusal(head), "HTTP-version", "RFC 9110 §6.2", 505)


def test_a_higher_minor_version_is_http_1_1() -> None:
    """RFC 9110 §6.2: HTTP/1.2 is read as the highest 1.x the recipient implements: what
    the request says is kept, and it is answered as a 1.1 request -- 100 (Continue) may be
    sent, a chunked body too, and the connection persists (none of which a 1.0 gets)."""
    conn = Connection(SERVER)
    conn.receive_data(POST_1_2 + b"Expect: 100-continue\r\nContent-Length: 2\r\n\r\n")
    request = conn.next_event()
    assert isinstance(request, Request) and request.http_version == b"1.2"
    assert conn.their_http_version == b"1.2" and conn.they_are_waiting_for_100_continue
    continuing = conn.send(InformationalResponse(status_code=100, headers=[], reason=b"Continue"))
    assert continuing == b"HTTP/1.1 100 Continue\r\n\r\n"
    conn.receive_data(b"hi")
    assert conn.next_event() == Data(data=b"hi")
    assert type(conn.next_event()) is EndOfMessage
    chunked = [("Transfer-Encoding", "chunked")]
    head = conn.send(Response(status_code=200, headers=chunked, reason=b"OK"))
    assert head is not None and head.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"\r\nTransfer-Encoding: chunked\r\n" in head
    assert conn.send(Data(data=b"ok")) == b"2\r\nok\r\n"
    conn.send(EndOfMessage())
    assert conn.states == {CLIENT: h11pc.DONE, SERVER: h11pc.DONE}


def test_a_request_line_longer_than_the_limit_is_a_414() -> None:
    """RFC 9112 §3: a request-target longer than the server will parse gets 414, not the
    431 of a too-large field section."""
    target = b"/" + b"a" * 20_000
    error = refusal(b"GET " + target + b" HTTP/1.1\r\nHost: a\r\n\r\n")
    assert_located(error, "request-target", "RFC 9112 §3", 414)
    assert error.offset == 4
    fields = b"GET / HTTP/1.1\r\nHost: a\r\nX: " + b"a" * 20_000 + b"\r\n\r\n"
    assert refusal(fields).error_status_hint == 431


def refusal_with_limit(data: bytes, limit: int) -> RemoteProtocolError:
    """The error ``data`` gets from a server whose ``max_incomplete_event_size`` is
    ``limit``, the same whole and byte by byte."""
    errors = []
    for pieces in ([data], [data[i : i + 1] for i in range(len(data))]):
        conn = Connection(SERVER, max_incomplete_event_size=limit)
        with pytest.raises(RemoteProtocolError) as info:
            for piece in pieces:
                conn.receive_data(piece)
                assert conn.next_event() is h11pc.NEED_DATA
        errors.append(info.value)
    whole, bytewise = errors
    assert (whole.error_status_hint, whole.rule, whole.offset) == (
        bytewise.error_status_hint,
        bytewise.rule,
        bytewise.offset,
    )
    return whole


@pytest.mark.parametrize(
    ("data", "hint"),
    [
        (b"GET / HTTP/1.1\r\nHost: a\r\n\r\n", 431),  # the target "/" is within the limit
        (b"GET /abcdef HTTP/1.1\r\nHost: a\r\n\r\n", 414),
        (b"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", 431),  # the method crosses it
    ],
)
def test_a_head_over_the_limit_is_a_431_unless_its_target_crosses_it(
    data: bytes, hint: int
) -> None:
    """RFC 6585 §5 (431) for a head too large; RFC 9112 §3 (414) only when the
    request-target is what crosses the limit."""
    assert refusal_with_limit(data, 5).error_status_hint == hint


@pytest.mark.parametrize(
    "length",
    [
        b"9223372036854775808",  # 2**63
        b"18446744073709551616",  # 2**64
        b"00000000000000000001",  # 20 digits
        b"9" * 100,
    ],
)
def test_a_content_length_no_peer_can_count_is_refused(length: bytes) -> None:
    """A length above 2**63 - 1 (or of more than 19 digits) is refused, received (400) or
    sent (LocalProtocolError): h11 refuses more than 20 digits; nothing counts past 2**63-1."""
    error = refusal(POST + b"Content-Length: " + length + b"\r\n\r\n")
    assert_located(error, "Content-Length", "RFC 9110 §8.6")
    assert "Content-Length too large" in str(error) or "1*DIGIT" not in str(error)
    with pytest.raises(h11pc.LocalProtocolError, match="Content-Length too large"):
        h11pc.Response(status_code=200, headers=[("Content-Length", length)])


def test_the_largest_countable_content_length_is_accepted() -> None:
    largest = b"%d" % (2**63 - 1)
    events = server_events(POST + b"Content-Length: " + largest + b"\r\n\r\nabc")
    assert events[0][2][1][0][1] == (b"content-length", largest)
    sent = h11pc.Response(status_code=200, headers=[("Content-Length", largest)])
    assert sent.headers == [(b"content-length", largest)]


@pytest.mark.parametrize(
    "first",
    [
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  # a TLS ClientHello record
        b"\x16",
        b"\x00",
        b" ",
        b"\r\n",
        b"\n",
        b"<html>",
    ],
)
def test_a_client_refuses_what_cannot_begin_a_status_line_at_once(first: bytes) -> None:
    """RFC 9112 §4: a response begins with HTTP-version. Input that cannot is refused as it
    arrives, without waiting for a line end that may never come."""
    conn = client_after_request(h11pc)
    conn.receive_data(first)
    with pytest.raises(RemoteProtocolError) as info:
        conn.next_event()
    assert_located(info.value, "status-line", "RFC 9112 §4")
    assert info.value.offset == 0


def test_a_client_judges_the_whole_http_version_once_it_has_arrived() -> None:
    conn = client_after_request(h11pc)
    conn.receive_data(b"HTTP/1.")
    assert conn.next_event() is h11pc.NEED_DATA
    conn.receive_data(b"x 200 OK\r\n")
    with pytest.raises(RemoteProtocolError) as info:
        conn.next_event()
    assert_located(info.value, "status-line", "RFC 9112 §4")


def test_upgrade_in_an_http_1_0_request_is_ignored() -> None:
    """RFC 9110 §7.8: a server MUST ignore Upgrade received in an HTTP/1.0 request."""
    conn = Connection(SERVER)
    conn.receive_data(
        b"GET / HTTP/1.0\r\nUpgrade: websocket\r\nConnection: upgrade, keep-alive\r\n\r\n"
    )
    assert isinstance(conn.next_event(), Request)
    assert type(conn.next_event()) is EndOfMessage
    assert conn.their_state is h11pc.DONE  # not MIGHT_SWITCH_PROTOCOL


def test_a_1xx_the_client_did_not_ask_for_names_the_rule() -> None:
    conn = client_after_request(h11pc)
    conn.receive_data(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n")
    with pytest.raises(RemoteProtocolError) as info:
        conn.next_event()
    assert_located(info.value, "status-code", "RFC 9110 §15.2")


# -- chunked ----------------------------------------------------------------------------------


CHUNKED_POST = POST + b"Transfer-Encoding: chunked\r\n\r\n"


@pytest.mark.parametrize(
    ("body", "rule", "offset"),
    [
        (b"3\r\nabcX\r\n0\r\n\r\n", "chunk", 6),
        (b"3\r\nabc\r\n2\r\nxyz\r\n0\r\n\r\n", "chunk", 13),
        (b"3\r\nabc\r\n10000000000000000\r\n", "chunk-size", 8),
        (b"3\r\nabc\r\n-1\r\n", "chunk-size line", 8),
        (b"3\r\nabc\r\n0\r\nX: y\r\nbad\r\n\r\n", "field-line", 9),
    ],
)
def test_chunked_framing_errors_name_the_body_offset(body: bytes, rule: str, offset: int) -> None:
    """RFC 9112 §7.1: a chunk's data is exactly chunk-size octets then CRLF; a size beyond
    2**63-1 is refused rather than counted; the trailer section is field lines."""
    error = refusal(CHUNKED_POST + body)
    assert (error.rule, error.offset) == (rule, offset)
    assert error.section is not None and error.section.startswith("RFC 9112 §")


@pytest.mark.parametrize("size", [2**63 - 1, 2**63 - 2])
def test_a_chunk_size_up_to_2_63_minus_1_is_read(size: int) -> None:
    events = server_events(CHUNKED_POST + b"%x\r\nabc" % size)
    assert events[1:] == [
        ("Data", ("data", b"abc"), ("chunk_start", True), ("chunk_end", False)),
        ("NEED_DATA",),
    ]


@pytest.mark.parametrize("size", [2**63, 2**64 - 1, 2**64])
@pytest.mark.parametrize("extension", [b"", b";a=b"])
def test_a_chunk_size_past_2_63_minus_1_is_refused(size: int, extension: bytes) -> None:
    """README: a chunk-size that no peer could honour is refused, not counted on."""
    error = refusal(CHUNKED_POST + b"%x%s\r\nabc" % (size, extension))
    assert_located(error, "chunk-size", "RFC 9112 §7.1")
    assert error.offset == 0


def test_forbidden_trailer_fields_are_dropped() -> None:
    """RFC 9110 §6.5.1: framing, routing, authentication, control and content-format fields
    cannot be trailers; RFC 9112 §7.1.2 lets a recipient discard trailer fields. They never
    reach the application, where one could pass for the header it imitates."""
    trailers = (
        b"Content-Length: 5\r\nHost: evil\r\nX-Checksum: 1\r\nTransfer-Encoding: gzip\r\n"
        b"Authorization: x\r\nContent-Type: text/plain\r\nServer-Timing: db;dur=5\r\n"
    )
    events = merge_data(server_events(CHUNKED_POST + b"0\r\n" + trailers + b"\r\n"))
    assert events[-1] == (
        "EndOfMessage",
        (
            "headers",
            (
                ((b"x-checksum", b"1"), (b"server-timing", b"db;dur=5")),
                ((b"X-Checksum", b"1"), (b"Server-Timing", b"db;dur=5")),
            ),
        ),
    )


def test_obs_fold_in_request_trailers_is_refused_in_response_trailers_unfolded() -> None:
    """RFC 9112 §5.2 applies to trailer sections as to heads."""
    trailer = b"0\r\nX: a\r\n b\r\n\r\n"
    assert refusal(CHUNKED_POST + trailer).rule == "obs-fold"
    conn = client_after_request(h11pc)
    conn.receive_data(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + trailer)
    conn.next_event()
    assert conn.next_event() == EndOfMessage(headers=[("X", "a b")])


def test_chunk_extensions_ride_on_the_first_data_of_their_chunk() -> None:
    """RFC 9112 §7.1.1: the extensions are the chunk's; h11 code sees the Data it knows."""
    conn = Connection(SERVER)
    conn.receive_data(CHUNKED_POST + b'4;sig=ab;note="a \\"b\\"" ; flag\r\nab')
    conn.next_event()
    first = conn.next_event()
    assert first == Data(b"ab", chunk_start=True, chunk_end=False)
    assert repr(first) == "Data(data=b'ab', chunk_start=True, chunk_end=False)"
    assert hash(first) == hash(Data(b"ab", True, False))
    assert first.chunk_ext == b';sig=ab;note="a \\"b\\"" ; flag'
    assert first.chunk_extensions == ((b"sig", b"ab"), (b"note", b'a "b"'), (b"flag", None))
    conn.receive_data(b"cd\r\n2\r\nef\r\n")
    later = [conn.next_event(), conn.next_event()]
    assert later == [Data(b"cd", False, True), Data(b"ef", True, True)]
    assert [event.chunk_ext for event in later] == [b"", b""]  # type: ignore[union-attr]
    assert Data(b"x").chunk_extensions == ()


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (
            b"GET / HTTP/1.1\r\n\r\n",
            "Missing mandatory Host: header at byte 16: Host (RFC 9112 §3.2): an HTTP/1.1"
            " request has one; got b'GET / HTTP/1.1'",
        ),
        (
            b"GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n",
            "Found multiple Host: headers at byte 16: Host (RFC 9112 §3.2): a request has at"
            " most one; got b'Host: a'",
        ),
        (
            b"GET / HTTP/1.1\r\nHost: a b\r\n\r\n",
            "Illegal Host: header value at byte 16: Host (RFC 9112 §3.2): expected uri-host"
            " [ \":\" port ]; got b'Host: a b'",
        ),
    ],
)
def test_a_received_host_error_says_what_the_rule_wants(head: bytes, message: str) -> None:
    """RFC 9112 §3.2's Host rule, broken by a received request: h11's words, then where,
    which rule, what it wants, and the line."""
    error = refusal(head)
    assert str(error) == message
    assert_located(error, "Host", "RFC 9112 §3.2")
