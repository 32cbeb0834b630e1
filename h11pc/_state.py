"""The state machine of one HTTP/1.1 connection: both parties' states, and their rules.

Invariants (each kept by the code below, and guarded by a test):

* Everything that decides a transition lives in this module, as tables; nothing here parses,
  performs I/O or knows which role *we* play -- the machine tracks CLIENT and SERVER alike.
  The common case, keep-alive without a switch proposed, is one lookup in PLAIN_MOVES:
  what the tables and the joint rules make of each event from each joint state, worked
  out once by the general way when the module loads.
* Each party moves on its own events (the EVENT table), except that the server sees the
  client's Request (it moves IDLE -> SEND_RESPONSE). Then the joint state may trigger more
  moves (:meth:`ConnectionState._settle`) until nothing changes.
* An event a party's state does not allow raises LocalProtocolError and moves no one.
* ERROR is entered only through :meth:`ConnectionState.process_error` and never left.

The machine (per party; ``X -e-> Y``: event ``e`` moves state X to Y)::

    CLIENT  IDLE -Request-> SEND_BODY -Data-> SEND_BODY -EndOfMessage-> DONE
    SERVER  IDLE -(client's Request)-> SEND_RESPONSE -InformationalResponse-> SEND_RESPONSE
            SEND_RESPONSE (or IDLE) -Response-> SEND_BODY -Data, EndOfMessage-> ... DONE
            SEND_RESPONSE -101 InformationalResponse (Upgrade proposed)-> SWITCHED_PROTOCOL
            SEND_RESPONSE -2xx Response (CONNECT proposed)-> SWITCHED_PROTOCOL
    either  IDLE, DONE, MUST_CLOSE, CLOSED -ConnectionClosed-> CLOSED

    joint   DONE & a pending switch proposal  => client MIGHT_SWITCH_PROTOCOL (and back to
            DONE once the server declines); keep-alive off => DONE becomes MUST_CLOSE; one
            party CLOSED or ERROR => the other, if IDLE or DONE, MUST_CLOSE; the server
            SWITCHED_PROTOCOL => the client too.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from h11pc._errors import LocalProtocolError
from h11pc._events import (
    ConnectionClosed,
    Data,
    EndOfMessage,
    Event,
    InformationalResponse,
    Request,
    Response,
)
from h11pc._kinds import REQUEST, RESPONSE
from h11pc._util import Sentinel

__all__ = [
    "CLIENT",
    "CLOSED",
    "DONE",
    "ERROR",
    "IDLE",
    "MIGHT_SWITCH_PROTOCOL",
    "MUST_CLOSE",
    "SEND_BODY",
    "SEND_RESPONSE",
    "SERVER",
    "SWITCHED_PROTOCOL",
    "ConnectionState",
]


class CLIENT(Sentinel, metaclass=Sentinel):
    """The party that sends requests."""


class SERVER(Sentinel, metaclass=Sentinel):
    """The party that sends responses."""


class IDLE(Sentinel, metaclass=Sentinel):
    """Between messages."""


class SEND_RESPONSE(Sentinel, metaclass=Sentinel):
    """Server: a request arrived; respond."""


class SEND_BODY(Sentinel, metaclass=Sentinel):
    """Sending a message body."""


class DONE(Sentinel, metaclass=Sentinel):
    """This party's message is complete."""


class MUST_CLOSE(Sentinel, metaclass=Sentinel):
    """Done, and the connection cannot be reused."""


class CLOSED(Sentinel, metaclass=Sentinel):
    """This party closed the connection."""


class ERROR(Sentinel, metaclass=Sentinel):
    """This party broke the protocol."""


class MIGHT_SWITCH_PROTOCOL(Sentinel, metaclass=Sentinel):
    """Client: awaiting a switch answer."""


class SWITCHED_PROTOCOL(Sentinel, metaclass=Sentinel):
    """The connection speaks another protocol."""


class _SWITCH_UPGRADE(Sentinel, metaclass=Sentinel):
    """A proposal to switch via Upgrade."""


class _SWITCH_CONNECT(Sentinel, metaclass=Sentinel):
    """A proposal to switch via CONNECT."""


Role = type[Sentinel]
State = type[Sentinel]
SwitchEvent = type[Sentinel]
Trigger = type[Event] | tuple[type[Event], type[Sentinel]]

_CLOSE_ANYTIME: Final[dict[Trigger, State]] = {ConnectionClosed: CLOSED}
_BODY: Final[dict[Trigger, State]] = {Data: SEND_BODY, EndOfMessage: DONE}

EVENT: Final[dict[Role, dict[State, dict[Trigger, State]]]] = {
    CLIENT: {
        IDLE: {Request: SEND_BODY, ConnectionClosed: CLOSED},
        SEND_BODY: _BODY,
        DONE: _CLOSE_ANYTIME,
        MUST_CLOSE: _CLOSE_ANYTIME,
        CLOSED: _CLOSE_ANYTIME,
        MIGHT_SWITCH_PROTOCOL: {},
        SWITCHED_PROTOCOL: {},
        ERROR: {},
    },
    SERVER: {
        # A server may answer before any request arrives (an error response to bytes that
        # were not a request, RFC 9112 §2.2), hence Response from IDLE.
        IDLE: {ConnectionClosed: CLOSED, Response: SEND_BODY, (Request, CLIENT): SEND_RESPONSE},
        SEND_RESPONSE: {
            InformationalResponse: SEND_RESPONSE,
            Response: SEND_BODY,
            (InformationalResponse, _SWITCH_UPGRADE): SWITCHED_PROTOCOL,
            (Response, _SWITCH_CONNECT): SWITCHED_PROTOCOL,
        },
        SEND_BODY: _BODY,
        DONE: _CLOSE_ANYTIME,
        MUST_CLOSE: _CLOSE_ANYTIME,
        CLOSED: _CLOSE_ANYTIME,
        SWITCHED_PROTOCOL: {},
        ERROR: {},
    },
}
"""Transitions a party's own events trigger: EVENT[role][state][trigger] -> new state."""

JOINT: Final[dict[tuple[State, State], dict[Role, State]]] = {
    (MIGHT_SWITCH_PROTOCOL, SWITCHED_PROTOCOL): {CLIENT: SWITCHED_PROTOCOL},
    (CLOSED, DONE): {SERVER: MUST_CLOSE},
    (CLOSED, IDLE): {SERVER: MUST_CLOSE},
    (ERROR, DONE): {SERVER: MUST_CLOSE},
    (DONE, CLOSED): {CLIENT: MUST_CLOSE},
    (IDLE, CLOSED): {CLIENT: MUST_CLOSE},
    (DONE, ERROR): {CLIENT: MUST_CLOSE},
}
"""Transitions the joint (client, server) state triggers."""

_REQUEST_SEEN: Final[Trigger] = (Request, CLIENT)
"""The server's trigger when the client sends a Request."""

_NO_PROPOSALS: Final[frozenset[SwitchEvent]] = frozenset()


class ConnectionState:
    """Both parties' states, keep-alive, and pending protocol-switch proposals."""

    # Each party's state is an attribute of its own (h11 keeps a dict keyed by role): the
    # connection reads them on every event, and the compiled build reads an attribute
    # without a hash lookup. ``role is CLIENT`` picks one where the role is a variable.
    __slots__ = ("client", "keep_alive", "pending_switch_proposals", "server")

    def __init__(self) -> None:
        self.client: State = IDLE
        self.server: State = IDLE
        self.keep_alive = True
        # A frozenset, replaced when it changes: proposals are rare, and the empty one is
        # shared, where a set would cost every idle connection 216 bytes.
        self.pending_switch_proposals: frozenset[SwitchEvent] = _NO_PROPOSALS

    @property
    def states(self) -> Mapping[Role, State]:
        """Both parties' states, as h11 has them: ``{CLIENT: ..., SERVER: ...}`` (read-only:
        the machine alone moves a party)."""
        return MappingProxyType({CLIENT: self.client, SERVER: self.server})

    def process_error(self, role: Role) -> None:
        """``role`` broke the protocol: it enters ERROR for good."""
        if role is CLIENT:
            self.client = ERROR
        else:
            self.server = ERROR
        self._settle()

    def process_keep_alive_disabled(self) -> None:
        """The connection will close after this message (RFC 9112 §9.3)."""
        self.keep_alive = False
        self._settle()

    def process_client_switch_proposal(self, switch_event: SwitchEvent) -> None:
        """The client's request proposes a protocol switch (Upgrade, or CONNECT)."""
        self.pending_switch_proposals |= {switch_event}
        self._settle()

    def process_event(
        self, role: Role, event_type: type[Event], server_switch_event: SwitchEvent | None = None
    ) -> None:
        """``role`` sent an event of ``event_type``; ``server_switch_event`` marks a server
        response that accepts a switch the client proposed."""
        if server_switch_event is None and self.keep_alive and not self.pending_switch_proposals:
            # How most events find a connection: both moves, settled, in one lookup, through
            # nested tables (no key to build and hash). Not there (KeyError): no move the
            # machine allows, which the general way refuses.
            try:
                self.client, self.server = PLAIN_MOVES[role][event_type][self.client][self.server]
                return
            except KeyError:
                pass
        self._move(role, event_type, server_switch_event)

    def _move(
        self, role: Role, event_type: type[Event], server_switch_event: SwitchEvent | None
    ) -> None:
        """:meth:`process_event` worked out from the tables: ``role``'s own move, the
        server's on a Request, then the moves the joint state triggers."""
        trigger: Trigger = event_type
        if server_switch_event is not None:
            if server_switch_event not in self.pending_switch_proposals:
                raise LocalProtocolError(
                    f"Received server {server_switch_event} event without a pending proposal"
                )
            trigger = (event_type, server_switch_event)
        elif event_type is RESPONSE and self.pending_switch_proposals:
            # A final response that does not switch declines every proposal.
            self.pending_switch_proposals = _NO_PROPOSALS
        # Look every move up before making any, so that a refusal moves no one.
        new_state = self._next(role, self.client if role is CLIENT else self.server, trigger)
        if event_type is REQUEST:
            self.server = self._next(SERVER, self.server, _REQUEST_SEEN)
        if role is CLIENT:
            self.client = new_state
        else:
            self.server = new_state
        self._settle()

    def start_next_cycle(self) -> None:
        """Both parties are DONE: reset them to IDLE for the next request/response."""
        if self.client is not DONE or self.server is not DONE:
            raise LocalProtocolError(f"not in a reusable state: {dict(self.states)}")
        self.client = self.server = IDLE

    def _next(self, role: Role, state: State, trigger: Trigger) -> State:
        """The state ``trigger`` moves ``role`` to from ``state``, its own; raises if that
        state does not allow it."""
        new_state = EVENT[role][state].get(trigger)
        if new_state is None:
            raise self._refusal(role, trigger)
        return new_state

    def _refusal(self, role: Role, trigger: Trigger) -> LocalProtocolError:
        name = trigger[0].__name__ if isinstance(trigger, tuple) else trigger.__name__
        return LocalProtocolError(
            f"can't handle event type {name} when role={role} and state={self.states[role]}"
        )

    def _settle(self) -> None:
        """Apply the state-triggered transitions until none applies."""
        while True:
            before = (self.client, self.server)
            if self.pending_switch_proposals:
                if self.client is DONE:
                    self.client = MIGHT_SWITCH_PROTOCOL
            elif self.client is MIGHT_SWITCH_PROTOCOL:
                self.client = DONE
            if not self.keep_alive:
                if self.client is DONE:
                    self.client = MUST_CLOSE
                if self.server is DONE:
                    self.server = MUST_CLOSE
            joint = JOINT.get((self.client, self.server))
            if joint is not None:
                self.client = joint.get(CLIENT, self.client)
                self.server = joint.get(SERVER, self.server)
            if (self.client, self.server) == before:
                return


Moves = dict[Role, dict[type[Event], dict[State, dict[State, tuple[State, State]]]]]


def _plain_moves() -> Moves:
    """Where each party's event moves both parties, from each joint state that allows it,
    while keep-alive holds and no switch is proposed: :meth:`ConnectionState._move`, run
    once for every event the EVENT table lets a party send from its state (a switch's
    trigger, a pair, is never plain), whatever the other party's state."""
    moves: Moves = {CLIENT: {}, SERVER: {}}
    for role, other in ((CLIENT, SERVER), (SERVER, CLIENT)):
        for own, triggers in EVENT[role].items():
            for trigger in triggers:
                if isinstance(trigger, tuple):
                    continue
                for others in EVENT[other]:
                    client, server = (own, others) if role is CLIENT else (others, own)
                    machine = ConnectionState()
                    machine.client, machine.server = client, server
                    try:
                        machine._move(role, trigger, None)
                    except LocalProtocolError:
                        continue  # a Request the server's state cannot take
                    by_server = moves[role].setdefault(trigger, {}).setdefault(client, {})
                    by_server[server] = (machine.client, machine.server)
    return moves


PLAIN_MOVES: Final[Moves] = _plain_moves()
"""``PLAIN_MOVES[role][event type][client's state][server's state] -> (client's,
server's)``: the moves of every event the state machine allows while keep-alive holds and
no switch is proposed."""
