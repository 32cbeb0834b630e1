"""Differential fuzzing against h11 0.16: messages built from the grammar's own strategies,
often mutated (one to three octets inserted, deleted, replaced or duplicated), fed whole and
split at random points, to a server (requests) and a client (responses).

For every input: nothing escapes but RemoteProtocolError; every call returns (a bounded
number of events per receive: no loop without progress); the events are the same however
the input is split; and a message head h11pc accepts, h11 accepts too -- except where RFC
9112 makes h11pc read what h11 refuses (:func:`support.rfc_reads_beyond_h11`).

``make fuzz`` runs these with HYPOTHESIS_PROFILE=fuzz (many more examples); the test suite
runs the default budget.
"""

from __future__ import annotations

from typing import Any

import h11
from hypothesis import given
from hypothesis import strategies as st

import h11pc
from grammar.rfc9110 import host
from grammar.rfc9112 import (
    field_line,
    http_version,
    method,
    reason_phrase,
    request_target,
    status_code,
)
from tests.grammar.support import mutated

from .support import Outcome, describe, merge_data, rfc_reads_beyond_h11
from .test_differential import bodies, splits

_CRLF = b"\r\n"
# Versions: mostly the ones HTTP/1.1 peers speak, sometimes any the grammar allows.
_VERSIONS = st.one_of(
    st.sampled_from([b"HTTP/1.1", b"HTTP/1.1", b"HTTP/1.0"]), http_version.strategy()
)


@st.composite
def _messages(draw: st.DrawFn, request: bool) -> bytes:
    """A message whose every part comes from a grammar strategy, framed as HTTP allows."""
    if request:
        target = draw(request_target.strategy())
        start = b" ".join([draw(method.strategy()), target, draw(_VERSIONS)])
    else:
        status = draw(st.one_of(status_code.strategy(), st.sampled_from([b"200", b"101"])))
        reason = draw(st.one_of(st.just(b""), reason_phrase.strategy()))
        start = b" ".join([draw(_VERSIONS), status, reason])
    fields = draw(st.lists(field_line.strategy(), max_size=4))
    if request and draw(st.booleans()):
        fields.insert(0, b"Host: " + draw(host.strategy()))
    framing, body = draw(bodies())
    return _CRLF.join([start, *fields, *framing]) + _CRLF + _CRLF + body


def inputs(request: bool) -> st.SearchStrategy[bytes]:
    valid = _messages(request)
    return st.one_of(valid, mutated(valid))


def run(lib: Any, request: bool, pieces: list[bytes]) -> list[Outcome]:
    """The outcomes of ``pieces`` then EOF, on a server (``request``) or a client after a
    GET; each receive may give at most as many events as octets arrived, plus a few."""
    conn = lib.Connection(lib.SERVER if request else lib.CLIENT)
    if not request:
        conn.send(lib.Request(method="GET", target="/", headers=[("Host", "a")]))
        conn.send(lib.EndOfMessage())
    out: list[Outcome] = []
    for piece in [*pieces, b""]:
        conn.receive_data(piece)
        for _ in range(len(piece) + 8):
            try:
                event = conn.next_event()
            except lib.RemoteProtocolError as error:
                return [*out, describe(error)]
            out.append(describe(event))
            if event is lib.NEED_DATA or event is lib.PAUSED:
                break
            if type(event) is lib.ConnectionClosed:
                return out
        else:
            raise AssertionError(f"no progress: {out[-8:]}")
        if out and out[-1][0] == "PAUSED":
            return out
    return out


def h11_reads(request: bool, data: bytes) -> list[Outcome]:
    try:
        return run(h11, request, [data])
    except Exception as error:  # h11 failing its own way is still a refusal
        return [("crash", type(error).__name__)]


def check(request: bool, data: bytes, pieces: list[bytes]) -> None:
    whole = merge_data(run(h11pc, request, [data]))
    assert merge_data(run(h11pc, request, pieces)) == whole
    assert all(outcome[0] != "error" or outcome[1] == "RemoteProtocolError" for outcome in whole)
    head = whole[0][0] in ("Request", "Response", "InformationalResponse")
    if head and not rfc_reads_beyond_h11(data):
        assert h11_reads(request, data)[0][0] == whole[0][0], "accepted a head h11 refuses"


@given(st.data())
def test_requests(data: st.DataObject) -> None:
    message = data.draw(inputs(request=True), label="input")
    check(True, message, data.draw(splits(message), label="pieces"))


@given(st.data())
def test_responses(data: st.DataObject) -> None:
    message = data.draw(inputs(request=False), label="input")
    check(False, message, data.draw(splits(message), label="pieces"))


@given(st.lists(inputs(request=True), min_size=2, max_size=4), st.data())
def test_pipelined_requests(messages: list[bytes], data: st.DataObject) -> None:
    stream = b"".join(messages)
    check(True, stream, data.draw(splits(stream), label="pieces"))
