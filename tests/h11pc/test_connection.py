"""The Connection: every behaviour of h11's driver, one test each."""

from __future__ import annotations

import array
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import pytest

import h11pc
from h11pc import (
    CLIENT,
    CLOSED,
    DONE,
    ERROR,
    IDLE,
    MIGHT_SWITCH_PROTOCOL,
    MUST_CLOSE,
    NEED_DATA,
    PAUSED,
    SEND_BODY,
    SEND_RESPONSE,
    SERVER,
    SWITCHED_PROTOCOL,
    Connection,
    ConnectionClosed,
    Data,
    EndOfMessage,
    InformationalResponse,
    LocalProtocolError,
    RemoteProtocolError,
    Request,
    Response,
)

from .support import GET, bounded_events, server_with_request

if TYPE_CHECKING:
    from typing_extensions import Buffer

HOST = [("Host", "example.com")]


def events(conn: Connection) -> list[object]:
    """Every event up to and including NEED_DATA or PAUSED (or a close)."""
    return list(bounded_events(conn))


def respond(conn: Connection, body: bytes = b"ok", *headers: tuple[str, str]) -> bytes:
    fields = [("Content-Length", str(len(body))), *headers]
    out = conn.send(Response(status_code=200, headers=fields))
    return (out or b"") + (conn.send(Data(data=body)) or b"") + (conn.send(EndOfMessage()) or b"")


def test_roles() -> None:
    assert Connection(SERVER).their_role is CLIENT
    assert Connection(CLIENT).their_role is SERVER
    with pytest.raises(ValueError, match="expected CLIENT or SERVER"):
        Connection(IDLE)


def test_states_is_a_copy() -> None:
    conn = Connection(SERVER)
    conn.states[CLIENT] = DONE
    assert conn.states == {CLIENT: IDLE, SERVER: IDLE}
    assert (conn.our_state, conn.their_state) == (IDLE, IDLE)


def test_server_cycle_and_keep_alive() -> None:
    conn = Connection(SERVER)
    for _ in range(3):
        conn.receive_data(GET)
        request, end, need = events(conn)
        assert isinstance(request, Request) and request.target == b"/index.html"
        assert (end, need) == (EndOfMessage(), NEED_DATA)
        assert conn.states == {CLIENT: DONE, SERVER: SEND_RESPONSE}
        assert respond(conn) == b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        assert conn.states == {CLIENT: DONE, SERVER: DONE}
        conn.start_next_cycle()
        assert conn.states == {CLIENT: IDLE, SERVER: IDLE}


def test_client_cycle() -> None:
    conn = Connection(CLIENT)
    assert conn.send(Request(method="GET", target="/", headers=HOST)) == (
        b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"
    )
    assert conn.send(EndOfMessage()) == b""
    conn.receive_data(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
    response, data, end, need = events(conn)
    assert isinstance(response, Response) and response.status_code == 200
    assert (data, end, need) == (Data(b"hello"), EndOfMessage(), NEED_DATA)
    assert conn.their_http_version == b"1.1"
    conn.start_next_cycle()
    assert conn.states == {CLIENT: IDLE, SERVER: IDLE}


@pytest.mark.parametrize("kind", [bytearray, memoryview, partial(array.array, "B")])
def test_receive_data_takes_any_bytes_like_object(
    kind: Callable[[bytes | bytearray], Buffer],
) -> None:
    # As h11 does: trio's and anyio's streams hand out bytearrays, and a caller may pass a
    # view of its own buffer, which it then reuses for the next read, or an array it read
    # into (in both builds: the compiled one checks no more than the pure one).
    conn = Connection(SERVER)
    buffer = bytearray(GET + b"POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-")
    conn.receive_data(kind(buffer))
    buffer[:] = b"Length: 2\r\n\r\nok"
    conn.receive_data(kind(buffer))
    buffer[:] = b"X" * len(buffer)
    first, end, paused = events(conn)
    assert isinstance(first, Request) and first.target == b"/index.html"
    assert (end, paused) == (EndOfMessage(), PAUSED)
    respond(conn)
    conn.start_next_cycle()
    second, body, end, _ = events(conn)
    assert isinstance(second, Request) and second.target == b"/upload"
    assert isinstance(body, Data) and type(body.data) is bytes and body.data == b"ok"
    assert end == EndOfMessage()
    conn.receive_data(kind(b""))
    assert conn.next_event() == ConnectionClosed()


@pytest.mark.parametrize("data", [5, "GET / HTTP/1.1\r\n\r\n"])
def test_receive_data_refuses_what_holds_no_bytes(data: Any) -> None:
    # As h11 does (TypeError), not an int read as that many NUL octets, nor text encoded.
    conn = Connection(SERVER)
    with pytest.raises(TypeError):
        conn.receive_data(data)
    assert conn.next_event() is NEED_DATA


def test_start_next_cycle_needs_both_done() -> None:
    conn = Connection(SERVER)
    with pytest.raises(LocalProtocolError, match="not in a reusable state"):
        conn.start_next_cycle()


def test_connection_close_from_client_closes_after_the_response() -> None:
    conn = server_with_request(b"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
    assert conn.their_state is MUST_CLOSE
    out = respond(conn)
    assert b"\r\nConnection: close\r\n" in out
    assert conn.states == {CLIENT: MUST_CLOSE, SERVER: MUST_CLOSE}
    assert conn.send(ConnectionClosed()) is None
    assert conn.our_state is CLOSED


def test_http_1_0_client_gets_a_close_delimited_response() -> None:
    conn = server_with_request(b"GET / HTTP/1.0\r\n\r\n")
    assert conn.their_http_version == b"1.0"
    head = conn.send(Response(status_code=200, headers=[]))
    assert head == b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
    assert conn.send(Data(data=b"raw body")) == b"raw body"
    assert conn.send(EndOfMessage()) == b""
    assert conn.our_state is MUST_CLOSE


def test_unframed_response_to_1_1_client_is_chunked() -> None:
    conn = server_with_request()
    assert conn.send(Response(status_code=200, headers=[])) == (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    assert conn.send(Data(data=b"abc")) == b"3\r\nabc\r\n"
    assert conn.send(EndOfMessage()) == b"0\r\n\r\n"
    assert conn.our_state is DONE


@pytest.mark.parametrize("status", [204, 304])
def test_client_reads_no_body_after_204_and_304(status: int) -> None:
    conn = Connection(CLIENT)
    conn.send(Request(method="GET", target="/", headers=HOST))
    conn.send(EndOfMessage())
    conn.receive_data(b"HTTP/1.1 %d X\r\nContent-Length: 10\r\n\r\n" % status)
    assert events(conn)[1:] == [EndOfMessage(), NEED_DATA]


def test_client_reads_no_body_after_head() -> None:
    conn = Connection(CLIENT)
    conn.send(Request(method="HEAD", target="/", headers=HOST))
    conn.send(EndOfMessage())
    conn.receive_data(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n")
    assert events(conn)[1:] == [EndOfMessage(), NEED_DATA]


def test_server_may_not_send_a_body_to_head() -> None:
    conn = server_with_request(b"HEAD / HTTP/1.1\r\nHost: a\r\n\r\n")
    assert b"Transfer-Encoding: chunked" in (
        conn.send(Response(status_code=200, headers=[])) or b""
    )
    with pytest.raises(LocalProtocolError, match="Too much data"):
        conn.send(Data(data=b"x"))
    assert conn.our_state is ERROR


def test_until_close_response_ends_at_eof() -> None:
    conn = Connection(CLIENT)
    conn.send(Request(method="GET", target="/", headers=HOST))
    conn.send(EndOfMessage())
    conn.receive_data(b"HTTP/1.0 200 OK\r\n\r\nsome")
    assert events(conn)[1:] == [Data(b"some"), NEED_DATA]
    conn.receive_data(b" more")
    conn.receive_data(b"")
    assert events(conn) == [Data(b" more"), EndOfMessage(), ConnectionClosed()]
    assert conn.states == {CLIENT: MUST_CLOSE, SERVER: CLOSED}


def test_pipelined_requests_pause_until_the_next_cycle() -> None:
    conn = Connection(SERVER)
    conn.receive_data(GET * 3)
    for _ in range(3):
        request, end, paused_or_need = events(conn)
        assert isinstance(request, Request) and end == EndOfMessage()
        respond(conn)
        conn.start_next_cycle()
    assert paused_or_need is NEED_DATA
    assert conn.trailing_data == (b"", False)


def test_paused_while_waiting_for_our_response() -> None:
    conn = Connection(SERVER)
    conn.receive_data(GET + GET)
    assert events(conn)[2] is PAUSED
    assert conn.next_event() is PAUSED
    assert conn.trailing_data == (GET, False)


def test_expect_100_continue() -> None:
    conn = Connection(SERVER)
    conn.receive_data(
        b"PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"
    )
    assert isinstance(conn.next_event(), Request)
    assert conn.they_are_waiting_for_100_continue
    assert conn.send(InformationalResponse(status_code=100, headers=[], reason="Continue")) == (
        b"HTTP/1.1 100 Continue\r\n\r\n"
    )
    assert not conn.they_are_waiting_for_100_continue


@pytest.mark.parametrize("role", [CLIENT, SERVER])
def test_a_new_connection_waits_for_no_100_continue(role: Any) -> None:
    conn = Connection(role)
    assert conn.client_is_waiting_for_100_continue is False
    assert conn.they_are_waiting_for_100_continue is False


def _client_expecting_100_continue() -> Connection:
    """A client that sent a request with ``Expect: 100-continue`` and a body to come."""
    conn = Connection(CLIENT)
    conn.send(
        Request(
            method="PUT",
            target="/",
            headers=[*HOST, ("Expect", "100-continue"), ("Content-Length", "1")],
        )
    )
    return conn


def test_client_side_100_continue_flag() -> None:
    conn = _client_expecting_100_continue()
    assert conn.client_is_waiting_for_100_continue
    assert not conn.they_are_waiting_for_100_continue
    conn.send(Data(data=b"x"))  # the client gave up waiting and sent the body
    assert conn.client_is_waiting_for_100_continue is False


def test_a_response_ends_the_clients_wait_for_100_continue() -> None:
    # RFC 9110 §10.1.1: a final response, or a 100, is what the client waits for.
    for head in (b"HTTP/1.1 100 Continue\r\n\r\n", b"HTTP/1.1 417 No\r\nContent-Length: 0\r\n\r\n"):
        conn = _client_expecting_100_continue()
        conn.receive_data(head)
        assert isinstance(conn.next_event(), InformationalResponse | Response)
        assert conn.client_is_waiting_for_100_continue is False


def test_a_1xx_saying_close_leaves_the_connection_persistent() -> None:
    # Keep-alive is decided by the request and the final response (RFC 9112 §9.3): a 1xx's
    # Connection field closes nothing, as in h11.
    conn = Connection(CLIENT)
    conn.send(Request(method="GET", target="/", headers=HOST))
    conn.send(EndOfMessage())
    conn.receive_data(
        b"HTTP/1.1 100 Continue\r\nConnection: close\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
    )
    assert [type(event) for event in events(conn)] == [
        InformationalResponse,
        Response,
        EndOfMessage,
        type(NEED_DATA),
    ]
    assert conn.states == {CLIENT: DONE, SERVER: DONE}
    conn.start_next_cycle()


def test_upgrade_accepted_switches_with_trailing_data() -> None:
    conn = Connection(SERVER)
    conn.receive_data(
        b"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
        b"\x81\x05hello"
    )
    assert events(conn)[1:] == [EndOfMessage(), PAUSED]
    assert conn.their_state is MIGHT_SWITCH_PROTOCOL
    conn.send(InformationalResponse(status_code=101, headers=[("Upgrade", "websocket")]))
    assert conn.states == {CLIENT: SWITCHED_PROTOCOL, SERVER: SWITCHED_PROTOCOL}
    assert conn.next_event() is PAUSED
    assert conn.trailing_data == (b"\x81\x05hello", False)


def test_upgrade_declined_continues_as_http() -> None:
    conn = Connection(SERVER)
    conn.receive_data(b"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\n\r\n")
    events(conn)
    respond(conn)
    assert conn.states == {CLIENT: DONE, SERVER: DONE}


def test_101_without_upgrade_request_is_refused() -> None:
    conn = server_with_request()
    with pytest.raises(LocalProtocolError, match="without a pending proposal"):
        conn.send(InformationalResponse(status_code=101, headers=[("Upgrade", "h2c")]))


def test_connect_accepted_switches() -> None:
    client = Connection(CLIENT)
    client.send(
        Request(method="CONNECT", target="example.com:443", headers=[("Host", "example.com:443")])
    )
    client.send(EndOfMessage())
    assert client.our_state is MIGHT_SWITCH_PROTOCOL
    client.receive_data(b"HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x01")
    assert isinstance(client.next_event(), Response)
    assert client.states == {CLIENT: SWITCHED_PROTOCOL, SERVER: SWITCHED_PROTOCOL}
    assert client.next_event() is PAUSED
    assert client.trailing_data == (b"\x16\x03\x01", False)


@pytest.mark.parametrize("status", [300, 301])
def test_connect_answered_outside_2xx_does_not_switch(status: int) -> None:
    # RFC 9110 §9.3.6: any 2xx to CONNECT switches the connection to a tunnel; nothing else.
    client = Connection(CLIENT)
    client.send(
        Request(method="CONNECT", target="example.com:443", headers=[("Host", "example.com:443")])
    )
    client.send(EndOfMessage())
    client.receive_data(b"HTTP/1.1 %d Elsewhere\r\nContent-Length: 0\r\n\r\n" % status)
    assert [type(event) for event in events(client)] == [Response, EndOfMessage, type(NEED_DATA)]
    assert client.states == {CLIENT: DONE, SERVER: DONE}


def test_connect_refused_reads_the_body() -> None:
    client = Connection(CLIENT)
    client.send(
        Request(method="CONNECT", target="example.com:443", headers=[("Host", "example.com:443")])
    )
    client.send(EndOfMessage())
    client.receive_data(b"HTTP/1.1 407 Proxy Auth\r\nContent-Length: 2\r\n\r\nno")
    assert events(client)[1:] == [Data(b"no"), EndOfMessage(), NEED_DATA]
    assert client.states == {CLIENT: DONE, SERVER: DONE}


def test_remote_error_puts_the_peer_in_error_for_good() -> None:
    conn = Connection(SERVER)
    conn.receive_data(b"GET / HTTP/1.1\r\nBad Header\r\n\r\n")
    with pytest.raises(RemoteProtocolError) as info:
        conn.next_event()
    assert info.value.error_status_hint == 400
    assert conn.their_state is ERROR
    with pytest.raises(RemoteProtocolError, match="peer state is ERROR"):
        conn.next_event()
    # The server can still answer with an error response.
    assert conn.send(Response(status_code=400, headers=[("Content-Length", "0")])) is not None


def test_local_error_puts_us_in_error() -> None:
    conn = server_with_request()
    with pytest.raises(LocalProtocolError):
        conn.send(Request(method="GET", target="/", headers=HOST))
    assert conn.our_state is ERROR
    with pytest.raises(LocalProtocolError, match="our state is ERROR"):
        conn.send(Response(status_code=500, headers=[]))


def test_send_failed() -> None:
    conn = Connection(CLIENT)
    conn.send_failed()
    assert conn.our_state is ERROR


def test_error_response_before_any_request() -> None:
    conn = Connection(SERVER)
    out = conn.send(Response(status_code=400, headers=[]))
    assert out == b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
    assert conn.states == {CLIENT: IDLE, SERVER: SEND_BODY}


def test_eof_when_idle_is_connection_closed() -> None:
    conn = Connection(SERVER)
    conn.receive_data(b"")
    assert conn.next_event() == ConnectionClosed()
    assert conn.states == {CLIENT: CLOSED, SERVER: MUST_CLOSE}
    assert conn.next_event() == ConnectionClosed()


def test_eof_in_the_middle_of_a_head() -> None:
    conn = Connection(SERVER)
    conn.receive_data(b"GET / HTTP/1.1\r\n")
    conn.receive_data(b"")
    with pytest.raises(RemoteProtocolError, match="peer unexpectedly closed"):
        conn.next_event()
    assert conn.trailing_data == (b"GET / HTTP/1.1\r\n", True)


def test_eof_in_the_middle_of_a_body() -> None:
    conn = Connection(SERVER)
    conn.receive_data(b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab")
    events(conn)
    conn.receive_data(b"")
    with pytest.raises(RemoteProtocolError, match="received 2 bytes, expected 5"):
        conn.next_event()


def test_data_after_close_is_refused() -> None:
    conn = Connection(SERVER)
    conn.receive_data(b"")
    with pytest.raises(LocalProtocolError, match="received close"):
        conn.receive_data(b"x")


def test_data_when_the_peer_must_close() -> None:
    conn = server_with_request(b"GET / HTTP/1.0\r\n\r\n")
    respond(conn)
    conn.receive_data(b"more")
    with pytest.raises(RemoteProtocolError, match="expecting EOF"):
        conn.next_event()


def test_body_data_is_handed_out_as_it_arrives() -> None:
    conn = Connection(SERVER)
    size = 1 << 20
    conn.receive_data(b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: %d\r\n\r\n" % size)
    assert isinstance(conn.next_event(), Request)
    received = 0
    for _ in range(size // 4096):
        conn.receive_data(b"z" * 4096)
        event = conn.next_event()
        assert isinstance(event, Data) and len(event.data) == 4096
        received += len(event.data)
        assert len(conn.trailing_data[0]) == 0
    assert received == size and conn.next_event() == EndOfMessage()


@pytest.mark.parametrize("split", [None, 1, 4096])
def test_oversized_head_is_refused_with_431_however_split(split: int | None) -> None:
    head = b"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + b"b" * 20000 + b"\r\n\r\n"
    conn = Connection(SERVER)
    with pytest.raises(RemoteProtocolError) as info:
        for i in range(0, len(head), split or len(head)):
            conn.receive_data(head[i : i + (split or len(head))])
            conn.next_event()
    assert info.value.error_status_hint == 431


def test_custom_limit() -> None:
    conn = Connection(SERVER, max_incomplete_event_size=20)
    conn.receive_data(b"GET / HTTP/1.1\r\nHost: a\r\n")
    with pytest.raises(RemoteProtocolError) as info:
        conn.next_event()
    assert info.value.error_status_hint == 431


def test_endless_head_in_pieces_is_refused_with_bounded_memory() -> None:
    conn = Connection(SERVER)
    conn.receive_data(b"GET / HTTP/1.1\r\n")
    with pytest.raises(RemoteProtocolError):
        for _ in range(100):
            conn.receive_data(b"X-A: " + b"a" * 4090 + b"\r\n")
            assert conn.next_event() is NEED_DATA
    assert len(conn.trailing_data[0]) < 16384 + 4096 * 2


def test_send_with_data_passthrough() -> None:
    conn = server_with_request()
    body = b"payload"
    conn.send(Response(status_code=200, headers=[("Content-Length", "7")]))
    pieces = conn.send_with_data_passthrough(Data(data=body))
    assert pieces is not None and pieces[0] is body


@pytest.mark.parametrize("kind", [bytearray, memoryview])
def test_send_joins_pieces_to_bytes(kind: type[bytearray | memoryview]) -> None:
    """Data we send may carry any bytes-like object, as with h11; send gives bytes."""
    conn = server_with_request()
    conn.send(Response(status_code=200, headers=[]))
    assert conn.send(Data(data=kind(b"ab"))) == b"2\r\nab\r\n"  # type: ignore[arg-type]
    sized = server_with_request()
    sized.send(Response(status_code=200, headers=[("Content-Length", "2")]))
    sent = sized.send(Data(data=kind(b"ab")))  # type: ignore[arg-type]
    assert type(sent) is bytes and sent == b"ab"


def test_errors_name_rule_section_and_offset() -> None:
    conn = Connection(SERVER)
    conn.receive_data(b"GET / HTTP/1.1\r\nHost example.com\r\n\r\n")
    with pytest.raises(RemoteProtocolError) as info:
        conn.next_event()
    error = info.value
    assert (error.rule, error.section, error.offset) == ("field-line", "RFC 9112 §5", 20)
    assert str(error).startswith("illegal header line at byte 20: field-line (RFC 9112 §5)")
    assert "Host example.com" in str(error)


def test_module_level_default_limit() -> None:
    assert h11pc._connection.DEFAULT_MAX_INCOMPLETE_EVENT_SIZE == 16 * 1024


def test_data_after_the_end_of_input_is_a_local_error_and_a_runtime_error() -> None:
    """A misuse (LocalProtocolError); also the RuntimeError h11 raises, which h11 code
    catches."""
    conn = Connection(SERVER)
    conn.receive_data(b"")
    with pytest.raises(LocalProtocolError) as info:
        conn.receive_data(b"GET")
    assert isinstance(info.value, RuntimeError)


def _eof_where_a_response_was_due() -> Connection:
    client = Connection(CLIENT)
    client.send(Request(method="GET", target="/", headers=HOST))
    client.send(EndOfMessage())
    client.receive_data(b"")
    return client


def _request_after_an_unasked_answer() -> Connection:
    server = Connection(SERVER)
    server.send(Response(status_code=400, headers=[("Content-Length", "0")]))
    server.send(EndOfMessage())
    server.receive_data(b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n")
    return server


def _1xx_before_any_request() -> Connection:
    client = Connection(CLIENT)
    client.receive_data(b"HTTP/1.1 100 Continue\r\n\r\n")
    return client


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            _eof_where_a_response_was_due,
            "can't handle event type ConnectionClosed when role=SERVER and state=SEND_RESPONSE"
            " at byte 0: HTTP-message (RFC 9112 §8): the connection closed where a message"
            " was due",
        ),
        (
            _request_after_an_unasked_answer,
            "can't handle event type Request when role=SERVER and state=DONE at byte 0:"
            " request-line (RFC 9112 §9.3): a request arrived after the server answered"
            " without one, or failed; got b'GET /x HTTP/1.1'",
        ),
        (
            _1xx_before_any_request,
            "can't handle event type InformationalResponse when role=SERVER and state=IDLE"
            " at byte 0: status-code (RFC 9110 §15.2): a 1xx answers a request sent, a 101"
            " an Upgrade it proposed; got b'HTTP/1.1 100 Continue'",
        ),
    ],
    ids=["eof", "request", "1xx"],
)
def test_a_received_event_the_state_machine_refuses_is_explained(
    make: Callable[[], Connection], message: str
) -> None:
    # h11's words for the refusal, then the rule, the section and why, as for a reader's
    # errors: the peer's fault, a 400.
    conn = make()
    with pytest.raises(RemoteProtocolError) as info:
        conn.next_event()
    assert str(info.value) == message
    assert info.value.error_status_hint == 400
    assert conn.their_state is ERROR


# -- h11's words for each misuse and each refusal, and the waits no other test ends --------


def _refusal(call: Callable[[], object]) -> str:
    with pytest.raises((LocalProtocolError, RemoteProtocolError)) as info:
        call()
    return str(info.value)


def test_misuse_is_refused_in_h11s_words() -> None:
    closed = Connection(SERVER)
    closed.receive_data(b"")
    with pytest.raises(RuntimeError) as info:  # as h11 raises it
        closed.receive_data(b"x")
    assert str(info.value) == "received close, then received more data?"
    broken = Connection(SERVER)
    broken.receive_data(b"\x16\x03\x01")  # a TLS handshake: no request
    with pytest.raises(RemoteProtocolError):
        broken.next_event()
    assert _refusal(broken.next_event) == "Can't receive data when peer state is ERROR"
    broken.send_failed()
    client = Connection(CLIENT)
    switching = InformationalResponse(status_code=101, headers=[("Upgrade", "x")])
    assert _refusal(lambda: client.send(switching)) == (
        "can't handle event type InformationalResponse when role=CLIENT and state=IDLE"
    )
    assert _refusal(lambda: broken.send(Response(status_code=400))) == (
        "Can't send data when our state is ERROR"
    )


def test_body_writers_refuse_in_h11s_words() -> None:
    def sending(*events: object, version: str = "1.1") -> Callable[[], object]:
        conn = server_with_request(b"GET / HTTP/%s\r\nHost: a\r\n\r\n" % version.encode())
        return lambda: [conn.send(event) for event in events]  # type: ignore[arg-type]

    one = Response(status_code=200, headers=[("Content-Length", "1")])
    assert _refusal(sending(one, Data(b"ab"))) == "Too much data for declared Content-Length"
    assert _refusal(sending(one, EndOfMessage())) == "Too little data for declared Content-Length"
    trailers = EndOfMessage(headers=[("X-Sum", "1")])
    assert _refusal(sending(one, Data(b"a"), trailers)) == "Content-Length and trailers don't mix"
    unframed = Response(status_code=200, headers=[])
    assert _refusal(sending(unframed, trailers, version="1.0")) == (
        "can't send trailers to HTTP/1.0 client"
    )


@pytest.mark.parametrize("role", [CLIENT, SERVER])
def test_only_http_1_1_is_sent_in_h11s_words(role: type) -> None:
    if role is CLIENT:
        conn = Connection(CLIENT)
        head: object = Request(method="GET", target="/", headers=HOST, http_version="1.0")
    else:
        conn = server_with_request()
        head = Response(status_code=200, headers=[], http_version="1.0")
    assert _refusal(lambda: conn.send(head)) == "I only send HTTP/1.1"  # type: ignore[arg-type]


def test_a_close_inside_a_message_is_located() -> None:
    conn = Connection(SERVER)
    conn.receive_data(b"GET / HT")
    conn.receive_data(b"")
    assert _refusal(conn.next_event) == (
        "peer unexpectedly closed connection at byte 8: HTTP-message (RFC 9112 §8): "
        "the connection closed inside a message; got b'GET / HT'"
    )


@pytest.mark.parametrize("body", [b"", b"abc"])
def test_a_clients_body_ends_its_wait_for_100_continue(body: bytes) -> None:
    # RFC 9110 §10.1.1: a client may send its body without waiting; once it does (or
    # ends an empty one), the server has no 100 Continue to owe.
    conn = Connection(SERVER)
    conn.receive_data(
        b"POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: %d\r\n\r\n"
        % len(body)
    )
    assert type(conn.next_event()) is Request
    assert conn.they_are_waiting_for_100_continue
    conn.receive_data(body)
    assert type(conn.next_event()) is (Data if body else EndOfMessage)
    assert not conn.they_are_waiting_for_100_continue


def test_an_error_of_any_kind_puts_the_party_at_fault_in_error() -> None:
    # Sending: Data that is no bytes fails in the writer, with TypeError: ours is ERROR.
    client = Connection(CLIENT)
    client.send(Request(method="POST", target="/", headers=[*HOST, ("Content-Length", "1")]))
    with pytest.raises(TypeError):
        client.send(Data(data=1))  # type: ignore[arg-type]
    assert (client.our_state, client.their_state) == (ERROR, SEND_RESPONSE)


def test_an_unexpected_failure_while_reading_puts_the_peer_in_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from h11pc import _heads

    def fail(*_: object) -> None:
        raise RuntimeError("a failure no reader raises")

    # The events module stays Python in either build: the head reader looks the name up.
    monkeypatch.setattr(_heads, "parsed_request", fail)
    conn = Connection(SERVER)
    conn.receive_data(GET)
    with pytest.raises(RuntimeError):
        conn.next_event()
    assert (conn.our_state, conn.their_state) == (IDLE, ERROR)


def test_a_2xx_to_connect_is_sent_without_framing() -> None:
    # RFC 9110 §8.6: a server MUST NOT send Content-Length in a 2xx response to CONNECT.
    conn = server_with_request(b"CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n")
    head = conn.send(Response(status_code=200, headers=[("Content-Length", "0")]))
    assert head == b"HTTP/1.1 200 OK\r\n\r\n"


def test_a_request_a_server_sends_proposes_nothing() -> None:
    # Only a client's request proposes a switch: a server's CONNECT is refused, and the
    # client, done with its request, must close (h11's moves when a server fails).
    conn = server_with_request()
    with pytest.raises(LocalProtocolError):
        conn.send(Request(method="CONNECT", target="a:443", headers=[("Host", "a:443")]))
    assert (conn.our_state, conn.their_state) == (ERROR, MUST_CLOSE)
