"""Drivers written once against the h11 API, run for every library module that offers it.

Strategy: a driver sets up one keep-alive connection and returns an operation: a closure that
runs one full cycle (or one batch of pipelined cycles) on it, the way a server or client loop
would, and returns what it saw: the events received and the bytes sent. Module attributes are
bound once outside the loop so the harness adds the same small cost to every library.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from bench.messages import CLIENT_REQUEST_FIELDS, MINIMAL_RESPONSE_FIELDS, SEND_BODY
from bench.messages import SEND_RESPONSE_FIELDS as SEND_FIELDS

Op = Callable[[], list[object]]
Respond = Callable[[Any, list[object]], None]
"""Sends a whole response on a connection whose peer finished its request; records the bytes."""


def minimal_response(h11: ModuleType) -> Respond:
    """Answer 200 with an empty body: the parsing workloads' response."""
    response, end = h11.Response, h11.EndOfMessage
    fields = list(MINIMAL_RESPONSE_FIELDS)

    def respond(conn: Any, out: list[object]) -> None:
        out.append(conn.send(response(status_code=200, headers=fields)))
        out.append(conn.send(end()))

    return respond


def file_response(h11: ModuleType) -> Respond:
    """Answer 200 with five fields and a 1 KiB body (server-send), events built per response."""
    response, data, end = h11.Response, h11.Data, h11.EndOfMessage
    fields = list(SEND_FIELDS)

    def respond(conn: Any, out: list[object]) -> None:
        out.append(conn.send(response(status_code=200, headers=fields)))
        out.append(conn.send(data(data=SEND_BODY)))
        out.append(conn.send(end()))

    return respond


def server(h11: ModuleType, pieces: tuple[bytes, ...], make_respond: Callable[..., Respond]) -> Op:
    """Serve whatever requests *pieces* carry, fed one ``receive_data`` per piece.

    Each request is answered as soon as its ``EndOfMessage`` arrives, then ``start_next_cycle``
    readies the connection for the next one; the loop stops when the connection needs more data.
    """
    conn = h11.Connection(h11.SERVER)
    need_data, paused, end = h11.NEED_DATA, h11.PAUSED, h11.EndOfMessage
    respond = make_respond(h11)

    def op() -> list[object]:
        events: list[object] = []
        for piece in pieces:
            conn.receive_data(piece)
            event = conn.next_event()
            while event is not need_data and event is not paused:
                events.append(event)
                if isinstance(event, end):
                    respond(conn, events)
                    conn.start_next_cycle()
                event = conn.next_event()
        return events

    return op


def client(h11: ModuleType, reads: tuple[bytes, ...]) -> Op:
    """Send a GET, receive its response from *reads*, then ``start_next_cycle``."""
    conn = h11.Connection(h11.CLIENT)
    need_data, paused = h11.NEED_DATA, h11.PAUSED
    request = h11.Request(method=b"GET", target=b"/file", headers=list(CLIENT_REQUEST_FIELDS))
    end = h11.EndOfMessage()

    def op() -> list[object]:
        events: list[object] = [conn.send(request), conn.send(end)]
        for data in reads:
            conn.receive_data(data)
            _drain(conn, need_data, paused, events)
        conn.start_next_cycle()
        return events

    return op


def read_responses(h11: ModuleType, sent: bytes) -> list[object]:
    """The responses in *sent* as a client sees them, sending one GET before each."""
    conn = h11.Connection(h11.CLIENT)
    request = h11.Request(method=b"GET", target=b"/", headers=list(CLIENT_REQUEST_FIELDS))
    conn.receive_data(sent)
    events: list[object] = []
    while True:
        conn.send(request)
        conn.send(h11.EndOfMessage())
        _drain(conn, h11.NEED_DATA, h11.PAUSED, events)
        conn.start_next_cycle()
        if not conn.trailing_data[0]:
            return events


def _drain(conn: Any, need_data: object, paused: object, events: list[object]) -> None:
    """Append the events *conn* can produce from what it holds until it needs more data."""
    event = conn.next_event()
    while event is not need_data and event is not paused:
        events.append(event)
        event = conn.next_event()


def refusal(h11: ModuleType, pieces: tuple[bytes, ...]) -> Op:
    """Feed *pieces* to a new server connection and read until it refuses them: what a server
    spends on a malformed request before it answers 400 (a refusal ends the connection, so
    each call has its own)."""
    connection, server, need_data, paused = h11.Connection, h11.SERVER, h11.NEED_DATA, h11.PAUSED
    refused = h11.RemoteProtocolError

    def op() -> list[object]:
        conn = connection(server)
        events: list[object] = []
        try:
            for piece in pieces:
                conn.receive_data(piece)
                _drain(conn, need_data, paused, events)
        except refused as error:
            events.append(type(error).__name__)
        return events

    return op
