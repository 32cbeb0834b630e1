"""The bytes the workloads feed and the events they send, built once at import.

Strategy: realistic messages written out literally (a browser's navigation request, a typical
static-file response), plus generators for the sized inputs of the linearity checks. Everything
here is plain data, shared by the h11-API drivers and the httptools drivers so that both parse
exactly the same bytes.
"""

from __future__ import annotations

READ_SIZE = 64 * 1024
"""Socket read size of the client workloads."""

BROWSER_GET = (
    b"GET /articles/2024/http-parsing?ref=home HTTP/1.1\r\n"
    b"Host: www.example.com\r\n"
    b"Connection: keep-alive\r\n"
    b'sec-ch-ua: "Chromium";v="124", "Not-A.Brand";v="99"\r\n'
    b"sec-ch-ua-mobile: ?0\r\n"
    b'sec-ch-ua-platform: "Linux"\r\n'
    b"Upgrade-Insecure-Requests: 1\r\n"
    b"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    b"Chrome/124.0.0.0 Safari/537.36\r\n"
    b"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
    b"image/apng,*/*;q=0.8\r\n"
    b"Accept-Encoding: gzip, deflate, br, zstd\r\n"
    b"Accept-Language: en-GB,en;q=0.9\r\n"
    b"Cookie: sid=7d3c9a1e5b2f; theme=dark\r\n"
    b"\r\n"
)
"""A browser navigation request: 11 fields, about 570 bytes (server-get, server-bytewise)."""

API_GET = (
    b"GET /api/v1/items/42 HTTP/1.1\r\n"
    b"Host: api.example.com\r\n"
    b"User-Agent: python-httpx/0.27.0\r\n"
    b"Accept: application/json\r\n"
    b"\r\n"
)
"""A small API request: the unit of the pipelined workload."""

PIPELINE_DEPTH = 100
PIPELINED_GETS = API_GET * PIPELINE_DEPTH
"""server-pipelined: 100 pipelined GETs arriving in one ``receive_data``."""

MINIMAL_GET = b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"
"""The request that puts the server in a state to send (server-send)."""

MINIMAL_RESPONSE_FIELDS = ((b"content-length", b"0"),)
"""The answer of the server workloads that measure parsing: status 200, no body."""

SEND_BODY = bytes(range(256)) * 4
"""server-send: the 1 KiB ``Data`` the server sends."""

SEND_RESPONSE_FIELDS = (
    (b"content-type", b"application/octet-stream"),
    (b"content-length", str(len(SEND_BODY)).encode("ascii")),
    (b"date", b"Wed, 25 Nov 2026 08:34:10 GMT"),
    (b"server", b"bench/1.0"),
    (b"cache-control", b"max-age=3600"),
)
"""server-send: the five fields of the response the server sends."""

WRK_GET = b"GET / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n"
"""The request wrk sends (``wrk http://127.0.0.1:8000/``): server-uvicorn's and
server-hypercorn's request."""

HELLO = b"Hello, world!"
"""The body of the small ASGI app's answer to a GET (server-uvicorn, server-hypercorn,
``make bench-e2e``)."""

UVICORN_DEFAULT_FIELDS = (
    (b"date", b"Wed, 25 Nov 2026 08:34:10 GMT"),
    (b"server", b"uvicorn"),
)
"""The fields uvicorn puts before an app's on every response (its date is renewed each
second, so a constant within a cycle)."""

HYPERCORN_DEFAULT_FIELDS = (
    (b"date", b"Wed, 25 Nov 2026 08:34:10 GMT"),
    (b"server", b"hypercorn-h11"),
)
"""The fields hypercorn puts after an app's on every HTTP/1.1 response (its date, like
uvicorn's, a constant within a cycle)."""

APP_FIELDS = (
    (b"content-type", b"text/plain; charset=utf-8"),
    (b"content-length", str(len(HELLO)).encode("ascii")),
)
"""The fields the small ASGI app sends with ``HELLO``."""

CLIENT_REQUEST_FIELDS = ((b"host", b"static.example.com"), (b"accept", b"*/*"))
"""The request the client workloads send before each response."""

_RESPONSE_HEAD = (
    b"HTTP/1.1 200 OK\r\n"
    b"Date: Wed, 25 Nov 2026 08:34:10 GMT\r\n"
    b"Server: nginx/1.25.4\r\n"
    b"Content-Type: application/octet-stream\r\n"
    b"Last-Modified: Mon, 23 Nov 2026 10:00:00 GMT\r\n"
    b'ETag: "5f3a-1b2c3d"\r\n'
    b"Cache-Control: public, max-age=86400\r\n"
)


def body(size: int) -> bytes:
    """A deterministic body of *size* bytes (every octet value occurs, CR and LF included)."""
    block = bytes(range(256))
    return (block * (size // len(block) + 1))[:size]


def content_length_response(size: int) -> bytes:
    """A 200 response whose body of *size* bytes is delimited by Content-Length."""
    return _RESPONSE_HEAD + b"Content-Length: %d\r\n\r\n" % size + body(size)


def chunked(payload: bytes, chunk_size: int) -> bytes:
    """*payload* in the chunked transfer coding (RFC 9112 §7.1), ending in a last-chunk."""
    pieces = [
        b"%x\r\n%b\r\n" % (len(payload[i : i + chunk_size]), payload[i : i + chunk_size])
        for i in range(0, len(payload), chunk_size)
    ]
    return b"".join(pieces) + b"0\r\n\r\n"


def chunked_response(size: int, chunk_size: int) -> bytes:
    """A 200 response with a body of *size* bytes sent in chunks of *chunk_size*."""
    return _RESPONSE_HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + chunked(body(size), chunk_size)


def chunked_post(size: int, chunk_size: int) -> bytes:
    """A POST whose body of *size* bytes comes in chunks of *chunk_size* (many-small-chunks)."""
    head = b"POST /upload HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n"
    return head + chunked(body(size), chunk_size)


def large_get(size: int) -> bytes:
    """A GET head of about *size* bytes: the browser request plus filler fields."""
    head = BROWSER_GET[: -len(b"\r\n")]
    index = 0
    while len(head) < size - 2:
        head += b"X-Filler-%04d: %b\r\n" % (index, b"v" * 40)
        index += 1
    return head + b"\r\n"


def colonless_get(size: int) -> bytes:
    """A GET head of about *size* bytes whose last field line is a run of name octets with
    no colon: no field line, so every parser refuses the head (refused-head)."""
    head = b"GET / HTTP/1.1\r\nHost: example.com\r\n"
    return head + b"x" * (size - len(head) - 4) + b"\r\n\r\n"


def reads(message: bytes, size: int = READ_SIZE) -> tuple[bytes, ...]:
    """*message* cut into the reads a socket of buffer *size* would return."""
    return tuple(message[i : i + size] for i in range(0, len(message), size))
