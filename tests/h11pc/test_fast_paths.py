"""Each fast path of h11pc against its slow twin, on inputs the grammar generates and on
mutations of them: same accept/reject, same values, same errors.

The fast paths take shortcuts for the common case; the slow twins are the general code
(whole-unit patterns, step-by-step readers, full normalisation) and, where the grammar
has one, the pure parsy parser of the same rules. A fast path may decline (hand the input
to the slow path) but never decide differently.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import product
from typing import Any
from unittest import mock

import parsy
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from grammar.rfc5234 import crlf
from grammar.rfc9110 import connection, content_length, field_value, host
from grammar.rfc9112 import chunked_body, field_line, status_line
from h11pc import LocalProtocolError
from h11pc._connection import _SENT_HEADS, Connection
from h11pc._events import (
    ConnectionClosed,
    Data,
    EndOfMessage,
    Event,
    InformationalResponse,
    Request,
    Response,
)
from h11pc._fields import cut_fields, first_fold, split_fields
from h11pc._framing import body_framing, keeps_alive
from h11pc._headers import (
    Headers,
    _content_length,
    _framed,
    _received_coding,
    _sendable_coding,
)
from h11pc._heads import read_request, read_response
from h11pc._outgoing import request_for_sending, response_for_sending
from h11pc._parts import _VALID_HOSTS, _VALID_HOSTS_MOST, check_host
from h11pc._patterns import REQUEST_HEAD, RESPONSE_HEAD, request_line_received
from h11pc._readers import ChunkedReader
from h11pc._receivebuffer import ReceiveBuffer
from h11pc._state import (
    CLIENT,
    CLOSED,
    DONE,
    EVENT,
    IDLE,
    MUST_CLOSE,
    PLAIN_MOVES,
    SEND_BODY,
    SEND_RESPONSE,
    SERVER,
    ConnectionState,
    _plain_moves,
)
from h11pc._writers import _head
from tests.grammar.support import mutated

from .support import from_source

# More examples than the suite's default (these tests are cheap); a longer profile raises it.
EXAMPLES = settings(max_examples=max(150, settings().max_examples))
_FIELD_SECTION = (field_line << crlf).many()
_FIELD_LINES = (crlf >> field_line).many() << crlf
_CRLF = b"\r\n"


def _outcome(call: Callable[[], Any]) -> Any:
    """What ``call`` returns, or the error it raises as (type, message, hint)."""
    try:
        return call()
    except LocalProtocolError as error:
        return ("error", type(error).__name__, str(error), error.error_status_hint)


def _fields(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(field_line.strategy(), max_size=6))
    return b"".join(line + _CRLF for line in lines)


@st.composite
def field_lines_after_a_start_line(draw: st.DrawFn) -> bytes:
    """``*( CRLF field-line ) CRLF``: a head from its start-line's CRLF to the end of its
    last field line's."""
    lines = draw(st.lists(field_line.strategy(), max_size=6))
    return b"".join(_CRLF + line for line in lines) + _CRLF


# -- the fields of a head: split_fields (one split) vs the parsy field-lines ------------------


@EXAMPLES
@given(st.one_of(field_lines_after_a_start_line(), mutated(field_lines_after_a_start_line())))
def test_split_fields_decides_as_the_parsy_field_lines(block: bytes) -> None:
    fast = split_fields(block)
    try:
        lines = _FIELD_LINES.parse(block)
    except parsy.ParseError:
        assert fast is None
        return
    assert fast is not None
    names, lowered, values = fast
    raw, pairs = list(zip(names, values, strict=True)), list(zip(lowered, values, strict=True))
    assert raw == [(line.name, line.value) for line in lines]
    assert pairs == [(line.name.lower(), line.value) for line in lines]
    # ... and gives what the slow cut of the same fields as a proven section gives.
    assert fast == cut_fields(block[2:])


def test_first_fold_is_the_offset_of_the_earliest_fold_or_minus_one() -> None:
    # (The head tests above read -1 as "no fold".)
    assert first_fold(b"X: a\r\nY: b\r\n") == -1
    assert first_fold(b"\r\n x\r\n") == 0
    assert first_fold(b"X: a\r\n\tb\r\n c\r\n\td\r\n") == 4


# -- a Host value: the verdicts remembered vs the parsy Host rule -----------------------------


@EXAMPLES
@given(st.one_of(host.strategy(), mutated(host.strategy())))
def test_host_check_decides_as_the_parsy_host_first_and_when_remembered(value: bytes) -> None:
    headers = Headers.from_wire([b"Host"], [b"host"], [value])
    try:
        host.parse(value)
    except parsy.ParseError:
        for _ in range(2):
            with pytest.raises(LocalProtocolError, match="Illegal Host"):
                check_host(headers, b"1.1")
        assert value not in _VALID_HOSTS
        return
    check_host(headers, b"1.1")
    assert value in _VALID_HOSTS
    check_host(headers, b"1.1")  # remembered: the same verdict


def test_remembered_hosts_are_bounded() -> None:
    _VALID_HOSTS.clear()
    for at in range(_VALID_HOSTS_MOST + 1):
        name = b"host-%d.example" % at
        check_host(Headers.from_wire([b"Host"], [b"host"], [name]), b"1.1")
        assert name in _VALID_HOSTS
    # Full at the bound, so the last value started it over.
    assert len(_VALID_HOSTS) == 1


# -- a head: start-line match + split_fields vs the whole-head pattern and parsy --------------


@st.composite
def request_heads(draw: st.DrawFn) -> bytes:
    line = draw(request_line_received.strategy())
    # Mostly a version h11pc speaks and a Host, so that most heads get past those checks.
    version = draw(st.sampled_from([b"HTTP/1.1", b"HTTP/1.0", line[-8:]]))
    line = line[:-8] + version
    host = draw(st.sampled_from([b"Host: example.com\r\n", b"host:a\r\n", b""]))
    return line + _CRLF + host + _fields(draw) + _CRLF


@st.composite
def response_heads(draw: st.DrawFn) -> bytes:
    fields = _fields(draw)
    fold = draw(st.sampled_from([b"", b"X: a\r\n b\r\n"]))
    return draw(status_line.strategy()) + _CRLF + fold + fields + _CRLF


def _unit_end(head: bytes) -> int:
    """Where the receive buffer ends this head: after its first blank line (a head reader
    is only ever handed such a unit); an input without one is no head, and not tested."""
    end = head.find(b"\r\n\r\n")
    assume(end >= 0)
    return end + 4


def _event_values(event: object) -> Any:
    if not isinstance(event, Event) or not hasattr(event, "headers"):
        return event
    headers: Headers = event.headers
    values = {name: getattr(event, name, None) for name in ("method", "target", "status_code")}
    return (type(event), values, event.http_version, list(headers), headers.raw_items())  # type: ignore[attr-defined]


@EXAMPLES
@given(st.one_of(request_heads(), mutated(request_heads())))
def test_quick_request_head_decides_as_the_whole_head_pattern(head: bytes) -> None:
    end = _unit_end(head)
    head = head[:end]
    fast = _outcome(lambda: read_request._quick(head))
    slow = None
    if REQUEST_HEAD.fullmatch(head) is not None:
        slow = _outcome(lambda: read_request._located(head))
    assert _event_values(fast) == _event_values(slow)
    parsy_head = request_line_received.parser() << crlf
    try:
        start = parsy_head.parse_partial(head)
        (_FIELD_SECTION << crlf).parse(start[1])
    except parsy.ParseError:
        assert fast is None
        return
    assert fast is not None
    if isinstance(fast, Event):
        assert (fast.method, fast.target) == (start[0][0], start[0][2])  # type: ignore[attr-defined]


@EXAMPLES
@given(st.one_of(response_heads(), mutated(response_heads())))
def test_quick_response_head_decides_as_the_whole_head_pattern(head: bytes) -> None:
    end = _unit_end(head)
    head = head[:end]
    fast = _outcome(lambda: read_response._quick(head))
    slow = None
    if RESPONSE_HEAD.fullmatch(head) is not None:
        slow = _outcome(lambda: read_response._located(head))
    if fast is None:
        # Declined: the slow path refuses it too, or it has a fold for the slow path.
        assert slow is None or first_fold(head) >= 0
        return
    assert _event_values(fast) == _event_values(slow)
    if isinstance(fast, Event):
        line = status_line.parse(head[: head.index(_CRLF)])
        assert fast.status_code == line.status_code  # type: ignore[attr-defined]
        assert fast.reason == line.reason  # type: ignore[attr-defined]


# -- a chunked body: whole chunks at once vs step by step, and vs the parsy chunked-body ------


# The shortcut is turned off in copies of the reader and buffer loaded from source, whose
# classes take a subclass (compiled ones do not); the installed build reads as they do.
_SOURCE_BUFFERS, _SOURCE_READERS = from_source("_receivebuffer", "_readers")
_SourceBuffer: Any = _SOURCE_BUFFERS.ReceiveBuffer


class _StepByStep(_SourceBuffer):  # type: ignore[misc]
    """A buffer that never hands out a whole length-prefixed unit: the chunked reader
    without its whole-chunk shortcut."""

    __slots__ = ()

    def take_prefixed(self, *_: Any) -> bytes | None:
        return None


@st.composite
def chunked_bodies(draw: st.DrawFn) -> bytes:
    chunks = draw(st.lists(st.binary(min_size=1, max_size=20), max_size=5))
    ext = draw(st.sampled_from([b"", b";a=b", b";x"]))
    body = b"".join(b"%x%s\r\n%s\r\n" % (len(chunk), ext, chunk) for chunk in chunks)
    trailers = draw(
        st.sampled_from([b"", b"Trailer-Field: 1\r\n", b"Host: x\r\n", b"A: 1\r\n 2\r\n"])
    )
    return body + b"0\r\n" + trailers + _CRLF


def _read_chunked(
    reader: ChunkedReader, reads: list[bytes], buffer: ReceiveBuffer
) -> tuple[list[Any], bool]:
    """The events (as comparable data) and errors ``reader`` gives for ``reads`` fed to
    ``buffer``; whether it reached the end of the body with nothing left over."""
    seen: list[Any] = []
    for at, piece in enumerate(reads):
        buffer.feed(piece)
        for _ in range(len(buffer) + 2):  # each event but the last consumes an octet or more
            try:
                event = reader.read(buffer)
            except LocalProtocolError as error:
                seen.append(("error", str(error)))
                return seen, False
            if event is None:
                break
            if isinstance(event, Data):
                data = event.data
                seen.append(("data", data, event.chunk_start, event.chunk_end, event.chunk_ext))
            else:
                assert isinstance(event, EndOfMessage)
                seen.append(("end", list(event.headers)))
                return seen, not buffer and not b"".join(reads[at + 1 :])
        else:
            raise AssertionError(f"the reader is not consuming: {seen[-4:]}")
    return seen, False


@EXAMPLES
@given(st.one_of(chunked_bodies(), mutated(chunked_bodies())), st.data())
def test_whole_chunks_read_as_step_by_step(body: bytes, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(body)), max_size=4)))
    reads = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    # folds: whether the trailer section may hold obs-fold, which a response's may (RFC 9112
    # §5.2 lets a recipient unfold it) but the grammar's chunked-body does not.
    folds = data.draw(st.booleans())
    fast, complete = _read_chunked(ChunkedReader(folds=folds), reads, ReceiveBuffer(1024))
    source_reader = _SOURCE_READERS.ChunkedReader
    source_buffer = _SOURCE_BUFFERS.ReceiveBuffer
    assert (fast, complete) == _read_chunked(source_reader(folds=folds), reads, source_buffer(1024))
    assert (fast, complete) == _read_chunked(source_reader(folds=folds), reads, _StepByStep(1024))
    if folds:
        return
    try:
        parsed = chunked_body.parse(body)
    except parsy.ParseError:
        assert not complete
        return
    assert complete
    received = b"".join(item[1] for item in fast if item[0] == "data")
    assert received == b"".join(chunk.data for chunk in parsed.chunks)


# -- the state machine: the plain moves looked up vs worked out -------------------------------


def _moved(machine: ConnectionState, move: Callable[..., None], *args: Any) -> Any:
    return _outcome(lambda: move(*args)), machine.client, machine.server


@pytest.mark.parametrize("role", [CLIENT, SERVER], ids=repr)
@pytest.mark.parametrize(
    "event_type", [Request, InformationalResponse, Response, Data, EndOfMessage, ConnectionClosed]
)
@pytest.mark.parametrize("keep_alive", [True, False])
def test_plain_moves_are_the_general_ways(role: Any, event_type: Any, keep_alive: bool) -> None:
    """Every event from every joint state: the table's answer (or, outside it, the general
    way's) against the general way's own, the refusals too; and, while keep-alive holds, the
    table holds exactly the moves the general way makes."""
    for client, server in product(EVENT[CLIENT], EVENT[SERVER]):
        looked_up, worked_out = ConnectionState(), ConnectionState()
        for machine in (looked_up, worked_out):
            machine.client, machine.server, machine.keep_alive = client, server, keep_alive
        expected = _moved(worked_out, worked_out._move, role, event_type, None)
        assert _moved(looked_up, looked_up.process_event, role, event_type) == expected, (
            client,
            server,
        )
        if keep_alive:
            refused = expected[0] is not None
            move = PLAIN_MOVES[role].get(event_type, {}).get(client, {}).get(server)
            assert move == (None if refused else expected[1:]), (client, server)


def test_the_plain_moves_are_worked_out_when_the_module_loads() -> None:
    assert _plain_moves() == PLAIN_MOVES
    assert PLAIN_MOVES[CLIENT][Request][IDLE][IDLE] == (SEND_BODY, SEND_RESPONSE)
    assert PLAIN_MOVES[SERVER][EndOfMessage][DONE][SEND_BODY] == (DONE, DONE)
    assert PLAIN_MOVES[CLIENT][ConnectionClosed][DONE][DONE] == (CLOSED, MUST_CLOSE)


# -- header normalisation: a lone one-valued Content-Length vs the full framing pass ----------
#
# Fields without Transfer-Encoding and with at most one Content-Length field, of one value
# (no comma, no other name repeated beside it), take the fast path: Headers built at once,
# the Content-Length value checked alone. Any other framing -- Transfer-Encoding, a repeated
# Content-Length, a list of lengths -- is handed to the framing pass itself, so comparing
# the two there would prove nothing: those inputs are only shown to take the slow path.

_NAMES = st.sampled_from([b"host", b"Host", b"x-a", b"expect"])
_LENGTHS = st.one_of(content_length.strategy(), mutated(content_length.strategy()))
_VALUES = st.one_of(_LENGTHS, st.sampled_from([b"v", b"100-continue", b""]))
_CL_NAMES = st.sampled_from([b"content-length", b"Content-Length"])


@st.composite
def fast_field_lists(
    draw: st.DrawFn, lengths: st.SearchStrategy[bytes] = _LENGTHS
) -> list[tuple[bytes, bytes]]:
    """Fields the fast path decides: others, and at most one Content-Length of one value
    (beside which every name is given once: a repeat sends all to the framing pass)."""
    fields = draw(st.lists(st.tuples(_NAMES, _VALUES), max_size=4))
    length = draw(st.one_of(st.none(), lengths.filter(lambda value: b"," not in value)))
    if length is not None:
        fields = list({name.lower(): (name, value) for name, value in fields[::-1]}.values())
        fields.insert(draw(st.integers(0, len(fields))), (draw(_CL_NAMES), length))
    return fields


@st.composite
def slow_field_lists(draw: st.DrawFn) -> list[tuple[bytes, bytes]]:
    """Fields the fast path hands to the framing pass."""
    fields = draw(fast_field_lists())
    framing = draw(
        st.sampled_from(
            [
                [(b"Transfer-Encoding", b"chunked")],
                [(b"content-length", b"1"), (b"Content-Length", b"1")],
                [(b"Content-Length", b"1, 1")],
                [(b"Content-Length", b"1,2")],
            ]
        )
    )
    fields = [field for field in fields if field[0].lower() != b"content-length"]
    at = draw(st.integers(0, len(fields)))
    return fields[:at] + framing + fields[at:]


# Which path a field list takes is watched in a copy of the module loaded from source:
# compiled code calls the framing pass without looking it up. The installed module must
# give what the copy gives.
(_SOURCE_HEADERS,) = from_source("_headers")


@contextmanager
def framing_pass_watched() -> Iterator[list[str]]:
    """The framing pass of the source copy, recording the coding rule of each call (the
    path taken) in the list yielded."""
    calls: list[str] = []
    framed = _SOURCE_HEADERS._framed

    def watched(*fields: Any) -> Any:
        calls.append(fields[-1].__name__)
        return framed(*fields)

    # Field lists checked before are not checked again: start with none.
    checked = _SOURCE_HEADERS._CHECKED
    with mock.patch.object(_SOURCE_HEADERS, "_framed", watched), mock.patch.dict(checked):
        checked.clear()
        yield calls


def _columns(fields: list[tuple[bytes, bytes]]) -> tuple[list[bytes], list[bytes], list[bytes]]:
    names = [name for name, _ in fields]
    return names, [name.lower() for name in names], [value for _, value in fields]


def _snapshot(headers: Headers) -> Any:
    asked = {name: headers.get(name) for name, _ in headers}
    return list(headers), headers.raw_items(), asked, len(headers), hash(headers)


def _built(headers: Any, fields: list[tuple[bytes, bytes]]) -> tuple[Any, Any]:
    """What the ``Headers`` class ``headers`` makes of ``fields``, received and given by a
    user (None if a user could not give them), as data or the error raised."""
    received = _outcome(lambda: _snapshot(headers.from_wire(*_columns(fields))))
    user = None
    if all(field_value.compiled.fullmatch(value) for _, value in fields):  # type: ignore[union-attr]
        # (a user's fields are checked first: a bad value never reaches framing)
        user = _outcome(lambda: _snapshot(headers.from_user(fields)))
    return received, user


@EXAMPLES
@given(fast_field_lists(), st.sampled_from(["raw", "pairs", "pickle", "slice"]))
def test_built_headers_match_the_framing_pass(
    fields: list[tuple[bytes, bytes]], first: str
) -> None:
    """The fast path's headers against the framing pass's: the same fields, answers and
    errors; and the same sequence whichever part is asked first."""
    with framing_pass_watched() as calls:
        built = _built(_SOURCE_HEADERS.Headers, fields)
    assert calls == [], "the fast path called the framing pass"
    assert _built(Headers, fields) == built
    user = built[1]
    fast = _outcome(lambda: Headers.from_wire(*_columns(fields)))
    whole = _outcome(lambda: _framed(*_columns(fields), _received_coding))
    if user is not None:
        assert user == _outcome(lambda: _snapshot(_framed(*_columns(fields), _sendable_coding)))
    if not isinstance(whole, Headers):
        assert fast == whole
        return
    assert isinstance(fast, Headers)
    if first == "raw":
        assert fast.raw_items() == whole.raw_items()
    elif first == "pickle":
        fast = pickle.loads(pickle.dumps(fast))
    elif first == "slice":
        assert fast[1:] == whole[1:]
    assert fast == whole
    assert _snapshot(fast) == _snapshot(whole)
    assert repr(fast) == repr(whole)


@EXAMPLES
@given(slow_field_lists())
def test_other_framing_takes_the_framing_pass(fields: list[tuple[bytes, bytes]]) -> None:
    with framing_pass_watched() as calls:
        built = _built(_SOURCE_HEADERS.Headers, fields)
    expected = ["_received_coding"] + (["_sendable_coding"] if built[1] is not None else [])
    assert calls == expected
    assert _built(Headers, fields) == built


@EXAMPLES
@given(_LENGTHS)
def test_one_content_length_value_is_the_grammars(value: bytes) -> None:
    """A value without a comma is one length (a list of them takes the general path)."""
    assume(b"," not in value)
    try:
        expected = content_length.parse(value)
    except parsy.ParseError:
        with pytest.raises(LocalProtocolError):
            _content_length(value)
        return
    assert int(_content_length(value)) == expected


@EXAMPLES
@given(st.one_of(connection.strategy(), mutated(connection.strategy())))
def test_list_elements_are_the_grammars_list(value: bytes) -> None:
    if field_value.compiled.fullmatch(value) is None:  # type: ignore[union-attr]
        return  # not a value a Headers can hold
    options = Headers([(b"connection", value)]).elements(b"connection")
    try:
        expected = connection.parse(value)
    except parsy.ParseError:
        assert options is None
        return
    assert options == expected


# -- writing a head: Host already first (and alone) vs the reordering of every field ----------

_HEAD_FIELDS = st.lists(
    st.tuples(st.sampled_from([b"Host", b"host", b"Accept", b"X-A", b"x-a"]), st.just(b"v")),
    max_size=5,
)


@EXAMPLES
@given(_HEAD_FIELDS)
def test_written_head_puts_host_fields_first_in_order(fields: list[tuple[bytes, bytes]]) -> None:
    """Whether the writer reorders or not, the head is the start line, the Host fields,
    then the others, each group in the caller's order (the general path's stable split)."""
    headers = Headers((), *_columns(fields))
    ordered = [f for f in fields if f[0].lower() == b"host"]
    ordered += [f for f in fields if f[0].lower() != b"host"]
    expected = b"".join([b"X", *(b"\r\n%s: %s" % field for field in ordered), b"\r\n\r\n"])
    assert _head(b"X", headers) == expected


# -- plain headers: the connection's questions skipped vs asked one by one --------------------

_MANAGED_FIELDS = st.sampled_from(
    [
        (b"Connection", b"close"),
        (b"connection", b"keep-alive"),
        (b"Connection", b"Upgrade, x-option"),
        (b"connection", b"no list, ("),
        (b"Expect", b"100-continue"),
        (b"TE", b"trailers, chunked"),
        (b"Transfer-Encoding", b"chunked"),
        (b"Upgrade", b"websocket"),
    ]
)
_OTHER_FIELDS = st.sampled_from(
    [(b"Content-Length", b"0"), (b"content-length", b"13"), (b"X-A", b"v"), (b"Date", b"d")]
)


def _asked_one_by_one(headers: Headers) -> Headers:
    """``headers`` as a Headers that says it is not plain: every question is asked."""
    twin = Headers((), *_columns(headers.raw_items()))
    twin.plain = False
    return twin


def _response_sent(response: Response, *context: Any) -> Any:
    sent = _outcome(lambda: response_for_sending(response, *context))
    return sent if not isinstance(sent, Response) else (sent.status_code, sent.headers)


@EXAMPLES
@given(
    st.lists(st.one_of(_MANAGED_FIELDS, _OTHER_FIELDS), max_size=4),
    st.sampled_from([200, 204, 304, 404]),
    st.sampled_from([None, b"GET", b"HEAD", b"CONNECT"]),
    st.sampled_from([None, b"1.0", b"1.1"]),
    st.booleans(),
)
def test_plain_headers_decide_as_each_question_asked(
    fields: list[tuple[bytes, bytes]],
    status: int,
    method: bytes | None,
    their_version: bytes | None,
    keep_alive: bool,
) -> None:
    """Framing, persistence and what is sent, decided with :attr:`Headers.plain` and with
    every field asked about: the same, whether the fields are plain or not."""
    headers = _outcome(lambda: Headers(fields))
    assume(isinstance(headers, Headers))
    managed = (b"connection", b"expect", b"te", b"transfer-encoding", b"upgrade")
    assert headers.plain == all(headers.count_of(name) == 0 for name in managed)
    twin = _asked_one_by_one(headers)
    response, asked = (
        Response(
            status_code=status, headers=given, http_version=b"1.0" if their_version else b"1.1"
        )
        for given in (headers, twin)
    )
    assert keeps_alive(response) == keeps_alive(asked)
    assert body_framing(method, response) == body_framing(method, asked)
    context = (method, their_version, keep_alive)
    assert _response_sent(response, *context) == _response_sent(asked, *context)
    with_host = Headers([(b"Host", b"h"), *fields])
    request, asked_request = (
        Request(method=b"POST", target=b"/", headers=given)
        for given in (with_host, _asked_one_by_one(with_host))
    )
    sent, sent_asked = request_for_sending(request), request_for_sending(asked_request)
    assert (sent.headers, sent.method) == (sent_asked.headers, sent_asked.method)


_FRAMING_FIELDS = st.sampled_from(
    [
        (b"Content-Length", b"13"),
        (b"content-length", b"13, 13"),
        (b"Content-Length", b"7"),
        (b"Transfer-Encoding", b"chunked"),
        (b"transfer-encoding", b"gzip"),
        (b"Transfer-Encoding", b"Chunked"),
    ]
)


def _framing_asked(headers: Headers) -> tuple[bytes | None, bytes | None]:
    return headers.get(b"content-length"), headers.get(b"transfer-encoding")


@EXAMPLES
@given(st.lists(st.one_of(_FRAMING_FIELDS, _MANAGED_FIELDS, _OTHER_FIELDS), max_size=5))
def test_framing_attributes_are_the_framing_fields_values(
    fields: list[tuple[bytes, bytes]],
) -> None:
    """:attr:`Headers.content_length` and :attr:`Headers.transfer_encoding`, looked up as
    the headers are made, are what asking for the fields says -- for headers from a user,
    from the wire, and re-made without or with a field."""
    made: list[Headers] = []
    for make in (lambda: Headers(fields), lambda: Headers.from_wire(*_columns(fields))):
        headers = _outcome(make)
        if isinstance(headers, Headers):
            made += [
                headers,
                headers.replaced(b"content-length", ()),
                headers.replaced(b"transfer-encoding", (b"chunked",)),
                headers.extended(b"connection", [b"close"]),
            ]
    assume(made)
    for headers in made:
        assert (headers.content_length, headers.transfer_encoding) == _framing_asked(headers)


def _serve_once(request: bytes, status: int, fields: list[tuple[bytes, bytes]]) -> Any:
    """What a server sends for ``status`` and ``fields`` after ``request``, and the states
    it leaves (or the refusal)."""
    conn = Connection(SERVER)
    conn.receive_data(request)
    assert type(conn.next_event()) is Request
    sent = _outcome(lambda: conn.send(Response(status_code=status, headers=fields)))
    return sent, conn.our_state, conn.their_state


@EXAMPLES
@given(
    st.lists(st.one_of(_FRAMING_FIELDS, _MANAGED_FIELDS, _OTHER_FIELDS), max_size=3),
    st.sampled_from([200, 204, 304, 404]),
    st.sampled_from([b"GET", b"HEAD", b"CONNECT"]),
    st.sampled_from([b"1.0", b"1.1"]),
    st.sampled_from([b"", b"Connection: close\r\n", b"Connection: keep-alive\r\n"]),
)
def test_a_head_sent_again_is_the_head_worked_out_afresh(
    fields: list[tuple[bytes, bytes]],
    status: int,
    method: bytes,
    version: bytes,
    connection: bytes,
) -> None:
    """A Response whose head the connection remembers (the same response sent before, in
    the same state) is sent as one worked out from nothing: the same bytes, or refusal,
    and the same states after."""
    target = b"h:80" if method == b"CONNECT" else b"/"
    request = b"%s %s HTTP/%s\r\nHost: h\r\n%s\r\n" % (method, target, version, connection)
    _SENT_HEADS.clear()
    fresh = _serve_once(request, status, fields)
    again = _serve_once(request, status, fields)
    assert again == fresh
    if isinstance(fresh[0], bytes):
        # Sent from the memo: the very head written the first time (a lone piece is what
        # send returns, uncopied), not a head written again.
        assert again[0] is fresh[0]
