"""What h11pc sends: the fields it adds, drops or refuses before a head goes out (RFC 9112,
RFC 9110 sender requirements)."""

from __future__ import annotations

import pytest

from h11pc import LocalProtocolError
from h11pc._events import InformationalResponse, Request, Response
from h11pc._outgoing import (
    informational_for_sending,
    request_for_sending,
    response_for_sending,
)


def response(status: int = 200, *headers: tuple[str, str]) -> Response:
    return Response(status_code=status, headers=list(headers))


def request(*headers: tuple[str, str]) -> Request:
    return Request(method="GET", target="/", headers=[("Host", "a"), *headers])


def test_unframed_response_to_1_1_client_becomes_chunked() -> None:
    sent = response_for_sending(response(200, ("X", "1")), b"GET", b"1.1", True)
    assert sent.headers.raw_items() == [(b"X", b"1"), (b"Transfer-Encoding", b"chunked")]


def test_unframed_response_to_1_0_client_closes() -> None:
    sent = response_for_sending(
        response(200, ("Connection", "Keep-Alive, Upgrade")), b"GET", b"1.0", True
    )
    assert sent.headers.raw_items() == [(b"Connection", b"close"), (b"Connection", b"upgrade")]


def test_framed_response_to_a_1_0_keep_alive_client_echoes_keep_alive() -> None:
    """RFC 9112 Appendix C.2.2: the server that keeps an HTTP/1.0 connection says so."""
    sent = response_for_sending(response(200, ("Content-Length", "0")), b"GET", b"1.0", True)
    assert sent.headers.raw_items() == [(b"Content-Length", b"0"), (b"Connection", b"keep-alive")]
    closing = response_for_sending(response(200, ("Content-Length", "0")), b"GET", b"1.0", False)
    assert closing.headers.raw_items() == [(b"Content-Length", b"0"), (b"Connection", b"close")]


def test_head_response_gets_the_fields_a_get_would() -> None:
    sent = response_for_sending(response(200), b"HEAD", b"1.1", True)
    assert sent.headers.raw_items() == [(b"Transfer-Encoding", b"chunked")]
    sent = response_for_sending(response(200), b"HEAD", b"1.0", False)
    assert sent.headers.raw_items() == [(b"Connection", b"close")]


def test_framed_keep_alive_response_is_sent_as_is() -> None:
    original = response(200, ("Content-Length", "3"))
    assert response_for_sending(original, b"GET", b"1.1", True) is original


def test_connection_close_added_when_not_keeping_alive() -> None:
    sent = response_for_sending(response(200, ("Content-Length", "3")), b"GET", b"1.1", False)
    assert sent.headers.raw_items() == [(b"Content-Length", b"3"), (b"Connection", b"close")]


def test_content_length_with_transfer_encoding_is_refused() -> None:
    """RFC 9112 §6.2: a sender MUST NOT send both: which framing would the peer believe?"""
    both = (("Content-Length", "3"), ("Transfer-Encoding", "chunked"))
    with pytest.raises(LocalProtocolError, match=r"RFC 9112 §6\.2"):
        response_for_sending(response(200, *both), b"GET", b"1.1", True)
    with pytest.raises(LocalProtocolError, match=r"RFC 9112 §6\.2"):
        request_for_sending(request(*both))


@pytest.mark.parametrize(("status", "method"), [(204, b"GET"), (200, b"CONNECT")])
def test_responses_without_content_drop_a_zero_length_and_refuse_other_framing(
    status: int, method: bytes
) -> None:
    """RFC 9110 §8.6, RFC 9112 §6.1: no Content-Length or Transfer-Encoding on a 204 or a
    2xx to CONNECT. ``Content-Length: 0`` agrees with the status (frameworks add it): it is
    dropped; anything else contradicts it."""
    sent = response_for_sending(
        response(status, ("Content-Length", "0"), ("X", "1")), method, b"1.1", True
    )
    assert sent.headers.raw_items() == [(b"X", b"1")]
    for framing in (("Content-Length", "5"), ("Transfer-Encoding", "chunked")):
        with pytest.raises(LocalProtocolError, match=r"RFC 9110 §8\.6"):
            response_for_sending(response(status, framing), method, b"1.1", True)


def test_304_may_carry_content_length() -> None:
    """RFC 9110 §8.6: a 304 may state the length a 200 would have had."""
    original = response(304, ("Content-Length", "42"))
    assert response_for_sending(original, b"GET", b"1.1", True) is original


def test_informational_responses() -> None:
    hundred = InformationalResponse(status_code=100, headers=[])
    assert informational_for_sending(hundred, b"1.1") is hundred
    with pytest.raises(LocalProtocolError, match=r"RFC 9110 §15\.2"):
        informational_for_sending(hundred, b"1.0")
    zero = InformationalResponse(status_code=103, headers=[("Content-Length", "0")])
    assert informational_for_sending(zero, b"1.1").headers == []
    with pytest.raises(LocalProtocolError, match=r"RFC 9110 §8\.6"):
        informational_for_sending(
            InformationalResponse(status_code=100, headers=[("Transfer-Encoding", "chunked")]),
            b"1.1",
        )


def test_101_must_name_the_protocol() -> None:
    """RFC 9110 §15.2.2: a 101 response generates Upgrade."""
    with pytest.raises(LocalProtocolError, match=r"RFC 9110 §15\.2\.2"):
        informational_for_sending(InformationalResponse(status_code=101, headers=[]), b"1.1")
    switching = InformationalResponse(status_code=101, headers=[("Upgrade", "websocket")])
    sent = informational_for_sending(switching, b"1.1")
    assert sent.headers.raw_items() == [(b"Upgrade", b"websocket"), (b"Connection", b"upgrade")]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ([("Upgrade", "h2c")], [(b"Upgrade", b"h2c"), (b"Connection", b"upgrade")]),
        ([("TE", "trailers")], [(b"TE", b"trailers"), (b"Connection", b"te")]),
        (
            [("Connection", "keep-alive"), ("TE", "trailers"), ("Upgrade", "h2c")],
            [
                (b"TE", b"trailers"),
                (b"Upgrade", b"h2c"),
                (b"Connection", b"keep-alive"),
                (b"Connection", b"te"),
                (b"Connection", b"upgrade"),
            ],
        ),
    ],
)
def test_hop_by_hop_fields_get_their_connection_option(
    headers: list[tuple[str, str]], expected: list[tuple[bytes, bytes]]
) -> None:
    """RFC 9110 §7.8 (Upgrade), RFC 9112 §7.4 (TE): the sender lists them in Connection."""
    sent = request_for_sending(request(*headers))
    assert sent.headers.raw_items() == [(b"Host", b"a"), *expected]


def test_options_already_present_leave_the_request_as_is() -> None:
    original = request(("Upgrade", "websocket"), ("Connection", "Upgrade"))
    assert request_for_sending(original) is original


def test_chunked_in_te_is_refused() -> None:
    """RFC 9112 §7.4: chunked is always acceptable to HTTP/1.1; a client never lists it."""
    with pytest.raises(LocalProtocolError, match=r"RFC 9112 §7\.4"):
        request_for_sending(request(("TE", "trailers, chunked"), ("Connection", "TE")))
