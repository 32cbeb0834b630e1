"""server-hypercorn: one keep-alive request cycle as hypercorn 0.18 drives its HTTP library.

Strategy: like server-uvicorn, only the calls the server makes on its HTTP library per request,
in its order, and the work it does on what the library returns -- not the asyncio, ASGI and
logging work around them, which costs the same whatever parses the bytes. The request is the
GET that wrk sends; the answer is the small ASGI app's (``content-type``, ``content-length``,
13-byte body) with the fields hypercorn adds after the app's (``date``, ``server``).

``h11_api`` follows ``hypercorn/protocol/h11.py`` (``H11Protocol``): ``receive_data``, then the
``_handle_events`` loop -- ``they_are_waiting_for_100_continue`` before every ``next_event``, the
``isinstance`` ladder, and for the request ``_check_protocol`` and ``_create_stream``, which each
scan the fields (decoded as latin-1, stripped, lower-cased), copy them and decode the method and
version -- then the app's response through ``stream_send`` (``Response`` without a reason,
``Data``, ``EndOfMessage``) and ``_maybe_recycle``'s state checks and ``start_next_cycle``.
hypercorn has no other HTTP/1.1 protocol, so there is no httptools driver.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from itertools import chain
from types import ModuleType
from typing import Any

from bench.drivers import Op
from bench.messages import APP_FIELDS, HELLO, HYPERCORN_DEFAULT_FIELDS, WRK_GET

MAX_INCOMPLETE_SIZE = 16 * 1024
"""hypercorn's default ``h11_max_incomplete_size``, which it passes to every connection."""
BODY_FIELDS = frozenset({"content-length", "transfer-encoding"})
CONNECTION = frozenset({"connection"})

Scan = tuple[str, str | None]


def scan(fields: Iterable[tuple[bytes, bytes]], wanted: str, others: Set[str]) -> Scan:
    """The last value of the field named *wanted* ("" if none) and of any named in *others*
    (None if none), each name decoded as latin-1, stripped and lower-cased: hypercorn's scan of
    a request's fields, run twice on every request."""
    found, other = "", None
    for name, value in fields:
        sanitised = name.decode("latin1").strip().lower()
        if sanitised == wanted:
            found = value.decode("latin1").strip()
        elif sanitised in others:
            other = value.decode("latin1").strip()
    return found, other


def h11_api(h11: ModuleType) -> Op:
    """One cycle on a keep-alive ``h11.Connection``, hypercorn's calls in hypercorn's order."""
    conn = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_INCOMPLETE_SIZE)
    request, data, end, closed = h11.Request, h11.Data, h11.EndOfMessage, h11.ConnectionClosed
    need_data, paused, done = h11.NEED_DATA, h11.PAUSED, h11.DONE
    response = h11.Response
    body_events = (data, end)
    server_fields = list(HYPERCORN_DEFAULT_FIELDS)

    def check_protocol(event: Any) -> None:
        # H11Protocol._check_protocol: h2c upgrade or HTTP/2 prior knowledge.
        upgrade, framing = scan(event.headers, "upgrade", BODY_FIELDS)
        if upgrade.lower() == "h2c" and framing is None:
            raise RuntimeError("h2c upgrade")
        if event.method == b"PRI" and event.target == b"*" and event.http_version == b"2.0":
            raise RuntimeError("HTTP/2 prior knowledge")

    def create_stream(event: Any) -> None:
        # H11Protocol._create_stream: WebSocket or HTTP, then hypercorn's own Request.
        upgrade, connection = scan(event.headers, "upgrade", CONNECTION)
        tokens = (connection or "").lower().split(",")
        if any(token.strip() == "upgrade" for token in tokens) and upgrade.lower() == "websocket":
            raise RuntimeError("WebSocket upgrade")
        # hypercorn's Request event, which takes the target as it is.
        _fields = list(event.headers)
        _version = event.http_version.decode()
        _method = event.method.decode("ascii").upper()

    def handle_events(out: list[object]) -> None:
        # H11Protocol._handle_events, less the stream events it hands to the ASGI app.
        while True:
            if conn.they_are_waiting_for_100_continue:
                raise RuntimeError("100-continue")
            event = conn.next_event()
            if isinstance(event, request):
                check_protocol(event)
                create_stream(event)
                out.append(event)
            elif event is paused:
                raise RuntimeError("paused")
            elif isinstance(event, closed) or event is need_data:
                break
            elif isinstance(event, body_events):
                out.append(event)

    def op() -> list[object]:
        out: list[object] = []
        conn.receive_data(WRK_GET)
        handle_events(out)
        # stream_send for the app's start, body and end: app fields first, then hypercorn's.
        fields = list(chain(APP_FIELDS, server_fields))
        out.append(conn.send(response(headers=fields, status_code=200)))
        out.append(conn.send(data(data=HELLO)))
        out.append(conn.send(end()))
        # _maybe_recycle, on the stream's close.
        if conn.our_state is done and conn.their_state is done:
            conn.start_next_cycle()
        else:
            raise RuntimeError("the keep-alive connection must close")
        return out

    return op
