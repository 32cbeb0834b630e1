"""Checks on sent bytes: splitting output into messages, and each sender requirement."""

from __future__ import annotations

import pytest

from conformance.wirecheck import (
    COMPLETE,
    MALFORMED,
    PARTIAL,
    UNTIL_CLOSE,
    Context,
    check_bytes,
    split_messages,
)

RESPONSES = Context(responses=True)
REQUESTS = Context(responses=False)


def framings(data: bytes, ctx: Context = RESPONSES) -> list[str]:
    return [m.framing for m in split_messages(data, ctx)[0]]


def test_responses_are_split_by_their_framing() -> None:
    data = (
        b"HTTP/1.1 100 Continue\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nyo\r\n0\r\nX: 1\r\n\r\n"
        b"HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n"
        b"HTTP/1.1 200 OK\r\n\r\nrest"
    )
    messages, problem = split_messages(data, RESPONSES)
    assert problem is None
    assert [m.status for m in messages] == [100, 200, 200, 204, 200]
    assert [m.body for m in messages] == [b"", b"hi", b"yo", b"", b"rest"]
    assert [m.framing for m in messages] == [COMPLETE] * 4 + [UNTIL_CLOSE]


def test_the_request_method_of_each_response_decides_its_body() -> None:
    ctx = Context(responses=True, request_methods=(b"HEAD", b"GET"))
    data = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n" * 2 + b"hi"
    assert [m.body for m in split_messages(data, ctx)[0]] == [b"", b"hi"]
    connect = Context(responses=True, request_methods=(b"CONNECT",))
    assert (
        split_messages(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nxx", connect)[0][0].body == b""
    )


def test_unfinished_and_malformed_bodies_are_told_apart() -> None:
    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    assert framings(head) == [PARTIAL]
    assert framings(head + b"5\r\nhel") == [PARTIAL]
    assert framings(head + b"5\r\nhelloXX") == [MALFORMED]
    assert framings(head + b"zz\r\n") == [MALFORMED]
    assert framings(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhi") == [PARTIAL]
    assert split_messages(b"HTTP/1.1 200 OK\r\nX: y", RESPONSES)[1] is not None


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        ("no-bare-cr", b"HTTP/1.1 200 OK\r\n\r\n", b"HTTP/1.1 200 O\rK\r\n\r\n"),
        ("status-sp", b"HTTP/1.1 200 \r\n\r\n", b"HTTP/1.1 200\r\n\r\n"),
        (
            "no-whitespace-line",
            b"HTTP/1.1 200 OK\r\nX: y\r\n\r\n",
            b"HTTP/1.1 200 OK\r\n X: y\r\n\r\n",
        ),
        (
            "no-obs-fold",
            b"HTTP/1.1 200 OK\r\nX: a b\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n",
        ),
        ("version", b"HTTP/1.0 200 OK\r\n\r\n", b"HTTP/2.0 200 OK\r\n\r\n"),
        (
            "no-cl-with-te",
            b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ),
        (
            "no-framing-in-1xx-204",
            b"HTTP/1.1 204 No Content\r\n\r\n",
            b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n",
        ),
        (
            "upgrade",
            b"HTTP/1.1 101 S\r\nUpgrade: a\r\nConnection: upgrade\r\n\r\n",
            b"HTTP/1.1 101 S\r\n\r\n",
        ),
        ("close", b"HTTP/1.1 200 OK\r\nConnection: Close\r\n\r\n", b"HTTP/1.1 200 OK\r\n\r\n"),
        (
            "content-length-syntax",
            b"HTTP/1.1 200 OK\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: 0x1\r\n\r\n",
        ),
        ("no-extra-crlf", b"HTTP/1.1 200 OK\r\n\r\n", b"\r\nHTTP/1.1 200 OK\r\n\r\n"),
    ],
)
def test_each_response_check(check: str, good: bytes, bad: bytes) -> None:
    assert check_bytes([check], good, RESPONSES) == []
    assert check_bytes([check], bad, RESPONSES) != []


def test_checks_that_depend_on_the_request_answered() -> None:
    to_http10 = Context(responses=True, request_version=b"1.0")
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    assert check_bytes(["no-te-to-http10"], chunked, to_http10) != []
    assert check_bytes(["no-te-to-http10"], chunked, RESPONSES) == []
    interim = b"HTTP/1.1 100 Continue\r\n\r\n"
    assert check_bytes(["no-1xx-to-http10"], interim, to_http10) != []
    connect = Context(responses=True, request_methods=(b"CONNECT",))
    tunnel = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
    assert check_bytes(["no-framing-in-connect-2xx"], tunnel, connect) != []
    assert check_bytes(["no-framing-in-connect-2xx"], tunnel, RESPONSES) == []


def test_request_checks() -> None:
    assert check_bytes(["host"], b"GET / HTTP/1.1\r\nHost: a\r\n\r\n", REQUESTS) == []
    assert check_bytes(["host"], b"GET / HTTP/1.1\r\n\r\n", REQUESTS) != []
    assert check_bytes(["host"], b"GET / HTTP/1.0\r\n\r\n", REQUESTS) == []
    te = b"GET / HTTP/1.1\r\nHost: a\r\nTE: trailers\r\n\r\n"
    assert check_bytes(["te-header"], te, REQUESTS) != []
    gzip = b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"
    assert check_bytes(["chunked-final-once"], gzip, REQUESTS) != []
    ctx = Context(responses=False, content=b"hello")
    sent = b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
    assert check_bytes(["content"], sent, ctx) == []
    assert check_bytes(["content"], sent[:-1] + b"!", ctx) != []


def test_the_grammar_check_always_runs() -> None:
    assert "start-line" in check_bytes([], b"GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", REQUESTS)[0]
    assert "field line" in check_bytes([], b"GET / HTTP/1.1\r\nX Y: z\r\n\r\n", REQUESTS)[0]
