"""h11pc offers h11 0.16's public API: the same names, sentinels and signatures."""

from __future__ import annotations

import inspect

import h11
import pytest

import h11pc
from h11pc._leniency import as_leniency

H11PC_ONLY = ["Leniency"]
"""Public names h11pc adds to h11's: the opt-in leniencies of ``Connection``."""


def test_all_is_h11s_and_h11pcs_additions() -> None:
    assert sorted(h11pc.__all__) == sorted([*h11.__all__, *H11PC_ONLY])


@pytest.mark.parametrize("name", sorted(h11.__all__))
def test_every_public_name_exists(name: str) -> None:
    assert hasattr(h11pc, name)


def test_version_and_product_id() -> None:
    assert h11pc.__version__
    assert f"python-h11pc/{h11pc.__version__}" == h11pc.PRODUCT_ID


def test_might_switch_protocol_is_importable_as_in_h11() -> None:
    # h11 has it, and its type stubs leave it out of the public names.
    assert repr(h11pc.MIGHT_SWITCH_PROTOCOL) == repr(h11.MIGHT_SWITCH_PROTOCOL)  # type: ignore[attr-defined]


SENTINELS = [
    "NEED_DATA", "PAUSED", "CLIENT", "SERVER", "IDLE", "SEND_RESPONSE", "SEND_BODY", "DONE",
    "MUST_CLOSE", "CLOSED", "ERROR", "MIGHT_SWITCH_PROTOCOL", "SWITCHED_PROTOCOL",
]  # fmt: skip


@pytest.mark.parametrize("name", SENTINELS)
def test_sentinels_are_their_own_type_and_repr_as_their_name(name: str) -> None:
    sentinel = getattr(h11pc, name)
    assert type(sentinel) is sentinel
    assert repr(sentinel) == name
    assert isinstance(sentinel, type)


def test_sentinels_are_distinct() -> None:
    values = [getattr(h11pc, name) for name in SENTINELS]
    assert len({id(value) for value in values}) == len(values)


@pytest.mark.parametrize(
    "name",
    ["Request", "InformationalResponse", "Response", "Data", "EndOfMessage", "ConnectionClosed"],
)
def test_event_constructors_take_h11s_parameters(name: str) -> None:
    """h11's parameters, of h11's kinds, with h11's defaults -- except where h11pc's API
    promises more: a response's ``headers`` may be omitted, and its ``reason`` defaults to
    the status's standard phrase (None: not given)."""
    ours = inspect.signature(getattr(h11pc, name))
    theirs = inspect.signature(getattr(h11, name))
    public = [p for p in theirs.parameters.values() if not p.name.startswith("_")]
    promised = {"headers": None, "reason": None} if name.endswith("Response") else {}
    assert sorted((p.name, p.kind, p.default) for p in ours.parameters.values()) == sorted(
        (p.name, p.kind, promised.get(p.name, p.default)) for p in public
    )


def test_connection_has_every_public_member_of_h11s() -> None:
    theirs = {name for name in dir(h11.Connection) if not name.startswith("_")}
    conn = h11pc.Connection(h11pc.CLIENT)
    for name in theirs | {"our_role", "their_role", "their_http_version"}:
        assert hasattr(conn, name), name
    assert {"client_is_waiting_for_100_continue"} <= set(dir(conn))


def test_connection_signature() -> None:
    """h11's parameters, in h11's order; h11pc's own additions are keyword-only."""
    params = inspect.signature(h11pc.Connection).parameters
    assert list(params) == ["our_role", "max_incomplete_event_size", "leniency"]
    assert params["max_incomplete_event_size"].default == 16384
    assert params["leniency"].kind is inspect.Parameter.KEYWORD_ONLY
    # No flags (a literal: the compiled class's signature can hold nothing else).
    assert params["leniency"].default == ()
    assert as_leniency(params["leniency"].default) == h11pc.Leniency(0)


def test_private_names_real_projects_import() -> None:
    from h11pc._connection import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE
    from h11pc._headers import Headers

    assert DEFAULT_MAX_INCOMPLETE_EVENT_SIZE == 16384
    assert isinstance(
        h11pc.Request(method="GET", target="/", headers=[("Host", "a")]).headers, Headers
    )


def test_errors_hierarchy() -> None:
    assert issubclass(h11pc.LocalProtocolError, h11pc.ProtocolError)
    assert issubclass(h11pc.RemoteProtocolError, h11pc.ProtocolError)
    assert issubclass(h11pc.ProtocolError, Exception)
    with pytest.raises(TypeError):
        h11pc.ProtocolError("direct")
