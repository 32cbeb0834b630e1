"""Adapter for an HTTP client library (or program), fed response cases by a loopback replay.

Strategy: the client runs in a worker process (:mod:`conformance.ecosystem.clients`, inside
the ecosystem's virtualenv) that replays a case to it and reports what it returned; this side
decides what goes on the wire and translates the report into an
:class:`~conformance.model.Observation`. The case's input is cut into one segment per request
at the ends of the final responses the RFC's framing finds (:func:`wirecheck.split_messages`),
the last segment taking everything left, so that bytes arrive as a server sends them, after
each request; a client that misreads the framing still meets the bytes it misreads.

The translation: a request that arrived on a new connection means the client stopped reading
the first one (``close``); an error the client raised after the replay had closed for the
case's end of input is a truncation, not a rejection; a client the replay had to give up on
(no end of input in the case) was still waiting -- incomplete.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from conformance import wirecheck
from conformance.adapters.base import Adapter
from conformance.model import Case, Exposes, Message, Observation, Role

Worker = Callable[[dict[str, Any]], dict[str, Any]]
"""Sends one order to the client's worker and returns its reply."""


class ClientAdapter(Adapter):
    whole_input_only = True

    def __init__(
        self,
        name: str,
        worker: Worker | None,
        exposes: Exposes,
        *,
        version: str = "",
        library: str = "",
        unavailable: str | None = None,
        one_connection_per_request: bool = False,
        idle: float = 1.0,
        timeout: float = 5.0,
    ) -> None:
        self.name = name
        self._worker = worker
        self._exposes = exposes
        self._version = version
        self.library = library
        self._unavailable = unavailable
        self._one_connection = one_connection_per_request
        self._idle = idle
        self._timeout = timeout

    def unavailable(self) -> str | None:
        return self._unavailable

    def version(self) -> str:
        return self._version

    def supports(self, case: Case) -> str | None:
        if case.role is not Role.RESPONSE:
            return "an HTTP client is asked about responses only"
        if case.request_method == b"CONNECT":
            return "a client sends CONNECT to proxies only, through its tunnelling API"
        if self._one_connection and case.requests > 1:
            return f"{self.name} opens a connection for each request"
        return None

    def parse(self, case: Case, chunks: Sequence[bytes]) -> Observation:
        if self._worker is None:
            raise RuntimeError(f"{self.name} has no worker; unavailable() says why")
        order = {
            "segments": [s.decode("latin-1") for s in segments(case, b"".join(chunks))],
            "method": case.request_method.decode("ascii"),
            "idle": self._idle,
            "timeout": self._timeout,
        }
        return observation(case, self._worker(order), self._exposes)

    def send(self, case: Case) -> Observation:
        raise NotImplementedError("a client is asked about responses only; supports() says so")


def segments(case: Case, data: bytes) -> list[bytes]:
    """``data`` cut after each of the first ``case.requests - 1`` final responses."""
    methods = (case.request_method,) * case.requests
    context = wirecheck.Context(responses=True, request_methods=methods)
    messages, _problem = wirecheck.split_messages(data, context)
    cuts = [
        m.end
        for m in messages
        if m.framing == wirecheck.COMPLETE and (m.status is None or m.status >= 200)
    ][: case.requests - 1]
    pieces = [data[a:b] for a, b in itertools.pairwise([0, *cuts, len(data)])]
    return pieces + [b""] * (case.requests - len(pieces))


def observation(case: Case, reply: dict[str, Any], exposes: Exposes) -> Observation:
    """The worker's report of one case, as the judge reads observations."""
    messages: list[Message] = []
    close: bool | None = None
    connections: list[int] = reply["connections"]
    for index, call in enumerate(reply["calls"]):
        if index > 0 and index < len(connections):
            close = connections[index] != 0
            if close:
                break  # the client read no further on the case's connection
        closed_first = index < len(connections) and reply["closed_first"][index]
        waiting = closed_first and not case.eof
        interim = [_message(r) for r in call.get("responses", ())]
        if "error" in call or waiting:
            return Observation(
                messages=tuple(messages + interim),
                partial=waiting,
                error=None if waiting else call["error"],
                at_eof=closed_first,
                close=close,
                crashed=bool(call.get("crashed")),
                exposes=exposes,
            )
        messages += [*interim, _message(call)]
    return Observation(messages=tuple(messages), close=close, exposes=exposes)


def _message(call: dict[str, Any]) -> Message:
    return Message(
        status=call["status"],
        reason=call["reason"].encode("latin-1"),
        version=call["version"].encode("latin-1"),
        headers=tuple((n.encode("latin-1"), v.encode("latin-1")) for n, v in call["headers"]),
        body=call["body"].encode("latin-1"),
    )
