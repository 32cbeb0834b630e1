"""HTTP/1.0 peers: keep-alive as RFC 9112 Appendix C.2.2 describes it (h11 closes every
HTTP/1.0 connection), and what may not be sent to them."""

from __future__ import annotations

import pytest

import h11pc
from h11pc import (
    CLIENT,
    DONE,
    MUST_CLOSE,
    SERVER,
    Connection,
    Data,
    EndOfMessage,
    InformationalResponse,
    Request,
    Response,
)

from .support import bounded_events

KEEP_ALIVE_GET = b"GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"


def server_after(request: bytes) -> Connection:
    conn = Connection(SERVER)
    conn.receive_data(request)
    assert isinstance(conn.next_event(), Request)
    assert type(conn.next_event()) is EndOfMessage
    return conn


def test_a_keep_alive_request_keeps_the_connection_and_the_server_says_so() -> None:
    conn = server_after(KEEP_ALIVE_GET)
    head = conn.send(Response(status_code=200, headers=[("Content-Length", "2")]))
    assert head == b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n"
    conn.send(Data(b"hi"))
    conn.send(EndOfMessage())
    assert conn.states == {CLIENT: DONE, SERVER: DONE}
    conn.start_next_cycle()
    conn.receive_data(b"GET /2 HTTP/1.0\r\n\r\n")
    request = conn.next_event()
    assert isinstance(request, Request) and request.target == b"/2"


def test_a_body_of_unknown_length_still_closes() -> None:
    """HTTP/1.0 has no chunked coding: such a body ends when the server closes."""
    conn = server_after(KEEP_ALIVE_GET)
    head = conn.send(Response(status_code=200, headers=[]))
    assert head == b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
    conn.send(Data(b"hi"))
    conn.send(EndOfMessage())
    assert conn.our_state is MUST_CLOSE


def test_the_application_may_still_close() -> None:
    conn = server_after(KEEP_ALIVE_GET)
    head = conn.send(
        Response(status_code=200, headers=[("Content-Length", "0"), ("Connection", "close")])
    )
    assert head is not None and b"keep-alive" not in head
    conn.send(EndOfMessage())
    assert conn.our_state is MUST_CLOSE


def test_without_keep_alive_http_1_0_closes_as_in_h11() -> None:
    conn = server_after(b"GET / HTTP/1.0\r\n\r\n")
    head = conn.send(Response(status_code=200, headers=[("Content-Length", "0")]))
    assert head == b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    conn.send(EndOfMessage())
    assert conn.our_state is MUST_CLOSE


@pytest.mark.parametrize(
    ("response", "reusable"),
    [
        (b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nhi", True),
        (b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi", False),
        (b"HTTP/1.0 200 OK\r\nConnection: Keep-Alive, close\r\nContent-Length: 2\r\n\r\nhi", False),
    ],
)
def test_a_client_honours_a_keep_alive_http_1_0_response(response: bytes, reusable: bool) -> None:
    """RFC 9112 §9.3: an HTTP/1.0 response persists only with ``keep-alive``."""
    conn = Connection(CLIENT)
    conn.send(Request(method="GET", target="/", headers=[("Host", "a")]))
    conn.send(EndOfMessage())
    conn.receive_data(response)
    assert any(type(event) is EndOfMessage for event in bounded_events(conn))
    assert (conn.states == {CLIENT: DONE, SERVER: DONE}) is reusable


def test_no_1xx_to_an_http_1_0_client() -> None:
    """RFC 9110 §15.2: a server MUST NOT send a 1xx response to an HTTP/1.0 client (and
    ignores its 100-continue, RFC 9110 §10.1.1)."""
    conn = Connection(SERVER)
    conn.receive_data(b"POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
    assert isinstance(conn.next_event(), Request)
    assert not conn.they_are_waiting_for_100_continue
    # Not sent, and not an error: an interim response carries no part of the final one.
    assert conn.send(InformationalResponse(status_code=100)) == b""
    assert conn.our_state is h11pc.SEND_RESPONSE
    head = conn.send(Response(status_code=200, headers=[("Content-Length", "0")]))
    assert head is not None and head.startswith(b"HTTP/1.1 200 OK\r\n")
