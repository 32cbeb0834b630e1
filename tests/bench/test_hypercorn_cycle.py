"""server-hypercorn does per request what hypercorn 0.18 itself does, checked against hypercorn.

hypercorn's HTTP/1.1 protocol is driven here in-process, on its own asyncio task group, for two
requests on one keep-alive connection; the workload's driver must make the same calls on the
h11 connection and write the same bytes.
"""

from __future__ import annotations

import asyncio
from typing import cast

import hypercorn.config
import pytest
from hypercorn.asyncio.task_group import TaskGroup
from hypercorn.asyncio.worker_context import WorkerContext
from hypercorn.config import Config
from hypercorn.events import Closed, RawData
from hypercorn.protocol.h11 import H11Protocol
from hypercorn.typing import ASGIFramework, ConnectionState
from hypercorn.utils import wrap_app

from bench import hypercorn_cycle
from bench.messages import APP_FIELDS, HELLO, HYPERCORN_DEFAULT_FIELDS, WRK_GET
from tests.bench.recording import CYCLES, Log, Recording, app, drive, recording_h11

DATE = HYPERCORN_DEFAULT_FIELDS[0][1].decode("ascii")


def _serve(log: Log) -> list[bytes]:
    """Two cycles of hypercorn's ``H11Protocol`` on one connection; what it wrote, per cycle."""
    written: list[bytes] = []
    cycles: list[bytes] = []

    async def send(event: object) -> None:
        if isinstance(event, RawData):
            written.append(event.data)
        assert not isinstance(event, Closed), "hypercorn closed the keep-alive connection"

    async def serve() -> None:
        config = Config()
        async with TaskGroup(asyncio.get_running_loop()) as task_group:
            protocol = H11Protocol(
                wrap_app(cast("ASGIFramework", app), config.wsgi_max_body_size, "asgi"),
                config,
                WorkerContext(None),
                task_group,
                ConnectionState({}),
                False,
                ("127.0.0.1", 40000),
                ("127.0.0.1", 8000),
                send,
            )
            protocol.connection = Recording(protocol.connection, log)  # type: ignore[assignment]
            for _ in range(CYCLES):
                await protocol.handle(RawData(WRK_GET))
                while protocol.stream is not None:  # the app's task answers, then recycles
                    await asyncio.sleep(0)
                cycles.append(b"".join(written))
                written.clear()

    asyncio.run(asyncio.wait_for(serve(), timeout=10))
    return cycles


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # hypercorn dates each response from the clock; the driver sends the workload's date.
    monkeypatch.setattr(hypercorn.config, "format_date_time", lambda _when: DATE)


def test_the_h11_driver_makes_hypercorns_calls_in_hypercorns_order() -> None:
    theirs: Log = []
    written = _serve(theirs)
    ours: Log = []
    assert drive(hypercorn_cycle.h11_api, recording_h11(ours)) == written
    assert ours == theirs
    per_cycle = [entry[0] for entry in ours[: len(ours) // CYCLES]]
    assert per_cycle == [
        "receive_data",
        "they_are_waiting_for_100_continue",
        "next_event",
        "they_are_waiting_for_100_continue",
        "next_event",
        "they_are_waiting_for_100_continue",
        "next_event",
        "send",
        "send",
        "send",
        "our_state",
        "their_state",
        "start_next_cycle",
    ]


def test_the_h11_driver_sends_the_apps_fields_before_hypercorns() -> None:
    written = _serve([])
    head, _, body = written[0].partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    assert lines[0] == b"HTTP/1.1 200 "
    assert [tuple(line.split(b": ", 1)) for line in lines[1:]] == [
        *APP_FIELDS,
        *HYPERCORN_DEFAULT_FIELDS,
    ]
    assert body == HELLO


@pytest.mark.parametrize(
    ("fields", "found"),
    [
        ([(b"host", b"a")], ("", None)),
        ([(b" Upgrade ", b" h2c "), (b"Content-Length", b"3")], ("h2c", "3")),
        (
            [(b"upgrade", b"a"), (b"upgrade", b"b"), (b"transfer-encoding", b"chunked")],
            ("b", "chunked"),
        ),
    ],
)
def test_the_field_scan_keeps_the_last_value_of_each(
    fields: list[tuple[bytes, bytes]], found: hypercorn_cycle.Scan
) -> None:
    assert hypercorn_cycle.scan(fields, "upgrade", hypercorn_cycle.BODY_FIELDS) == found
