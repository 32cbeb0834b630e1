"""Any sequence of public calls: only RemoteProtocolError or LocalProtocolError escapes.

A client and a server connection joined by a wire: hypothesis drives them through random
sequences of sends (events right or wrong for the sender's state), deliveries of what the
other sent (whole or split), stray heads received out of turn, EOFs, ``send_failed`` and
``start_next_cycle``, on both roles. Every call may refuse, with one of h11pc's two errors;
anything else escaping (an AssertionError of an internal check, an AttributeError) fails
the test. The same machine runs again under ``python -O`` (in a subprocess, as optimisation
is fixed when the interpreter starts), where internal ``assert`` statements vanish and a
wrong assumption shows up as some other exception instead.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

import h11pc
from h11pc import (
    CLIENT,
    NEED_DATA,
    PAUSED,
    SERVER,
    Connection,
    ConnectionClosed,
    Data,
    EndOfMessage,
    Event,
    InformationalResponse,
    LocalProtocolError,
    RemoteProtocolError,
    Request,
    Response,
)
from h11pc._state import Role

from .support import bounded_events

ROOT = Path(__file__).resolve().parents[2]
REFUSALS = (LocalProtocolError, RemoteProtocolError)
ROLES = st.sampled_from([CLIENT, SERVER])

# Header fields that steer framing, persistence and protocol switches, in any combination
# (contradictory ones included: the sender refuses or repairs them, never crashes).
FIELDS = st.lists(
    st.sampled_from(
        [
            ("Content-Length", "3"),
            ("Content-Length", "0"),
            ("Transfer-Encoding", "chunked"),
            ("Connection", "close"),
            ("Connection", "upgrade"),
            ("Upgrade", "websocket"),
            ("Expect", "100-continue"),
        ]
    ),
    max_size=3,
)


@st.composite
def events(draw: st.DrawFn) -> Callable[[], Event]:
    """An event to send, as a function that builds it (building may refuse, too)."""
    fields = draw(FIELDS)
    kind = draw(st.sampled_from(["request", "response", "1xx", "data", "end", "closed"]))
    if kind == "request":
        method = draw(st.sampled_from(["GET", "POST", "HEAD", "CONNECT"]))
        target = "example.com:443" if method == "CONNECT" else "/"
        version = draw(st.sampled_from(["1.1", "1.0"]))
        host = [("Host", "example.com")] if draw(st.booleans()) else []
        return lambda: Request(
            method=method, target=target, headers=host + fields, http_version=version
        )
    if kind == "response":
        status = draw(st.sampled_from([200, 204, 304, 400, 101]))
        return lambda: Response(status_code=status, headers=fields, reason=b"R")
    if kind == "1xx":
        status = draw(st.sampled_from([100, 101, 103]))
        return lambda: InformationalResponse(status_code=status, headers=fields, reason=b"R")
    if kind == "data":
        data = draw(st.sampled_from([b"abc", b"", b"x" * 10]))
        return lambda: Data(data=data)
    if kind == "end":
        trailers = draw(st.sampled_from([[], [("X-Trailer", "1")]]))
        return lambda: EndOfMessage(headers=trailers)
    return ConnectionClosed


# Heads that arrive out of turn: a request to a server whatever it did, a response to a
# client before it asked, a 101 nobody proposed, and a little garbage.
STRAY = st.sampled_from(
    [
        b"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi",
        b"GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\n",
        b"HTTP/1.1 100 Continue\r\n\r\n",
        b"5\r\nhello\r\n0\r\n\r\n",
        b"\x00\xff garbage\r\n\r\n",
    ]
)


class Peers(RuleBasedStateMachine):
    """A client and a server, and the bytes each sent that the other has not received."""

    def __init__(self) -> None:
        super().__init__()
        self.conns = {CLIENT: Connection(CLIENT), SERVER: Connection(SERVER)}
        # What is on its way to each role: pieces of bytes, and b"" for the sender's close.
        self.wire: dict[type, list[bytes]] = {CLIENT: [], SERVER: []}

    @staticmethod
    def _peer(role: Role) -> Role:
        return SERVER if role is CLIENT else CLIENT

    @rule(role=ROLES, build=events(), passthrough=st.booleans())
    def send(self, role: Role, build: Callable[[], Event], passthrough: bool) -> None:
        try:
            event = build()
            conn = self.conns[role]
            sent = conn.send_with_data_passthrough(event) if passthrough else conn.send(event)
        except REFUSALS:
            return
        out = self.wire[self._peer(role)]
        if sent is None:
            out.append(b"")
        else:
            out.extend(bytes(piece) for piece in ([sent] if isinstance(sent, bytes) else sent))

    @rule(role=ROLES, cut=st.integers(0, 64))
    def deliver(self, role: Role, cut: int) -> None:
        """The next piece on its way to ``role`` arrives, or its first ``cut`` octets."""
        pending = self.wire[role]
        if not pending:
            return
        piece = pending.pop(0)
        if piece and 0 < cut < len(piece):
            pending.insert(0, piece[cut:])
            piece = piece[:cut]
        try:
            self.conns[role].receive_data(piece)
        except REFUSALS:
            return

    @rule(role=ROLES, data=STRAY)
    def receive_stray(self, role: Role, data: bytes) -> None:
        try:
            self.conns[role].receive_data(data)
        except REFUSALS:
            return

    @rule(role=ROLES)
    def receive_eof(self, role: Role) -> None:
        self.conns[role].receive_data(b"")

    @rule(role=ROLES)
    def read(self, role: Role) -> None:
        conn = self.conns[role]
        try:
            for event in bounded_events(conn, len(conn.trailing_data[0]) + 8):
                if event is NEED_DATA or event is PAUSED:
                    return
        except REFUSALS:
            return

    @rule(role=ROLES)
    def send_failed(self, role: Role) -> None:
        self.conns[role].send_failed()

    @rule(role=ROLES)
    def start_next_cycle(self, role: Role) -> None:
        try:
            self.conns[role].start_next_cycle()
        except REFUSALS:
            return

    @invariant()
    def states_are_readable(self) -> None:
        for conn in self.conns.values():
            states = conn.states
            if states[conn.our_role] is not conn.our_state:
                raise AssertionError(f"our_state disagrees with states: {states}")
            if states[conn.their_role] is not conn.their_state:
                raise AssertionError(f"their_state disagrees with states: {states}")


# Four times the profile's runs: a wrong turn can take a few steps to set up.
SEQUENCES = settings(
    max_examples=4 * settings().max_examples, stateful_step_count=40, deadline=None
)
TestPeers = Peers.TestCase
TestPeers.settings = SEQUENCES


@pytest.mark.parametrize("before", ["answered unasked", "sending failed"])
def test_a_server_refuses_a_request_it_can_no_longer_answer(before: str) -> None:
    """README: a request after the server answered before any came, or after its sending
    failed, is the peer's error like any other: RemoteProtocolError, located."""
    server = Connection(SERVER)
    if before == "answered unasked":
        server.send(Response(status_code=400, headers=[("Content-Length", "0")], reason=b"Bad"))
    else:
        server.send_failed()
    server.receive_data(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n")
    with pytest.raises(RemoteProtocolError) as info:
        server.next_event()
    error = info.value
    assert (error.rule, error.section, error.offset) == ("request-line", "RFC 9112 §9.3", 0)
    assert error.error_status_hint == 400
    assert str(error).startswith("can't handle event type Request when role=SERVER")
    assert server.their_state is h11pc.ERROR


# Run in a fresh interpreter: python -O cannot be switched on in this one.
OPTIMISED = """
if __debug__:
    raise SystemExit("python -O did not take effect")
from hypothesis.stateful import run_state_machine_as_test
import tests.conftest  # the suite's hypothesis profile
from tests.h11pc.test_sequences import SEQUENCES, Peers
run_state_machine_as_test(Peers, settings=SEQUENCES)
"""


def test_the_sequences_under_python_O() -> None:
    done = subprocess.run(
        [sys.executable, "-O", "-bb", "-W", "error", "-c", OPTIMISED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
