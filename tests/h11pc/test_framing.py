"""Framing: body length (RFC 9112 §6.3), persistence (§9.3, Appendix C.2.2), 100-continue."""

from __future__ import annotations

import pytest

import h11pc
from h11pc import SERVER, Connection, Data, EndOfMessage, RemoteProtocolError
from h11pc._events import Request, Response
from h11pc._framing import (
    CHUNKED,
    CONTENT_LENGTH,
    UNTIL_CLOSE,
    body_framing,
    expects_continue,
    keeps_alive,
)


def request(*headers: tuple[str, str], version: str = "1.1") -> Request:
    host = [("Host", "a")] if version == "1.1" else []
    return Request(method="POST", target="/", headers=[*host, *headers], http_version=version)


def response(status: int = 200, *headers: tuple[str, str]) -> Response:
    return Response(status_code=status, headers=list(headers))


@pytest.mark.parametrize(
    ("event", "method", "expected"),
    [
        (request(("Content-Length", "7")), None, (CONTENT_LENGTH, 7)),
        (request(("Transfer-Encoding", "chunked")), None, (CHUNKED, 0)),
        (request(), None, (CONTENT_LENGTH, 0)),
        (response(200), b"GET", (UNTIL_CLOSE, 0)),
        (response(200, ("Content-Length", "3")), b"GET", (CONTENT_LENGTH, 3)),
        (response(200, ("Transfer-Encoding", "chunked")), b"GET", (CHUNKED, 0)),
        (response(204, ("Content-Length", "3")), b"GET", (CONTENT_LENGTH, 0)),
        (response(304, ("Transfer-Encoding", "chunked")), b"GET", (CONTENT_LENGTH, 0)),
        (response(200, ("Content-Length", "3")), b"HEAD", (CONTENT_LENGTH, 0)),
        (response(200), b"CONNECT", (CONTENT_LENGTH, 0)),
        (response(407), b"CONNECT", (UNTIL_CLOSE, 0)),
        (response(299), b"CONNECT", (CONTENT_LENGTH, 0)),
        (response(300), b"CONNECT", (UNTIL_CLOSE, 0)),
    ],
)
def test_body_framing(
    event: Request | Response, method: bytes | None, expected: tuple[str, int]
) -> None:
    assert body_framing(method, event) == expected


def test_transfer_encoding_wins_over_content_length() -> None:
    both = request(("Content-Length", "3"), ("Transfer-Encoding", "chunked"))
    assert body_framing(None, both) == (CHUNKED, 0)


def test_keep_alive() -> None:
    assert keeps_alive(request())
    assert keeps_alive(request(("Connection", "upgrade")))
    assert not keeps_alive(request(("Connection", "Keep-Alive, Close")))
    assert not keeps_alive(request(version="1.0"))
    assert not keeps_alive(Response(status_code=200, headers=[], http_version="1.0"))


def test_http_1_0_keep_alive() -> None:
    """RFC 9112 Appendix C.2.2: an HTTP/1.0 message persists with ``keep-alive``."""
    assert keeps_alive(request(("Connection", "Keep-Alive"), version="1.0"))
    assert not keeps_alive(request(("Connection", "keep-alive, close"), version="1.0"))
    headers = [("Connection", "keep-alive"), ("Content-Length", "0")]
    assert keeps_alive(Response(status_code=200, headers=headers, http_version="1.0"))


def test_expects_continue() -> None:
    assert expects_continue(request(("Expect", "100-Continue")))
    assert not expects_continue(request())
    assert not expects_continue(request(("Expect", "100-continue"), version="1.0"))


CHUNKED_1_1 = b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "


@pytest.mark.parametrize(
    ("head", "message", "hint"),
    [
        (
            b"POST / HTTP/1.0\r\nTransfer-Encoding: chunked",
            "Transfer-Encoding in an HTTP/1.0 message at byte 17: Transfer-Encoding (RFC 9112 "
            "§6.1): HTTP/1.0 has no transfer codings: the framing is faulty; got "
            "b'Transfer-Encoding: chunked'",
            400,
        ),
        (
            b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked",
            "Content-Length and Transfer-Encoding both given at byte 45: Transfer-Encoding (RFC "
            "9112 §6.1): a message framed two ways is how requests are smuggled; got "
            "b'Transfer-Encoding: chunked'",
            400,
        ),
        (
            CHUNKED_1_1 + b"gzip",
            "Transfer-Encoding does not end in chunked at byte 26: Transfer-Encoding (RFC 9112 "
            "§6.3): a request body's length cannot be determined; got b'Transfer-Encoding: gzip'",
            400,
        ),
        (
            CHUNKED_1_1 + b"chunked, chunked",
            "malformed Transfer-Encoding at byte 26: Transfer-Encoding (RFC 9112 §7.1): chunked "
            "is applied once, last, without parameters; got b'Transfer-Encoding: chunked, "
            "chunked'",
            400,
        ),
        (
            CHUNKED_1_1 + b"gzip, chunked",
            "unsupported Transfer-Encoding at byte 26: Transfer-Encoding (RFC 9112 §6.1): h11pc "
            "implements the chunked coding alone, not b'gzip, chunked'; got "
            "b'Transfer-Encoding: gzip, chunked'",
            501,
        ),
    ],
)
def test_each_refused_framing_says_what_where_and_why(head: bytes, message: str, hint: int) -> None:
    conn = Connection(SERVER)
    conn.receive_data(head + b"\r\n\r\n")
    with pytest.raises(RemoteProtocolError) as info:
        conn.next_event()
    assert (str(info.value), info.value.error_status_hint) == (message, hint)


@pytest.mark.parametrize("coding", [b"Chunked", b"CHUNKED", b", chunked", b"chunked ,"])
def test_chunked_however_spelled_is_chunked(coding: bytes) -> None:
    """Transfer codings are case-insensitive (RFC 9112 §7); a recipient skips empty list
    elements (RFC 9110 §5.6.1.2)."""
    conn = Connection(SERVER)
    conn.receive_data(CHUNKED_1_1 + coding + b"\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
    assert type(conn.next_event()) is Request
    assert conn.next_event() == Data(data=b"abc", chunk_start=True, chunk_end=True)
    assert type(conn.next_event()) is EndOfMessage


# -- list-valued fields that are no lists (README, Differences from h11) ---------------------


def test_expect_with_a_quoted_comma_is_one_expectation_not_100_continue() -> None:
    """RFC 9110 §10.1.1: ``foo="x,100-continue,y"`` is one expectation, named foo."""
    assert not expects_continue(request(("Expect", 'foo="x,100-continue,y"')))
    assert expects_continue(request(("Expect", 'foo="x,y", 100-continue')))
    conn = Connection(SERVER)
    conn.receive_data(b'POST / HTTP/1.1\r\nHost: a\r\nExpect: foo="a,100-continue"\r\n\r\n')
    assert isinstance(conn.next_event(), Request)
    assert not conn.they_are_waiting_for_100_continue


@pytest.mark.parametrize("value", ["close;x", 'x="a,b"', "a b"])
def test_a_connection_field_that_is_no_list_of_options_closes(value: str) -> None:
    """Whether such a Connection says close cannot be known: the connection does not
    persist, and a response h11pc sends with it says so."""
    assert not keeps_alive(request(("Connection", value)))
    conn = Connection(SERVER)
    conn.receive_data(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n")
    conn.next_event()
    conn.next_event()
    head = conn.send(
        Response(status_code=200, headers=[("Content-Length", "0"), ("Connection", value)])
    )
    assert head is not None and head.endswith(b"\r\nConnection: close\r\n\r\n")
    assert conn.send(EndOfMessage()) == b""
    assert conn.our_state is h11pc.MUST_CLOSE


def test_an_upgrade_that_is_no_list_of_protocols_proposes_no_switch() -> None:
    conn = Connection(SERVER)
    conn.receive_data(b"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: a b\r\nConnection: upgrade\r\n\r\n")
    assert isinstance(conn.next_event(), Request)
    assert conn.next_event() == EndOfMessage()
    assert conn.states == {h11pc.CLIENT: h11pc.DONE, SERVER: h11pc.SEND_RESPONSE}
