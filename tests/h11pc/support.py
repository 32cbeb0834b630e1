"""Helpers the h11pc tests share: driving a connection, comparing with h11, and copies of
h11pc's modules loaded from their source."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import import_module
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from types import ModuleType
from typing import Any

import h11pc
from h11pc import Connection, EndOfMessage, Event

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


def bounded_events(conn: Any, most: int | None = None, lib: ModuleType = h11pc) -> Iterator[Any]:
    """``conn.next_event()`` until NEED_DATA, PAUSED or ConnectionClosed (yielded too, as
    the last), failing the test past ``most`` events: a reader that stops consuming would
    otherwise spin until the suite's timeout (after EOF, ConnectionClosed comes forever).

    By default ``most`` is one event per octet waiting, plus a few that consume none (an
    empty body's EndOfMessage, the closing ConnectionClosed)."""
    if most is None:
        most = len(conn.trailing_data[0]) + 8
    for _ in range(most):
        event = conn.next_event()
        yield event
        if event is lib.NEED_DATA or event is lib.PAUSED or type(event) is lib.ConnectionClosed:
            return
    raise AssertionError(f"more than {most} events in a row: a reader is not consuming")


def message_events(
    conn: Connection, receive: Callable[[], bytes], most: int = 10_000
) -> Iterator[Event]:
    """The events of the peer's next message, through its EndOfMessage, calling
    ``receive`` for more bytes whenever the connection needs them; fails on a close before
    the message ends, and past ``most`` steps (a peer or reader that never finishes)."""
    for _ in range(most):
        event = conn.next_event()
        if event is h11pc.NEED_DATA:
            conn.receive_data(receive())
            continue
        if event is h11pc.PAUSED or type(event) is h11pc.ConnectionClosed:
            raise AssertionError(f"{event} before the message ended")
        assert isinstance(event, Event)
        yield event
        if type(event) is EndOfMessage:
            return
    raise AssertionError(f"no EndOfMessage in {most} steps")


def _events_until_stuck(conn: Any, lib: ModuleType) -> Iterator[Outcome]:
    try:
        for event in bounded_events(conn, lib=lib):
            yield describe(event)
    except (lib.RemoteProtocolError, lib.LocalProtocolError) as error:
        yield describe(error)


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
    if not any(type(event) is EndOfMessage for event in bounded_events(conn)):
        raise AssertionError(f"{request!r} is not one whole request")
    return conn


@cache
def from_source(*names: str) -> tuple[ModuleType, ...]:
    """Copies of h11pc's modules ``names`` (e.g. ``"_receivebuffer", "_readers"``: each
    after those it imports) loaded from their source files, beside the installed modules.
    A copy imports the copies loaded before it, and the installed modules (compiled or not)
    for the rest.

    For the tests of which way the source goes -- spies on a module's functions or a
    class's patterns, subclasses of its classes -- that hold in either build: compiled code
    binds its calls when it is compiled and takes no interpreted subclasses, so those tests
    look at these copies, the same in both builds, and compare their outputs with the
    installed modules'. A copy has its module's name (tools that find functions by their
    qualified name, such as mutmut, find its too) but is not what importing that name
    gives."""
    installed = {name: import_module(f"h11pc.{name}") for name in names}
    copies = []
    try:
        for name in names:
            source = Path(h11pc.__file__).with_name(f"{name}.py")
            spec = spec_from_file_location(f"h11pc.{name}", source)
            assert spec is not None and spec.loader is not None, source
            module = module_from_spec(spec)
            spec.loader.exec_module(module)
            sys.modules[spec.name] = module  # for the copies loaded after it
            copies.append(module)
    finally:
        for name, module in installed.items():
            sys.modules[f"h11pc.{name}"] = module
    return tuple(copies)
