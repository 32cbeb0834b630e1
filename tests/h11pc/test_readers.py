"""Readers, each run three ways: whole, one byte at a time, and with trailing data."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from h11pc import LocalProtocolError
from h11pc._events import (
    ConnectionClosed,
    Data,
    EndOfMessage,
    InformationalResponse,
    Request,
    Response,
)
from h11pc._heads import head_readers, read_request, read_response
from h11pc._leniency import Leniency
from h11pc._readers import (
    PAUSED,
    ChunkedReader,
    ContentLengthReader,
    Reader,
    UntilCloseReader,
    await_next_cycle,
    expect_nothing,
    pause_reading,
)
from h11pc._receivebuffer import ReceiveBuffer

from .support import from_source

Events = list[object]


def run(reader: Reader, pieces: list[bytes], limit: int = 16384) -> tuple[Events, bytes]:
    """Feed ``pieces`` to ``reader``, collecting events; returns them and the unread rest."""
    buffer = ReceiveBuffer(limit)
    events: Events = []
    done = False
    for piece in pieces:
        if done:
            break
        buffer.feed(piece)
        # Each event but the last consumes an octet or more: a reader that does not, fails.
        for _ in range(len(buffer) + 2):
            if done or (event := reader.read(buffer)) is None:
                break
            if isinstance(event, Data):
                assert type(event.data) is bytes, "Data holds a view of the buffer"
            events.append(event)
            done = type(event) is not Data
        else:
            raise AssertionError(f"the reader is not consuming: {events[-4:]}")
    return events, buffer.unread()


def merged(events: Events) -> Events:
    out: Events = []
    for event in events:
        if isinstance(event, Data) and out and isinstance(out[-1], Data):
            out[-1] = Data(out[-1].data + event.data)
        elif isinstance(event, Data):
            out.append(Data(event.data))
        else:
            out.append(event)
    return out


def three_ways(make: Callable[[], Reader], data: bytes, expected: Events) -> None:
    """The reader gives ``expected`` (Data merged) read whole, byte by byte, and followed by
    trailing data it leaves unread."""
    whole, rest = run(make(), [data])
    assert merged(whole) == expected and rest == b""
    bytewise, rest = run(make(), [data[i : i + 1] for i in range(len(data))])
    assert merged(bytewise) == expected and rest == b""
    trailing, rest = run(make(), [data + b"NEXT"])
    assert merged(trailing) == expected and rest == b"NEXT"


REQUEST = b"POST /upload?x=1 HTTP/1.1\r\nHost: example.com\r\nContent-Type: text/plain\r\n\r\n"


def test_request_head() -> None:
    expected = Request(
        method=b"POST",
        target=b"/upload?x=1",
        headers=[(b"Host", b"example.com"), (b"Content-Type", b"text/plain")],
    )
    three_ways(lambda: read_request, REQUEST, [expected])


def test_request_head_keeps_raw_names_and_strips_ows() -> None:
    events, _ = run(
        read_request, [b"GET / HTTP/1.0\r\nX-Mixed-Case:  \tvalue with  spaces\t \r\n\r\n"]
    )
    (request,) = events
    assert isinstance(request, Request)
    assert request.headers == [(b"x-mixed-case", b"value with  spaces")]
    assert request.headers.raw_items() == [(b"X-Mixed-Case", b"value with  spaces")]
    assert request.http_version == b"1.0"


def test_request_target_is_lenient_like_h11() -> None:
    """RFC 9112 §3.2 lets a server serve a target with unencoded ``|{}^``: h11 does."""
    events, _ = run(read_request, [b"GET /search?q=a|b{c}^ HTTP/1.1\r\nHost: a\r\n\r\n"])
    assert events[0].target == b"/search?q=a|b{c}^"  # type: ignore[attr-defined]


def test_request_head_without_fields() -> None:
    three_ways(
        lambda: read_request,
        b"GET / HTTP/1.0\r\n\r\n",
        [Request(method="GET", target="/", headers=[], http_version="1.0")],
    )


def test_empty_field_value() -> None:
    events, _ = run(read_request, [b"GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\n\r\n"])
    assert events[0].headers[1] == (b"x-empty", b"")  # type: ignore[attr-defined]


FOLDED = b"X-Folded: one \r\n \t two\r\n\tthree\r\n\r\n"


def test_obs_fold_in_a_response_becomes_one_space() -> None:
    """RFC 9112 §5.2: a user agent replaces each obs-fold by SP."""
    expected = Response(status_code=200, headers=[("X-Folded", "one two three")], reason=b"")
    three_ways(lambda: read_response, b"HTTP/1.1 200 \r\n" + FOLDED, [expected])


def test_obs_fold_in_a_request_is_refused_by_default() -> None:
    """RFC 9112 §5.2: a server rejects obs-fold with 400, or replaces it (OBS_FOLD)."""
    head = b"GET / HTTP/1.1\r\nHost: a\r\n" + FOLDED
    with pytest.raises(LocalProtocolError, match="obs-fold in a request at byte 39") as info:
        run(read_request, [head])
    assert (info.value.rule, info.value.section) == ("obs-fold", "RFC 9112 §5.2")
    expected = Request(
        method="GET", target="/", headers=[("Host", "a"), ("X-Folded", "one two three")]
    )
    three_ways(lambda: head_readers(Leniency.OBS_FOLD)[0], head, [expected])


def test_the_obs_fold_error_points_at_the_first_of_several_folds() -> None:
    head = b"GET / HTTP/1.1\r\nHost: a\r\nX: one\r\n two\r\n three\r\n\tfour\r\n\r\n"
    with pytest.raises(LocalProtocolError, match="obs-fold in a request at byte 31"):
        run(read_request, [head])


def test_response_head() -> None:
    three_ways(
        lambda: read_response,
        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
        [Response(status_code=404, reason=b"Not Found", headers=[(b"Content-Length", b"0")])],
    )


def test_informational_response_and_empty_reason() -> None:
    three_ways(
        lambda: read_response,
        b"HTTP/1.1 100 \r\n\r\n",
        [InformationalResponse(status_code=100, headers=[], reason=b"")],
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GET  / HTTP/1.1\r\n\r\n", "illegal request line"),
        (b"GET / HTTP/1.1\r\nHost : a\r\n\r\n", "illegal header line"),
        (b"GET / HTTP/1.1\r\nHost: a\x00b\r\n\r\n", "illegal header line"),
        (b"GET / HTTP/1.1\r\n Host: a\r\n\r\n", "continuation line at start of headers"),
        (b"GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "illegal header line"),
        (b"\r\rGET / HTTP/1.1\r\n\r\n", "illegal request line"),
        (b"\x16\x03\x01\x02\x00", "illegal request line"),
    ],
)
def test_bad_request_heads(data: bytes, message: str) -> None:
    for pieces in ([data], [data[i : i + 1] for i in range(len(data))]):
        with pytest.raises(LocalProtocolError, match=message):
            run(read_request, pieces)


@pytest.mark.parametrize(
    "data",
    [
        b"HTTP/1.1 2000 OK\r\n\r\n",
        b"HTTP/1.1 200\r\n\r\n",
        b"http/1.1 200 OK\r\n\r\n",
        b"SSH-2.0-OpenSSH\r\n",
    ],
)
def test_bad_status_lines(data: bytes) -> None:
    with pytest.raises(LocalProtocolError, match="illegal status line"):
        run(read_response, [data])


def test_status_below_100_is_refused_as_h11_does() -> None:
    with pytest.raises(LocalProtocolError, match="status_code should be in range"):
        run(read_response, [b"HTTP/1.1 099 Odd\r\n\r\n"])


def test_head_over_the_limit_is_refused_even_when_complete() -> None:
    head = b"GET / HTTP/1.1\r\nHost: a\r\nX: " + b"x" * 200 + b"\r\n\r\n"
    with pytest.raises(LocalProtocolError) as info:
        run(read_request, [head], limit=100)
    assert info.value.error_status_hint == 431


def test_content_length_body() -> None:
    three_ways(lambda: ContentLengthReader(5), b"hello", [Data(b"hello"), EndOfMessage()])


def test_content_length_hands_out_data_as_it_arrives() -> None:
    events, _ = run(ContentLengthReader(6), [b"ab", b"cd", b"ef"])
    assert events == [Data(b"ab"), Data(b"cd"), Data(b"ef"), EndOfMessage()]


def test_zero_content_length_ends_at_once() -> None:
    assert run(ContentLengthReader(0), [b"next"]) == ([EndOfMessage()], b"next")


def test_content_length_eof_is_an_error() -> None:
    reader = ContentLengthReader(10)
    run(reader, [b"abc"])
    with pytest.raises(LocalProtocolError, match="received 3 bytes, expected 10"):
        reader.read_eof(ReceiveBuffer(100))


CHUNKED = b"5\r\nhello\r\n6;name=value\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n"


def test_chunked_body_with_extension_and_trailer() -> None:
    three_ways(
        ChunkedReader,
        CHUNKED,
        [Data(b"hello world"), EndOfMessage(headers=[(b"X-Trailer", b"yes")])],
    )


def test_chunked_without_trailer() -> None:
    three_ways(ChunkedReader, b"3\r\nabc\r\n0\r\n\r\n", [Data(b"abc"), EndOfMessage()])


def test_chunk_boundaries_are_marked_across_split_reads() -> None:
    events, _ = run(ChunkedReader(), [b"6\r\nab", b"cd", b"ef\r\n2\r\ngh\r\n0\r\n\r\n"])
    assert events == [
        Data(b"ab", chunk_start=True, chunk_end=False),
        Data(b"cd", chunk_start=False, chunk_end=False),
        Data(b"ef", chunk_start=False, chunk_end=True),
        Data(b"gh", chunk_start=True, chunk_end=True),
        EndOfMessage(),
    ]


def test_chunk_data_arrives_before_its_crlf() -> None:
    reader = ChunkedReader()
    events, _ = run(reader, [b"3\r\nabc"])
    assert events == [Data(b"abc", chunk_start=True, chunk_end=True)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"5\r\nhelloXX0\r\n\r\n", "not followed by CRLF"),
        (b"5\r\nhello\rX", "not followed by CRLF"),
        (b"5 \r\nhello\r\n", "illegal chunk header"),
        (b"-5\r\n", "illegal chunk header"),
        (b"5;=x\r\n", "illegal chunk header"),
        (b"ffffffffffffffffffff\r\n", "too large"),
        (b"0\r\nBad Trailer\r\n\r\n", "illegal header line"),
    ],
)
def test_bad_chunked_bodies(data: bytes, message: str) -> None:
    for pieces in ([data], [data[i : i + 1] for i in range(len(data))]):
        with pytest.raises(LocalProtocolError, match=message):
            run(ChunkedReader(), pieces)


@pytest.mark.parametrize(
    ("pieces", "message"),
    [
        # The CRLF after chunk-data, split: its CR, then a CR again.
        ([b"3\r\nabc\r", b"\r\n0\r\n\r\n"], "not followed by CRLF"),
        # A receive that starts with the CRLF closing a chunk, then a chunk (with an
        # extension: read step by step) whose data is followed by something else.
        ([b"3;x\r\nabc", b"\r\n3;x\r\nabcXY0\r\n\r\n"], "not followed by CRLF"),
        ([b"3\r\nabc", b"\r\n3\r\nxyzAB0\r\n\r\n"], "not followed by CRLF"),
        # A bare LF in an unfinished trailer section is refused once it has been searched,
        # at the trailer section's first octet as anywhere else.
        ([b"0\r\nX: y\n", b"Z"], "illegal header line"),
        ([b"0\r\n", b"\nX", b"Y"], "illegal header line"),
    ],
)
def test_bad_chunked_bodies_in_pieces(pieces: list[bytes], message: str) -> None:
    with pytest.raises(LocalProtocolError, match=message):
        run(ChunkedReader(), pieces)


def test_chunk_data_that_looks_like_a_chunk_is_data() -> None:
    # The rest of a chunk arrives starting with what could be a chunk-size line.
    events, rest = run(ChunkedReader(), [b"9\r\nA", b"1\r\nx\r\nyy\r\n0\r\n\r\n"])
    assert merged(events) == [Data(b"A1\r\nx\r\nyy"), EndOfMessage()]
    assert rest == b""


@pytest.mark.parametrize(
    "pieces",
    [
        # A receive that ends with a chunk whose data could be read as a chunk-size line.
        [b"3;x\r\nabc\r\n", b"0\r\n\r\n"],
        # A whole chunk in a receive that completes what an earlier one began.
        [b"3", b"\r\nabc\r\n0\r\n\r\n"],
    ],
)
def test_chunks_however_the_receives_fall(pieces: list[bytes]) -> None:
    events, rest = run(ChunkedReader(), pieces)
    assert merged(events) == [Data(b"abc"), EndOfMessage()]
    assert rest == b""


def test_extensions_belong_to_their_chunk_alone() -> None:
    # The next chunk, read step by step (it arrives in pieces), has none.
    events, _ = run(ChunkedReader(), [b"3;a=b\r\nabc\r\n3\r\nx", b"yz\r\n0\r\n\r\n"])
    starts = [event for event in events if isinstance(event, Data) and event.chunk_start]
    assert [(event.data, event.chunk_ext) for event in starts] == [(b"abc", b";a=b"), (b"x", b"")]


def test_the_crlf_after_chunk_data_completed_by_a_later_receive() -> None:
    # Once the CRLF is complete, reading goes on with what else that receive brought.
    events, _ = run(ChunkedReader(), [b"3\r\nabc\r", b"\n0\r\n\r\n"])
    assert events[-1] == EndOfMessage()


def test_obs_fold_in_trailers_is_read_unless_refused() -> None:
    """RFC 9112 §5.2: a response's trailers may fold (by default, as a client reads them);
    a request's may not (``folds=False``)."""
    body = b"0\r\nX: a\r\n b\r\n\r\n"
    events, _ = run(ChunkedReader(), [body])
    assert events == [EndOfMessage(headers=[("X", "a b")])]
    with pytest.raises(LocalProtocolError, match="obs-fold"):
        run(ChunkedReader(folds=False), [body])


def test_chunk_size_whitespace_mends_only_spaces_and_tabs() -> None:
    lenient = ChunkedReader(Leniency.CHUNK_SIZE_WHITESPACE)
    events, _ = run(lenient, [b"3 \t\r\nabc\r\n0\r\n\r\n"])
    assert merged(events) == [Data(b"abc"), EndOfMessage()]
    for other in (b"\x0b", b"\x0c"):
        with pytest.raises(LocalProtocolError, match="illegal chunk header"):
            run(ChunkedReader(Leniency.CHUNK_SIZE_WHITESPACE), [b"3" + other + b"\r\nabc"])


def test_chunk_size_line_over_the_limit() -> None:
    with pytest.raises(LocalProtocolError) as info:
        run(ChunkedReader(), [b"1;" + b"a" * 200], limit=100)
    assert info.value.error_status_hint == 431


def test_chunked_eof_is_an_error() -> None:
    with pytest.raises(LocalProtocolError, match="incomplete chunked read"):
        ChunkedReader().read_eof(ReceiveBuffer(100))


def test_until_close_body() -> None:
    reader = UntilCloseReader()
    events, _ = run(reader, [b"abc", b"def"])
    assert events == [Data(b"abc"), Data(b"def")]
    assert reader.read_eof(ReceiveBuffer(100)) == EndOfMessage()


def test_await_next_cycle_pauses_on_what_arrives_and_leaves_it_for_the_next_message() -> None:
    # A persistent connection after a message: the next request is read once the cycle
    # starts over, not now; at EOF the connection has closed cleanly.
    buffer = ReceiveBuffer(100)
    assert await_next_cycle.read(buffer) is None  # nothing yet: wait for it
    buffer.feed(b"GET / HTTP/1.1\r\n")
    assert await_next_cycle.read(buffer) is PAUSED
    assert buffer.unread() == b"GET / HTTP/1.1\r\n"
    assert await_next_cycle.read_eof(ReceiveBuffer(100)) == ConnectionClosed()


def test_pause_reading_pauses_whether_or_not_anything_arrived() -> None:
    # A switch proposed or made: nothing that arrives is HTTP/1.1 to read, and it stays
    # for the application (trailing_data).
    buffer = ReceiveBuffer(100)
    assert pause_reading.read(buffer) is PAUSED
    buffer.feed(b"\x16\x03\x01")
    assert pause_reading.read(buffer) is PAUSED
    assert buffer.unread() == b"\x16\x03\x01"


def test_expect_nothing() -> None:
    assert run(expect_nothing, [b""])[0] == []
    with pytest.raises(LocalProtocolError, match="expecting EOF"):
        run(expect_nothing, [b"x"])


def test_the_head_pattern_runs_once_however_the_head_is_split(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Byte-at-a-time input costs one head match, not one per byte: linear overall. (The
    head is proven by its start-line pattern and one split of its fields; the whole-head
    pattern is for heads that way cannot prove.) The patterns are watched in a copy of the
    readers loaded from source: compiled readers reach theirs without looking them up."""
    _, source_heads = from_source("_readers", "_heads")
    reader = source_heads.read_request
    calls: list[tuple[str, int]] = []
    head, line = source_heads.REQUEST_HEAD, source_heads.REQUEST_LINE

    class Counting:
        def fullmatch(self, data: bytes) -> object:
            calls.append(("head", len(data)))
            return head.fullmatch(data)

        def match(self, data: bytes) -> object:
            calls.append(("line", len(data)))
            return line.match(data)

    monkeypatch.setattr(type(reader), "_PATTERN", Counting())
    monkeypatch.setattr(type(reader), "_LINE", Counting())
    byte_by_byte = [REQUEST[i : i + 1] for i in range(len(REQUEST))]
    events, _ = run(reader, byte_by_byte)
    assert len(events) == 1 and calls == [("line", len(REQUEST))]
    assert run(read_request, byte_by_byte) == (events, b"")


@pytest.mark.parametrize(
    ("reader", "data", "message", "hint"),
    [
        (
            read_request,
            b"GET / HTTP/2.0\r\nHost: a\r\n\r\n",
            "unsupported HTTP version at byte 6: HTTP-version (RFC 9110 §6.2): h11pc speaks "
            "HTTP/1.x; got b'GET / HTTP/2.0'",
            505,
        ),
        (
            read_response,
            b"HTTP/1.1 099 Odd\r\nX: 1\r\n\r\n",
            "status_code should be in range [100, 1000), not 99 at byte 9: status-code "
            "(RFC 9110 §15): a status code's first digit is its class, 1 to 5 (h11 takes up "
            "to 9); got b'HTTP/1.1 099 Odd'",
            400,
        ),
        (
            read_request,
            b"GET / HTTP/1.1\nHost: a",
            "illegal request line at byte 14: CRLF (RFC 9112 §2.2): a bare LF ends no line (the "
            "BARE_LF leniency accepts it in a head); got b'GET / HTTP/1.1\\n'",
            400,
        ),
        (
            read_request,
            b"GET / HTTP/1.1\r\nHost: a\nX: 1",
            "illegal header line at byte 23: CRLF (RFC 9112 §2.2): a bare LF ends no line (the "
            "BARE_LF leniency accepts it in a head); got b'Host: a\\n'",
            400,
        ),
        (
            read_response,
            b"\x16\x03\x01\x02\x00abcdefghijklmnopqrstuvwxyz",
            "illegal status line at byte 0: status-line (RFC 9112 §4): this cannot begin one; "
            "got b'\\x16\\x03\\x01\\x02\\x00abcdefghijk'",
            400,
        ),
    ],
)
def test_errors_name_rule_section_offset_and_the_line(
    reader: Reader, data: bytes, message: str, hint: int
) -> None:
    with pytest.raises(LocalProtocolError) as info:
        run(reader, [data])
    assert str(info.value) == message
    assert info.value.error_status_hint == hint


@pytest.mark.parametrize("end", [b"\r\n\r\n", b""])
def test_a_bare_lf_in_a_trailer_section_is_refused_where_it_is(end: bytes) -> None:
    """The same error whether the trailer section has ended or not."""
    with pytest.raises(LocalProtocolError) as info:
        run(ChunkedReader(), [b"1\r\na\r\n0\r\nX: 1\nY: 2" + end])
    assert str(info.value) == (
        "illegal header line at byte 4: CRLF (RFC 9112 §2.2): a bare LF ends no line (the "
        "BARE_LF leniency accepts it in a head); got b'X: 1\\n'"
    )


def test_what_cannot_begin_a_request_is_refused_once_two_octets_show_it() -> None:
    """With EMPTY_LINES_BEFORE_REQUEST a CR first may begin an empty line: two octets are
    judged, and refused as soon as they have arrived."""
    read = head_readers(Leniency.EMPTY_LINES_BEFORE_REQUEST)[0]
    with pytest.raises(LocalProtocolError, match="this cannot begin one"):
        run(read, [b"\x16\x03"])
    assert run(read, [b"\r"]) == ([], b"\r")


def test_a_request_target_over_the_limit_is_a_414() -> None:
    """RFC 9112 §3: a server answers a request-target longer than it parses with 414."""
    with pytest.raises(LocalProtocolError) as info:
        run(read_request, [b"GET /" + b"a" * 200], limit=100)
    assert str(info.value) == (
        "request-target too long at byte 4: request-target (RFC 9112 §3): the request-target "
        "crosses max_incomplete_event_size=100; got b'GET /" + "a" * 35 + "'"
    )
    assert info.value.error_status_hint == 414


def test_a_bare_lf_is_located_in_the_message_it_belongs_to() -> None:
    buffer = ReceiveBuffer(16384)
    buffer.feed(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\nX: 1")
    assert isinstance(read_request.read(buffer), Request)
    with pytest.raises(LocalProtocolError) as info:
        read_request.read(buffer)
    assert info.value.offset == 23


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            b"Transfer-Encoding : chunked, a:b",
            'illegal header line at byte 40: field-line (RFC 9112 §5): expected ":"; '
            "got b'Transfer-Encoding : chunked, a:b'",
        ),
        (
            b"Transfer-Encoding\x0b: chunked",
            'illegal header line at byte 40: field-line (RFC 9112 §5): expected ":"; '
            "got b'Transfer-Encoding\\x0b: chunked'",
        ),
        (
            b"Content-Length: 5\nX: 1",
            "illegal header line at byte 40: CRLF (RFC 9112 §2.2): a bare LF ends no line "
            "(the BARE_LF leniency accepts it in a head); got b'Content-Length: 5\\n'",
        ),
    ],
)
@pytest.mark.parametrize("before", [b"X: 1", b"junk"])
def test_invalid_field_lines_naming_a_framing_field_still_fail(
    before: bytes, line: bytes, message: str
) -> None:
    """Leniency.INVALID_FIELD_LINES drops a line that is no field-line, but not one that
    names Content-Length or Transfer-Encoding: guessing framing invites smuggling. The error
    is the framing line's, whatever was dropped before it."""
    read = head_readers(Leniency.INVALID_FIELD_LINES)[1]
    with pytest.raises(LocalProtocolError) as info:
        run(read, [b"HTTP/1.1 200 OK\r\n" + before + b"\r\n" + line + b"\r\nY: 2\r\n\r\n"])
    assert str(info.value) == message


def test_a_lone_lf_before_a_request_is_refused_at_once() -> None:
    """With EMPTY_LINES_BEFORE_REQUEST (and without BARE_LF) an empty line is CRLF: a LF
    alone is refused as it arrives, not once more octets come."""
    read = head_readers(Leniency.EMPTY_LINES_BEFORE_REQUEST)[0]
    with pytest.raises(LocalProtocolError, match="a bare LF ends no line"):
        run(read, [b"\n"])


def test_a_request_target_reaching_past_the_limit_is_a_414_however_it_arrives() -> None:
    """The request-target is judged on the first limit + 1 octets: one that fills them is
    too long even when the SP after it has arrived too."""
    data = b"GET /" + b"a" * 96 + b" HTTP/1.1\r\n\r\n"
    for pieces in ([data], [data[i : i + 1] for i in range(len(data))]):
        with pytest.raises(LocalProtocolError) as info:
            run(read_request, pieces, limit=100)
        assert info.value.error_status_hint == 414


def test_a_chunk_size_with_extensions_is_hexadecimal() -> None:
    events, _ = run(ChunkedReader(), [b"10;a=b\r\n" + b"x" * 16 + b"\r\n0\r\n\r\n"])
    assert merged(events) == [Data(b"x" * 16), EndOfMessage()]


def test_chunk_data_holding_a_crlf_early_is_read_to_its_size() -> None:
    """A chunk of 0x100 octets whose 17th and 18th are CRLF is one chunk of 256 octets."""
    data = b"x" * 16 + b"\r\n" + b"y" * 238
    events, _ = run(ChunkedReader(), [b"100\r\n" + data + b"\r\n0\r\n\r\n"])
    assert events == [Data(data, True, True), EndOfMessage()]


def test_chunked_errors_count_offsets_from_the_start_of_the_body() -> None:
    with pytest.raises(LocalProtocolError) as info:
        run(ChunkedReader(), [b"1\r\na\r\nzz\r\n"])
    assert info.value.offset == 6


def test_a_trailer_section_of_forbidden_fields_alone_gives_no_fields() -> None:
    """RFC 9110 §6.5.1 keeps framing and routing fields out of trailers."""
    events, _ = run(ChunkedReader(), [b"0\r\nContent-Length: 5\r\nHost: x\r\n\r\n"])
    assert events == [EndOfMessage(headers=[])]
