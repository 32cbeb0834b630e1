"""Client scenarios run on h11pc through its compat layer, one process per call:
``run_client.py SCENARIO BASE_URL``; prints one JSON object (with ``"h11"``, the module
httpcore or wsproto really used). Run as a script by the integration tests."""

from __future__ import annotations

import hashlib
import json
import socket
import sys
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import h11pc.compat

h11pc.compat.install()

import httpcore._sync.http11 as httpcore_h11  # noqa: E402  (after install())
import httpx  # noqa: E402
import wsproto  # noqa: E402
import wsproto.events  # noqa: E402
import wsproto.handshake  # noqa: E402

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from app import stream_bytes  # type: ignore[import-not-found]  # noqa: E402

MIB = 1 << 20
TIMEOUT = httpx.Timeout(30.0)


def keep_alive(base: str) -> dict[str, Any]:
    """Hundreds of requests over one kept-alive connection."""
    with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
        ports = set()
        for _ in range(200):
            response = client.get("/whoami")
            response.raise_for_status()
            ports.add(response.json()["client_port"])
        return {"ports": len(ports), "server_h11": response.json()["h11"]}


def _upload(base: str, content: bytes | Iterator[bytes]) -> dict[str, Any]:
    with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
        response = client.post("/upload", content=content)
        sent = response.request.headers
        return {
            **response.json(),
            "te": sent.get("transfer-encoding"),
            "cl": sent.get("content-length"),
        }


def upload_length(base: str) -> dict[str, Any]:
    return _upload(base, bytes(range(256)) * (MIB // 256))


def upload_chunked(base: str) -> dict[str, Any]:
    return _upload(base, (bytes(range(256)) * 256 for _ in range(MIB // 65536)))


def download(base: str) -> dict[str, Any]:
    size = 5 * MIB + 123
    expected = hashlib.sha256(b"".join(stream_bytes(size))).hexdigest()
    digest, received = hashlib.sha256(), 0
    with (
        httpx.Client(base_url=base, timeout=TIMEOUT) as client,
        client.stream("GET", f"/stream?size={size}") as response,
    ):
        for block in response.iter_raw():
            digest.update(block)
            received += len(block)
        te = response.headers.get("transfer-encoding")
    return {"ok": digest.hexdigest() == expected, "size": received, "te": te}


def head_and_404(base: str) -> dict[str, Any]:
    with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
        head = client.head("/hello")
        missing = client.get("/missing")
        after = client.get("/hello")
        odd = client.get("/hello?q=a|b{c}^")  # sent unencoded by httpx, accepted as by h11
    return {
        "odd": [odd.status_code, odd.request.url.raw_path.decode()],
        "head": [head.status_code, head.headers.get("content-length"), head.content.decode()],
        "missing": [missing.status_code, missing.text],
        "after": [after.status_code, after.text],
    }


def stdlib(base: str) -> dict[str, Any]:
    """Against http.server: keep-alive with Content-Length, then a close-delimited body."""
    with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
        texts = [client.get(f"/n/{i}").text for i in range(50)]
        closing = client.get("/close")
    return {"texts": texts, "closing": [closing.status_code, len(closing.content)]}


def websocket(base: str) -> dict[str, Any]:
    """A wsproto client handshake and one message over a socket to uvicorn's wsproto."""
    url = urlsplit(base)
    ws = wsproto.WSConnection(wsproto.ConnectionType.CLIENT)
    received: list[Any] = []
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        sock.sendall(ws.send(wsproto.events.Request(host=url.netloc, target="/ws")))
        while not any(isinstance(e, wsproto.events.AcceptConnection) for e in received):
            ws.receive_data(sock.recv(65536))
            received.extend(ws.events())
        sock.sendall(ws.send(wsproto.events.TextMessage(data="ping")))
        while not any(isinstance(e, wsproto.events.TextMessage) for e in received):
            ws.receive_data(sock.recv(65536))
            received.extend(ws.events())
        sock.sendall(ws.send(wsproto.events.CloseConnection(code=1000)))
    text = [e.data for e in received if isinstance(e, wsproto.events.TextMessage)]
    return {"accepted": True, "text": text, "wsproto_h11": wsproto.handshake.h11.__name__}  # type: ignore[attr-defined]


SCENARIOS: dict[str, Callable[[str], dict[str, Any]]] = {
    f.__name__: f
    for f in (keep_alive, upload_length, upload_chunked, download, head_and_404, stdlib, websocket)
}

if __name__ == "__main__":
    result = SCENARIOS[sys.argv[1]](sys.argv[2])
    print(json.dumps({**result, "h11": httpcore_h11.h11.__name__}))  # type: ignore[attr-defined]
