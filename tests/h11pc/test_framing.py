"""Framing: body length (RFC 9112 §6.3), persistence (§9.3, Appendix C.2.2), 100-continue."""

from __future__ import annotations

import pytest

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
