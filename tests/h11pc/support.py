"""Helpers the h11pc tests share: driving a connection, and comparing with h11."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

import h11pc
from h11pc import Connection, EndOfMessage

Outcome = tuple[Any, ...]
"""An event or error as plain data, comparable across h11 and h11pc."""

GET = b"GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n"


def describe(item: object) -> Outcome:
    """An h11 or h11pc event (or sentinel, or error) as a comparable tuple; Data is not
    merged here (see :func:`merge_data`)."""
    name = type(item).__name__ if not isinstance(item, type) else repr(item)
    if isinstance(item, BaseException):
        return ("error", type(item).__name__, getattr(item, "error_status_hint", None))
    if dataclasses.is_dataclass(item):
        fields = []
        for field in (f.name for f in dataclasses.fields(item)):
            value = getattr(item, field)
            if field == "headers":
                value = (tuple(value), tuple(value.raw_items()))
            elif isinstance(value, (bytearray, memoryview)):
                value = bytes(value)
            fields.append((field, value))
        return (name, *fields)
    return (name,)


def merge_data(outcomes: Iterable[Outcome]) -> list[Outcome]:
    """Consecutive Data joined into one (splitting input legitimately splits Data), chunk
    markers dropped (they follow the reads), NEED_DATA dropped."""
    merged: list[Outcome] = []
    for outcome in outcomes:
        if outcome[0] == "NEED_DATA":
            continue
        if outcome[0] == "Data":
            data = outcome[1][1]
            if merged and merged[-1][0] == "Data":
                merged[-1] = ("Data", merged[-1][1] + data)
            else:
                merged.append(("Data", data))
            continue
        merged.append(outcome)
    return merged


def rfc_reads_beyond_h11(data: bytes) -> bool:
    """Whether ``data``'s head has a Transfer-Encoding other than exactly ``chunked``, where
    RFC 9112 makes h11pc accept what h11 refuses (h11 knows only that exact value): a list
    with empty elements (``, chunked``: RFC 9110 §5.6.1.2), and a response whose last coding
    is not chunked, read until close (RFC 9112 §6.3, item 4). README, Differences from h11."""
    head = data.partition(b"\r\n\r\n")[0]
    for line in head.split(b"\r\n")[1:]:
        name, colon, value = line.partition(b":")
        if (
            colon
            and name.lower() == b"transfer-encoding"
            and value.strip(b" \t").lower() != b"chunked"
        ):
            return True
    return False


def client_after_request(lib: ModuleType, method: bytes = b"GET") -> Any:
    """A client connection (of ``lib``) that has sent a complete request."""
    conn = lib.Connection(lib.CLIENT)
    conn.send(lib.Request(method=method, target="/", headers=[("Host", "example.com")]))
    conn.send(lib.EndOfMessage())
    return conn


def drive(
    conn: Any, lib: ModuleType, pieces: Iterable[bytes], close: bool = False
) -> list[Outcome]:
    """Feed ``pieces`` one by one, collecting every outcome until NEED_DATA/PAUSED (or an
    error, which ends the run); ``close`` feeds EOF at the end."""
    out: list[Outcome] = []
    feeds = [*pieces, b""] if close else list(pieces)
    for piece in feeds:
        conn.receive_data(piece)
        for outcome in _events_until_stuck(conn, lib):
            out.append(outcome)
            if outcome[0] in ("error", "ConnectionClosed", "PAUSED"):
                return out
    return out


def _events_until_stuck(conn: Any, lib: ModuleType) -> Iterator[Outcome]:
    while True:
        try:
            event = conn.next_event()
        except (lib.RemoteProtocolError, lib.LocalProtocolError) as error:
            yield describe(error)
            return
        yield describe(event)
        if event is lib.NEED_DATA or event is lib.PAUSED or type(event) is lib.ConnectionClosed:
            return


def server_events(
    data: bytes, lib: ModuleType = h11pc, *, split: int = 0, close: bool = False
) -> list[Outcome]:
    """What a server of ``lib`` makes of ``data`` (fed whole, or in ``split``-byte pieces)."""
    conn = lib.Connection(lib.SERVER)
    return drive(conn, lib, pieces(data, split), close)


def client_events(
    data: bytes,
    lib: ModuleType = h11pc,
    *,
    split: int = 0,
    close: bool = False,
    method: bytes = b"GET",
) -> list[Outcome]:
    """What a client of ``lib`` that sent a ``method`` request makes of ``data``."""
    conn = client_after_request(lib, method)
    return drive(conn, lib, pieces(data, split), close)


def pieces(data: bytes, size: int) -> list[bytes]:
    if size <= 0:
        return [data]
    return [data[i : i + size] for i in range(0, len(data), size)]


def three_ways(read: Any, data: bytes) -> tuple[list[Outcome], list[Outcome], list[Outcome]]:
    """``read(pieces) -> outcomes`` run whole, byte by byte, and with trailing garbage
    appended; returns the three (Data merged)."""
    return (
        merge_data(read([data])),
        merge_data(read(pieces(data, 1))),
        merge_data(read([data + b"\x00trailing"])),
    )


def server_with_request(request: bytes = GET) -> Connection:
    """An h11pc server that has read ``request`` up to its EndOfMessage."""
    conn = Connection(h11pc.SERVER)
    conn.receive_data(request)
    while type(conn.next_event()) is not EndOfMessage:
        pass
    return conn
