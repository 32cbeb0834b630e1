"""h11pc with real peers over loopback: uvicorn serving on h11pc, httpx (httpcore) on h11pc
as its client, curl, raw pipelined requests, the stdlib's http.server, and a wsproto
handshake. Servers run in their own processes on ephemeral ports, started and stopped by
fixtures; every wait is bounded. Each test checks that h11pc, not h11, did the work."""

from __future__ import annotations

import hashlib
import http.client
import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

import h11pc

from ..support import message_events

HERE = Path(__file__).parent
TIMEOUT = 60


def _served(command: Callable[[int], list[str]]) -> Iterator[str]:
    """Run ``python -m h11pc.compat`` with the command ``command(fd)`` makes, serving
    :mod:`app` on a loopback socket it inherits as ``fd``; its URL, until the server is
    stopped. Connections queue on the socket until the server accepts them: no waiting
    for it to start."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        fd = sock.fileno()
        process = subprocess.Popen(
            [sys.executable, "-m", "h11pc.compat", *command(fd)], cwd=HERE, pass_fds=[fd]
        )
        try:
            yield f"http://127.0.0.1:{sock.getsockname()[1]}"
        finally:
            process.terminate()
            process.wait(TIMEOUT)


@pytest.fixture(scope="module")
def uvicorn_url() -> Iterator[str]:
    """uvicorn started from the shell on h11pc: ``python -m h11pc.compat uvicorn ...``."""
    yield from _served(
        lambda fd: [
            *("uvicorn", "app:app", "--fd", str(fd), "--http", "h11", "--ws", "wsproto"),
            *("--log-level", "warning", "--lifespan", "off"),
        ]
    )


@pytest.fixture(scope="module")
def hypercorn_url() -> Iterator[str]:
    """hypercorn started from the shell on h11pc (its worker is a spawned process)."""
    yield from _served(lambda fd: ["hypercorn", "app:app", "--bind", f"fd://{fd}"])


def run_client(scenario: str, url: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, str(HERE / "run_client.py"), scenario, url],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    outcome: dict[str, Any] = json.loads(result.stdout)
    assert outcome["h11"] == "h11pc"  # httpcore really ran on h11pc
    return outcome


def _get(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """A request with the stdlib's client (no h11 involved): status, fields, body."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=TIMEOUT)
    try:
        connection.request(method, parts.path)
        response = connection.getresponse()
        fields = {name.lower(): value for name, value in response.getheaders()}
        return response.status, fields, response.read()
    finally:
        connection.close()


def test_the_server_started_from_the_shell_runs_on_h11pc(uvicorn_url: str) -> None:
    status, _, body = _get(f"{uvicorn_url}/whoami")
    assert status == 200 and json.loads(body)["h11"] == "h11pc"


def test_an_app_that_sends_both_framing_fields_gets_its_response_through(
    uvicorn_url: str,
) -> None:
    """RFC 9112 §6.2: Content-Length is dropped beside Transfer-Encoding, which frames the
    body; the response is not refused after uvicorn has started it."""
    status, fields, body = _get(f"{uvicorn_url}/both-framing")
    assert (status, body) == (200, b"chunked body")
    assert fields["transfer-encoding"] == "chunked" and "content-length" not in fields


def test_a_204_with_transfer_encoding_gets_through_without_it(uvicorn_url: str) -> None:
    """RFC 9112 §6.1: a server MUST NOT send Transfer-Encoding with a 204: dropped."""
    status, fields, body = _get(f"{uvicorn_url}/no-content-chunked")
    assert (status, body) == (204, b"")
    assert "transfer-encoding" not in fields and "content-length" not in fields
    status, _, _ = _get(f"{uvicorn_url}/hello")  # and the connection still serves
    assert status == 200


def test_hypercorn_on_h11pc_serves_http2_with_prior_knowledge(hypercorn_url: str) -> None:
    """RFC 9113 §3.3: an HTTP/2 client on ``http://`` that knows the server speaks HTTP/2
    sends the preface at once; hypercorn recognises it through h11's Request for ``PRI``."""
    with httpx.Client(http1=False, http2=True, timeout=TIMEOUT) as client:
        response = client.get(f"{hypercorn_url}/whoami")
    assert response.http_version == "HTTP/2" and response.status_code == 200
    assert response.json()["h11"] == "h11pc"
    status, _, body = _get(f"{hypercorn_url}/hello")  # and HTTP/1.1 on h11pc still works
    assert (status, body) == (200, b"hello")


def test_keep_alive_over_hundreds_of_requests(uvicorn_url: str) -> None:
    outcome = run_client("keep_alive", uvicorn_url)
    assert outcome["server_h11"] == "h11pc"
    assert outcome["ports"] == 1  # one connection carried all 200 requests


def test_one_mib_upload_with_content_length(uvicorn_url: str) -> None:
    outcome = run_client("upload_length", uvicorn_url)
    body = bytes(range(256)) * 4096
    assert (outcome["sha256"], outcome["size"]) == (hashlib.sha256(body).hexdigest(), len(body))
    assert outcome["cl"] == str(len(body)) and outcome["te"] is None


def test_one_mib_upload_chunked(uvicorn_url: str) -> None:
    outcome = run_client("upload_chunked", uvicorn_url)
    body = bytes(range(256)) * 4096
    assert (outcome["sha256"], outcome["size"]) == (hashlib.sha256(body).hexdigest(), len(body))
    assert outcome["te"] == "chunked"


def test_multi_mib_chunked_download_checked_by_hash(uvicorn_url: str) -> None:
    outcome = run_client("download", uvicorn_url)
    assert outcome == {"ok": True, "size": 5 * (1 << 20) + 123, "te": "chunked", "h11": "h11pc"}


def test_head_and_404_keep_the_connection_usable(uvicorn_url: str) -> None:
    outcome = run_client("head_and_404", uvicorn_url)
    assert outcome["head"] == [200, "5", ""]
    assert outcome["missing"] == [404, "not found"]
    assert outcome["after"] == [200, "hello"]
    assert outcome["odd"] == [200, "/hello?q=a|b{c}^"]


def test_websocket_handshake_with_wsproto(uvicorn_url: str) -> None:
    outcome = run_client("websocket", uvicorn_url)
    assert outcome["text"] == ["echo: ping"]
    assert outcome["wsproto_h11"] == "h11pc"


def test_pipelined_raw_requests(uvicorn_url: str) -> None:
    """Five requests in one write; five responses, read with an h11pc client."""
    port = int(uvicorn_url.rsplit(":", 1)[1])
    request = b"GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n"
    conn = h11pc.Connection(h11pc.CLIENT)
    bodies = []
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(request * 5)
        for _ in range(5):
            conn.send(h11pc.Request(method="GET", target="/hello", headers=[("Host", "localhost")]))
            conn.send(h11pc.EndOfMessage())
            events = message_events(conn, lambda: sock.recv(65536))
            bodies.append(b"".join(e.data for e in events if isinstance(e, h11pc.Data)))
            conn.start_next_cycle()
    assert bodies == [b"hello"] * 5


CURL = shutil.which("curl")
needs_curl = pytest.mark.skipif(CURL is None, reason="curl is not installed")


def _curl(*args: str) -> subprocess.CompletedProcess[bytes]:
    assert CURL is not None
    return subprocess.run(
        [CURL, "-sS", "--max-time", "30", *args], capture_output=True, timeout=TIMEOUT, check=True
    )


@needs_curl
def test_curl_get_head_and_keep_alive(uvicorn_url: str) -> None:
    whoami = _curl("-i", f"{uvicorn_url}/whoami").stdout.decode()
    assert whoami.startswith("HTTP/1.1 200 OK\r\n") and '"h11": "h11pc"' in whoami
    head = _curl("-I", f"{uvicorn_url}/hello").stdout.decode()
    assert head.startswith("HTTP/1.1 200 OK\r\n") and "content-length: 5" in head
    # One curl, three URLs: the first opens the connection, the others reuse it.
    urls = [f"{uvicorn_url}/hello", f"{uvicorn_url}/missing", f"{uvicorn_url}/hello"]
    discard = ["-o", "/dev/null"] * len(urls)  # curl pairs each -o with one URL
    reuse = _curl(*discard, "-w", "%{http_code}:%{num_connects} ", *urls)
    assert reuse.stdout.split() == [b"200:1", b"404:0", b"200:0"]


@needs_curl
def test_curl_upload_and_download(uvicorn_url: str, tmp_path: Path) -> None:
    body = bytes(range(256)) * 4096
    upload = tmp_path / "body.bin"
    upload.write_bytes(body)
    result = _curl("--data-binary", f"@{upload}", f"{uvicorn_url}/upload")
    assert json.loads(result.stdout) == {
        "sha256": hashlib.sha256(body).hexdigest(),
        "size": len(body),
    }
    chunked = _curl(
        "-H", "Transfer-Encoding: chunked", "--data-binary", f"@{upload}", f"{uvicorn_url}/upload"
    )
    assert json.loads(chunked.stdout)["size"] == len(body)
    size = 3 * (1 << 20)
    download = _curl(f"{uvicorn_url}/stream?size={size}")
    from tests.h11pc.integration.app import stream_bytes

    assert download.stdout == b"".join(stream_bytes(size))


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.path == "/close":
            # HTTP/1.0-style: no Content-Length, the body runs until the server closes.
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"z" * 100000)
            self.close_connection = True
            return
        body = self.path.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def stdlib_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(TIMEOUT)


def test_httpx_on_h11pc_against_stdlib_http_server(stdlib_url: str) -> None:
    outcome = run_client("stdlib", stdlib_url)
    assert outcome["texts"] == [f"/n/{i}" for i in range(50)]
    assert outcome["closing"] == [200, 100000]
