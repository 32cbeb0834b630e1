"""The same bytes give the same events from h11pc and from h11 0.16, however they are split.

Messages are generated from the grammar's own strategies (method, target, field names and
values, reason phrases), framed every way HTTP/1.1 allows, pipelined, and fed whole or
split at arbitrary points.
"""

from __future__ import annotations

from typing import Any

import h11
from hypothesis import given
from hypothesis import strategies as st

import h11pc
from grammar.rfc9112 import field_name, field_value, origin_form, reason_phrase, token

from .support import client_events, drive, merge_data, rfc_reads_beyond_h11, server_events

# Fields whose meaning the generator controls itself (framing, routing, switching).
_RESERVED = {b"host", b"content-length", b"transfer-encoding", b"connection", b"upgrade", b"expect"}

fields = st.lists(
    st.tuples(field_name.strategy(), field_value.strategy()).filter(
        lambda f: f[0].lower() not in _RESERVED
    ),
    max_size=5,
)


@st.composite
def bodies(draw: st.DrawFn) -> tuple[list[bytes], bytes]:
    """Framing fields and the framed body."""
    body = draw(st.binary(max_size=60))
    kind = draw(st.sampled_from(["length", "chunked", "none"]))
    if kind == "length":
        return [b"Content-Length: %d" % len(body)], body
    if kind == "chunked":
        cuts = sorted(draw(st.sets(st.integers(1, max(1, len(body) - 1)), max_size=4)))
        parts = [part for part in _cut(body, cuts) if part]
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts)
        trailer = draw(st.sampled_from([b"", b"X-Trailer: done\r\n"]))
        return [b"Transfer-Encoding: chunked"], chunks + b"0\r\n" + trailer + b"\r\n"
    return [], b""


@st.composite
def requests(draw: st.DrawFn) -> bytes:
    framing, body = draw(bodies())
    lines = [
        b"%s %s HTTP/1.1" % (draw(token.strategy()), draw(origin_form.strategy())),
        b"Host: example.com",
        *(name + b": " + value for name, value in draw(fields)),
        *framing,
    ]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


@st.composite
def responses(draw: st.DrawFn) -> bytes:
    framing, body = draw(bodies())
    status = draw(st.integers(200, 599).filter(lambda s: s not in (204, 304)))
    reason = draw(st.one_of(st.just(b""), reason_phrase.strategy()))
    lines = [
        b"HTTP/1.1 %d %s" % (status, reason),
        *(name + b": " + value for name, value in draw(fields)),
        *framing,
    ]
    if not framing:  # a response without framing runs until close
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def _cut(data: bytes, points: list[int]) -> list[bytes]:
    """``data`` cut at the sorted offsets ``points``."""
    bounds = zip([0, *points], [*points, len(data)], strict=True)
    return [data[start:end] for start, end in bounds]


def splits(data: bytes) -> st.SearchStrategy[list[bytes]]:
    cuts = st.sets(st.integers(1, max(1, len(data) - 1)), max_size=8)
    return cuts.map(lambda points: _cut(data, sorted(points)))


@given(st.lists(requests(), min_size=1, max_size=3), st.data())
def test_server_side_same_events_as_h11_however_split(messages: list[bytes], data: Any) -> None:
    stream = b"".join(messages)
    whole = merge_data(server_events(stream, h11pc))
    assert whole == merge_data(server_events(stream, h11))
    pieces = data.draw(splits(stream))
    conn = h11pc.Connection(h11pc.SERVER)
    assert merge_data(drive(conn, h11pc, pieces)) == whole


@given(responses(), st.data())
def test_client_side_same_events_as_h11_however_split(message: bytes, data: Any) -> None:
    whole = merge_data(client_events(message, h11pc, close=True))
    assert whole == merge_data(client_events(message, h11, close=True))
    pieces = data.draw(splits(message))
    conn = h11pc.Connection(h11pc.CLIENT)
    conn.send(h11pc.Request(method="GET", target="/", headers=[("Host", "example.com")]))
    conn.send(h11pc.EndOfMessage())
    assert merge_data(drive(conn, h11pc, pieces, close=True)) == whole


# Octets that sit on syntax boundaries, where a lax parser would let them through.
_JUNK = st.sampled_from(
    [b" ", b"\t", b":", b"\r", b"\n", b"\x00", b"\x7f", b"\x80", b"/", b"(", b'"', b"\r\n"]
)


@given(requests(), st.integers(0, 200), _JUNK, st.booleans())
def test_never_accepts_a_head_h11_rejects(
    message: bytes, position: int, junk: bytes, replace: bool
) -> None:
    """A mutated head that h11pc turns into a Request, h11 turns into the same Request."""
    head = message[: message.find(b"\r\n\r\n") + 4]
    position %= len(head)
    mutated = head[:position] + junk + head[position + replace :]
    ours = server_events(mutated, h11pc)
    if ours[0][0] == "Request" and not rfc_reads_beyond_h11(mutated):
        assert server_events(mutated, h11)[0] == ours[0]


_PARTS = [
    b"GET / HTTP/1.1", b"HTTP/1.1 200 OK", b"Host: a", b"Content-Length: 3",
    b"Transfer-Encoding: chunked", b"\r\n", b" ", b":", b"0", b"3\r\nabc", b"\x00", b"\xff",
]  # fmt: skip
_HEADISH = st.lists(st.sampled_from(_PARTS), max_size=12).map(b"".join)


@given(st.one_of(st.binary(max_size=200), _HEADISH), st.integers(0, 7), st.booleans())
def test_arbitrary_bytes_give_events_or_remote_protocol_errors(
    data: bytes, split: int, close: bool
) -> None:
    """Whatever arrives, however split, either side answers with events or a
    RemoteProtocolError (``drive`` lets any other exception through), and stops."""
    for outcomes in (
        server_events(data, h11pc, split=split, close=close),
        client_events(data, h11pc, split=split, close=close),
    ):
        assert all(o[0] != "error" or o[1] == "RemoteProtocolError" for o in outcomes)
