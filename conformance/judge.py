"""Judge an observation against a case: pass, or fail with the reason in one line.

Strategy: the observation's outcome must be one the case allows; an accepted (or partly
accepted) input must also have produced the messages the case specifies, field by field, and
the connection-closing decision it requires. Send cases are judged by :mod:`wirecheck` on the
bytes produced. The first mismatch found is the reason given, phrased for the report.
"""

from __future__ import annotations

import re

from conformance import wirecheck
from conformance.model import Case, Message, MessageSpec, Observation, Outcome, Pairs

_WS_RUN = re.compile(rb"[ \t]+")


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
    # With ACCEPT allowed, `messages` describe the accepted reading; otherwise they are the
    # complete messages that must come before the rejection or the truncation.
    if case.messages is not None and (
        outcome is Outcome.ACCEPT or Outcome.ACCEPT not in case.allowed
    ):
        problem = _match_messages(case, observation.messages)
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


def _match_messages(case: Case, got: tuple[Message, ...]) -> str | None:
    wanted = case.messages or ()
    if len(got) != len(wanted):
        return f"expected {len(wanted)} complete message(s), parsed {len(got)}"
    for index, (spec, message) in enumerate(zip(wanted, got, strict=True)):
        problem = _match_message(spec, message, case.collapse_ws)
        if problem:
            return f"message {index + 1}: {problem}"
    return None


def _match_message(spec: MessageSpec, message: Message, collapse_ws: bool) -> str | None:
    for name in ("method", "target", "version", "status", "reason", "body"):
        want = getattr(spec, name)
        have = getattr(message, name)
        if want is not None and want != have:
            return f"{name} {have!r}, expected {want!r}"
    for name in ("headers", "trailers"):
        want_pairs: Pairs | None = getattr(spec, name)
        if want_pairs is None:
            continue
        have_pairs = _normal_pairs(getattr(message, name), collapse_ws)
        if have_pairs != _normal_pairs(want_pairs, collapse_ws):
            return f"{name} {list(have_pairs)!r}, expected {list(want_pairs)!r}"
    return None


def _normal_pairs(pairs: Pairs, collapse_ws: bool) -> Pairs:
    if collapse_ws:
        return tuple((n.lower(), _WS_RUN.sub(b" ", v)) for n, v in pairs)
    return tuple((n.lower(), v) for n, v in pairs)
