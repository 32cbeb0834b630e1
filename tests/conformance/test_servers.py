"""The servers live mode starts itself: the demo server on an h11-API library, and http.server."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from conformance import echo, wirecheck
from conformance.demo_server import DemoServer, load_h11_api
from conformance.model import Digest
from conformance.stdlib_server import StdlibServer


def talk(url: str, data: bytes, wait_for_close: bool = True) -> bytes:
    """Send ``data``, then read until the server closes (or half a second of silence)."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    received = b""
    with socket.create_connection((host, int(port)), timeout=2) as sock:
        sock.sendall(data)
        sock.settimeout(2 if wait_for_close else 0.5)
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except TimeoutError:
            pass
    return received


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    pytest.importorskip("h11")
    server = DemoServer(load_h11_api("h11")).start()
    yield server
    server.stop()
    assert server.errors == []


def test_the_demo_server_needs_the_h11_api() -> None:
    with pytest.raises(ImportError, match="no Connection"):
        load_h11_api("json")


def test_the_demo_server_answers_and_keeps_alive(demo: DemoServer) -> None:
    two = (
        b"GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
        b"POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
    )
    received = talk(demo.url, two, wait_for_close=False)
    assert received.count(b"HTTP/1.1 200 ") == 2
    responses, _problem = wirecheck.split_messages(received, wirecheck.Context(responses=True))
    first, second = (echo.decode(response.body) for response in responses)
    assert (first[0].method, first[0].target, first[0].body) == (b"GET", b"/1", Digest.of(b""))
    assert (second[0].method, second[0].target) == (b"POST", b"/2")
    assert second[0].body == Digest.of(b"hi")
    assert second[0].headers == ((b"Host", b"a"), (b"Content-Length", b"2"))


def test_the_demo_server_answers_head_without_content(demo: DemoServer) -> None:
    received = talk(demo.url, b"HEAD / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
    assert received.startswith(b"HTTP/1.1 200 ")
    assert received.endswith(b"\r\n\r\n")


def test_the_demo_server_sends_100_continue(demo: DemoServer) -> None:
    head = b"POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
    received = talk(demo.url, head, wait_for_close=False)
    assert received.startswith(b"HTTP/1.1 100 ")


def test_the_demo_server_rejects_with_the_status_hint_and_closes(demo: DemoServer) -> None:
    received = talk(demo.url, b"GET / HTTP/1.1\r\n\r\n")
    assert received.startswith(b"HTTP/1.1 400 ")
    assert b"Connection: close\r\n" in received


def test_the_demo_server_opens_no_tunnel(demo: DemoServer) -> None:
    received = talk(demo.url, b"CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n", False)
    assert received.startswith(b"HTTP/1.1 405 ")


@pytest.fixture(scope="module")
def stdlib() -> Iterator[StdlibServer]:
    server = StdlibServer().start()
    yield server
    server.stop()


def test_http_server_answers_any_method_and_reads_bodies(stdlib: StdlibServer) -> None:
    two = (
        b"PROPFIND /1 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
        b"GET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
    )
    received = talk(stdlib.url, two, wait_for_close=False)
    assert received.count(b" 200 OK\r\n") == 2


def test_http_server_refuses_a_content_length_it_cannot_read(stdlib: StdlibServer) -> None:
    received = talk(stdlib.url, b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n")
    assert received.startswith(b"HTTP/1.1 400 ")
