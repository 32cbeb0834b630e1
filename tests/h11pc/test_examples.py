"""The examples run: each server example -- asyncio, and anyio on trio and on asyncio --
answers the asyncio client example, curl, and a client that streams its body."""

from __future__ import annotations

import contextlib
import selectors
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import h11pc

from .support import message_events

EXAMPLES = Path(__file__).parents[2] / "examples"
TIMEOUT = 30


SERVERS = {
    "asyncio": ["asyncio_server.py"],
    "anyio-trio": ["anyio_server.py", "--backend", "trio"],
    "anyio-asyncio": ["anyio_server.py", "--backend", "asyncio"],
}


@contextlib.contextmanager
def serving(name: str) -> Iterator[int]:
    """Run the server example ``name`` of SERVERS; its port."""
    script, *options = SERVERS[name]
    process = subprocess.Popen(
        [sys.executable, str(EXAMPLES / script), *options], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            assert selector.select(TIMEOUT), "the example server did not start"
        yield int(process.stdout.readline())
    finally:
        process.terminate()
        process.wait(TIMEOUT)
        process.stdout.close()


@pytest.fixture(params=sorted(SERVERS))
def server_port(request: pytest.FixtureRequest) -> Iterator[int]:
    with serving(request.param) as port:
        yield port


def test_client_example_against_server_example(server_port: int) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(EXAMPLES / "asyncio_client.py"),
            "127.0.0.1",
            str(server_port),
            "/",
            "/nope",
            "/",
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert result.stdout.splitlines() == [
        "200 hello from h11pc",
        "404 not found",
        "200 hello from h11pc",
    ]


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_server_example_with_curl(server_port: int) -> None:
    curl = shutil.which("curl")
    assert curl is not None
    base = f"http://127.0.0.1:{server_port}"
    echoed = subprocess.run(
        [curl, "-sS", "--max-time", "10", "--data-binary", "ping", f"{base}/echo"],
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert echoed.stdout == b"ping"
    bad = subprocess.run(
        [
            curl,
            "-sS",
            "--max-time",
            "10",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "-H",
            "Bad Header: x",
            base,
        ],
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert bad.stdout == b"400"


def _send(sock: socket.socket, conn: h11pc.Connection, event: h11pc.Event) -> None:
    data = conn.send(event)
    assert data is not None  # None only for ConnectionClosed
    sock.sendall(data)


def _post_in_pieces(port: int, pieces: list[bytes]) -> tuple[h11pc.Response, bytes]:
    """POST /echo with a chunked body sent piece by piece; the response and its body."""
    conn = h11pc.Connection(h11pc.CLIENT)
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        headers = [("Host", "example.com"), ("Transfer-Encoding", "chunked")]
        _send(sock, conn, h11pc.Request(method="POST", target="/echo", headers=headers))
        for piece in pieces:
            _send(sock, conn, h11pc.Data(data=piece))
        _send(sock, conn, h11pc.EndOfMessage())
        response, body = None, b""
        for event in message_events(conn, lambda: sock.recv(65536)):
            if isinstance(event, h11pc.Response):
                response = event
            elif isinstance(event, h11pc.Data):
                body += event.data
    assert response is not None
    return response, body


def test_server_examples_echo_a_streamed_body(server_port: int) -> None:
    pieces = [b"first ", b"second ", b"third"]
    response, body = _post_in_pieces(server_port, pieces)
    assert response.status_code == 200
    assert body == b"".join(pieces)


@pytest.mark.parametrize("name", ["anyio-trio", "anyio-asyncio"])
def test_anyio_server_example_invites_a_body_the_client_holds_back(name: str) -> None:
    # RFC 9110 §10.1.1: the client holds its body until 100 (Continue) or a final response.
    conn = h11pc.Connection(h11pc.CLIENT)
    headers = [("Host", "example.com"), ("Content-Length", "4"), ("Expect", "100-continue")]
    events: list[h11pc.Event] = []
    with serving(name) as port, socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        _send(sock, conn, h11pc.Request(method="PUT", target="/", headers=headers))
        for event in message_events(conn, lambda: sock.recv(65536)):
            events.append(event)
            if isinstance(event, h11pc.InformationalResponse):
                _send(sock, conn, h11pc.Data(data=b"body"))
                _send(sock, conn, h11pc.EndOfMessage())
    heads = (h11pc.InformationalResponse, h11pc.Response)
    assert [e.status_code for e in events if isinstance(e, heads)] == [100, 404]
