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
    assert sent.headers.raw_items() == [(b"Connection", b"close, upgrade")]


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


@pytest.mark.parametrize(("status", "method"), [(200, b"GET"), (304, b"GET"), (200, b"HEAD")])
def test_transfer_encoding_wins_over_content_length(status: int, method: bytes) -> None:
    """RFC 9112 §6.2: a sender MUST NOT send both; Transfer-Encoding is what frames the
    message (§6.3), so Content-Length is dropped -- as h11 does -- and the message keeps
    its meaning."""
    both = (("Content-Length", "3"), ("Transfer-Encoding", "chunked"), ("X", "1"))
    sent = response_for_sending(response(status, *both), method, b"1.1", True)
    assert sorted(sent.headers.raw_items()) == [(b"Transfer-Encoding", b"chunked"), (b"X", b"1")]
    sent_request = request_for_sending(request(*both))
    assert sent_request.headers.raw_items() == [
        (b"Host", b"a"),
        (b"Transfer-Encoding", b"chunked"),
        (b"X", b"1"),
    ]


@pytest.mark.parametrize(("status", "method"), [(204, b"GET"), (200, b"CONNECT")])
@pytest.mark.parametrize(
    "framing",
    [
        (("Content-Length", "0"),),
        (("Content-Length", "5"),),
        (("Transfer-Encoding", "chunked"),),
        (("Transfer-Encoding", "chunked"), ("Content-Length", "5")),
    ],
)
def test_responses_without_content_drop_their_framing(
    status: int, method: bytes, framing: tuple[tuple[str, str], ...]
) -> None:
    """RFC 9110 §8.6, RFC 9112 §6.1: a server MUST NOT send Content-Length or
    Transfer-Encoding with a 204 or a 2xx to CONNECT; the status says there is no content,
    so the message means the same without them."""
    sent = response_for_sending(response(status, *framing, ("X", "1")), method, b"1.1", True)
    assert sent.headers.raw_items() == [(b"X", b"1")]


def test_304_may_carry_content_length() -> None:
    """RFC 9110 §8.6: a 304 may state the length a 200 would have had."""
    original = response(304, ("Content-Length", "42"))
    assert response_for_sending(original, b"GET", b"1.1", True) is original


def test_informational_responses() -> None:
    hundred = InformationalResponse(status_code=100, headers=[])
    assert informational_for_sending(hundred, b"1.1") is hundred
    assert informational_for_sending(hundred, None) is hundred
    # RFC 9110 §15.2: not sent at all to an HTTP/1.0 client.
    assert informational_for_sending(hundred, b"1.0") is None
    # RFC 9110 §8.6, RFC 9112 §6.1: a 1xx has no content, so no framing fields.
    for framing in (("Content-Length", "0"), ("Transfer-Encoding", "chunked")):
        framed = InformationalResponse(status_code=103, headers=[framing, ("Link", "</a>")])
        sent = informational_for_sending(framed, b"1.1")
        assert sent is not None and sent.headers.raw_items() == [(b"Link", b"</a>")]


def test_101_must_name_the_protocol() -> None:
    """RFC 9110 §15.2.2: a 101 response generates Upgrade."""
    with pytest.raises(LocalProtocolError, match=r"RFC 9110 §15\.2\.2"):
        informational_for_sending(InformationalResponse(status_code=101, headers=[]), b"1.1")
    with pytest.raises(LocalProtocolError, match=r"RFC 9110 §15\.2\.2"):
        informational_for_sending(InformationalResponse(status_code=101, headers=[]), b"1.0")
    switching = InformationalResponse(status_code=101, headers=[("Upgrade", "websocket")])
    sent = informational_for_sending(switching, b"1.1")
    assert sent is not None
    assert sent.headers.raw_items() == [(b"Upgrade", b"websocket"), (b"Connection", b"upgrade")]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ([("Upgrade", "h2c")], [(b"Upgrade", b"h2c"), (b"Connection", b"upgrade")]),
        ([("TE", "trailers")], [(b"TE", b"trailers"), (b"Connection", b"te")]),
        (
            # An option h11pc adds joins the application's own Connection line.
            [("connection", "Keep-Alive, No-Upgrade"), ("TE", "trailers"), ("Upgrade", "h2c")],
            [
                (b"connection", b"Keep-Alive, No-Upgrade, te, upgrade"),
                (b"TE", b"trailers"),
                (b"Upgrade", b"h2c"),
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


def test_chunked_in_te_is_dropped() -> None:
    """RFC 9112 §7.4: chunked is always acceptable to HTTP/1.1; a client MUST NOT list it
    in TE, so it is not sent (and TE with it, if it listed nothing else)."""
    sent = request_for_sending(request(("TE", "trailers, Chunked"), ("Connection", "TE")))
    assert sent.headers.raw_items() == [
        (b"Host", b"a"),
        (b"Connection", b"TE"),
        (b"Te", b"trailers"),
    ]
    alone = request_for_sending(request(("TE", "chunked"), ("X", "1")))
    assert alone.headers.raw_items() == [(b"Host", b"a"), (b"X", b"1")]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ([], [(b"Connection", b"close")]),
        ([("connection", "close")], [(b"Connection", b"close")]),
        ([("connection", "Close"), ("connection", "close")], [(b"Connection", b"close")]),
        ([("Connection", "keep-alive, Close")], [(b"Connection", b"close")]),
        (
            [("Connection", "Keep-Alive, No-Upgrade"), ("X", "1")],
            [(b"X", b"1"), (b"Connection", b"close, no-upgrade")],
        ),
    ],
)
def test_a_closing_response_says_close_once_as_h11_spells_it(
    given: list[tuple[str, str]], expected: list[tuple[bytes, bytes]]
) -> None:
    """RFC 9112 §9.6: a server that will close says ``close``. The Connection field is
    rewritten as one line, last, as h11 writes it (``Connection: close``), the application's
    other options merged in, each once."""
    sent = response_for_sending(
        response(200, ("Content-Length", "0"), *given), b"GET", b"1.1", False
    )
    assert sent.headers.raw_items() == [(b"Content-Length", b"0"), *expected]


def test_keep_alive_for_an_http_1_0_client_joins_the_applications_line() -> None:
    given = response(200, ("Connection", "X-Custom"), ("Content-Length", "0"))
    sent = response_for_sending(given, b"GET", b"1.0", True)
    assert sent.headers.raw_items() == [
        (b"Connection", b"X-Custom, keep-alive"),
        (b"Content-Length", b"0"),
    ]


def test_a_101_without_upgrade_is_refused_naming_the_section() -> None:
    with pytest.raises(LocalProtocolError) as info:
        informational_for_sending(InformationalResponse(status_code=101, headers=[]), b"1.1")
    assert str(info.value) == (
        "a 101 response must say what it switches to in Upgrade (RFC 9110 §15.2.2)"
    )
    assert info.value.section == "RFC 9110 §15.2.2"


def test_a_final_response_with_upgrade_lists_it_in_connection() -> None:
    """RFC 9110 §7.8: a server sending Upgrade (a 426, say) sends the upgrade option."""
    sent = response_for_sending(
        response(426, ("Upgrade", "h2c"), ("Content-Length", "0")), b"GET", b"1.1", True
    )
    assert sent.headers.raw_items() == [
        (b"Upgrade", b"h2c"),
        (b"Content-Length", b"0"),
        (b"Connection", b"upgrade"),
    ]


def test_a_request_sent_changed_keeps_its_request_line() -> None:
    original = Request(
        method="POST", target="/x?y", headers=[("Host", "a"), ("TE", "chunked")], http_version="1.0"
    )
    sent = request_for_sending(original)
    assert (sent.method, sent.target, sent.http_version) == (b"POST", b"/x?y", b"1.0")
    assert sent.headers.raw_items() == [(b"Host", b"a")]


def test_chunked_in_te_is_dropped_from_a_longer_list() -> None:
    sent = request_for_sending(request(("TE", "gzip, chunked, trailers"), ("Connection", "te")))
    assert sent.headers.raw_items() == [
        (b"Host", b"a"),
        (b"Connection", b"te"),
        (b"Te", b"gzip, trailers"),
    ]


def test_a_3xx_to_connect_keeps_its_framing() -> None:
    """RFC 9110 §8.6 names only 2xx responses to CONNECT as without content."""
    original = response(300, ("Content-Length", "5"))
    assert response_for_sending(original, b"CONNECT", b"1.1", True) is original


def test_chunked_is_not_sent_to_an_http_1_0_client() -> None:
    """RFC 9112 §6.1: an HTTP/1.0 client cannot read chunked; the body is close-delimited."""
    sent = response_for_sending(
        response(200, ("Transfer-Encoding", "chunked"), ("X", "1")), b"GET", b"1.0", True
    )
    assert sent.headers.raw_items() == [(b"X", b"1"), (b"Connection", b"close")]


def test_a_head_response_to_an_http_1_0_client_keeps_the_connection() -> None:
    """A HEAD response has no body to delimit by closing: a kept connection stays kept."""
    sent = response_for_sending(response(200), b"HEAD", b"1.0", True)
    assert sent.headers.raw_items() == [(b"Connection", b"keep-alive")]


def test_keep_alive_the_application_said_is_not_said_twice() -> None:
    given = response(200, ("Connection", "Keep-Alive"), ("Content-Length", "0"))
    assert response_for_sending(given, b"GET", b"1.0", True) is given
