"""An ASGI app for the integration tests, served by uvicorn on h11pc (see serve_uvicorn.py).

Routes: ``/whoami`` (which h11 module serves, and the client's port, to prove connection
reuse), ``/hello``, ``/upload`` (sha256 and size of the request body), ``/stream?size=N``
(N deterministic octets, streamed without Content-Length, so chunked), ``/ws`` (a
WebSocket echo), anything else 404.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

BLOCK = 64 * 1024


def stream_bytes(size: int) -> Iterator[bytes]:
    """``size`` deterministic octets, in blocks (the client recomputes them to check)."""
    sent = 0
    counter = 0
    while sent < size:
        block = hashlib.sha256(b"%d" % counter).digest() * (BLOCK // 32)
        block = block[: size - sent]
        sent += len(block)
        counter += 1
        yield block


async def _respond(
    send: Send, status: int, body: bytes, content_type: bytes = b"text/plain"
) -> None:
    headers = [(b"content-type", content_type), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    if scope["type"] == "websocket":
        await _echo(receive, send)
        return
    path = scope["path"]
    if path == "/whoami":
        who = {"h11": sys.modules["h11"].__name__, "client_port": scope["client"][1]}
        await _respond(send, 200, json.dumps(who).encode(), b"application/json")
    elif path == "/hello":
        await _respond(send, 200, b"hello")
    elif path == "/upload":
        digest, size = hashlib.sha256(), 0
        while True:
            message = await receive()
            digest.update(message.get("body", b""))
            size += len(message.get("body", b""))
            if not message.get("more_body"):
                break
        await _respond(send, 200, json.dumps({"sha256": digest.hexdigest(), "size": size}).encode())
    elif path == "/stream":
        size = int(scope["query_string"].decode().removeprefix("size="))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        for block in stream_bytes(size):
            await send({"type": "http.response.body", "body": block, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
    else:
        await _respond(send, 404, b"not found")


async def _echo(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "websocket.connect":
            await send({"type": "websocket.accept"})
        elif message["type"] == "websocket.receive":
            await send({"type": "websocket.send", "text": "echo: " + (message.get("text") or "")})
        else:
            return
