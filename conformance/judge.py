"""Judge an observation against a case: pass, or fail with the reason in one line.

Strategy: the observation's outcome must be one the case allows; an accepted (or partly
accepted) input must also have produced the messages the case specifies, field by field, and
the connection-closing decision it requires. Send cases are judged by :mod:`wirecheck` on the
bytes produced. The first mismatch found is the reason given, phrased for the report.

An interface may deliver less than its parser saw -- WSGI's environ has no field order, ASGI
no absolute-form target, most HTTP clients no interim responses, a live echo the body's
digest only -- and says so in :class:`~conformance.model.Exposes`; expectations are projected
onto what it delivers before comparing, so an interface's limits never count as parse errors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from conformance import wirecheck
from conformance.model import (
    Case,
    Digest,
    Exposes,
    HeaderView,
    Message,
    MessageSpec,
    Observation,
    Outcome,
    Pairs,
    TargetView,
)
from grammar import rfc9110
from grammar.abnf import compile_pattern, lit, seq

_WS_RUN = re.compile(rb"[ \t]+")
_LIST_SEPARATOR = compile_pattern(seq(rfc9110.ows, lit(","), rfc9110.ows))
"""``OWS "," OWS``: what separates the elements of a list (RFC 9110 §5.6.1)."""


def describe(observation: Observation) -> str:
    """What the implementation did, briefly: ``accept 2 msg, close`` / ``reject: <error>``."""
    outcome = observation.outcome
    if observation.crashed:
        return f"crashed: {observation.error}"
    if outcome is Outcome.REJECT:
        prefix = f"{len(observation.messages)} msg then " if observation.messages else ""
        return f"{prefix}reject: {observation.error}"
    text = f"{outcome.value} {len(observation.messages)} msg"
    if observation.close is not None:
        text += ", close" if observation.close else ", keep-alive"
    if observation.error is not None:
        text += f" (at EOF: {observation.error})"
    return text


def judge(case: Case, observation: Observation) -> str | None:
    """``None`` if the observation satisfies the case, else why not."""
    if observation.crashed:
        return f"an unexpected exception escaped: {observation.error}"
    if case.role.parses:
        return _judge_parse(case, observation)
    return _judge_send(case, observation)


def _judge_parse(case: Case, observation: Observation) -> str | None:
    outcome = observation.outcome
    if outcome not in case.allowed:
        allowed = " or ".join(sorted(o.value for o in case.allowed))
        return f"expected {allowed}, got {describe(observation)}"
    problem = judge_fields(case, outcome, observation.messages, observation.exposes)
    if problem:
        return problem
    if outcome is Outcome.REJECT:
        return _judge_status(case, observation)
    decided = observation.close is not None and case.close is not None
    if outcome is Outcome.ACCEPT and decided and observation.close != case.close:
        wanted = "close the connection" if case.close else "keep the connection open"
        return f"the implementation must {wanted} after the last message"
    return None


def _judge_status(case: Case, observation: Observation) -> str | None:
    if case.status is None or observation.status is None or observation.status == case.status:
        return None
    return f"rejected with status {observation.status}; the RFC names {case.status}"


def _judge_send(case: Case, observation: Observation) -> str | None:
    if observation.error is not None:
        # By convention the call a case expects refused is its last one: refusing an
        # earlier, valid call is a failure even when a refusal is allowed.
        last = len(case.send) - 1
        if Outcome.REJECT in case.allowed and observation.refused == last:
            return None
        event = case.send[observation.refused or 0].type
        return f"refused a valid call ({event}): {observation.error}"
    if Outcome.ACCEPT not in case.allowed:
        return "sent the message; it must refuse the call"
    problems = wirecheck.run_checks(case.checks, observation.output, case)
    return "; ".join(problems) if problems else None


def judge_fields(
    case: Case, outcome: Outcome, got: Sequence[Message], exposes: Exposes
) -> str | None:
    """The parsed messages against the case's ``messages``, where the outcome calls for it.

    With ACCEPT allowed, ``messages`` describe the accepted reading; otherwise they are the
    complete messages that must come before the rejection or the truncation.
    """
    if case.messages is None or (outcome is not Outcome.ACCEPT and Outcome.ACCEPT in case.allowed):
        return None
    wanted: Sequence[MessageSpec] = case.messages
    if not exposes.interim:
        wanted = [spec for spec in wanted if spec.status is None or spec.status >= 200]
        got = [message for message in got if message.status is None or message.status >= 200]
    if len(got) != len(wanted):
        return f"expected {len(wanted)} complete message(s), parsed {len(got)}"
    for index, (spec, message) in enumerate(zip(wanted, got, strict=True)):
        problem = _match_message(spec, message, case.collapse_ws, exposes)
        if problem:
            return f"message {index + 1}: {problem}"
    return None


def _match_message(
    spec: MessageSpec, message: Message, collapse_ws: bool, exposes: Exposes
) -> str | None:
    for name in ("method", "target", "version", "status", "reason"):
        want = getattr(spec, name)
        have = getattr(message, name)
        if name == "target" and want is not None and exposes.target is TargetView.ORIGIN:
            want, have = origin_part(want), origin_part(have)
        if want is not None and want != have:
            return f"{name} {have!r}, expected {want!r}"
    if spec.body is not None and not _same_body(spec.body, message.body):
        return f"body {_show_body(message.body)}, expected {_show_body(spec.body)}"
    for name in ("headers", "trailers"):
        want_pairs: Pairs | None = getattr(spec, name)
        if want_pairs is None or (name == "trailers" and not exposes.trailers):
            continue
        hidden = _cgi_hidden(want_pairs) if exposes.headers is HeaderView.CGI else frozenset()
        have_pairs, want_pairs = (
            tuple(
                pair
                for pair in _normal_pairs(pairs, collapse_ws, exposes.headers)
                if pair[0] not in hidden
            )
            for pairs in (getattr(message, name), want_pairs)
        )
        if have_pairs != want_pairs:
            return f"{name} {list(have_pairs)!r}, expected {list(want_pairs)!r}"
    return None


def _same_body(want: bytes, have: bytes | Digest) -> bool:
    return Digest.of(want) == have if isinstance(have, Digest) else want == have


def _show_body(body: bytes | Digest) -> str:
    return str(body) if isinstance(body, Digest) else repr(body)


def origin_part(target: bytes) -> bytes:
    """An absolute-form target's path and query (RFC 9112 §3.2.2), as ASGI delivers it."""
    scheme, separator, rest = target.partition(b"://")
    if not separator or not scheme.isalpha():
        return target
    slash, query = rest.find(b"/"), rest.find(b"?")
    starts = [i for i in (slash, query) if i >= 0]
    path = rest[min(starts) :] if starts else b""
    return path if path.startswith(b"/") else b"/" + path


def _normal_pairs(pairs: Pairs, collapse_ws: bool, view: HeaderView) -> Pairs:
    if collapse_ws:
        pairs = tuple((n, _WS_RUN.sub(b" ", v)) for n, v in pairs)
    lowered = tuple((n.lower(), v) for n, v in pairs)
    if view is HeaderView.GROUPED:
        first = {name: index for index, (name, _v) in reversed(list(enumerate(lowered)))}
        return tuple(sorted(lowered, key=lambda pair: first[pair[0]]))
    if view is HeaderView.CGI:
        return _cgi(pairs)
    return lowered


def _cgi(pairs: Pairs) -> Pairs:
    """The fields as WSGI's environ holds them: ``Content-Type`` -> ``CONTENT_TYPE``, the
    values of one name joined with commas (PEP 3333 leaves the separator to the server, so
    values are compared with the OWS around every comma cut: the list separator of RFC 9110
    §5.6.1, ``OWS "," OWS``), sorted by key."""
    values: dict[bytes, list[bytes]] = {}
    for name, value in pairs:
        values.setdefault(_cgi_key(name), []).append(_LIST_SEPARATOR.sub(b",", value))
    return tuple((key, b",".join(joined)) for key, joined in sorted(values.items()))


def _cgi_key(name: bytes) -> bytes:
    return name.upper().replace(b"-", b"_")


_CGI_FRAMING = frozenset({b"CONTENT_LENGTH", b"TRANSFER_ENCODING"})


def _cgi_hidden(pairs: Pairs) -> frozenset[bytes]:
    """Keys a WSGI server decides for itself: the framing fields (it may de-chunk the body
    and give its length, PEP 3333 ``wsgi.input``) and the key of any name with an underscore,
    which a server drops or maps onto the same key as the dashed name (a known header
    spoofing hazard): the body's digest still tells whether the framing was read right."""
    underscored = {_cgi_key(name) for name, _value in pairs if b"_" in name}
    return _CGI_FRAMING | underscored
