"""Bounded resources: the size limit holds however input is split, memory stays bounded,
and cost grows linearly with input -- tested as ratios of CPU time between a small and a
large input, with generous bounds (a quadratic cost would exceed them many times over)."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterable

import pytest

import h11pc
from h11pc import SERVER, Connection, Data, EndOfMessage, RemoteProtocolError
from h11pc._connection import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE
from tests.linear_time import GROWTH
from tests.linear_time import assert_linear as assert_linear_runs

from .support import bounded_events

LIMIT = DEFAULT_MAX_INCOMPLETE_EVENT_SIZE
BIG_HEAD = b"GET / HTTP/1.1\r\nHost: a\r\n" + b"X-Filler: " + b"f" * 20_000 + b"\r\n\r\n"


def feed(conn: Connection, pieces: Iterable[bytes]) -> list[object]:
    """Feed ``pieces``, taking every event after each; stops at the end of a message."""
    events: list[object] = []
    for piece in pieces:
        conn.receive_data(piece)
        for event in bounded_events(conn):
            if event is h11pc.NEED_DATA or event is h11pc.PAUSED:
                break
            events.append(event)
            if type(event) is EndOfMessage:
                return events
    return events


def split(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("size", [len(BIG_HEAD), 4096, 1000, 1])
def test_the_head_limit_holds_however_the_head_arrives(size: int) -> None:
    """h11 issue #182: h11 accepts a 20 KB head arriving in one receive_data and refuses the
    same head arriving in pieces. h11pc refuses it, 431, either way."""
    with pytest.raises(RemoteProtocolError) as info:
        feed(Connection(SERVER), split(BIG_HEAD, size))
    assert info.value.error_status_hint == 431


@pytest.mark.parametrize("size", [len(BIG_HEAD), 1000])
def test_the_head_limit_holds_for_a_head_of_bare_lfs(size: int) -> None:
    """A head whose lines end in LF alone (accepted with Leniency.BARE_LF) is measured as
    any other: over the limit, 431, whether or not its end has arrived."""
    head = BIG_HEAD.replace(b"\r\n", b"\n")
    conn = Connection(SERVER, leniency=h11pc.Leniency.BARE_LF)
    with pytest.raises(RemoteProtocolError) as info:
        feed(conn, split(head, size))
    assert (info.value.error_status_hint, info.value.rule) == (431, "message head")


@pytest.mark.parametrize("size", [LIMIT, 4096, 1])
def test_a_head_at_the_limit_is_accepted_however_it_arrives(size: int) -> None:
    head = b"GET / HTTP/1.1\r\nHost: a\r\nX: " + b"x" * (LIMIT - 32) + b"\r\n\r\n"
    assert len(head) == LIMIT
    events = feed(Connection(SERVER), split(head, size))
    assert type(events[0]) is h11pc.Request and type(events[-1]) is EndOfMessage


def test_an_endless_head_is_refused_once_past_the_limit() -> None:
    """Fed in 4 KiB pieces, a head that never ends is refused by the first piece that takes
    it past the limit: at most the limit and one piece are ever held."""
    conn = Connection(SERVER)
    conn.receive_data(b"GET / HTTP/1.1\r\nHost: a\r\nX: ")
    assert conn.next_event() is h11pc.NEED_DATA
    fed = 0
    with pytest.raises(RemoteProtocolError) as info:
        while fed < 100 * LIMIT:
            conn.receive_data(b"y" * 4096)
            fed += 4096
            conn.next_event()
    assert info.value.error_status_hint == 431
    assert LIMIT - 4096 < fed <= LIMIT + 4096


@pytest.mark.parametrize("what", ["chunk-size line", "trailer section"])
def test_chunk_lines_and_trailers_are_bounded_too(what: str) -> None:
    endless = (
        b"1;x=" + b"y" * (2 * LIMIT)
        if what == "chunk-size line"
        else b"0\r\nX: " + b"y" * (2 * LIMIT)
    )
    conn = Connection(SERVER)
    head = b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
    with pytest.raises(RemoteProtocolError, match=what) as info:
        feed(conn, [head, *split(endless, 4096)])
    assert (info.value.error_status_hint, info.value.rule) == (431, what)


@pytest.mark.parametrize("size", [3 * LIMIT, 4096])
def test_a_chunk_size_line_over_the_limit_is_refused_with_its_chunk_complete(size: int) -> None:
    """Leading zeros make a chunk-size line as long as one likes: past the limit it is
    refused, however the chunk arrives -- all of it at once included."""
    body = b"0" * (2 * LIMIT) + b"5\r\nhello\r\n0\r\n\r\n"
    head = b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
    with pytest.raises(RemoteProtocolError) as info:
        feed(Connection(SERVER), split(head + body, size))
    assert (info.value.error_status_hint, info.value.rule) == (431, "chunk-size line")


def peak_memory(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_a_64_mib_body_streams_in_bounded_memory(framing: str) -> None:
    """64 MiB in 64 KiB reads: each read is handed out as Data and let go; nothing
    accumulates (the reads are one reused object: the test itself holds 64 KiB)."""
    read = b"z" * 65536
    total = 64 * 1024 * 1024
    if framing == "chunked":
        head = b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        reads = [b"%x\r\n" % total, *([read] * (total // len(read))), b"\r\n0\r\n\r\n"]
    else:
        head = b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: %d\r\n\r\n" % total
        reads = [read] * (total // len(read))
    received = 0

    def stream() -> None:
        nonlocal received
        conn = Connection(SERVER)
        for event in feed(conn, [head, *reads]):
            if type(event) is Data:
                received += len(event.data)

    peak = peak_memory(stream)
    assert received == total
    assert peak < 1024 * 1024, f"{peak} bytes held while streaming {total}"


def test_reads_that_end_inside_chunk_size_lines_hold_one_reads_worth() -> None:
    """Each read ends one octet into a chunk-size line, so the buffer never runs empty: it
    keeps the unread part of each read, not all that was read since the body began."""
    head = b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
    body = b"5\r\nhello\r\n" * 30_000 + b"0\r\n\r\n"
    reads = [body[:1], *split(body[1:], 4090)]  # 4090: a whole number of 10-octet chunks
    received = 0

    def stream() -> None:
        nonlocal received
        conn = Connection(SERVER)
        for piece in [head, *reads]:
            conn.receive_data(piece)
            for event in bounded_events(conn):
                if type(event) is Data:
                    received += len(event.data)

    peak = peak_memory(stream)
    assert received == 5 * 30_000
    assert peak < 128 * 1024, f"{peak} bytes held while streaming {len(body)}"


def assert_linear(make_input: Callable[[int], Callable[[], object]], small: int) -> None:
    """``make_input(n)`` gives a run over input of size ``n``: GROWTH times the input may
    cost at most LIMIT times the CPU time (:mod:`tests.linear_time`)."""
    run_small, run_large = make_input(small), make_input(GROWTH * small)
    assert_linear_runs(run_small, run_large, f"{small} and {GROWTH * small}")


def test_a_head_fed_byte_by_byte_costs_linear_time() -> None:
    def make(size: int) -> Callable[[], object]:
        head = b"GET / HTTP/1.1\r\nHost: a\r\nX: " + b"x" * size + b"\r\n\r\n"
        pieces = split(head, 1)
        return lambda: feed(Connection(SERVER, max_incomplete_event_size=10**6), pieces)

    assert_linear(make, 4_000)


def test_many_one_byte_chunks_cost_linear_time() -> None:
    """A chunked body of one-byte chunks (up to 80k of them), in one receive_data."""

    def make(count: int) -> Callable[[], object]:
        message = (
            b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + b"1\r\nx\r\n" * count
            + b"0\r\n\r\n"
        )
        return lambda: feed(Connection(SERVER), [message])

    assert_linear(make, 10_000)


def test_many_one_byte_reads_of_a_body_cost_linear_time() -> None:
    """80k one-byte receive_data calls of a Content-Length body."""

    def make(count: int) -> Callable[[], object]:
        head = b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: %d\r\n\r\n" % count
        pieces = [head, *([b"x"] * count)]
        return lambda: feed(Connection(SERVER), pieces)

    assert_linear(make, 10_000)
