"""Live mode: send each request case to a running server over TCP and judge its answer.

Strategy: one connection per case, at most ``connections`` at a time. The case's bytes are
sent at once (then our sending side is shut when the case says the client closes); the
responses are read until the server closes, until the expected responses have arrived and a
short grace period passes quietly (so that a response to a smuggled request still shows), or
until nothing has arrived for ``idle`` seconds. The exchange is classified -- the server
processed the requests (non-error responses), rejected one (a protocol-error status, or
closing without a response), or is still waiting (incomplete) -- and compared with what the
case allows, including the status the RFC names and a close the RFC requires. Every response
is also held to the sender requirements of :data:`wirecheck.LIVE_CHECKS`. A server that runs
the :mod:`conformance.echo` application answers each request it processed with what it
parsed, and those messages are held to the case's ``messages`` by the judge in-process
parsers face (:func:`conformance.judge.judge_fields`): a server that reads a smuggled body
differently from the RFC fails even when its status codes look right.

Targets must resolve to loopback addresses unless the caller allows otherwise: the suite
sends deliberately malformed traffic, which is not for other people's servers.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from conformance import echo, wirecheck
from conformance.deviations import Deviations
from conformance.judge import judge_fields
from conformance.model import EVERYTHING, Basis, Case, Message, Outcome, Result, Role
from conformance.runner import Implementation, judged

REJECTION_STATUSES = frozenset({400, 408, 411, 413, 414, 417, 431, 501, 505})
"""Statuses that say "your message was not acceptable as HTTP" rather than answering it."""
_GRACE = 0.25


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    host: str
    port: int
    library: str = ""
    """The library serving it, if known: its documented deviations apply."""
    echoes: bool = False
    """It runs the :mod:`conformance.echo` application: what it parsed is judged too."""


@dataclass(frozen=True, slots=True)
class Settings:
    timeout: float = 5.0
    """Seconds for the whole exchange of one case."""
    idle: float = 1.0
    """Seconds of silence after which the server is taken to be waiting for more input."""
    connections: int = 8
    """Cases run at once, each on its own connection."""


@dataclass(frozen=True, slots=True)
class Exchange:
    """What happened on one connection."""

    data: bytes = b""
    closed: bool = False
    """The server closed (or reset) the connection."""
    error: str | None = None
    """The connection could not be made at all."""


def parse_target(url: str, name: str | None = None, allow_remote: bool = False) -> Target:
    """The target an ``http://host:port`` URL names; loopback only unless allowed."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"{url!r}: live mode speaks plain http://host:port")
    port = parts.port or 80
    if not allow_remote:
        for info in socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM):
            address = ipaddress.ip_address(info[4][0])
            if not address.is_loopback:
                raise ValueError(f"{url!r} is not a loopback address (use --allow-remote)")
    return Target(name or url, parts.hostname, port)


def applies(case: Case) -> bool:
    """Live mode sends request cases whose outcome does not depend on our own responses."""
    return case.role is Role.REQUEST and not case.respond_close


def exchange(target: Target, case: Case, settings: Settings) -> Exchange:
    deadline = time.monotonic() + settings.timeout
    try:
        sock = socket.create_connection((target.host, target.port), timeout=settings.timeout)
    except OSError as exc:
        return Exchange(error=f"cannot connect: {exc}")
    with sock:
        try:
            sock.sendall(case.input)
            if case.eof:
                sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server may reject and close before reading everything: read its answer
        return _read(sock, case, settings, deadline)


def _read(sock: socket.socket, case: Case, settings: Settings, deadline: float) -> Exchange:
    data = b""
    wanted = _wanted_responses(case)
    while (now := time.monotonic()) < deadline:
        done = len(_finals(data, case)) >= wanted and not case.close
        sock.settimeout(max(0.01, min(_GRACE if done else settings.idle, deadline - now)))
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            return Exchange(data)
        except OSError:
            return Exchange(data, closed=True)
        if not chunk:
            return Exchange(data, closed=True)
        data += chunk
    return Exchange(data)


def _wanted_responses(case: Case) -> int:
    """Responses after which the outcome is known: one per message, plus the rejection."""
    rejection = Outcome.ACCEPT not in case.allowed
    return max(1, len(case.messages or ()) + rejection)


def _finals(data: bytes, case: Case, closed: bool = False) -> list[wirecheck.WireMessage]:
    """The complete final responses in ``data`` (one delimited by the close, once closed)."""
    messages, _problem = wirecheck.split_messages(data, _context(case))
    ended = {wirecheck.COMPLETE, wirecheck.UNTIL_CLOSE} if closed else {wirecheck.COMPLETE}
    return [m for m in messages if m.status is not None and m.status >= 200 and m.framing in ended]


def _context(case: Case) -> wirecheck.Context:
    specs = case.messages or ()
    methods = tuple(spec.method or b"GET" for spec in specs) or (case.input.split(b" ", 1)[0],)
    version = b"1.0" if case.input.split(b"\r\n", 1)[0].endswith(b"HTTP/1.0") else b"1.1"
    return wirecheck.Context(responses=True, request_methods=methods, request_version=version)


def judge_exchange(case: Case, ex: Exchange, echoes: bool = False) -> str | None:
    """``None`` if the server's behaviour is one the case allows, else why not; with
    ``echoes``, what it parsed (the echoes of the requests it processed) is judged too."""
    if ex.error is not None:
        return ex.error
    problems = wirecheck.check_bytes(wirecheck.LIVE_CHECKS, ex.data, _context(case))
    problems = [p for p in problems if not p.startswith("output ends inside")]
    if problems:
        return "the server sent: " + "; ".join(problems)
    finals = _finals(ex.data, case, ex.closed)
    statuses = [m.status or 0 for m in finals]
    rejected = next((i for i, s in enumerate(statuses) if s in REJECTION_STATUSES), None)
    if rejected is not None:
        problem = _judge_rejection(case, ex, statuses, rejected)
        outcome, processed = Outcome.REJECT, finals[:rejected]
    elif len(statuses) >= _wanted_responses(case):
        problem = _judge_acceptance(case, ex, statuses)
        outcome, processed = Outcome.ACCEPT, finals
    elif _closed_as_announced(case, ex, finals):
        # The requests after it were never read: judge those it answered.
        problem, processed = None, finals
        outcome = Outcome.ACCEPT if Outcome.ACCEPT in case.allowed else Outcome.REJECT
        case = replace(case, messages=(case.messages or ())[: len(finals)])
    else:
        problem = _judge_silence(case, ex, statuses)
        outcome = Outcome.REJECT if ex.closed else Outcome.INCOMPLETE
        processed = finals
    if problem is None and echoes:
        problem = _judge_echoes(case, outcome, processed)
    return problem


def _closed_as_announced(case: Case, ex: Exchange, finals: Sequence[wirecheck.WireMessage]) -> bool:
    """The server said ``close`` and closed (RFC 9112 §9.6) before answering every request,
    having answered only requests the case lets it process: a server may end a connection
    so, and the client retries the rest elsewhere (RFC 9112 §9.3.2)."""
    announced = bool(finals) and b"close" in (finals[-1].tokens(b"connection") or ())
    return ex.closed and announced and len(finals) <= len(case.messages or ())


def _judge_echoes(
    case: Case, outcome: Outcome, responses: Sequence[wirecheck.WireMessage]
) -> str | None:
    """The messages the server parsed, as its responses echo them, against the case's.
    (No request case sends HEAD, whose response could carry no echo.)"""
    messages: list[Message] = []
    exposes = EVERYTHING
    for index, response in enumerate(responses):
        try:
            message, exposes = echo.decode(response.body)
        except echo.EchoError as exc:
            if _for_the_server(case, index):
                return None
            return f"response {index + 1} ({response.status}) is not an echo: {exc}"
        messages.append(message)
    problem = judge_fields(case, outcome, messages, exposes)
    return None if problem is None else f"the server parsed {problem}"


def _processed_before_rejection(case: Case) -> int:
    return len(case.messages or ()) if Outcome.ACCEPT not in case.allowed else 0


def _judge_rejection(case: Case, ex: Exchange, statuses: list[int], index: int) -> str | None:
    status = statuses[index]
    if Outcome.REJECT not in case.allowed:
        # RFC 9112 §8: an error response to an incomplete request is allowed.
        allowed = Outcome.INCOMPLETE in case.allowed
        return None if allowed else f"answered {statuses} where the message must be processed"
    if index != _processed_before_rejection(case):
        return f"answered {statuses}: rejected message {index + 1}"
    if case.status is not None and status != case.status:
        return f"rejected with {status}; the RFC names {case.status}"
    if len(statuses) > index + 1:
        return f"answered {statuses}: kept processing after rejecting"
    if case.close and not ex.closed:
        return f"rejected with {status} but left the connection open"
    return None


def _judge_acceptance(case: Case, ex: Exchange, statuses: list[int]) -> str | None:
    if Outcome.ACCEPT not in case.allowed:
        return f"answered {statuses}: processed what the RFC requires be rejected"
    if case.messages is not None and len(statuses) != len(case.messages):
        return f"answered {len(statuses)} requests where {len(case.messages)} were sent"
    if case.close and not ex.closed:
        return "left the connection open where the RFC requires it be closed"
    return None


def _judge_silence(case: Case, ex: Exchange, statuses: list[int]) -> str | None:
    if ex.closed and Outcome.REJECT in case.allowed:
        if len(statuses) != _processed_before_rejection(case):
            return f"closed after answering {statuses}"
        if case.status is not None:
            return f"closed without the {case.status} response the RFC names"
        return None
    if Outcome.INCOMPLETE in case.allowed:
        return None
    how = "closed the connection" if ex.closed else f"went silent after {len(ex.data)} octets"
    return f"answered {statuses} and {how}"


def _for_the_server(case: Case, index: int) -> bool:
    """Request ``index`` is about the server itself (``OPTIONS *``, ``CONNECT``), which a
    server may answer without its application: no echo to judge."""
    specs = case.messages or ()
    spec = specs[index] if index < len(specs) else None
    return spec is not None and (spec.target == b"*" or spec.method == b"CONNECT")


def describe_exchange(ex: Exchange, case: Case) -> str:
    if ex.error is not None:
        return ex.error
    statuses = [m.status for m in _finals(ex.data, case, ex.closed)]
    return f"responses {statuses}, {'closed' if ex.closed else 'open'}"


def run_live(
    target: Target,
    cases: Sequence[Case],
    deviations: Deviations,
    settings: Settings,
    progress: Callable[[int], None] | None = None,
) -> tuple[Implementation, list[Result]]:
    """Every applicable case against ``target``, ``settings.connections`` at a time."""
    chosen = [case for case in cases if applies(case)]
    probe = exchange(target, _PROBE, settings)
    implementation = Implementation(target.name, "live", f"{target.host}:{target.port}")
    if probe.error is not None:
        return Implementation(target.name, "live", implementation.detail, probe.error), []

    def one(case: Case) -> Result:
        ex = exchange(target, case, settings)
        if progress is not None:
            progress(1)
        problem = judge_exchange(case, ex, target.echoes)
        deviation = deviations.explain(target.library or target.name, case.id)
        observed = describe_exchange(ex, case)
        return judged(case, target.name, problem, observed, deviation, received=ex.data)

    with ThreadPoolExecutor(max_workers=settings.connections) as pool:
        return implementation, list(pool.map(one, chosen))


_PROBE = Case(  # one plain request first: is anyone listening?
    id="live-probe",
    suite="live",
    role=Role.REQUEST,
    basis=Basis.MUST,
    requirements=(),
    input=b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    allowed=frozenset({Outcome.ACCEPT}),
    close=True,
)
