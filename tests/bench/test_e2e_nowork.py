"""The stand-in that does no work must serve what h11pc serves, and replay what it has seen."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

import h11pc
from bench.e2e import nowork
from bench.e2e.variants import CHECKOUT

GET = b"GET /small HTTP/1.1\r\nHost: bench\r\n\r\n"
POST = b"POST /upload HTTP/1.1\r\nHost: bench\r\nContent-Length: 5\r\n\r\nhello"
CLOSING = b"GET /small HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
OLD = b"GET /small HTTP/1.0\r\n\r\n"
CONTINUE = (
    b"POST /upload HTTP/1.1\r\nHost: bench\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\nok"
)
BAD = b"GET /small HTTP/1.1\r\nHost bench\r\n\r\n"
REQUESTS = (GET, POST, CLOSING, OLD, CONTINUE, BAD)
BODY = b"Hello, world!"
FIELDS = [(b"content-type", b"text/plain"), (b"content-length", b"13")]
CHUNKED = [(b"content-type", b"text/plain")]

Connection = h11pc.Connection | nowork.Connection


def _serve(
    connection: Connection, chunks: list[bytes], fields: list[tuple[bytes, bytes]]
) -> list[object]:
    """A server's calls, as uvicorn and hypercorn make them: take events until NEED_DATA,
    answer each whole request with a head, 13 bytes and its end, start the next cycle when
    both are done, close otherwise. What it saw and sent, in order."""
    seen: list[object] = []
    for chunk in chunks:
        connection.receive_data(chunk)
        while True:
            try:
                event = connection.next_event()
            except h11pc.RemoteProtocolError as error:
                return [*seen, ("refused", str(error))]
            seen.append((event, connection.our_state, connection.their_state))
            seen.append(connection.their_http_version)
            if event is h11pc.NEED_DATA or event is h11pc.PAUSED:
                break
            if type(event) is h11pc.ConnectionClosed:
                return seen
            if type(event) is h11pc.Request:
                seen.append(connection.they_are_waiting_for_100_continue)
            if type(event) is h11pc.EndOfMessage:
                for sent in (
                    h11pc.Response(status_code=200, headers=fields),
                    h11pc.Data(data=BODY),
                    h11pc.EndOfMessage(),
                ):
                    seen.append(
                        (connection.send(sent), connection.our_state, connection.their_state)
                    )
                if connection.our_state is h11pc.DONE and connection.their_state is h11pc.DONE:
                    connection.start_next_cycle()
                else:
                    return [*seen, connection.send(h11pc.ConnectionClosed())]
    return [*seen, connection.trailing_data]


def _chunks(request: int, cut: int) -> bytes | tuple[bytes, bytes]:
    message = REQUESTS[request]
    cut %= len(message) + 1
    return message if cut == 0 else (message[:cut], message[cut:])


arrivals = st.lists(
    st.one_of(
        st.builds(_chunks, st.integers(0, len(REQUESTS) - 1), st.integers(0, 200)),
        st.just(GET + GET),  # two requests in one read: the second waits (PAUSED)
        st.just(b""),  # the client closes
    ),
    max_size=8,
)


@given(arrivals, st.booleans())
def test_the_stand_in_serves_what_h11pc_serves(
    arrived: list[bytes | tuple[bytes, bytes]], chunked: bool
) -> None:
    chunks: list[bytes] = []
    for item in arrived:
        chunks.extend((item,) if isinstance(item, bytes) else item)
    fields = CHUNKED if chunked else FIELDS
    for _ in range(2):  # the second time, the stand-in has seen every chunk before
        assert _serve(nowork.Connection(h11pc.SERVER), chunks, fields) == _serve(
            h11pc.Connection(h11pc.SERVER), chunks, fields
        )


def test_a_cycle_seen_before_is_replayed_and_the_real_connection_does_nothing() -> None:
    _serve(nowork.Connection(h11pc.SERVER), [GET], FIELDS)  # learns the cycle, if new
    later = nowork.Connection(h11pc.SERVER)
    transcript = _serve(later, [GET, GET], FIELDS)
    requests = [
        item[0] for item in transcript if type(item) is tuple and type(item[0]) is h11pc.Request
    ]
    # Both cycles replayed: the event learned then, the very object, and the real connection
    # never received a byte.
    assert len(requests) == 2 and requests[0] is requests[1]
    real = later._real
    assert (real.our_state, real.their_state, real.their_http_version) == (
        h11pc.IDLE,
        h11pc.IDLE,
        None,
    )
    assert transcript == _serve(h11pc.Connection(h11pc.SERVER), [GET, GET], FIELDS)


def test_only_a_server_and_only_in_its_own_process() -> None:
    try:
        nowork.Connection(h11pc.CLIENT)
    except ValueError as error:
        assert "serves" in str(error)
    else:
        raise AssertionError("a client stand-in was made")
    # install() changes what `import h11` gives for the whole process: a child's.
    code = (
        "from bench.e2e import nowork; nowork.install(); import h11; "
        "print(h11.__name__, h11.Connection.__module__, h11.Connection.__qualname__)"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=CHECKOUT, capture_output=True, text=True, check=True
    )
    assert found.stdout.split() == ["h11pc", "bench.e2e.nowork", "Connection"]
