"""A small ASGI application: the three requests ``make bench-e2e`` loads, and what serves it.

Strategy: this module runs inside each server's process, possibly under another interpreter
and virtualenv than the benchmark's (a compiled build of h11pc), so it imports the standard
library only. Routes:

* ``GET /small``: 13 bytes (the "hello world" of server benchmarks);
* ``GET /large``: 64 KiB;
* ``POST /upload``: reads the whole body and answers its length in decimal (a few bytes);
* ``GET /about``: JSON naming the HTTP library the server process really runs (the module
  behind ``import h11``, whether h11pc's compiled modules run, whether httptools is
  loaded, the class behind ``h11.Connection``) and the versions of the packages around it,
  so that a run can prove which implementation each row measured.
"""

from __future__ import annotations

import json
import platform
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from importlib import metadata
from typing import Any

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

SMALL_BODY = b"Hello, world!"
LARGE_BODY = bytes(range(256)) * 256
UPLOAD_SIZE = 16 * 1024
"""The body size of the POST the benchmark sends to ``/upload``."""
PACKAGES = ("h11", "h11pc", "httptools", "uvicorn", "hypercorn")

STATIC = {("GET", "/small"): SMALL_BODY, ("GET", "/large"): LARGE_BODY}


def about() -> dict[str, Any]:
    """What this process serves with: the HTTP library, its build, the package versions."""
    h11 = sys.modules.get("h11")
    h11pc = sys.modules.get("h11pc")
    connection = getattr(h11, "Connection", None)
    return {
        "h11": None if h11 is None else h11.__name__,
        "connection": None
        if connection is None
        else f"{connection.__module__}.{connection.__qualname__}",
        "compiled": bool(getattr(h11pc, "compiled", False)),
        "httptools": "httptools" in sys.modules,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "executable": sys.executable,
        "versions": {name: _version(name) for name in PACKAGES},
    }


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


async def app(scope: Message, receive: Receive, send: Send) -> None:
    """The ASGI 3 entry point."""
    if scope["type"] == "lifespan":
        await _lifespan(receive, send)
        return
    if scope["type"] != "http":
        raise ValueError(f"unsupported scope type {scope['type']!r}")
    route = (scope["method"], scope["path"])
    status, body = 200, STATIC.get(route)
    if body is None:
        if route == ("POST", "/upload"):
            body = str(await _body_length(receive)).encode("ascii")
        elif route == ("GET", "/about"):
            body = json.dumps(about()).encode("ascii")
        else:
            status, body = 404, b"not found"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/octet-stream"),
                (b"content-length", str(len(body)).encode("ascii")),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _body_length(receive: Receive) -> int:
    length = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return length
        length += len(message.get("body", b""))
        if not message.get("more_body", False):
            return length


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
