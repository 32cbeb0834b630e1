"""The events of an HTTP/1.1 conversation, as h11 defines them.

Strategy: each event is a frozen, slotted dataclass with a keyword-only constructor (``Data``
also takes its fields positionally) that checks what the caller supplied the way h11 does;
the checks live in :mod:`h11pc._parts`, which the compiled build compiles, and a constructor
stores what they return. Beyond h11, a response's ``headers`` may be omitted and its
``reason`` defaults to the standard phrase of its status (h11's empty one while
:mod:`h11pc.compat` is installed: :func:`use_standard_reasons`). Events a reader builds from
bytes the grammar already proved take :func:`parsed_request`, :func:`parsed_response` and
:func:`parsed_data`, which check only what the grammar cannot (the Host count) and fill the
event as a mutable draft of its layout before giving it its frozen class.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from grammar.rfc9112 import chunk_ext
from grammar.values import ChunkExtensions
from h11pc._errors import LocalProtocolError
from h11pc._headers import HeaderInput, Headers
from h11pc._parts import (
    HTTP_1_1,
    NO_HEADERS,
    STANDARD_REASONS,
    check_host,
    request_parts,
    response_parts,
    use_standard_reasons,
)

__all__ = [
    "STANDARD_REASONS",
    "ConnectionClosed",
    "Data",
    "EndOfMessage",
    "Event",
    "InformationalResponse",
    "Request",
    "Response",
    "parsed_data",
    "parsed_end_of_message",
    "parsed_request",
    "parsed_response",
    "use_standard_reasons",
]


class Event:
    """Base class of h11pc's events."""

    __slots__ = ()


@dataclass(init=False, frozen=True, slots=True)
class Request(Event):
    """The start of a request: method, target, headers and HTTP version
    (RFC 9112 §3)."""

    method: bytes
    headers: Headers
    target: bytes
    http_version: bytes = HTTP_1_1

    def __init__(
        self,
        *,
        method: bytes | str,
        headers: HeaderInput,
        target: bytes | str,
        http_version: bytes | str = HTTP_1_1,
    ) -> None:
        method_, fields, target_, version = request_parts(method, headers, target, http_version)
        _METHOD(self, method_)
        _HEADERS(self, fields)
        _TARGET(self, target_)
        _VERSION(self, version)


def _setters(cls: type, *names: str) -> tuple[Callable[[object, object], None], ...]:
    """The ``__set__`` of ``cls``'s slots ``names``: how events are filled. A frozen
    dataclass refuses setattr; its slots' own descriptors are the quickest way past that
    (for an event whose constructor runs: a reader's events are drafted, see below)."""
    return tuple(vars(cls)[name].__set__ for name in names)


_METHOD, _HEADERS, _TARGET, _VERSION = _setters(
    Request, "method", "headers", "target", "http_version"
)


@dataclass(init=False, frozen=True, slots=True)
class _ResponseBase(Event):
    headers: Headers
    http_version: bytes = HTTP_1_1
    reason: bytes = b""
    status_code: int = 200

    _lowest: ClassVar[int]
    _highest: ClassVar[int]

    def __init__(
        self,
        *,
        status_code: int,
        headers: HeaderInput | None = None,
        http_version: bytes | str = HTTP_1_1,
        reason: bytes | str | None = None,
    ) -> None:
        status, reason_bytes, version, fields = response_parts(
            status_code, headers, http_version, reason
        )
        if not self._lowest <= status < self._highest:
            raise LocalProtocolError(
                f"{type(self).__name__} status_code should be in range "
                f"[{self._lowest}, {self._highest}), not {status}"
            )
        _STATUS(self, status)
        _REASON(self, reason_bytes)
        _RESPONSE_VERSION(self, version)
        _RESPONSE_HEADERS(self, fields)


_STATUS, _REASON, _RESPONSE_VERSION, _RESPONSE_HEADERS = _setters(
    _ResponseBase, "status_code", "reason", "http_version", "headers"
)


@dataclass(init=False, frozen=True, slots=True)
class InformationalResponse(_ResponseBase):
    """A 1xx response (RFC 9110 §15.2), such as 100 Continue or 101 Switching Protocols."""

    _lowest: ClassVar[int] = 100
    _highest: ClassVar[int] = 200


@dataclass(init=False, frozen=True, slots=True)
class Response(_ResponseBase):
    """The start of a final response, status 200 to 999 (RFC 9112 §4)."""

    _lowest: ClassVar[int] = 200
    _highest: ClassVar[int] = 1000


class _Extensible(Event):
    """Data's base: one slot outside Data's dataclass fields, set only on a received
    chunk's first Data -- so equality, hashing, ``repr``, ``dataclasses.fields`` and the
    cost of every other Data stay exactly h11's."""

    __slots__ = ("_chunk_ext",)
    _chunk_ext: bytes


@dataclass(init=False, frozen=True, slots=True)
class Data(_Extensible):
    """Part of a message body. ``chunk_start``/``chunk_end`` mark the first and last parts
    of a chunk of the chunked transfer coding (RFC 9112 §7.1); they carry no meaning.

    A received chunk's extensions (RFC 9112 §7.1.1) ride on its first Data: ``chunk_ext``
    holds them as received (``b";name=value"``, empty if none), :attr:`chunk_extensions`
    parsed. Neither takes part in equality, hashing or ``repr`` (nor survives a copy), so
    code written for h11 sees the Data it always saw."""

    data: bytes
    chunk_start: bool = False
    chunk_end: bool = False

    def __init__(self, data: bytes, chunk_start: bool = False, chunk_end: bool = False) -> None:
        _DATA(self, data)
        _CHUNK_START(self, chunk_start)
        _CHUNK_END(self, chunk_end)

    @property
    def chunk_ext(self) -> bytes:
        """The ``chunk-ext`` of the chunk this Data starts, as received (RFC 9112 §7.1.1)."""
        try:
            return self._chunk_ext
        except AttributeError:
            return b""

    @property
    def chunk_extensions(self) -> ChunkExtensions:
        """The chunk's extensions as ``(name, value)`` pairs, values unquoted or None, as
        the grammar's ``chunk-ext`` parses them (RFC 9112 §7.1.1)."""
        extensions = self.chunk_ext
        return chunk_ext.parse(extensions) if extensions else ()


_DATA, _CHUNK_START, _CHUNK_END = _setters(Data, "data", "chunk_start", "chunk_end")


@dataclass(init=False, frozen=True, slots=True)
class EndOfMessage(Event):
    """The end of a message, with its trailer fields if it was chunked (RFC 9112 §7.1.2)."""

    headers: Headers = NO_HEADERS

    def __init__(self, *, headers: HeaderInput | None = None) -> None:
        _END_HEADERS(self, NO_HEADERS if headers is None else Headers.from_user(headers))


(_END_HEADERS,) = _setters(EndOfMessage, "headers")


@dataclass(frozen=True, slots=True)
class ConnectionClosed(Event):
    """The peer closed its side of the connection (or we close ours)."""


# -- the reader's constructors: for parts the grammar proved ----------------------------------
#
# An event a reader builds is filled as a draft: an instance of a plain class with the
# event's slots, in the same layout, whose attributes are stored as any object's are; then
# assigning its ``__class__`` makes it the frozen event (CPython allows that between heap
# classes of one layout). A frozen event is otherwise filled through each slot's
# descriptor, one call per field (about 650 instructions each); a draft's stores are
# specialised bytecode, and the class assignment costs less than one such call.


class _RequestDraft(Event):
    """A Request being filled (its layout: Request's slots on an Event)."""

    __slots__ = Request.__slots__
    method: bytes
    headers: Headers
    target: bytes
    http_version: bytes


class _ResponseDraft(Event):
    """A Response or InformationalResponse being filled (their layout: _ResponseBase's)."""

    __slots__ = _ResponseBase.__slots__
    headers: Headers
    http_version: bytes
    reason: bytes
    status_code: int


class _DataDraft(_Extensible):
    """A Data being filled (its layout: Data's slots on _Extensible)."""

    __slots__ = Data.__slots__
    data: bytes
    chunk_start: bool
    chunk_end: bool


_R = TypeVar("_R", bound=_ResponseBase)


def parsed_request(method: bytes, target: bytes, version: bytes, headers: Headers) -> Request:
    """A Request from a head the grammar matched."""
    check_host(headers, version)
    draft = _RequestDraft()
    draft.method = method
    draft.headers = headers
    draft.target = target
    draft.http_version = version
    draft.__class__ = Request  # type: ignore[assignment]  # frozen from here on
    return draft  # type: ignore[return-value]


def parsed_response(
    cls: type[_R], status: int, reason: bytes, version: bytes, headers: Headers
) -> _R:
    """An (Informational)Response from a head the grammar matched, or a response re-made
    with other headers: ``status`` is in ``cls``'s range (a reader picks ``cls`` by it)."""
    draft = _ResponseDraft()
    draft.status_code = status
    draft.reason = reason
    draft.http_version = version
    draft.headers = headers
    draft.__class__ = cls  # type: ignore[assignment]  # frozen from here on
    return draft  # type: ignore[return-value]


def parsed_data(
    data: bytes, chunk_start: bool = False, chunk_end: bool = False, extensions: bytes = b""
) -> Data:
    """A received Data event, carrying its chunk's ``chunk-ext`` if any (proven by the
    grammar)."""
    draft = _DataDraft()
    draft.data = data
    draft.chunk_start = chunk_start
    draft.chunk_end = chunk_end
    if extensions:
        draft._chunk_ext = extensions
    draft.__class__ = Data  # type: ignore[assignment]  # frozen from here on
    return draft  # type: ignore[return-value]


def parsed_end_of_message(headers: Headers) -> EndOfMessage:
    """An EndOfMessage carrying trailer fields the grammar matched."""
    end = object.__new__(EndOfMessage)
    _END_HEADERS(end, headers)
    return end
