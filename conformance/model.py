"""The vocabulary of the conformance suite: cases, what they expect, what an implementation did.

Strategy: everything here is a frozen value so that cases loaded from data files, corpora and
adapters' observations can be compared, hashed and serialised without care. A case lists the
*allowed* outcomes (more than one where the RFC says MAY or "either ... or"); an adapter turns
one run into an :class:`Observation`; :mod:`conformance.judge` compares the two.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """Which side of the library a case exercises."""

    REQUEST = "request"
    """Bytes a client sent, fed to the implementation acting as a server."""
    RESPONSE = "response"
    """Bytes a server sent, fed to the implementation acting as a client."""
    SEND_REQUEST = "send-request"
    """API calls made on the implementation acting as a client; its output is judged."""
    SEND_RESPONSE = "send-response"
    """API calls made on the implementation acting as a server; its output is judged."""

    @property
    def parses(self) -> bool:
        return self in (Role.REQUEST, Role.RESPONSE)


class Basis(StrEnum):
    """Why a case expects what it expects; ordered from strongest to weakest."""

    MUST = "MUST"
    ABNF = "ABNF"
    SHOULD = "SHOULD"
    MAY = "MAY"
    CORPUS = "CORPUS"
    """An external suite's own verdict (llhttp, gunicorn), reported as agreement only."""

    @property
    def binding(self) -> bool:
        """A failure against this basis is a conformance failure, not a remark."""
        return self in (Basis.MUST, Basis.ABNF)


class Outcome(StrEnum):
    ACCEPT = "accept"
    """Every message in the input was parsed completely (for send cases: the output passed)."""
    REJECT = "reject"
    """The implementation reported a protocol error (for send cases: it refused the call)."""
    INCOMPLETE = "incomplete"
    """No error, but the last message never completed (the RFC: "record it as incomplete")."""


Pairs = tuple[tuple[bytes, bytes], ...]


@dataclass(frozen=True, slots=True)
class MessageSpec:
    """The fields a case checks on one parsed message; ``None`` means "not checked"."""

    method: bytes | None = None
    target: bytes | None = None
    version: bytes | None = None
    status: int | None = None
    reason: bytes | None = None
    headers: Pairs | None = None
    """The whole header section, in order; names compared case-insensitively."""
    body: bytes | None = None
    trailers: Pairs | None = None


@dataclass(frozen=True, slots=True)
class SendEvent:
    """One h11-API event a send case asks the library to serialise."""

    type: str
    """``Request``, ``Response``, ``InformationalResponse``, ``Data`` or ``EndOfMessage``."""
    method: bytes = b"GET"
    target: bytes = b"/"
    status: int = 200
    reason: bytes = b""
    headers: Pairs = ()
    data: bytes = b""
    version: bytes = b"1.1"


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    suite: str
    """Where the case comes from: a case file's stem, ``llhttp`` or ``gunicorn``."""
    role: Role
    basis: Basis
    requirements: tuple[str, ...]
    input: bytes
    """Parse cases: the bytes fed. Send-response cases: the request the peer sent first."""
    allowed: frozenset[Outcome]
    messages: tuple[MessageSpec, ...] | None = None
    """What must be parsed: on ACCEPT; if ACCEPT is not allowed, the messages before the end."""
    close: bool | None = None
    """Must the connection close after the last response (True) or may it persist (False)?
    On ACCEPT this is the library's keep-alive decision; on REJECT (live mode) the server
    must close after its error response."""
    status: int | None = None
    """On REJECT: the status code a cited requirement names for the rejection, compared with a
    library's status hint and a live server's response. Left out where the RFC names none."""
    eof: bool = False
    """The peer closes the connection after the input (framing by close, truncation)."""
    request_method: bytes = b"GET"
    """Response cases: the method of the requests being answered."""
    respond_close: bool = False
    """Request cases: the server answers each request with ``Connection: close``."""
    requests: int = 1
    """Response cases: how many requests the client sent, each after the previous response;
    anything the server sends beyond their responses must not be read as a response."""
    collapse_ws: bool = False
    """Compare header values with runs of SP/HTAB collapsed (obs-fold replaced by SP)."""
    send: tuple[SendEvent, ...] = ()
    checks: tuple[str, ...] = ()
    """Send cases: names of :mod:`conformance.wirecheck` checks the output must pass."""
    note: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Digest:
    """Content known by its length and SHA-256 only, as a live server's echo reports it."""

    length: int
    sha256: str
    head: bytes = field(default=b"", compare=False)
    """The first octets, for the report; not part of the comparison."""

    HEAD_LENGTH = 64

    @classmethod
    def of(cls, data: bytes) -> Digest:
        return cls(len(data), hashlib.sha256(data).hexdigest(), data[: cls.HEAD_LENGTH])

    def __str__(self) -> str:
        more = "..." if self.length > len(self.head) else ""
        return f"{self.length} octets {self.head!r}{more}"


class HeaderView(StrEnum):
    """How much of a header section an interface hands its application."""

    ORDERED = "ordered"
    """Every field line, in order (h11's API, ASGI, aiohttp's raw_headers)."""
    GROUPED = "grouped"
    """Every field line, grouped by name in the order names first appear (tornado, twisted)."""
    CGI = "cgi"
    """WSGI's environ (PEP 3333): names as ``HTTP_*`` keys, same-name fields joined with
    commas, no order."""


class TargetView(StrEnum):
    """How much of the request-target an interface hands its application."""

    AS_SENT = "as-sent"
    ORIGIN = "origin"
    """Path and query, at least (ASGI's ``raw_path``): an absolute-form target may have lost
    its scheme and authority, so only its path and query are compared."""


@dataclass(frozen=True, slots=True)
class Exposes:
    """What an interface delivers of the messages it parsed: expectations are compared on
    that much and no more, so an interface's limits are not counted as parsing failures."""

    headers: HeaderView = HeaderView.ORDERED
    target: TargetView = TargetView.AS_SENT
    trailers: bool = True
    interim: bool = True
    """Interim (1xx) responses are delivered as messages of their own."""


EVERYTHING = Exposes()


@dataclass(frozen=True, slots=True)
class Message:
    """One message as an implementation parsed it, normalised for comparison."""

    method: bytes | None = None
    target: bytes | None = None
    version: bytes | None = None
    status: int | None = None
    reason: bytes | None = None
    headers: Pairs = ()
    body: bytes | Digest = b""
    trailers: Pairs = ()


@dataclass(frozen=True, slots=True)
class Observation:
    """What one implementation did with one case fed one way."""

    messages: tuple[Message, ...] = ()
    """The messages it completed, in order."""
    partial: bool = False
    """A further message had begun and was not complete when the input ended."""
    error: str | None = None
    at_eof: bool = False
    """The error was raised only once the end of input was signalled (a truncated message)."""
    close: bool | None = None
    """After the last message, did the implementation say the connection must close?"""
    status: int | None = None
    """On a rejection: the status code the implementation suggests answering with."""
    output: bytes = b""
    """Send cases: the bytes the implementation produced."""
    refused: int | None = None
    """Send cases: the index of the event the implementation refused, if any."""
    crashed: bool = False
    """An exception other than the library's protocol errors escaped."""
    exposes: Exposes = EVERYTHING
    """What the implementation's interface delivers of each message."""

    @property
    def outcome(self) -> Outcome:
        if self.error is not None and not self.at_eof:
            return Outcome.REJECT
        if self.error is not None or self.partial:
            return Outcome.INCOMPLETE
        return Outcome.ACCEPT


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NA = "n/a"
    """The implementation cannot run this case (no serializer, cannot signal EOF, ...)."""


@dataclass(frozen=True, slots=True)
class Result:
    """The judged result of one case against one implementation."""

    case: Case
    implementation: str
    verdict: Verdict
    reason: str = ""
    """Why it failed, or why it does not apply."""
    observed: str = ""
    """A short description of what the implementation did (for the report)."""
    deviation: str = ""
    """A documented, deliberate deviation that explains this failure."""
    split_dependent: bool = False
    """The implementation did different things depending on how the input was split."""
    received: bytes = b""
    """What came back over the network (a live server's responses), for the report."""
