"""server-uvicorn does per request what uvicorn 0.55 itself does, checked against uvicorn.

uvicorn's two HTTP protocols are driven here in-process, through a fake transport, for two
requests on one keep-alive connection; the workload's drivers must make the same calls on the
h11 connection and write the same bytes.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

import httptools
import pytest
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from bench import uvicorn_cycle
from bench.messages import APP_FIELDS, HELLO, UVICORN_DEFAULT_FIELDS, WRK_GET
from tests.bench.recording import CYCLES, Log, Recording, app, drive, recording_h11


class _Transport:
    """What uvicorn's protocols ask of an asyncio transport, writes kept."""

    def __init__(self) -> None:
        self.written: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.written.append(data)

    def get_extra_info(self, name: str, default: object = None) -> object:
        addresses = {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 40000)}
        return addresses.get(name, default)

    def is_closing(self) -> bool:
        return False

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


def _serve(protocol_class: type[Any], log: Log) -> list[bytes]:
    """Two cycles of *protocol_class* on one connection; what it wrote, one entry per cycle."""
    config = Config(app=app, lifespan="off", log_config=None, access_log=False)
    config.load()
    state = ServerState()
    state.default_headers = list(UVICORN_DEFAULT_FIELDS)
    loop = asyncio.new_event_loop()
    try:
        protocol = protocol_class(config, state, app_state={}, _loop=loop)
        if protocol_class is H11Protocol:
            protocol.conn = Recording(protocol.conn, log)
        transport = _Transport()
        protocol.connection_made(transport)
        cycles = []
        for _ in range(CYCLES):
            protocol.data_received(WRK_GET)
            for task in list(state.tasks):
                loop.run_until_complete(task)
            cycles.append(b"".join(transport.written))
            transport.written.clear()
        return cycles
    finally:
        loop.close()


def test_the_h11_driver_makes_uvicorns_calls_in_uvicorns_order() -> None:
    theirs: Log = []
    written = _serve(H11Protocol, theirs)
    ours: Log = []
    assert drive(uvicorn_cycle.h11_api, recording_h11(ours)) == written
    assert ours == theirs
    per_cycle = [entry[0] for entry in ours[: len(ours) // CYCLES]]
    assert per_cycle == [
        "receive_data",
        "next_event",
        "they_are_waiting_for_100_continue",
        "next_event",
        "our_state",
        "their_state",
        "next_event",
        "send",
        "send",
        "send",
        "our_state",
        "our_state",
        "their_state",
        "start_next_cycle",
        "next_event",
    ]


def test_the_h11_driver_sends_uvicorns_fields_before_the_apps() -> None:
    log: Log = []
    drive(uvicorn_cycle.h11_api, recording_h11(log))
    response = next(cast("tuple[object, ...]", entry[1])[0] for entry in log if entry[0] == "send")
    assert response == (
        "Response",
        200,
        (*UVICORN_DEFAULT_FIELDS, *APP_FIELDS),
        b"OK",
    )


def test_the_httptools_driver_writes_what_uvicorn_writes_on_httptools() -> None:
    written = _serve(HttpToolsProtocol, [])
    assert drive(uvicorn_cycle.native, httptools) == written
    assert written[0].endswith(b"\r\n\r\n" + HELLO)


@pytest.mark.parametrize(
    ("fields", "upgrade"),
    [
        ([(b"host", b"a")], None),
        ([(b"connection", b"Upgrade"), (b"upgrade", b"WebSocket")], b"websocket"),
        ([(b"connection", b"keep-alive, upgrade")], None),
        ([(b"upgrade", b"websocket")], None),
    ],
)
def test_the_upgrade_scan(fields: list[tuple[bytes, bytes]], upgrade: bytes | None) -> None:
    assert uvicorn_cycle.upgrade_of(fields) == upgrade


def test_a_field_the_grammar_refuses_stops_the_httptools_driver() -> None:
    with pytest.raises(ValueError, match="invalid field"):
        uvicorn_cycle.response_head([(b"bad name", b"v")])
