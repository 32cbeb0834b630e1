"""The state machine: tables, joint transitions, and a sweep of every (state, event) pair."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import h11._state as h11_state
import pytest
from hypothesis import given
from hypothesis import strategies as st

import h11pc
from h11pc import _state
from h11pc._events import (
    ConnectionClosed,
    Data,
    EndOfMessage,
    InformationalResponse,
    Request,
    Response,
)
from h11pc._state import (
    _SWITCH_CONNECT,
    _SWITCH_UPGRADE,
    CLIENT,
    CLOSED,
    DONE,
    ERROR,
    EVENT,
    IDLE,
    MIGHT_SWITCH_PROTOCOL,
    MUST_CLOSE,
    SEND_BODY,
    SEND_RESPONSE,
    SERVER,
    SWITCHED_PROTOCOL,
    ConnectionState,
)

EVENT_TYPES = [Request, InformationalResponse, Response, Data, EndOfMessage, ConnectionClosed]
SWITCHES = [None, _SWITCH_UPGRADE, _SWITCH_CONNECT]


def test_module_knows_nothing_of_bytes_or_roles_we_play() -> None:
    # The source file itself: a compiled module has no source for inspect to find.
    source = (Path(str(_state.__file__)).parent / "_state.py").read_text(encoding="utf-8")
    for forbidden in ("import re", "our_role", "socket", 'b"', "_patterns", "_readers"):
        assert forbidden not in source


def test_fresh_state() -> None:
    cs = ConnectionState()
    assert cs.states == {CLIENT: IDLE, SERVER: IDLE}
    assert cs.keep_alive and not cs.pending_switch_proposals


def test_request_moves_both_parties() -> None:
    cs = ConnectionState()
    cs.process_event(CLIENT, Request)
    assert cs.states == {CLIENT: SEND_BODY, SERVER: SEND_RESPONSE}
    cs.process_event(CLIENT, EndOfMessage)
    cs.process_event(SERVER, Response)
    cs.process_event(SERVER, EndOfMessage)
    assert cs.states == {CLIENT: DONE, SERVER: DONE}
    cs.start_next_cycle()
    assert cs.states == {CLIENT: IDLE, SERVER: IDLE}


def test_states_reads_each_party_and_refuses_writes() -> None:
    """Each party's state is an attribute; ``states`` shows both as h11's dict does, and
    a write to it fails loudly rather than moving no one in silence."""
    cs = ConnectionState()
    cs.process_event(CLIENT, Request)
    assert cs.states == {CLIENT: SEND_BODY, SERVER: SEND_RESPONSE}
    assert (cs.client, cs.server) == (SEND_BODY, SEND_RESPONSE)
    with pytest.raises(TypeError):
        cs.states[CLIENT] = DONE  # type: ignore[index]
    assert cs.client is SEND_BODY


@pytest.mark.parametrize("done", [CLIENT, SERVER])
def test_a_new_cycle_needs_both_parties_done(done: Any) -> None:
    cs = ConnectionState()
    cs.client = cs.server = SEND_BODY
    setattr(cs, done.__name__.lower(), DONE)
    with pytest.raises(h11pc.LocalProtocolError, match="not in a reusable state"):
        cs.start_next_cycle()
    assert cs.states[done] is DONE


def test_a_refusal_names_the_event_the_role_and_its_state() -> None:
    cs = ConnectionState()
    with pytest.raises(h11pc.LocalProtocolError) as info:
        cs.process_event(SERVER, Data)
    assert str(info.value) == "can't handle event type Data when role=SERVER and state=IDLE"
    # An event accepting a switch is named as the event, not the switch.
    cs.process_client_switch_proposal(_SWITCH_UPGRADE)
    with pytest.raises(h11pc.LocalProtocolError) as info:
        cs.process_event(SERVER, InformationalResponse, _SWITCH_UPGRADE)
    expected = "can't handle event type InformationalResponse when role=SERVER and state=IDLE"
    assert str(info.value) == expected


def test_keep_alive_off_turns_done_into_must_close() -> None:
    cs = ConnectionState()
    cs.process_event(CLIENT, Request)
    cs.process_keep_alive_disabled()
    cs.process_event(CLIENT, EndOfMessage)
    assert cs.states[CLIENT] is MUST_CLOSE
    with pytest.raises(h11pc.LocalProtocolError):
        cs.start_next_cycle()


def test_one_party_closing_makes_the_other_close_too() -> None:
    cs = ConnectionState()
    cs.process_event(CLIENT, ConnectionClosed)
    assert cs.states == {CLIENT: CLOSED, SERVER: MUST_CLOSE}


def test_error_is_final_and_makes_a_done_peer_close() -> None:
    cs = ConnectionState()
    cs.process_event(CLIENT, Request)
    cs.process_event(CLIENT, EndOfMessage)
    cs.process_error(SERVER)
    assert cs.states == {CLIENT: MUST_CLOSE, SERVER: ERROR}
    for event_type in EVENT_TYPES:
        with pytest.raises(h11pc.LocalProtocolError):
            cs.process_event(SERVER, event_type)


def test_upgrade_proposal_accepted_and_declined() -> None:
    accepted = ConnectionState()
    accepted.process_client_switch_proposal(_SWITCH_UPGRADE)
    accepted.process_event(CLIENT, Request)
    accepted.process_event(CLIENT, EndOfMessage)
    assert accepted.states[CLIENT] is MIGHT_SWITCH_PROTOCOL
    accepted.process_event(SERVER, InformationalResponse, _SWITCH_UPGRADE)
    assert accepted.states == {CLIENT: SWITCHED_PROTOCOL, SERVER: SWITCHED_PROTOCOL}

    declined = ConnectionState()
    declined.process_client_switch_proposal(_SWITCH_UPGRADE)
    declined.process_event(CLIENT, Request)
    declined.process_event(CLIENT, EndOfMessage)
    declined.process_event(SERVER, Response)
    assert declined.states == {CLIENT: DONE, SERVER: SEND_BODY}


def test_a_connect_that_also_proposes_upgrade_keeps_both_proposals() -> None:
    """A CONNECT request carrying Upgrade proposes two switches: a 2xx accepts the CONNECT
    one, which the Upgrade proposal made after it must not have replaced."""
    cs = ConnectionState()
    cs.process_client_switch_proposal(_SWITCH_CONNECT)
    cs.process_client_switch_proposal(_SWITCH_UPGRADE)
    assert cs.pending_switch_proposals == {_SWITCH_CONNECT, _SWITCH_UPGRADE}
    cs.process_event(CLIENT, Request)
    cs.process_event(CLIENT, EndOfMessage)
    cs.process_event(SERVER, Response, _SWITCH_CONNECT)
    assert cs.states == {CLIENT: SWITCHED_PROTOCOL, SERVER: SWITCHED_PROTOCOL}


def test_switch_without_proposal_is_refused() -> None:
    cs = ConnectionState()
    cs.process_event(CLIENT, Request)
    with pytest.raises(h11pc.LocalProtocolError, match="without a pending proposal"):
        cs.process_event(SERVER, InformationalResponse, _SWITCH_UPGRADE)
    assert cs.states == {CLIENT: SEND_BODY, SERVER: SEND_RESPONSE}


def test_server_may_respond_before_any_request() -> None:
    cs = ConnectionState()
    cs.process_event(SERVER, Response)
    assert cs.states == {CLIENT: IDLE, SERVER: SEND_BODY}


def test_event_table_is_complete_for_each_role() -> None:
    for role in (CLIENT, SERVER):
        reachable = set(EVENT[role]) | {s for table in EVENT[role].values() for s in table.values()}
        assert reachable <= set(EVENT[role]) | {MIGHT_SWITCH_PROTOCOL}


@st.composite
def operations(draw: Any) -> list[tuple[str, Any, Any, Any]]:
    steps = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(
            st.sampled_from(["event", "event", "event", "error", "keepalive", "proposal", "cycle"])
        )
        role = draw(st.sampled_from(["CLIENT", "SERVER"]))
        event = draw(st.sampled_from(EVENT_TYPES))
        # The connection pairs a switch only with the server's (Informational)Response.
        heads = (InformationalResponse, Response)
        switch = draw(st.sampled_from(SWITCHES)) if role == "SERVER" and event in heads else None
        steps.append((kind, role, event, switch))
    return steps


def _apply(cs: Any, module: Any, step: tuple[str, Any, Any, Any]) -> str:
    kind, role_name, event, switch = step
    role = getattr(module, role_name)
    try:
        if kind == "event":
            other = getattr(module, switch.__name__) if switch is not None else None
            cs.process_event(role, event, other)
        elif kind == "error":
            cs.process_error(role)
        elif kind == "keepalive":
            cs.process_keep_alive_disabled()
        elif kind == "proposal":
            cs.process_client_switch_proposal(getattr(module, (switch or _SWITCH_CONNECT).__name__))
        else:
            cs.start_next_cycle()
    except module.LocalProtocolError:
        return "refused"
    except AttributeError:
        # h11 0.16 fails to format its refusal of a Request while the server is in ERROR
        # ("'tuple' object has no attribute '__name__'"); h11pc refuses it properly.
        return "h11 crashed"
    return "ok"


def _states(cs: Any) -> tuple[str, str, bool, frozenset[str]]:
    by_name = {repr(role): repr(state) for role, state in cs.states.items()}
    proposals = frozenset(repr(p) for p in cs.pending_switch_proposals)
    return by_name["CLIENT"], by_name["SERVER"], cs.keep_alive, proposals


@given(operations())
def test_same_transitions_as_h11(steps: list[tuple[str, Any, Any, Any]]) -> None:
    """Every sequence of operations moves h11pc's machine as it moves h11's."""
    ours, theirs = ConnectionState(), h11_state.ConnectionState()
    for step in steps:
        theirs_step = (step[0], step[1], _h11_event(step[2]), step[3])
        ours_result = _apply(ours, _state_module(), step)
        theirs_result = _apply(theirs, _h11_module(), theirs_step)
        if theirs_result == "h11 crashed":
            assert ours_result == "refused"
            return
        assert ours_result == theirs_result
        assert _states(ours) == _states(theirs)


def _set_up(cs: Any, module: Any, case: tuple[Any, ...]) -> None:
    _, client, server, _, _, pending, keep_alive = case
    # h11 keeps the states in a dict, h11pc in an attribute per party.
    if isinstance(cs, ConnectionState):
        cs.client, cs.server = getattr(module, client), getattr(module, server)
    else:
        cs.states = {module.CLIENT: getattr(module, client), module.SERVER: getattr(module, server)}
    if pending is not None:
        # A set in h11, a frozenset in h11pc: ``|`` makes either a new one with it.
        cs.pending_switch_proposals = cs.pending_switch_proposals | {getattr(module, pending)}
    cs.keep_alive = keep_alive


def _fire(cs: Any, module: Any, case: tuple[Any, ...], event: type) -> bool:
    """Whether ``cs`` took the case's event (False: it refused it)."""
    role, _, _, _, switch, _, _ = case
    try:
        cs.process_event(getattr(module, role), event, switch and getattr(module, switch))
    except module.LocalProtocolError:
        return False
    except AttributeError:  # h11 0.16's refusal of a Request while the server is in ERROR
        return False
    return True


SWEEP = list(
    itertools.product(
        ["CLIENT", "SERVER"],
        [state.__name__ for state in EVENT[CLIENT]],
        [state.__name__ for state in EVENT[SERVER]],
        EVENT_TYPES,
        [None, "_SWITCH_UPGRADE", "_SWITCH_CONNECT"],  # the switch a server's event accepts
        [None, "_SWITCH_UPGRADE", "_SWITCH_CONNECT"],  # the proposal pending
        [True, False],  # keep-alive
    )
)


def test_sweep_every_state_and_event() -> None:
    """Every role, pair of states, event type, switch accepted, proposal pending and
    keep-alive (SWEEP, every combination): h11pc's machine refuses exactly what h11's
    refuses, moving no one, and otherwise ends exactly where h11's does (states,
    keep-alive and proposals)."""
    for case in SWEEP:
        if case[0] == "CLIENT" and case[4] is not None:
            continue  # only a server's event accepts a switch
        ours, theirs = ConnectionState(), h11_state.ConnectionState()
        _set_up(ours, _state_module(), case)
        _set_up(theirs, _h11_module(), case)
        before = dict(ours.states)
        took = _fire(ours, _state_module(), case, case[3])
        assert took == _fire(theirs, _h11_module(), case, _h11_event(case[3])), case
        if took:
            assert _states(ours) == _states(theirs), case
        else:
            # h11 moves the client before it finds the server cannot take a Request.
            assert ours.states == before, case


class _Module:
    """h11pc's state module seen with h11-style names for :func:`_apply`."""

    def __init__(self, module: Any, errors: Any) -> None:
        self._module = module
        self.LocalProtocolError = errors.LocalProtocolError

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


def _state_module() -> Any:
    return _Module(_state, h11pc)


def _h11_module() -> Any:
    import h11

    return _Module(h11_state, h11)


def _h11_event(event: type) -> type:
    import h11

    return getattr(h11, event.__name__)  # type: ignore[no-any-return]
