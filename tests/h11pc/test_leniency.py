"""Opt-in leniencies: each refused by default, accepted with its flag -- whole and one byte
at a time -- and no flag lets through more than it names."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path
from typing import Any

import h11
import pytest

import h11pc
from h11pc import CLIENT, SERVER, Connection, Leniency

from .support import drive, merge_data

STRICT = Leniency(0)


def outcomes(data: bytes, role: Any, leniency: Any = STRICT, split: int = 0) -> list[Any]:
    """What a connection of ``role`` with ``leniency`` makes of ``data`` then EOF (a client
    after a GET), Data merged."""
    conn = Connection(role, leniency=leniency)
    if role is CLIENT:
        conn.send(h11pc.Request(method="GET", target="/", headers=[("Host", "a")]))
        conn.send(h11pc.EndOfMessage())
    pieces = [data] if not split else [data[i : i + split] for i in range(0, len(data), split)]
    return merge_data(drive(conn, h11pc, pieces, close=True))


def h11_outcomes(data: bytes, role: Any) -> list[Any]:
    conn = h11.Connection(h11.CLIENT if role is CLIENT else h11.SERVER)
    if role is CLIENT:
        conn.send(h11.Request(method="GET", target="/", headers=[("Host", "a")]))
        conn.send(h11.EndOfMessage())
    return merge_data(drive(conn, h11, [data], close=True))


def refused(data: bytes, role: Any, leniency: Any = STRICT) -> bool:
    return any(outcome[0] == "error" for outcome in outcomes(data, role, leniency))


def accepted(data: bytes, role: Any, leniency: Any) -> list[Any]:
    """The outcomes with ``leniency``: no error, the same whole and byte by byte."""
    whole = outcomes(data, role, leniency)
    assert all(outcome[0] != "error" for outcome in whole), whole
    assert outcomes(data, role, leniency, split=1) == whole
    return whole


CHUNKED_RESPONSE = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
FRAMED_TWICE = b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\nTransfer-Encoding: chunked\r\n\r\n"
CHUNKED_REQUEST = b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"

# (flag, role, input the flag is for, h11 accepts it too)
CASES = [
    (Leniency.BARE_LF, CLIENT, b"HTTP/1.1 200 OK\nContent-Length: 2\n\nhi", True),
    (Leniency.BARE_LF, CLIENT, b"HTTP/1.1 200 OK\r\nServer: Boa/0.94\r\nX: y\n\r\nhi", True),
    (Leniency.BARE_LF, SERVER, b"GET / HTTP/1.1\nHost: a\r\n\n", True),
    (
        Leniency.EMPTY_LINES_BEFORE_REQUEST,
        SERVER,
        b"\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        False,
    ),
    (Leniency.OBS_FOLD, SERVER, b"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n\tb\r\n\r\n", True),
    (
        Leniency.OBS_FOLD,
        SERVER,
        CHUNKED_REQUEST + b"0\r\nX: a\r\n b\r\n\r\n",
        True,
    ),
    (Leniency.INVALID_FIELD_LINES, CLIENT, b"HTTP/1.1 200 OK\r\nJunk\r\nX: 1\r\n\r\nhi", False),
    (
        Leniency.INVALID_FIELD_LINES,
        CLIENT,
        b"HTTP/1.1 200 OK\r\nServer Name: x\r\nSet-Cookie: a=\x01\r\nContent-Length: 2\r\n\r\nhi",
        False,
    ),
    (Leniency.MISSING_REASON_SP, CLIENT, b"HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nhi", True),
    (
        Leniency.CHUNK_SIZE_WHITESPACE,
        CLIENT,
        CHUNKED_RESPONSE + b"2 \r\nhi\r\n1\t \r\n!\r\n0  \r\n\r\n",
        True,
    ),
    (
        Leniency.CHUNK_SIZE_WHITESPACE,
        SERVER,
        CHUNKED_REQUEST + b"2;a=b \r\nhi\r\n0\r\n\r\n",
        False,
    ),
    (
        Leniency.CONTENT_LENGTH_WITH_TRANSFER_ENCODING,
        CLIENT,
        FRAMED_TWICE + b"2\r\nhi\r\n0\r\n\r\n",
        True,
    ),
]
IDS = [f"{flag.name}-{index}" for index, (flag, *_) in enumerate(CASES)]


@pytest.mark.parametrize(("flag", "role", "data", "h11_too"), CASES, ids=IDS)
def test_each_leniency_accepts_what_strict_refuses(
    flag: Leniency, role: Any, data: bytes, h11_too: bool
) -> None:
    assert refused(data, role)
    lenient = accepted(data, role, flag)
    assert lenient[0][0] in ("Request", "Response")
    if h11_too:  # the flag gives back exactly what h11 reads
        assert lenient == h11_outcomes(data, role)


@pytest.mark.parametrize(("flag", "role", "data", "h11_too"), CASES, ids=IDS)
def test_no_other_flag_accepts_it(flag: Leniency, role: Any, data: bytes, h11_too: bool) -> None:
    others = Leniency(0)
    for other in Leniency:
        if other is not flag:
            others |= other
    assert refused(data, role, others)


def test_bare_lf_reads_lines_ending_in_lf_alone() -> None:
    (response, body, *_) = accepted(
        b"HTTP/1.1 200 OK\nContent-Length: 2\nX: a b\n\nhi", CLIENT, Leniency.BARE_LF
    )
    assert response[1] == (
        "headers",
        (
            ((b"content-length", b"2"), (b"x", b"a b")),
            ((b"Content-Length", b"2"), (b"X", b"a b")),
        ),
    )
    assert body == ("Data", b"hi")


def test_bare_lf_does_not_admit_a_bare_cr() -> None:
    assert refused(b"HTTP/1.1 200 OK\nX: a\rb\n\n", CLIENT, Leniency.BARE_LF)


def test_obs_fold_unfolds_to_one_space() -> None:
    (request, *_) = accepted(
        b"GET / HTTP/1.1\r\nHost: a\r\nX: one\r\n  two\r\n\r\n", SERVER, Leniency.OBS_FOLD
    )
    assert request[2][1][0] == ((b"host", b"a"), (b"x", b"one two"))


def test_invalid_field_lines_are_dropped_and_the_rest_kept() -> None:
    (response, body, *_) = accepted(
        b"HTTP/1.1 200 OK\r\nJunk\r\nX: 1\r\nA B: c\r\nContent-Length: 2\r\n\r\nhi",
        CLIENT,
        Leniency.INVALID_FIELD_LINES,
    )
    assert response[1][1][0] == ((b"x", b"1"), (b"content-length", b"2"))
    assert body == ("Data", b"hi")


@pytest.mark.parametrize(
    "line", [b"Content-Length : 5", b"Transfer-Encoding\t: chunked", b"content-length: 0x5"]
)
def test_an_invalid_line_naming_a_framing_field_still_fails(line: bytes) -> None:
    """Dropping it would guess the framing: how smuggled responses are read."""
    data = b"HTTP/1.1 200 OK\r\n" + line + b"\r\n\r\nhello"
    assert refused(data, CLIENT, Leniency.INVALID_FIELD_LINES)


def test_invalid_start_lines_are_not_field_lines() -> None:
    assert refused(b"HTTP/1.1 OK\r\nX: 1\r\n\r\n", CLIENT, Leniency.INVALID_FIELD_LINES)


def test_missing_reason_sp_gives_an_empty_reason() -> None:
    (response, *_) = accepted(
        b"HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n", CLIENT, Leniency.MISSING_REASON_SP
    )
    assert response[0] == "Response" and response[2:4] == (
        ("http_version", b"1.1"),
        ("reason", b""),
    )
    assert refused(b"HTTP/1.1 20\r\n\r\n", CLIENT, Leniency.MISSING_REASON_SP)


def test_chunk_size_whitespace_still_needs_a_size() -> None:
    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    assert refused(head + b"2 x\r\nhi\r\n0\r\n\r\n", CLIENT, Leniency.CHUNK_SIZE_WHITESPACE)
    assert refused(head + b" 2\r\nhi\r\n0\r\n\r\n", CLIENT, Leniency.CHUNK_SIZE_WHITESPACE)


def test_content_length_with_transfer_encoding_frames_by_chunked_and_closes() -> None:
    """RFC 9112 §6.3 item 3: Transfer-Encoding overrides; §6.1: close after the message."""
    data = b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 40\r\nTransfer-Encoding: chunked\r\n\r\n"
    conn = Connection(SERVER, leniency=Leniency.CONTENT_LENGTH_WITH_TRANSFER_ENCODING)
    conn.receive_data(data + b"0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n")
    assert isinstance(conn.next_event(), h11pc.Request)
    assert type(conn.next_event()) is h11pc.EndOfMessage
    assert conn.their_state is h11pc.MUST_CLOSE
    with pytest.raises(h11pc.RemoteProtocolError, match="expecting EOF"):
        conn.next_event()


def test_leniency_takes_flags_combined_or_as_a_set() -> None:
    both = Leniency.BARE_LF | Leniency.MISSING_REASON_SP
    assert (
        Connection(CLIENT, leniency={Leniency.BARE_LF, Leniency.MISSING_REASON_SP}).leniency == both
    )
    assert Connection(CLIENT, leniency=both).leniency == both
    assert Connection(CLIENT).leniency == Leniency(0)
    assert accepted(b"HTTP/1.1 200\nContent-Length: 0\n\n", CLIENT, both)
    with pytest.raises(TypeError):
        Connection(CLIENT, leniency=["BARE_LF"])  # type: ignore[list-item]


def test_every_flag_is_documented_with_its_rfc_section_and_case() -> None:
    source = Path(h11pc.__file__).with_name("_leniency.py").read_text()
    docs = {}
    body = next(
        node for node in ast.parse(source).body if getattr(node, "name", "") == "Leniency"
    ).body  # type: ignore[attr-defined]
    for statement, following in itertools.pairwise(body):
        if isinstance(statement, ast.Assign) and isinstance(following, ast.Expr):
            docs[statement.targets[0].id] = following.value.value  # type: ignore[attr-defined]
    assert set(docs) == {flag.name for flag in Leniency}
    for name, text in docs.items():
        doc = " ".join(text.split())
        assert "RFC 9112 §" in doc, name
        assert "For " in doc, name  # the real-world case it exists for


def test_empty_lines_between_pipelined_requests_are_skipped() -> None:
    """RFC 9112 §2.2: a client that (wrongly) ends a request with CRLF; with BARE_LF too, a
    lone LF is an empty line as well."""
    flags = Leniency.EMPTY_LINES_BEFORE_REQUEST
    conn = Connection(SERVER, leniency=flags)
    conn.receive_data(b"GET /1 HTTP/1.1\r\nHost: a\r\n\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
    assert isinstance(conn.next_event(), h11pc.Request)
    assert type(conn.next_event()) is h11pc.EndOfMessage
    conn.send(h11pc.Response(status_code=200, headers=[("Content-Length", "0")]))
    conn.send(h11pc.EndOfMessage())
    conn.start_next_cycle()
    second = conn.next_event()
    assert isinstance(second, h11pc.Request) and second.target == b"/2"
    assert accepted(b"\n\r\nGET / HTTP/1.1\nHost: a\n\n", SERVER, flags | Leniency.BARE_LF)
    assert refused(b"\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", SERVER, flags)


def test_a_lone_cr_waits_for_its_lf() -> None:
    conn = Connection(SERVER, leniency=Leniency.EMPTY_LINES_BEFORE_REQUEST)
    conn.receive_data(b"\r")
    assert conn.next_event() is h11pc.NEED_DATA
    conn.receive_data(b"X")
    with pytest.raises(h11pc.RemoteProtocolError, match="cannot begin one"):
        conn.next_event()


@pytest.mark.parametrize("blank", [b"\n\n", b"\n\r\n"])
def test_bare_lf_heads_pipelined_in_one_receive_are_read_in_turn(blank: bytes) -> None:
    first = b"GET /1 HTTP/1.1\nHost: a" + blank
    second = b"GET /2 HTTP/1.1\nHost: b" + blank
    conn = Connection(SERVER, leniency=Leniency.BARE_LF)
    conn.receive_data(first + second)
    targets = []
    for _ in range(2):
        request = conn.next_event()
        assert isinstance(request, h11pc.Request)
        targets.append((request.target, request.headers[0][1]))
        assert type(conn.next_event()) is h11pc.EndOfMessage
        conn.send(h11pc.Response(status_code=204, headers=[], reason=b"No Content"))
        conn.send(h11pc.EndOfMessage())
        conn.start_next_cycle()
    assert targets == [(b"/1", b"a"), (b"/2", b"b")]


@pytest.mark.parametrize(
    ("data", "leniency"),
    [(b"\n\n", Leniency.BARE_LF), (b"\n\r\n", Leniency.BARE_LF), (b"\r\n\r\n", STRICT)],
)
def test_an_empty_head_is_refused_as_soon_as_it_ends(data: bytes, leniency: Any) -> None:
    conn = Connection(CLIENT, leniency=leniency)
    conn.send(h11pc.Request(method="GET", target="/", headers=[("Host", "a")]))
    conn.send(h11pc.EndOfMessage())
    conn.receive_data(data)
    with pytest.raises(h11pc.RemoteProtocolError) as info:
        conn.next_event()
    assert (info.value.rule, info.value.error_status_hint) == ("status-line", 400)


def test_what_cannot_begin_a_head_is_refused_at_once_after_a_first_request() -> None:
    """With BARE_LF as without: bytes that cannot begin a request (a TLS handshake) are
    refused once a few have arrived, not when the head limit is reached."""
    conn = Connection(SERVER, leniency=Leniency.BARE_LF)
    conn.receive_data(b"GET / HTTP/1.1\nHost: a\n\n" + b"\x16\x03\x01" + b"\x00" * 100)
    assert isinstance(conn.next_event(), h11pc.Request)
    assert type(conn.next_event()) is h11pc.EndOfMessage
    conn.send(h11pc.Response(status_code=204, headers=[], reason=b"No Content"))
    conn.send(h11pc.EndOfMessage())
    conn.start_next_cycle()
    with pytest.raises(h11pc.RemoteProtocolError) as info:
        conn.next_event()
    assert (info.value.rule, info.value.error_status_hint) == ("request-line", 400)
