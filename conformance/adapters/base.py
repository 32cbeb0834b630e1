"""What every implementation adapter provides, and the message builder they share.

Strategy: an adapter is a thin translation between one library's API and the suite's
:class:`~conformance.model.Observation`; it never judges. It says up front whether it is
installed (:meth:`Adapter.unavailable`) and whether it can express a case at all
(:meth:`Adapter.supports`: no serializer, no way to signal end of input ...), so the report
distinguishes "fails" from "cannot be asked".
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

from conformance.model import Case, Message, Observation, Pairs


class Adapter(ABC):
    name: str
    """How the implementation appears in reports (``h11``, ``httptools``, ...)."""
    library: str = ""
    """The parsing library the implementation is built on, if any: the deviations that
    library documents apply to it too (httpx on h11 inherits h11's)."""
    whole_input_only: bool = False
    """The input reaches the implementation over a socket, where TCP may join or cut the
    pieces anyway: it is fed whole only, not byte by byte or at random splits."""

    @abstractmethod
    def unavailable(self) -> str | None:
        """``None`` if the implementation can be run here, else why not."""

    @abstractmethod
    def version(self) -> str:
        """The implementation's version, as the report shows it (empty if unknown)."""

    @abstractmethod
    def supports(self, case: Case) -> str | None:
        """``None`` if the adapter can run ``case``, else why it does not apply."""

    @abstractmethod
    def parse(self, case: Case, chunks: Sequence[bytes]) -> Observation:
        """Feed ``chunks`` (in order, then EOF when ``case.eof``) and report what happened."""

    @abstractmethod
    def send(self, case: Case) -> Observation:
        """Make the API calls ``case.send`` lists and report the bytes produced or the refusal."""


@dataclass(slots=True)
class MessageBuilder:
    """Accumulates one message at a time from callback- or event-style parsers."""

    done: list[Message] = field(default_factory=list)
    current: Message | None = None
    body: list[bytes] = field(default_factory=list)

    def start(self, message: Message) -> None:
        self.current = message
        self.body = []

    def add_body(self, data: bytes) -> None:
        self.body.append(bytes(data))

    def finish(self, trailers: Pairs = ()) -> None:
        if self.current is None:
            return
        message = self.current
        self.done.append(
            Message(
                method=message.method,
                target=message.target,
                version=message.version,
                status=message.status,
                reason=message.reason,
                headers=message.headers,
                body=b"".join(self.body),
                trailers=trailers,
            )
        )
        self.current = None
        self.body = []

    def complete(self, message: Message) -> None:
        """A message with no body phase (an interim 1xx response)."""
        self.done.append(message)

    @property
    def in_progress(self) -> bool:
        return self.current is not None
