"""The benchmark's drivers do the work they claim, for every library that runs them."""

from __future__ import annotations

import types

import h11
import pytest

from bench import messages, workloads
from bench.libraries import Library, load
from bench.workloads import KIB, MIB, WORKLOADS, Workload, outcome, read_back

REAL, _ = load()
"""h11pc, h11 and httptools."""

BY_NAME = {workload.name: workload for workload in WORKLOADS}

BROWSER_FIELDS = 11


def runs(name: str) -> list[tuple[Workload, Library]]:
    workload = BY_NAME[name]
    return [(workload, lib) for lib in REAL if workload.driver(lib) is not None]


def name(library: Library) -> str:
    return library.name


def ids(case: tuple[Workload, Library]) -> str:
    return f"{case[0].name}-{case[1].name}"


def received(workload: Workload, library: Library) -> tuple[workloads.Record, ...]:
    op = workload.driver(library)
    assert op is not None
    return outcome(op())


def test_the_browser_request_is_realistic() -> None:
    head = messages.BROWSER_GET
    assert 540 <= len(head) <= 600
    assert head.count(b"\r\n") - 2 == BROWSER_FIELDS


def test_every_workload_runs_on_h11_and_its_peer_reads_what_it_sent() -> None:
    for workload in WORKLOADS:
        result = workload.h11(h11)()
        assert outcome(result), workload.name
        assert read_back(workload, h11, result), workload.name


@pytest.mark.parametrize("case", runs("server-get") + runs("server-bytewise"), ids=ids)
def test_a_browser_get_yields_one_request_with_its_eleven_fields(
    case: tuple[Workload, Library],
) -> None:
    request, end = received(*case)
    kind, method, target, fields = request
    assert (kind, method, target) == ("request", b"GET", b"/articles/2024/http-parsing?ref=home")
    assert len(fields) == BROWSER_FIELDS
    assert fields[0] == (b"host", b"www.example.com")
    assert end == ("end",)


@pytest.mark.parametrize("case", runs("server-pipelined"), ids=ids)
def test_the_pipelined_workload_yields_a_hundred_requests(case: tuple[Workload, Library]) -> None:
    records = received(*case)
    requests = [record for record in records if record[0] == "request"]
    assert len(requests) == messages.PIPELINE_DEPTH == 100
    assert {request[2] for request in requests} == {b"/api/v1/items/42"}
    assert records[1::2] == (("end",),) * 100


def test_the_pipelined_server_answers_every_request() -> None:
    workload = BY_NAME["server-pipelined"]
    responses = read_back(workload, h11, workload.h11(h11)())
    assert [record[:2] for record in responses[::2]] == [("response", 200)] * 100


@pytest.mark.parametrize(
    ("name", "size"),
    [("client-cl-1k", KIB), ("client-cl-1m", MIB), ("client-chunked-1m", MIB)],
)
@pytest.mark.parametrize("library", REAL, ids=name)
def test_a_client_receives_the_whole_body(name: str, size: int, library: Library) -> None:
    response, data, end = received(BY_NAME[name], library)
    assert response[:2] == ("response", 200)
    assert data == ("data", messages.body(size))
    assert end == ("end",)


def test_client_responses_arrive_in_reads_of_at_most_64_kib() -> None:
    message = messages.chunked_response(MIB, 4 * KIB)
    reads = messages.reads(message)
    assert b"".join(reads) == message
    assert {len(read) for read in reads[:-1]} == {64 * KIB}
    assert len(reads[-1]) <= 64 * KIB
    # each 4 KiB chunk-size line follows a CRLF (the head's blank line or the previous chunk)
    assert message.count(b"\r\n1000\r\n") == MIB // (4 * KIB)
    assert message.endswith(b"\r\n0\r\n\r\n")


@pytest.mark.parametrize("library", REAL, ids=name)
def test_each_operation_is_a_complete_cycle_and_repeats(library: Library) -> None:
    for workload in WORKLOADS:
        op = workload.driver(library)
        if op is not None:
            assert outcome(op()) == outcome(op()), workload.name


@pytest.mark.parametrize("library", [lib for lib in REAL if not lib.native], ids=name)
def test_the_sending_workload_sends_five_fields_and_a_kib(library: Library) -> None:
    workload = BY_NAME["server-send"]
    response, data, end = read_back(workload, h11, workload.h11(library.module)())
    assert response[:2] == ("response", 200)
    assert len(response[2]) == 5
    assert data == ("data", messages.SEND_BODY)
    assert len(messages.SEND_BODY) == KIB
    assert end == ("end",)


SERVER_FIELDS = {
    "server-uvicorn": (*messages.UVICORN_DEFAULT_FIELDS, *messages.APP_FIELDS),
    "server-hypercorn": (*messages.APP_FIELDS, *messages.HYPERCORN_DEFAULT_FIELDS),
}
"""The response fields each server sends, in its order, with the small app's answer."""


@pytest.mark.parametrize("case", runs("server-uvicorn") + runs("server-hypercorn"), ids=ids)
def test_the_server_workloads_answer_wrks_get_with_thirteen_bytes(
    case: tuple[Workload, Library],
) -> None:
    workload, library = case
    op = workload.driver(library)
    assert op is not None
    for _cycle in range(2):  # a keep-alive connection, reused
        result = op()
        assert outcome(result) == (
            ("request", b"GET", b"/", ((b"host", b"127.0.0.1:8000"),)),
            ("end",),
        )
        response, data, end = read_back(workload, h11, result)
        assert response == ("response", 200, SERVER_FIELDS[workload.name])
        assert data == ("data", b"Hello, world!")
        assert end == ("end",)


def test_httptools_has_no_driver_for_sending() -> None:
    native = [library for library in REAL if library.native]
    assert all(BY_NAME["server-send"].driver(library) is None for library in native)


@pytest.mark.parametrize("case", [c for w in WORKLOADS for c in runs(w.name)], ids=ids)
def test_every_library_agrees_with_h11(case: tuple[Workload, Library]) -> None:
    workload, library = case
    assert workloads.check(workload, library, h11) is None


def _variant(connection: type) -> Library:
    """A library that is h11 except for its Connection."""
    module = types.ModuleType("variant")
    module.__dict__.update(vars(h11))
    module.Connection = connection  # type: ignore[attr-defined]
    return Library("variant", module, "0")


class _DropsAField(h11.Connection):
    def next_event(self) -> h11.Event | type[h11.NEED_DATA] | type[h11.PAUSED]:
        event = super().next_event()
        if isinstance(event, h11.Request):
            return h11.Request(
                method=event.method, target=event.target, headers=list(event.headers)[:-1]
            )
        return event


class _AnswersCreated(h11.Connection):
    def send(self, event: h11.Event) -> bytes | None:  # type: ignore[override]
        if isinstance(event, h11.Response):
            event = h11.Response(status_code=201, headers=event.headers)
        return super().send(event)


def test_check_refuses_a_library_that_receives_something_else() -> None:
    problem = workloads.check(BY_NAME["server-get"], _variant(_DropsAField), h11)
    assert problem is not None
    assert problem.startswith("variant received")


def test_check_refuses_a_library_that_sends_something_else() -> None:
    problem = workloads.check(BY_NAME["server-send"], _variant(_AnswersCreated), h11)
    assert problem is not None
    assert problem.startswith("variant sent")


def test_outcome_joins_body_pieces_and_ignores_sent_bytes() -> None:
    items: list[object] = [
        b"GET / HTTP/1.1\r\n\r\n",
        ("response", 200, ((b"Content-Length", b"4"),)),
        ("data", b"ab"),
        ("data", bytearray(b"cd")),
        ("end",),
    ]
    assert outcome(items) == (
        ("response", 200, ((b"content-length", b"4"),)),
        ("data", b"abcd"),
        ("end",),
    )


def test_unknown_workload_names_are_refused() -> None:
    assert [w.name for w in workloads.by_name(["server-send", "server-get"])] == [
        "server-get",
        "server-send",
    ]
    with pytest.raises(KeyError, match="no-such"):
        workloads.by_name(["no-such"])
