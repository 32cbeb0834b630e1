"""An ASGI app for the integration tests, served by uvicorn and hypercorn on h11pc.

Routes: ``/whoami`` (which h11 module serves, and the client's port, to prove connection
reuse), ``/hello``, ``/upload`` (sha256 and size of the request body), ``/stream?size=N``
(N deterministic octets, streamed without Content-Length, so chunked), ``/both-framing``
(a response with both Transfer-Encoding and Content-Length), ``/no-content-chunked`` (a
204 with Transfer-Encoding), ``/ws`` (a WebSocket echo), anything else 404.
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


async def _start(send: Send, status: int, headers: list[tuple[bytes, bytes]]) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})


async def whoami(scope: Scope, receive: Receive, send: Send) -> None:
    who = {"h11": sys.modules["h11"].__name__, "client_port": scope["client"][1]}
    await _respond(send, 200, json.dumps(who).encode(), b"application/json")


async def hello(scope: Scope, receive: Receive, send: Send) -> None:
    await _respond(send, 200, b"hello")


async def upload(scope: Scope, receive: Receive, send: Send) -> None:
    digest, size = hashlib.sha256(), 0
    while True:
        message = await receive()
        digest.update(message.get("body", b""))
        size += len(message.get("body", b""))
        if not message.get("more_body"):
            break
    await _respond(send, 200, json.dumps({"sha256": digest.hexdigest(), "size": size}).encode())


async def both_framing(scope: Scope, receive: Receive, send: Send) -> None:
    await _start(send, 200, [(b"transfer-encoding", b"chunked"), (b"content-length", b"12")])
    await send({"type": "http.response.body", "body": b"chunked body"})


async def no_content_chunked(scope: Scope, receive: Receive, send: Send) -> None:
    await _start(send, 204, [(b"transfer-encoding", b"chunked")])
    await send({"type": "http.response.body", "body": b""})


async def stream(scope: Scope, receive: Receive, send: Send) -> None:
    size = int(scope["query_string"].decode().removeprefix("size="))
    await _start(send, 200, [])
    for block in stream_bytes(size):
        await send({"type": "http.response.body", "body": block, "more_body": True})
    await send({"type": "http.response.body", "body": b""})


async def not_found(scope: Scope, receive: Receive, send: Send) -> None:
    await _respond(send, 404, b"not found")


ROUTES = {
    "/whoami": whoami,
    "/hello": hello,
    "/upload": upload,
    "/both-framing": both_framing,
    "/no-content-chunked": no_content_chunked,
    "/stream": stream,
}


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    if scope["type"] == "websocket":
        await _echo(receive, send)
        return
    await ROUTES.get(scope["path"], not_found)(scope, receive, send)


async def _echo(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "websocket.connect":
            await send({"type": "websocket.accept"})
        elif message["type"] == "websocket.receive":
            await send({"type": "websocket.send", "text": "echo: " + (message.get("text") or "")})
        else:
            return
