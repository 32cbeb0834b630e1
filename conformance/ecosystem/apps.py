"""The echo application, once per server interface: ASGI, WSGI, aiohttp, tornado, twisted.web.

Strategy: each answers every request -- any method, any target -- with 200 (405 to CONNECT:
no tunnels) and the :mod:`conformance.echo` of what the server handed it, in the richest form
the interface offers: ASGI's ``headers`` list and ``raw_path``, WSGI's environ with the raw
target the server keeps beside ``PATH_INFO`` (``RAW_URI``, ``REQUEST_URI``), aiohttp's
``raw_headers``, tornado's and twisted's target as received. Each says how much its interface
shows (:class:`~conformance.model.HeaderView`, :class:`~conformance.model.TargetView`), so the
judge compares no more than that. The frameworks are imported by the server launcher, inside
the ecosystem's virtualenv; nothing here imports them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from conformance import echo
from conformance.model import HeaderView, TargetView

_CGI_UNPREFIXED = ("CONTENT_TYPE", "CONTENT_LENGTH")


def status_for(method: str | bytes) -> int:
    connect = b"CONNECT" if isinstance(method, bytes) else "CONNECT"
    return 405 if method == connect else 200


def reason_for(status: int) -> str:
    return HTTPStatus(status).phrase


# --- ASGI (uvicorn, hypercorn) -----------------------------------------------------------------

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


async def asgi_echo(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        await _asgi_lifespan(receive, send)
        return
    if scope["type"] != "http":
        return
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return  # the client went away mid-body: nobody to answer
        body += message.get("body", b"")
        if not message.get("more_body", False):
            break
    query = scope.get("query_string", b"")
    content = echo.encode(
        method=scope["method"],
        target=scope.get("raw_path", b"") + (b"?" + query if query else b""),
        version=scope["http_version"],
        headers=scope["headers"],
        body=bytes(body),
        target_view=TargetView.ORIGIN,
    )
    headers = [(b"content-type", echo.CONTENT_TYPE.encode()), _length(content)]
    status = status_for(scope["method"])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})


async def _asgi_lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def _length(content: bytes) -> tuple[bytes, bytes]:
    return b"content-length", str(len(content)).encode()


# --- WSGI (gunicorn, waitress, cheroot, werkzeug) -----------------------------------------------

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def wsgi_echo(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    raw_target = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw_target is None:  # only the decoded path: quote it back as a client would send it
        query = environ.get("QUERY_STRING", "")
        path = quote(environ.get("PATH_INFO", ""), safe="/;=,:@!$&'()*+~")
        raw_target = path + ("?" + query if query else "")
    content = echo.encode(
        method=environ["REQUEST_METHOD"],
        target=raw_target,
        version=environ.get("SERVER_PROTOCOL", ""),
        headers=_cgi_fields(environ),
        body=_wsgi_body(environ),
        header_view=HeaderView.CGI,
    )
    status = status_for(environ["REQUEST_METHOD"])
    headers = [("Content-Type", echo.CONTENT_TYPE), ("Content-Length", str(len(content)))]
    start_response(f"{status} {reason_for(status)}", headers)
    return [content]


def _cgi_fields(environ: dict[str, Any]) -> list[tuple[str, str]]:
    """The header fields of the environ, keyed as ``HOST``, ``CONTENT_LENGTH`` ..."""
    fields = []
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            fields.append((key.removeprefix("HTTP_"), value))
        elif key in _CGI_UNPREFIXED and value != "":
            fields.append((key, value))
    return fields


def _wsgi_body(environ: dict[str, Any]) -> bytes:
    stream = environ["wsgi.input"]
    if environ.get("wsgi.input_terminated"):
        return bytes(stream.read())
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return bytes(stream.read(length)) if length > 0 else b""


# --- aiohttp, tornado: the content of the reply; the launcher sends it -------------------------

Reply = tuple[int, bytes]
"""The status and the echo, which a framework's own response object carries."""


async def aiohttp_reply(request: Any) -> Reply:
    """For aiohttp's low-level server: no router stands between the parser and the echo."""
    version = request.version
    content = echo.encode(
        method=request.method,
        target=request.raw_path,
        version=f"{version.major}.{version.minor}",
        headers=request.raw_headers,
        body=await request.read(),
    )
    return status_for(request.method), content


def tornado_reply(request: Any) -> Reply:
    """For a plain tornado request callback: no routing, no table of methods."""
    content = echo.encode(
        method=request.method,
        target=request.uri,
        version=request.version,
        headers=request.headers.get_all(),
        body=request.body,
        header_view=HeaderView.GROUPED,
    )
    return status_for(request.method), content


# --- twisted.web (a leaf resource answering every method itself) -------------------------------


def twisted_echo(request: Any) -> bytes:
    content = echo.encode(
        method=request.method,
        target=request.uri,
        version=request.clientproto,
        headers=[
            (name, value)
            for name, values in request.requestHeaders.getAllRawHeaders()
            for value in values
        ],
        body=request.content.read(),
        header_view=HeaderView.GROUPED,
    )
    request.setResponseCode(status_for(request.method))
    request.setHeader(b"Content-Type", echo.CONTENT_TYPE.encode())
    request.setHeader(b"Content-Length", str(len(content)).encode())
    return content
