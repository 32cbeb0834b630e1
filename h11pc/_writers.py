"""Writers: they turn the events we send into bytes, the same bytes h11 sends.

Strategy: a head is one ``join`` of its lines: the start line (``HTTP/1.1`` only: we speak
1.1 and say so, RFC 9110 §2.5), then ``Host`` first if present (RFC 9110 §7.2 asks for it
first in a request), then the other fields with the caller's spelling of their names.
Bodies are written by the framing the message announced: Content-Length counts what is
sent against what was declared, chunked writes lower-case hex sizes and skips empty chunks
(an empty chunk would end the body, RFC 9112 §7.1), and a body without framing is written
raw until we close. A writer returns the pieces to send, passing Data's bytes through
uncopied.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Final

from h11pc._errors import LocalProtocolError
from h11pc._events import Data, Event
from h11pc._headers import Headers, joined_lines
from h11pc._kinds import DATA, END_OF_MESSAGE, REQUEST, RESPONSE_BASE
from h11pc._parts import NO_HEADERS

__all__ = [
    "BodyWriter",
    "ChunkedWriter",
    "ContentLengthWriter",
    "UntilCloseWriter",
    "write_request",
    "write_response",
]

Payload = bytes | bytearray | memoryview
"""What a Data we send may carry: any bytes-like object, as h11 takes (what we receive is
``bytes``, the type ``Data.data`` is annotated with, as in h11)."""
Pieces = list[Payload]
_payload: Final[Callable[[Data], Payload]] = attrgetter("data")
"""``event.data`` read as a :data:`Payload`: compiled code reading the attribute itself
would insist on its annotation, ``bytes``."""
_HOST: Final = b"host"
_HOST_LINE: Final = b"host:"
_HTTP_1_1: Final = b"1.1"
_CRLF: Final = b"\r\n"
_BLANK_LINE: Final = b"\r\n\r\n"  # the CRLF ending the last line, then the empty line
_JOINED: Final = b"".join


def _head(start_line: bytes, headers: Headers) -> bytes:
    lines = headers.field_lines()
    if not lines:  # no fields: a field line has at least its name
        return start_line + _BLANK_LINE
    # Host fields first (RFC 9110 §7.2); a lone Host that already is stays where it is. (The
    # lines begin with ``host:``, in any case, exactly when the first field is a Host.)
    host_lines = headers.count_of(_HOST)
    if host_lines > 1 or (host_lines and lines[:5].lower() != _HOST_LINE):
        raw = headers.raw_items()
        hosts = [field for field in raw if field[0].lower() == _HOST]
        others = [field for field in raw if field[0].lower() != _HOST]
        lines = joined_lines(hosts + others)
    return _JOINED((start_line, _CRLF, lines, _BLANK_LINE))  # one copy, not three


def write_request(event: Event) -> Pieces:
    """A Request's head."""
    assert type(event) is REQUEST
    if event.http_version != _HTTP_1_1:
        raise LocalProtocolError("I only send HTTP/1.1")
    return [_head(b"%s %s HTTP/1.1" % (event.method, event.target), event.headers)]


def write_response(event: Event) -> Pieces:
    """An (Informational)Response's head; an empty reason still has its SP (RFC 9112 §4)."""
    assert isinstance(event, RESPONSE_BASE)
    if event.http_version != _HTTP_1_1:
        raise LocalProtocolError("I only send HTTP/1.1")
    return [_head(b"HTTP/1.1 %d %s" % (event.status_code, event.reason), event.headers)]


class BodyWriter:
    """Writes the Data and EndOfMessage events of one message body. The connection holds
    the bound ``write`` as its writer (as it holds the head writers, functions): a bound
    method is the cheaper call, interpreted or compiled, than an object's ``__call__``."""

    __slots__ = ()

    def write(self, event: Event) -> Pieces:
        if type(event) is DATA:
            return self.data(_payload(event))
        assert type(event) is END_OF_MESSAGE
        return self.end(event.headers)

    def data(self, data: Payload) -> Pieces:
        raise NotImplementedError

    def end(self, trailers: Headers) -> Pieces:
        raise NotImplementedError


class ContentLengthWriter(BodyWriter):
    """Exactly the declared number of octets (RFC 9112 §6.2)."""

    __slots__ = ("_remaining",)

    def __init__(self, length: int) -> None:
        self._remaining = length

    def data(self, data: Payload) -> Pieces:
        remaining = self._remaining - len(data)
        if remaining < 0:
            # Unchanged by a refusal: so the writer of an empty body can be shared.
            raise LocalProtocolError("Too much data for declared Content-Length")
        self._remaining = remaining
        return [data]

    def end(self, trailers: Headers) -> Pieces:
        if self._remaining:
            raise LocalProtocolError("Too little data for declared Content-Length")
        # The usual EndOfMessage, built without trailers, holds the shared empty fields:
        # told by identity, as ``bool`` would call the headers' __len__, in Python.
        if trailers is not NO_HEADERS and trailers:
            raise LocalProtocolError("Content-Length and trailers don't mix")
        return []


class ChunkedWriter(BodyWriter):
    """The chunked transfer coding (RFC 9112 §7.1)."""

    __slots__ = ()

    def data(self, data: Payload) -> Pieces:
        if not data:
            return []
        return [b"%x\r\n" % len(data), data, b"\r\n"]

    def end(self, trailers: Headers) -> Pieces:
        return [_head(b"0", trailers)]


class UntilCloseWriter(BodyWriter):
    """A body that ends when we close the connection (RFC 9112 §6.3, item 8)."""

    __slots__ = ()

    def data(self, data: Payload) -> Pieces:
        return [data]

    def end(self, trailers: Headers) -> Pieces:
        if trailers is not NO_HEADERS and trailers:  # (see ContentLengthWriter.end)
            raise LocalProtocolError("can't send trailers to HTTP/1.0 client")
        return []
