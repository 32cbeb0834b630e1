"""The in-process adapters translate each library faithfully: h11's API (any module), httptools."""

from __future__ import annotations

import sys
import types
from dataclasses import replace

import pytest

from conformance.adapters import H11APIAdapter, HttptoolsAdapter
from conformance.model import Basis, Case, Outcome, Role, SendEvent

pytest.importorskip("h11")

REQUEST = Case(
    id="r",
    suite="t",
    role=Role.REQUEST,
    basis=Basis.MUST,
    requirements=("R",),
    input=b"",
    allowed=frozenset({Outcome.ACCEPT}),
)


def request(data: bytes, **changes: object) -> Case:
    return replace(REQUEST, input=data, **changes)  # type: ignore[arg-type]


def response(data: bytes, **changes: object) -> Case:
    return replace(REQUEST, role=Role.RESPONSE, input=data, **changes)  # type: ignore[arg-type]


H11 = H11APIAdapter("h11")


def test_a_missing_module_is_unavailable_not_an_error() -> None:
    assert "not installed" in (H11APIAdapter("no_such_module_here").unavailable() or "")
    assert "no Connection" in (H11APIAdapter("json").unavailable() or "")
    assert H11.unavailable() is None
    assert H11.version() == __import__("h11").__version__


def test_pipelined_requests_with_bodies() -> None:
    data = (
        b"POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
        b"GET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
    )
    seen = H11.parse(request(data), [data])
    assert [(m.method, m.target, m.body) for m in seen.messages] == [
        (b"POST", b"/1", b"hi"),
        (b"GET", b"/2", b""),
    ]
    assert seen.outcome is Outcome.ACCEPT
    assert seen.close is False
    assert seen.messages[0].headers == ((b"Host", b"a"), (b"Content-Length", b"2"))


def test_chunked_body_and_trailers_kept_apart() -> None:
    data = (
        b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"2\r\nhi\r\n0\r\nX: y\r\n\r\n"
    )
    [message] = H11.parse(request(data), [data]).messages
    assert (message.body, message.trailers) == (b"hi", ((b"X", b"y"),))


def test_a_protocol_error_is_a_rejection_with_its_status_hint() -> None:
    data = b"GET / HTTP/1.1\r\n\r\n"
    seen = H11.parse(request(data), [data])
    assert seen.outcome is Outcome.REJECT
    assert seen.status == 400


def test_an_unfinished_message_is_incomplete_and_eof_is_signalled() -> None:
    data = b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhi"
    assert H11.parse(request(data), [data]).outcome is Outcome.INCOMPLETE
    at_eof = H11.parse(request(data, eof=True), [data])
    assert (at_eof.outcome, at_eof.at_eof) == (Outcome.INCOMPLETE, True)


def test_the_server_stops_reading_once_the_connection_must_close() -> None:
    data = b"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n\x00garbage"
    seen = H11.parse(request(data), [data])
    assert (seen.outcome, seen.close, len(seen.messages)) == (Outcome.ACCEPT, True, 1)
    answered_close = request(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\n\r\n")
    seen = H11.parse(replace(answered_close, respond_close=True), [answered_close.input])
    assert (seen.close, len(seen.messages)) == (True, 1)


def test_a_client_reads_only_as_many_responses_as_it_asked_for() -> None:
    data = b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na" * 2
    assert len(H11.parse(response(data), [data]).messages) == 1
    assert len(H11.parse(response(data, requests=2), [data]).messages) == 2


def test_the_request_method_frames_the_response() -> None:
    data = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
    head = H11.parse(response(data, request_method=b"HEAD"), [data])
    assert (head.outcome, head.messages[0].body) == (Outcome.ACCEPT, b"")
    tunnel = H11.parse(response(data + b"hello", request_method=b"CONNECT"), [data + b"hello"])
    assert (tunnel.outcome, tunnel.messages[0].body) == (Outcome.ACCEPT, b"")


def test_interim_responses_are_messages_of_their_own() -> None:
    data = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"
    seen = H11.parse(response(data), [data])
    assert [m.status for m in seen.messages] == [100, 204]


def test_send_records_output_and_the_refused_call() -> None:
    case = replace(
        REQUEST,
        role=Role.SEND_REQUEST,
        send=(
            SendEvent("Request", headers=((b"Host", b"a"),)),
            SendEvent("EndOfMessage"),
            SendEvent("Data", data=b"late"),
        ),
    )
    seen = H11.send(case)
    assert seen.output == b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"
    assert (seen.refused, seen.crashed) == (2, False)


def test_send_response_answers_the_request_given() -> None:
    case = replace(
        REQUEST,
        role=Role.SEND_RESPONSE,
        input=b"HEAD / HTTP/1.1\r\nHost: a\r\n\r\n",
        send=(SendEvent("Response", status=200, headers=((b"Content-Length", b"3"),)),),
    )
    assert H11.send(case).output == b"HTTP/1.1 200 \r\nContent-Length: 3\r\n\r\n"


@pytest.mark.parametrize("adapter", [H11, H11APIAdapter("h11pc")], ids=["h11", "h11pc"])
def test_send_response_after_no_request_ends(adapter: H11APIAdapter) -> None:
    # An empty input is the peer's close: the connection says so (again and again), and the
    # response it cannot answer is refused rather than read for ever.
    case = replace(
        REQUEST,
        role=Role.SEND_RESPONSE,
        send=(SendEvent("Response", status=200, headers=((b"Content-Length", b"0"),)),),
    )
    seen = adapter.send(case)
    assert (seen.refused, seen.crashed) == (0, False)


# --- httptools ---------------------------------------------------------------------------------


@pytest.fixture
def httptools() -> HttptoolsAdapter:
    pytest.importorskip("httptools")
    return HttptoolsAdapter()


def test_httptools_parses_requests_and_trailers(httptools: HttptoolsAdapter) -> None:
    data = (
        b"POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"2\r\nhi\r\n0\r\nX: y\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
    )
    seen = httptools.parse(request(data), [data[:7], data[7:]])
    assert [(m.method, m.target, m.body) for m in seen.messages] == [
        (b"POST", b"/x", b"hi"),
        (b"GET", b"/2", b""),
    ]
    assert seen.messages[0].trailers == ((b"X", b"y"),)
    assert seen.messages[0].version == b"1.1"


def test_httptools_errors_are_rejections(httptools: HttptoolsAdapter) -> None:
    data = b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n"
    assert httptools.parse(request(data), [data]).outcome is Outcome.REJECT


def test_httptools_says_what_it_cannot_be_asked(httptools: HttptoolsAdapter) -> None:
    assert "ended" in (httptools.supports(request(b"x", eof=True)) or "")
    assert "serializer" in (httptools.supports(replace(REQUEST, role=Role.SEND_REQUEST)) or "")
    assert "HEAD" in (httptools.supports(response(b"x", request_method=b"HEAD")) or "")
    assert httptools.supports(request(b"x")) is None


def test_httptools_stops_after_a_closing_message(httptools: HttptoolsAdapter) -> None:
    data = b"GET / HTTP/1.0\r\n\r\nnot http at all"
    seen = httptools.parse(request(data), [data])
    assert (seen.outcome, seen.close, len(seen.messages)) == (Outcome.ACCEPT, True, 1)


def test_an_exception_other_than_a_protocol_error_is_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    h11 = __import__("h11")

    class Broken(h11.Connection):  # type: ignore[misc, name-defined]
        def receive_data(self, data: bytes) -> None:
            raise KeyError("oops")

    fake = types.ModuleType("broken_h11")
    fake.__dict__.update({k: v for k, v in vars(h11).items() if not k.startswith("__")})
    fake.Connection = Broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "broken_h11", fake)
    seen = H11APIAdapter("broken_h11").parse(request(b"GET / HTTP/1.1\r\n\r\n"), [b"x"])
    assert (seen.crashed, seen.error) == (True, "KeyError: 'oops'")
