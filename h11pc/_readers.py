"""Readers: they turn the receive buffer into events, one unit at a time.

A reader has exactly three outcomes: it returns an event (consuming its bytes), raises
LocalProtocolError (the connection makes it the peer's fault), or returns None -- "need more
data" -- consuming nothing it cannot account for. ``read_eof`` says what a clean end of
input means where the reader stands.

Strategy: a head is found with ``find`` (the first CRLF CRLF) and matched whole by ONE
pattern compiled from the grammar (``start-line CRLF *( field-line CRLF ) CRLF``); what it
proved is then cut at its known separators (SP, CRLF, the first ":") -- no octet is judged
by Python code. Only on a mismatch does :mod:`h11pc._diagnose` run the parsy form of the
same rules to say what failed. Bodies are handed out as soon as bytes arrive, never
buffered whole: Content-Length counts down (RFC 9112 §6.3), chunked reads chunk-size lines
with the grammar's ``chunk-size [ chunk-ext ] CRLF`` and trailers with the field-line
pattern (RFC 9112 §7.1), and a response without framing runs until the connection closes
(RFC 9112 §6.3, item 8).
"""

from __future__ import annotations

from grammar.rfc9112 import status_line
from h11pc._diagnose import chunk_line_error, head_error
from h11pc._errors import LocalProtocolError
from h11pc._events import (
    ConnectionClosed,
    Data,
    EndOfMessage,
    Event,
    InformationalResponse,
    Response,
    parsed_end_of_message,
    parsed_request,
    parsed_response,
)
from h11pc._headers import Headers, normalize_parsed
from h11pc._patterns import (
    CHUNK_LINE,
    CHUNK_SIZE,
    FOLDS,
    REQUEST_FIRST_OCTET,
    REQUEST_HEAD,
    RESPONSE_HEAD,
    RESPONSE_START,
    TRAILER_SECTION,
    WHITESPACE,
    request_line_received,
)
from h11pc._receivebuffer import ReceiveBuffer

__all__ = [
    "ChunkedReader",
    "ContentLengthReader",
    "ExpectNothing",
    "Reader",
    "UntilCloseReader",
    "expect_nothing",
    "read_request",
    "read_response",
]

_HEAD_END = b"\r\n\r\n"
_REQUEST_LINE = (request_line_received, "request-line", "RFC 9112 §3")
_STATUS_LINE = (status_line.node, status_line.name, status_line.section)
_CRLF = b"\r\n"
# A chunk size beyond this cannot be honoured by any peer; refuse it rather than count on.
_MAX_CHUNK_SIZE = 2**63 - 1


class Reader:
    """Base of the readers: ``reader(buffer)`` is an event or None; ``read_eof()`` is the
    event a clean end of input gives here (a closed connection, by default)."""

    __slots__ = ()

    def __call__(self, buffer: ReceiveBuffer) -> Event | None:
        raise NotImplementedError

    def read_eof(self) -> Event:
        return ConnectionClosed()


def _fields(data: bytes | bytearray, start: int, end: int) -> Headers:
    """The headers of the proven field lines in ``data[start:end]`` (each line ends with
    CRLF): name before the first ":", value between optional whitespace (RFC 9112 §5)."""
    if start == end:
        return normalize_parsed([], [])
    block = data[start : end - 2]
    if type(block) is not bytes:
        block = bytes(block)
    lines = block.split(_CRLF)
    if any(fold in block for fold in FOLDS):
        lines = _unfold(lines)
    raw = []
    pairs = []
    for line in lines:
        name, _, value = line.partition(b":")
        value = value.strip(WHITESPACE)
        raw.append((name, value))
        pairs.append((name.lower(), value))
    return normalize_parsed(raw, pairs)


def _unfold(lines: list[bytes]) -> list[bytes]:
    """RFC 9112 §5.2: a recipient accepting obs-fold replaces each fold by SP; a line that
    starts with whitespace continues the field before it."""
    logical: list[bytes] = []
    for line in lines:
        if line[0] in WHITESPACE:
            logical[-1] = logical[-1].rstrip(WHITESPACE) + b" " + line.lstrip(WHITESPACE)
        else:
            logical.append(line)
    return logical


class _HeadReader(Reader):
    """Reads a message head; subclasses say which kind and build its event."""

    __slots__ = ()

    # The least input that shows whether a head of this kind can begin here.
    _START_SIZE: int

    def __call__(self, buffer: ReceiveBuffer) -> Event | None:
        end = buffer.find_unit(_HEAD_END, "message head")
        if end < 0:
            # Checked until START_SIZE octets have been searched: once per head, in effect.
            unread = len(buffer.data) - buffer.start
            if buffer.searched < self._START_SIZE <= unread and not self._can_start(buffer):
                # Refuse at once input that cannot begin a head (a TLS handshake, say)
                # rather than wait for a blank line that never comes.
                raise LocalProtocolError(
                    f"{self._PREFIX}: {buffer.unread()[:16]!r} cannot begin one"
                )
            return None
        event = self._build(buffer.data, buffer.start, end)
        buffer.advance(end)
        return event

    _PREFIX: str

    def _can_start(self, buffer: ReceiveBuffer) -> bool:
        raise NotImplementedError

    def _build(self, data: bytes | bytearray, start: int, end: int) -> Event:
        raise NotImplementedError


class _RequestHeadReader(_HeadReader):
    __slots__ = ()
    _START_SIZE = 1
    _PREFIX = "illegal request line"

    def _can_start(self, buffer: ReceiveBuffer) -> bool:
        return REQUEST_FIRST_OCTET.match(buffer.data, buffer.start) is not None

    def _build(self, data: bytes | bytearray, start: int, end: int) -> Event:
        if REQUEST_HEAD.fullmatch(data, start, end) is None:
            raise head_error(bytes(data[start:end]), _REQUEST_LINE, self._PREFIX)
        # Proven: method SP request-target SP HTTP-version CRLF, with no SP in the first two.
        target_start = data.find(b" ", start) + 1
        target_end = data.find(b" ", target_start)
        line_end = target_end + len(b" HTTP/1.1")
        return parsed_request(
            bytes(data[start : target_start - 1]),
            bytes(data[target_start:target_end]),
            bytes(data[line_end - 3 : line_end]),
            _fields(data, line_end + 2, end - 2),
        )


class _ResponseHeadReader(_HeadReader):
    __slots__ = ()
    _START_SIZE = len(b"HTTP/1.1")
    _PREFIX = "illegal status line"

    def _can_start(self, buffer: ReceiveBuffer) -> bool:
        return RESPONSE_START.match(buffer.data, buffer.start) is not None

    def _build(self, data: bytes | bytearray, start: int, end: int) -> Event:
        if RESPONSE_HEAD.fullmatch(data, start, end) is None:
            raise head_error(bytes(data[start:end]), _STATUS_LINE, self._PREFIX)
        # Proven: HTTP-version SP status-code SP [ reason-phrase ] CRLF, fixed widths first.
        line_end = data.find(_CRLF, start)
        status_code = int(data[start + 9 : start + 12])
        return parsed_response(
            InformationalResponse if status_code < 200 else Response,
            status_code,
            bytes(data[start + 13 : line_end]),
            bytes(data[start + 5 : start + 8]),
            _fields(data, line_end + 2, end - 2),
        )


read_request = _RequestHeadReader()
"""The reader of a client's request head (stateless: shared by every connection)."""
read_response = _ResponseHeadReader()
"""The reader of a server's response head (stateless: shared by every connection)."""


class ContentLengthReader(Reader):
    """A body of Content-Length octets (RFC 9112 §6.3, item 6)."""

    __slots__ = ("_length", "_remaining")

    def __init__(self, length: int) -> None:
        self._length = self._remaining = length

    def __call__(self, buffer: ReceiveBuffer) -> Event | None:
        if self._remaining == 0:
            return EndOfMessage()
        data = buffer.take(self._remaining)
        if not data:
            return None
        self._remaining -= len(data)
        return Data(data)

    def read_eof(self) -> Event:
        raise LocalProtocolError(
            "peer closed connection without sending complete message body: received "
            f"{self._length - self._remaining} bytes, expected {self._length}"
        )


class ChunkedReader(Reader):
    """The chunked transfer coding (RFC 9112 §7.1): chunk-size lines, data handed out as it
    arrives (``chunk_start`` on a chunk's first Data, ``chunk_end`` on its last), the CRLF
    after each chunk's data checked, then the trailer section."""

    __slots__ = ("_crlf_due", "_in_trailer", "_remaining", "_starting")

    def __init__(self) -> None:
        self._remaining = 0  # data octets of the current chunk not yet handed out
        self._crlf_due = 0  # octets of the CRLF closing the current chunk not yet seen
        self._starting = False  # the next Data is the first of its chunk
        self._in_trailer = False

    def __call__(self, buffer: ReceiveBuffer) -> Event | None:
        if self._in_trailer or not self._ready_for_data(buffer):
            return _read_trailer(buffer) if self._in_trailer else None
        data = buffer.take(self._remaining)
        if not data:
            return None
        self._remaining -= len(data)
        starting, self._starting = self._starting, False
        ending = self._remaining == 0
        if ending:
            self._crlf_due = 2
        return Data(data, starting, ending)

    def _ready_for_data(self, buffer: ReceiveBuffer) -> bool:
        """Get past the CRLF closing the last chunk and the next chunk-size line, as far as
        the data allows; whether chunk-data comes next (False: more data needed, or the
        last-chunk was read and the trailer section comes next)."""
        if self._crlf_due and not self._close_chunk(buffer):
            return False
        if self._remaining:
            return True
        end = buffer.find_unit(_CRLF, "chunk-size line")
        if end < 0:
            return False
        size = self._chunk_size(buffer, end)
        buffer.advance(end)
        if size == 0:
            self._in_trailer = True
            return False
        self._remaining, self._starting = size, True
        return True

    def _close_chunk(self, buffer: ReceiveBuffer) -> bool:
        """Consume what has arrived of the CRLF after chunk-data; whether it is complete."""
        due = self._crlf_due
        if due == 2 and buffer.data.startswith(_CRLF, buffer.start):
            buffer.advance(buffer.start + 2)
            self._crlf_due = 0
            return True
        expected = _CRLF[2 - due :]
        got = bytes(buffer.data[buffer.start : buffer.start + due])
        if not expected.startswith(got):
            raise LocalProtocolError(
                f"chunk-data not followed by CRLF (RFC 9112 §7.1): got {got!r}",
                rule="chunk",
                section="RFC 9112 §7.1",
            )
        buffer.advance(buffer.start + len(got))
        self._crlf_due = due - len(got)
        return self._crlf_due == 0

    @staticmethod
    def _chunk_size(buffer: ReceiveBuffer, end: int) -> int:
        data, start = buffer.data, buffer.start
        if CHUNK_LINE.fullmatch(data, start, end) is None:
            raise chunk_line_error(bytes(data[start:end]))
        digits = CHUNK_SIZE.match(data, start)
        assert digits is not None  # the line is proven to start with chunk-size
        size = int(digits.group(), 16)
        if size > _MAX_CHUNK_SIZE:
            raise LocalProtocolError(
                f"chunk-size {bytes(digits.group())!r} is too large",
                rule="chunk-size",
                section="RFC 9112 §7.1",
            )
        return size

    def read_eof(self) -> Event:
        raise LocalProtocolError(
            "peer closed connection without sending complete message body: incomplete chunked read"
        )


def _read_trailer(buffer: ReceiveBuffer) -> Event | None:
    """The trailer section and the blank line ending a chunked body (RFC 9112 §7.1.2)."""
    data, start = buffer.data, buffer.start
    if data[start : start + 2] == _CRLF:
        buffer.advance(start + 2)
        return EndOfMessage()
    end = buffer.find_unit(_HEAD_END, "trailer section")
    if end < 0:
        return None
    if TRAILER_SECTION.fullmatch(data, start, end) is None:
        raise head_error(bytes(data[start:end]), None, "illegal header line")
    event = parsed_end_of_message(_fields(data, start, end - 2))
    buffer.advance(end)
    return event


class UntilCloseReader(Reader):
    """A response body delimited by the connection closing (RFC 9112 §6.3, item 8)."""

    __slots__ = ()

    def __call__(self, buffer: ReceiveBuffer) -> Event | None:
        data = buffer.take(len(buffer))
        return Data(data) if data else None

    def read_eof(self) -> Event:
        return EndOfMessage()


class ExpectNothing(Reader):
    """After a message, where the peer must send nothing more until the next cycle."""

    __slots__ = ()

    def __call__(self, buffer: ReceiveBuffer) -> Event | None:
        if buffer:
            raise LocalProtocolError("Got data when expecting EOF")
        return None


expect_nothing = ExpectNothing()
