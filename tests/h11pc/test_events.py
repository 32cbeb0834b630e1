"""Events: frozen, keyword-only, validated as h11 validates, stored as bytes."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Callable
from typing import Any

import pytest

from h11pc import (
    CLIENT,
    SERVER,
    Connection,
    ConnectionClosed,
    Data,
    EndOfMessage,
    Event,
    InformationalResponse,
    LocalProtocolError,
    Request,
    Response,
)
from h11pc._headers import Headers

HOST = [("Host", "example.com")]


def test_request_stores_bytes_and_defaults_to_http_1_1() -> None:
    request = Request(method="GET", target="/a?b=c", headers=HOST)
    assert request.method == b"GET"
    assert request.target == b"/a?b=c"
    assert request.http_version == b"1.1"
    assert request.headers == [(b"host", b"example.com")]
    assert isinstance(request.headers, Headers)


def test_bytes_like_inputs_are_accepted() -> None:
    # As h11 takes them at run time; the annotations are h11's, bytes or str.
    request = Request(
        method=bytearray(b"GET"),  # type: ignore[arg-type]
        target=memoryview(b"/"),  # type: ignore[arg-type]
        headers=[(bytearray(b"Host"), b"a")],  # type: ignore[list-item]
    )
    assert (request.method, request.target) == (b"GET", b"/")
    assert type(request.method) is bytes


def test_events_are_keyword_only_except_data() -> None:
    with pytest.raises(TypeError):
        Request("GET", HOST, "/")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Response([], 200)  # type: ignore[call-arg, arg-type]
    assert Data(b"x", True, False) == Data(data=b"x", chunk_start=True, chunk_end=False)


def test_unknown_and_missing_arguments_are_type_errors() -> None:
    with pytest.raises(TypeError):
        Request(method="GET", target="/", headers=HOST, foo=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Request(method="GET", headers=HOST)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "event",
    [
        Request(method="GET", target="/", headers=HOST),
        Response(status_code=200, headers=[]),
        Data(data=b"x"),
        EndOfMessage(),
    ],
)
def test_events_are_frozen_slotted_dataclasses(event: Event) -> None:
    assert isinstance(event, Event)
    assert not hasattr(event, "__dict__")
    # The class, as Any: the typeshed's check of an instance narrows an Event to nothing.
    kind: Any = type(event)
    assert dataclasses.is_dataclass(kind)
    field = dataclasses.fields(kind)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(event, field, b"other")


def test_replace_revalidates() -> None:
    request = Request(method="GET", target="/", headers=HOST)
    assert dataclasses.replace(request, target=b"/x").target == b"/x"
    with pytest.raises(LocalProtocolError):
        dataclasses.replace(request, target=b"/ x")


def test_equality_and_repr() -> None:
    a = Request(method=b"GET", target=b"/", headers=[(b"Host", b"a")])
    b = Request(method="GET", target="/", headers=[("host", "a")])
    assert a == b
    assert repr(a) == (
        "Request(method=b'GET', headers=<Headers([(b'host', b'a')])>, target=b'/', "
        "http_version=b'1.1')"
    )
    assert Data(b"x") != Data(b"x", chunk_start=True)
    assert ConnectionClosed() == ConnectionClosed()


@pytest.mark.parametrize("method", ["G T", "", "GET\x00", "GET:"])
def test_method_must_be_a_token(method: str) -> None:
    with pytest.raises(LocalProtocolError, match="method"):
        Request(method=method, target="/", headers=HOST)


@pytest.mark.parametrize("target", ["", "/ a", "/\x7f", "/a\r\nb"])
def test_target_must_be_a_request_target(target: str) -> None:
    with pytest.raises(LocalProtocolError, match="target"):
        Request(method="GET", target=target, headers=HOST)


@pytest.mark.parametrize(
    "target", ["/", "/a/b?c=d&e", "*", "example.com:443", "http://a/b", "/p?q=a|b{c}", "/[x]"]
)
def test_targets_are_any_visible_octets_as_in_h11(target: str) -> None:
    """The four forms of RFC 9112 §3.2, and what clients send unencoded (httpx too)."""
    assert Request(method="GET", target=target, headers=HOST).target == target.encode()


def test_non_ascii_str_is_a_local_protocol_error() -> None:
    with pytest.raises(LocalProtocolError, match="ASCII"):
        Request(method="GET", target="/é", headers=HOST)


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        Request(method=1, target="/", headers=HOST)  # type: ignore[arg-type]


def test_http_1_1_request_needs_host() -> None:
    with pytest.raises(LocalProtocolError, match="Host"):
        Request(method="GET", target="/", headers=[])


def test_http_1_0_request_may_omit_host() -> None:
    request = Request(method="GET", target="/", headers=[], http_version="1.0")
    assert request.http_version == b"1.0"


@pytest.mark.parametrize("version", ["1.1", "1.0"])
def test_more_than_one_host_is_refused(version: str) -> None:
    with pytest.raises(LocalProtocolError, match="multiple Host"):
        Request(method="GET", target="/", headers=HOST * 2, http_version=version)


def test_host_value_must_be_a_host() -> None:
    with pytest.raises(LocalProtocolError, match="Host"):
        Request(method="GET", target="/", headers=[("Host", "a b")])
    assert Request(method="GET", target="/", headers=[("Host", "")]).headers == [(b"host", b"")]


@pytest.mark.parametrize("version", ["1.x", "11", "", "HTTP/1.1"])
def test_http_version_must_be_digit_dot_digit(version: str) -> None:
    with pytest.raises(LocalProtocolError, match="HTTP version"):
        Response(status_code=200, headers=[], http_version=version)


@pytest.mark.parametrize(
    ("cls", "good", "bad"),
    [(InformationalResponse, [100, 101, 199], [99, 200]), (Response, [200, 404, 999], [199, 1000])],
)
def test_status_code_ranges(cls: type[Response], good: list[int], bad: list[int]) -> None:
    for status in good:
        assert cls(status_code=status, headers=[]).status_code == status
    for status in bad:
        with pytest.raises(LocalProtocolError, match="status_code should be in range"):
            cls(status_code=status, headers=[])


def test_status_code_must_be_an_integer_and_is_stored_as_int() -> None:
    with pytest.raises(LocalProtocolError, match="integer"):
        Response(status_code=200.0, headers=[])  # type: ignore[arg-type]
    import http

    response = Response(status_code=http.HTTPStatus.OK, headers=[])
    assert type(response.status_code) is int


def test_reason_is_stored_as_bytes_and_validated() -> None:
    assert Response(status_code=200, headers=[], reason="Not Found").reason == b"Not Found"
    assert Response(status_code=200, headers=[], reason=b"").reason == b""
    with pytest.raises(LocalProtocolError, match="reason"):
        Response(status_code=200, headers=[], reason=b"a\r\nInjected: yes")


@pytest.mark.parametrize(
    ("cls", "status", "reason"),
    [
        (Response, 200, b"OK"),
        (Response, 404, b"Not Found"),
        (Response, 418, b"I'm a Teapot"),
        (Response, 299, b""),  # no standard phrase: an empty one
        (InformationalResponse, 100, b"Continue"),
        (InformationalResponse, 101, b"Switching Protocols"),
    ],
)
def test_a_response_built_without_a_reason_gets_its_standard_phrase(
    cls: type[Response | InformationalResponse], status: int, reason: bytes
) -> None:
    assert cls(status_code=status).reason == reason
    assert cls(status_code=status, reason=b"").reason == b""


def test_a_response_may_omit_its_headers() -> None:
    assert Response(status_code=204).headers == []
    assert InformationalResponse(status_code=100).headers == []


def test_data_keeps_what_it_is_given() -> None:
    payload = bytearray(b"abc")
    assert Data(payload).data is payload  # type: ignore[arg-type]  # bytes-like, as in h11


def test_end_of_message_trailers_default_to_none() -> None:
    assert EndOfMessage().headers == []
    assert EndOfMessage(headers=[("X-Checksum", "1")]).headers == [(b"x-checksum", b"1")]


def test_events_with_unhashable_contents_are_unhashable() -> None:
    with pytest.raises(TypeError):
        hash(Data(bytearray(b"x")))  # type: ignore[arg-type]
    assert hash(ConnectionClosed()) == hash(ConnectionClosed())


def test_every_standard_reason_phrase_is_a_reason_phrase() -> None:
    """Responses that give a standard phrase skip its check: each must pass it."""
    from grammar.rfc9112 import reason_phrase
    from h11pc._events import STANDARD_REASONS

    for phrase in STANDARD_REASONS.values():
        assert reason_phrase.parse(phrase) == phrase


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Request(method="GET", target="/", headers=[]), "Missing mandatory Host: header"),
        (
            lambda: Request(method="GET", target="/", headers=HOST * 2),
            "Found multiple Host: headers",
        ),
        (
            lambda: Request(method="GET", target="/", headers=[("Host", "a b")]),
            "Illegal Host: header value",
        ),
        (
            lambda: Request(method="GÉT", target="/", headers=HOST),
            "method must be ASCII, not 'GÉT'",
        ),
        (lambda: Request(method="G T", target="/", headers=HOST), "Illegal method characters"),
        (
            lambda: Request(method="GET", target="/é", headers=HOST),
            "target must be ASCII, not '/é'",
        ),
        (lambda: Request(method="GET", target="/ a", headers=HOST), "Illegal target characters"),
        (
            lambda: Request(method="GET", target="/", headers=HOST, http_version="1.é"),
            "http_version must be ASCII, not '1.é'",
        ),
        (lambda: Response(status_code="200"), "status code must be integer"),  # type: ignore[arg-type]
        (lambda: Response(status_code=200, reason="OKé"), "reason must be ASCII, not 'OKé'"),
        (lambda: Response(status_code=200, reason=b"a\x01"), "Illegal reason phrase b'a\\x01'"),
    ],
)
def test_a_refused_event_says_why_in_h11s_words(make: Callable[[], object], message: str) -> None:
    """The message of each refusal, as h11 words it: code written for h11 matches on them."""
    with pytest.raises(LocalProtocolError) as refused:
        make()
    assert str(refused.value) == message


def _received(role: Any, wire: bytes) -> list[Event]:
    """The events a connection of ``role`` reads from ``wire`` (after sending the request a
    response answers)."""
    conn = Connection(role)
    if role is CLIENT:
        conn.send(Request(method="GET", target="/", headers=HOST))
        conn.send(EndOfMessage())
    conn.receive_data(wire)
    events: list[Event] = []
    while isinstance(event := conn.next_event(), Event):
        events.append(event)
    return events


@pytest.mark.parametrize(
    ("role", "wire", "made"),
    [
        (
            SERVER,
            b"POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab",
            [
                Request(
                    method="POST", target="/p", headers=[("Host", "a"), ("Content-Length", "2")]
                ),
                Data(b"ab"),
                EndOfMessage(),
            ],
        ),
        (
            CLIENT,
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 Fine\r\nA: b\r\n\r\nxy",
            [
                InformationalResponse(status_code=100, reason="Continue", headers=[]),
                Response(status_code=200, reason="Fine", http_version="1.0", headers=[("A", "b")]),
                Data(b"xy"),
            ],
        ),
        (
            CLIENT,
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;x=y\r\nab\r\n0\r\n\r\n",
            [
                Response(status_code=200, reason="OK", headers=[("Transfer-Encoding", "chunked")]),
                Data(b"ab", chunk_start=True, chunk_end=True),
                EndOfMessage(),
            ],
        ),
    ],
)
def test_received_events_are_the_events_a_constructor_makes(
    role: Any, wire: bytes, made: list[Event]
) -> None:
    """The events a reader builds (filled as drafts, then given their class) are the frozen
    dataclasses applications build: same class, fields, equality, hash, repr, frozen, and
    they pickle, copy and replace as any event does."""
    received = _received(role, wire)
    assert received == made
    for got, want in zip(received, made, strict=True):
        # As Any: the typeshed's dataclass functions take no Event.
        event: Any = got
        names = [field.name for field in dataclasses.fields(event)]
        assert type(got) is type(want)
        assert not hasattr(got, "__dict__")
        assert repr(got) == repr(want)
        assert hash(got) == hash(want)
        assert [getattr(got, name) for name in names] == [getattr(want, name) for name in names]
        assert pickle.loads(pickle.dumps(got)) == want
        assert copy.copy(got) == want
        assert dataclasses.replace(event) == want
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(got, names[0], b"other")
