"""The workloads ``make bench`` times, and how to tell that a driver did the work it claims.

Strategy: a ``Workload`` pairs its input with an h11-API driver and, where llhttp can do the
same job, an httptools driver. ``outcome`` reduces either driver's result to one comparable form
(lower-cased field names, body pieces joined), so a run can refuse to time a driver whose result
differs from h11's: a fast wrong answer is not a speed-up. What a driver sends is read back
through h11 as its peer and must say the same as what h11 sent.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from types import ModuleType
from typing import Any

from bench import drivers, hypercorn_cycle, messages, native, uvicorn_cycle
from bench.drivers import Op
from bench.libraries import BASELINE, Library

Record = tuple[Any, ...]

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class Workload:
    """One measured job: what is fed or sent, and how each kind of library does it."""

    name: str
    summary: str
    wire_bytes: int
    """Bytes parsed (or, for sending, produced) by one operation: the MB/s numerator."""
    messages: int
    """Requests or responses handled by one operation: the requests/s numerator."""
    side: str
    """``"server"`` or ``"client"``: the role the driver plays."""
    h11: Callable[[ModuleType], Op]
    native: Callable[[ModuleType], Op] | None = None

    def driver(self, library: Library) -> Op | None:
        """A fresh operation for *library*, or None when it cannot run this workload."""
        if not library.native:
            return self.h11(library.module)
        if self.native is None:
            return None
        return self.native(library.module)


def _server(name: str, summary: str, pieces: tuple[bytes, ...], count: int) -> Workload:
    return Workload(
        name,
        summary,
        sum(map(len, pieces)),
        count,
        "server",
        partial(drivers.server, pieces=pieces, make_respond=drivers.minimal_response),
        partial(native.server, pieces=pieces),
    )


def _client(name: str, summary: str, message: bytes) -> Workload:
    reads = messages.reads(message)
    return Workload(
        name,
        summary,
        len(message),
        1,
        "client",
        partial(drivers.client, reads=reads),
        partial(native.client, reads=reads),
    )


def sent(items: Iterable[object]) -> bytes:
    """Everything a driver sent, in order."""
    return b"".join(item for item in items if isinstance(item, bytes | bytearray))


def _sending() -> Workload:
    pieces = (messages.MINIMAL_GET,)
    h11 = importlib.import_module(BASELINE)
    result = drivers.server(h11, pieces, drivers.file_response)()
    return Workload(
        "server-send",
        "server: send a Response with 5 fields, a 1 KiB Data and EndOfMessage",
        len(sent(result)),
        1,
        "server",
        partial(drivers.server, pieces=pieces, make_respond=drivers.file_response),
    )


WORKLOADS: tuple[Workload, ...] = (
    _server(
        "server-get",
        "server: a browser GET head (11 fields) per receive_data, full cycle",
        (messages.BROWSER_GET,),
        1,
    ),
    Workload(
        "server-uvicorn",
        "server: wrk's GET answered as uvicorn does (its calls, its fields), 13-byte body",
        len(messages.WRK_GET),
        1,
        "server",
        uvicorn_cycle.h11_api,
        uvicorn_cycle.native,
    ),
    Workload(
        "server-hypercorn",
        "server: wrk's GET answered as hypercorn does (its calls, its fields), 13-byte body",
        len(messages.WRK_GET),
        1,
        "server",
        hypercorn_cycle.h11_api,
    ),
    _server(
        "server-pipelined",
        "server: 100 pipelined GETs in one receive_data",
        (messages.PIPELINED_GETS,),
        messages.PIPELINE_DEPTH,
    ),
    _client(
        "client-cl-1k",
        "client: 1 KiB Content-Length response",
        messages.content_length_response(KIB),
    ),
    _client(
        "client-cl-1m",
        "client: 1 MiB Content-Length response in 64 KiB reads",
        messages.content_length_response(MIB),
    ),
    _client(
        "client-chunked-1m",
        "client: 1 MiB chunked response (4 KiB chunks) in 64 KiB reads",
        messages.chunked_response(MIB, 4 * KIB),
    ),
    _sending(),
    _server(
        "server-bytewise",
        "server: the browser GET head fed one byte at a time",
        tuple(bytes((octet,)) for octet in messages.BROWSER_GET),
        1,
    ),
)
"""Every workload, in the order of the tables."""


def by_name(names: Iterable[str]) -> tuple[Workload, ...]:
    """The workloads named, in the order of ``WORKLOADS``; unknown names raise ``KeyError``."""
    wanted = set(names)
    unknown = wanted - {workload.name for workload in WORKLOADS}
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    return tuple(workload for workload in WORKLOADS if workload.name in wanted)


def _record(item: object) -> Record | None:
    """One event or native record in comparable form; None for bytes the driver sent."""
    if isinstance(item, bytes | bytearray):
        return None
    if isinstance(item, tuple):
        return _native_record(item)
    return _event_record(item)


def _native_record(record: Record) -> Record:
    kind, *rest = record
    if kind == "data":
        return ("data", bytes(rest[0]))
    if kind in {"request", "response"}:
        *start, fields = rest
        return (kind, *start, tuple((name.lower(), value) for name, value in fields))
    return record


def _event_record(event: Any) -> Record:
    # By class name, through the MRO: any library's h11-API events, including private
    # subclasses a library may build on its fast paths.
    kinds = {cls.__name__ for cls in type(event).__mro__}
    if "Request" in kinds:
        return ("request", event.method, event.target, _fields(event))
    if kinds & {"Response", "InformationalResponse"}:
        return ("response", event.status_code, _fields(event))
    if "Data" in kinds:
        return ("data", bytes(event.data))
    if "EndOfMessage" in kinds:
        return ("end",)
    raise TypeError(f"unexpected event {event!r}")


def _fields(event: Any) -> tuple[tuple[bytes, bytes], ...]:
    return tuple((bytes(name).lower(), bytes(value)) for name, value in event.headers)


def outcome(items: Iterable[object]) -> tuple[Record, ...]:
    """What a driver received, library-neutral: adjacent body pieces are joined."""
    records: list[Record] = []
    for item in items:
        record = _record(item)
        if record is None:
            continue
        if record[0] == "data" and records and records[-1][0] == "data":
            records[-1] = ("data", records[-1][1] + record[1])
        else:
            records.append(record)
    return tuple(records)


def check(workload: Workload, library: Library, baseline: ModuleType) -> str | None:
    """Why *library*'s run of *workload* differs from the baseline's, or None if it does not.

    Received events must match exactly; sent bytes must read back, through the baseline as the
    peer, as the same messages (libraries may serialise differently, e.g. in field-name case).
    """
    op = workload.driver(library)
    if op is None:
        return None
    reference = workload.h11(baseline)()
    result = op()
    if outcome(result) != outcome(reference):
        return f"{library.name} received {_describe(result)}, h11 {_describe(reference)}"
    if library.native and not sent(result):
        return None  # a parse-only driver: llhttp has no serialiser
    if read_back(workload, baseline, result) != read_back(workload, baseline, reference):
        return f"{library.name} sent {sent(result)[:80]!r}..., h11 {sent(reference)[:80]!r}..."
    return None


def read_back(workload: Workload, baseline: ModuleType, items: list[object]) -> tuple[Record, ...]:
    """What the baseline, as the peer of *workload*'s driver, reads from the bytes it sent."""
    if workload.side == "server":
        return outcome(drivers.read_responses(baseline, sent(items)))
    peer = drivers.server(baseline, (sent(items),), drivers.minimal_response)
    return outcome(peer())


def _describe(items: list[object]) -> str:
    records = outcome(items)
    kinds = [record[0] for record in records]
    return f"{len(records)} records {kinds[:6]}{'...' if len(kinds) > 6 else ''}"
