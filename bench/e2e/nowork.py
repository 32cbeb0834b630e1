"""A stand-in for h11 that does no HTTP work per request: the most a library could speed a server.

Strategy: ``python -m bench.e2e.nowork SERVER ARGUMENT ...`` runs the console script SERVER
(uvicorn, hypercorn) on h11pc, installed as ``h11pc.compat`` installs it, with
``h11.Connection`` replaced by :class:`Connection`. That connection learns from a real
h11pc connection, then replays what it learned:

* a request that arrives as one chunk, equal to one that made a whole message at the start
  of an earlier cycle, gives the events it gave then;
* a response to such a request, sent after the request was read whole, whose head was sent
  to the same request before (the same status, reason and version, and the same Headers
  object: h11pc keeps one for a field list it is given again), is sent as it was written
  then; its Data as the bytes given (it was framed by Content-Length then), its
  EndOfMessage as nothing.

Only the states a server reads move; nothing is parsed, framed or checked. Anything else
(a first sighting, a request in several chunks, a close, a call the replay cannot answer)
hands the connection to the real one, which first catches up on the cycle so far, and the
cycle runs for real. Under a benchmark's repeated requests every cycle but the first few is
replayed, so a server on this stand-in spends its time on its own work, and on the event
objects it builds itself (h11pc's): no HTTP library could make it faster than this row.
It is the yardstick of ``python -m bench.e2e --ceiling``, never a library to serve with.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import h11pc
from h11pc import compat
from h11pc._connection import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE
from h11pc._util import remember

__all__ = ["Connection", "install", "main"]

_Real = h11pc.Connection
"""h11pc's connection, kept before :func:`install` puts the stand-in in its place."""
_MOST = 64
"""How many requests, and how many answers, the stand-in remembers before it starts over (a
benchmark repeats a handful; a server's Date field makes a new head every second)."""

Heard = tuple[tuple[h11pc.Event, object, object], ...]
"""The events a request's chunk made, each with our state and the client's after it."""
_Learning = tuple[tuple[object, ...], object, bytes, tuple[object, object]]
"""A real response being learned: its key, its Headers, its head, the states after it."""


@dataclass(frozen=True)
class _Answer:
    """How a response to one request was sent: its head, and the states it left."""

    headers: object
    """The response's Headers, kept so that no other object takes its id while remembered."""
    head: bytes
    after_head: tuple[object, object]
    """Our state and theirs once the head was sent; then after EndOfMessage:"""
    after_end: tuple[object, object]


_HEARD: dict[bytes, Heard] = {}
_ANSWERS: dict[tuple[object, ...], _Answer] = {}


class Connection:
    """``h11.Connection`` for a server, replaying cycles it has seen (see the module)."""

    def __init__(
        self,
        our_role: type[h11pc.CLIENT] | type[h11pc.SERVER],
        max_incomplete_event_size: int = DEFAULT_MAX_INCOMPLETE_EVENT_SIZE,
    ) -> None:
        if our_role is not h11pc.SERVER:
            raise ValueError("the stand-in only serves")
        self.our_role = h11pc.SERVER
        self.their_role = h11pc.CLIENT
        self._real = _Real(our_role, max_incomplete_event_size)
        self._replaying = False
        """The real connection has seen nothing since its last cycle: the states are ours."""
        self._real_idle = True
        """The real connection is where a fresh one is: both IDLE, nothing received."""
        self._our: object = h11pc.IDLE
        self._their: object = h11pc.IDLE
        self._version: bytes | None = None
        self._chunk: bytes | None = None
        """The chunk that began this cycle, replayed or being learned."""
        self._heard: Heard = ()
        self._taken = 0
        """How many of the heard events the server has taken."""
        self._whole = False
        """This cycle's request came as one chunk, known, and the server has taken it all."""
        self._sent: list[h11pc.Event] = []
        self._answer: _Answer | None = None
        self._learning_request: list[tuple[h11pc.Event, object, object]] | None = None
        self._learning_answer: _Learning | None = None

    # -- what a server reads ----------------------------------------------------------------

    @property
    def our_state(self) -> object:
        return self._our if self._replaying else self._real.our_state

    @property
    def their_state(self) -> object:
        return self._their if self._replaying else self._real.their_state

    @property
    def their_http_version(self) -> bytes | None:
        return self._version if self._replaying else self._real.their_http_version

    @property
    def they_are_waiting_for_100_continue(self) -> bool:
        return False if self._replaying else self._real.they_are_waiting_for_100_continue

    @property
    def client_is_waiting_for_100_continue(self) -> bool:
        return False if self._replaying else self._real.client_is_waiting_for_100_continue

    @property
    def trailing_data(self) -> tuple[bytes, bool]:
        return (b"", False) if self._replaying else self._real.trailing_data

    def __getattr__(self, name: str) -> Any:
        # Anything else (states, send_failed, send_with_data_passthrough ...): the real one's.
        self._hand_over()
        return getattr(self._real, name)

    # -- receiving --------------------------------------------------------------------------

    def receive_data(self, data: bytes) -> None:
        if self._replaying and self._chunk is not None:
            self._hand_over()  # more bytes, or a close, inside a replayed cycle
        if data and self._real_idle and type(data) is bytes:
            heard = _HEARD.get(data)
            if heard is not None:
                self._replay(data, heard)
                return
            self._learning_request = []
            self._chunk = data
        else:
            self._learning_request = None
        self._replaying = self._whole = False
        self._real_idle = False
        self._real.receive_data(data)

    def _replay(self, chunk: bytes, heard: Heard) -> None:
        self._between_cycles()
        self._chunk = chunk
        self._heard = heard
        self._version = heard[0][0].http_version  # type: ignore[attr-defined]

    def next_event(self) -> h11pc.Event | type[h11pc.NEED_DATA] | type[h11pc.PAUSED]:
        if self._replaying:
            taken = self._taken
            if taken == len(self._heard):
                return h11pc.NEED_DATA
            heard, self._our, self._their = self._heard[taken]
            self._taken = taken + 1
            return heard
        event = self._real.next_event()
        learning = self._learning_request
        if learning is not None and event is not h11pc.NEED_DATA:
            self._learn_request(learning, event)
        return event

    def _learn_request(
        self, learning: list[tuple[h11pc.Event, object, object]], event: Any
    ) -> None:
        real = self._real
        if event is h11pc.PAUSED or real.they_are_waiting_for_100_continue:
            self._learning_request = None
            return
        learning.append((event, real.our_state, real.their_state))
        if type(event) is h11pc.EndOfMessage:
            self._learning_request = None
            if real.trailing_data == (b"", False) and self._chunk is not None:
                remember(_HEARD, self._chunk, tuple(learning), _MOST)
                self._whole = True

    # -- sending ----------------------------------------------------------------------------

    def send(self, event: h11pc.Event) -> bytes | None:
        if self._replaying:
            kind = type(event)
            answer = self._answer
            if kind is h11pc.Data and answer is not None and self._our is h11pc.SEND_BODY:
                self._sent.append(event)
                data = event.data  # type: ignore[attr-defined]
                return data if type(data) is bytes else bytes(data)
            if kind is h11pc.Response and self._taken == len(self._heard):
                answer = _ANSWERS.get(self._answer_key(event))  # type: ignore[arg-type]
                if answer is not None:
                    self._sent.append(event)
                    self._answer = answer
                    self._our, self._their = answer.after_head
                    return answer.head
            elif (
                kind is h11pc.EndOfMessage
                and answer is not None
                and self._our is h11pc.SEND_BODY
                and not event.headers  # type: ignore[attr-defined]
            ):
                self._sent.append(event)
                self._our, self._their = answer.after_end
                return b""
            self._hand_over()
        data = self._real.send(event)
        if type(event) is h11pc.Response:
            self._learning_answer = self._answerable(event, data)
        elif self._learning_answer is not None:
            self._learn_answer(self._learning_answer, event, data)
        return data

    def _answer_key(self, response: h11pc.Response) -> tuple[object, ...]:
        return (
            self._chunk,
            response.status_code,
            response.reason,
            response.http_version,
            id(response.headers),
        )

    def _answerable(self, response: h11pc.Response, head: bytes | None) -> _Learning | None:
        """What to learn of a real response, if the cycle could be replayed: its request
        came as one chunk, known, and was read whole before the response."""
        if not self._whole or head is None:
            return None
        real = self._real
        after = (real.our_state, real.their_state)
        return self._answer_key(response), response.headers, head, after

    def _learn_answer(self, learning: _Learning, event: h11pc.Event, data: bytes | None) -> None:
        kind = type(event)
        if kind is h11pc.Data and data == event.data:  # type: ignore[attr-defined]
            return  # sent as given: Content-Length framing
        self._learning_answer = None
        if kind is h11pc.EndOfMessage and data == b"":
            key, headers, head, after_head = learning
            real = self._real
            after_end = (real.our_state, real.their_state)
            remember(_ANSWERS, key, _Answer(headers, head, after_head, after_end), _MOST)

    def _hand_over(self) -> None:
        """Leave a replayed cycle: the real connection takes the chunk, gives the events the
        server has taken and sends what the server has sent, and goes on from there."""
        if not self._replaying:
            return
        self._replaying = False
        self._real_idle = False
        real = self._real
        if self._chunk is not None:
            real.receive_data(self._chunk)
            for _ in range(self._taken):
                real.next_event()
            for event in self._sent:
                real.send(event)
        self._whole = self._chunk is not None and self._taken == len(self._heard)
        self._learning_request = self._learning_answer = None

    # -- the next cycle ---------------------------------------------------------------------

    def start_next_cycle(self) -> None:
        if self._replaying and self._our is h11pc.DONE and self._their is h11pc.DONE:
            self._between_cycles()
            return
        self._hand_over()
        real = self._real
        real.start_next_cycle()
        self._learning_request = self._learning_answer = None
        self._whole = False
        self._real_idle = real.their_state is h11pc.IDLE and real.trailing_data == (b"", False)
        if self._real_idle:
            # Nothing of the next cycle is in: it may be replayed, from our states.
            self._version = real.their_http_version
            self._between_cycles()

    def _between_cycles(self) -> None:
        """Both IDLE, nothing received, the real connection where a fresh one is."""
        self._replaying = True
        self._our = self._their = h11pc.IDLE
        self._chunk = None
        self._heard = ()
        self._taken = 0
        self._sent.clear()
        self._answer = None


def install() -> None:
    """``import h11`` gives h11pc (``h11pc.compat``), its Connection this stand-in."""
    compat.install()
    h11pc.Connection = Connection  # type: ignore[assignment,misc]


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.e2e.nowork COMMAND ...``: run COMMAND on the stand-in."""
    install()
    return compat.main(argv)


if __name__ == "__mp_main__":
    # hypercorn's worker process imports this module under this name: it serves on the
    # stand-in too.
    from bench.e2e.nowork import install as _install

    _install()

if __name__ == "__main__":
    from bench.e2e.nowork import main as _main

    sys.exit(_main())
