"""Readers: they turn the receive buffer into events, one unit at a time.

A reader's ``read`` has exactly four outcomes: it returns an event (consuming its bytes),
raises LocalProtocolError (the connection makes it the peer's fault), returns None -- "need
more data" -- consuming nothing it cannot account for, or returns PAUSED: the peer's next
bytes are not for it (a new cycle, or another protocol), and the connection pauses.
``read_eof`` says what a clean end of input means where the reader stands. (A method, not
``__call__``: the connection calls it once per event, and a method call is the cheaper one,
interpreted or compiled.)

Strategy: heads are read by :mod:`h11pc._heads`; this module has the base class and the
body readers. Bodies are handed out as soon as bytes arrive, never buffered whole:
Content-Length counts down (RFC 9112 §6.3), chunked reads chunk-size lines with the
grammar's ``chunk-size [ chunk-ext ] CRLF`` -- a line without extensions, the usual one,
with the plainer ``chunk-size CRLF``, and a chunk that has arrived whole (that line, its
data and the CRLF after it) in one step -- and trailers with the field-line pattern (RFC
9112 §7.1), and a response without framing runs until the connection closes (§6.3, item
8). A chunk's extensions ride on its first Data, outside its equality (``Data.chunk_ext``);
trailer fields RFC 9110 §6.5.1 keeps out of trailers are dropped. An error in a body gives
its offset within the body.
"""

from __future__ import annotations

from typing import Final

from h11pc._diagnose import (
    bare_lf_error,
    chunk_line_error,
    error_at,
    fold_error,
    head_error,
)
from h11pc._events import (
    Data,
    EndOfMessage,
    Event,
    parsed_data,
    parsed_end_of_message,
)
from h11pc._fields import FORBIDDEN_TRAILERS, cut_fields, first_fold
from h11pc._headers import Fields, Headers
from h11pc._kinds import CONNECTION_CLOSED
from h11pc._leniency import STRICT, Leniency
from h11pc._patterns import (
    CHUNK_LINE,
    CHUNK_SIZE,
    CHUNK_SIZE_LINE,
    TRAILER_SECTION,
    TRAILER_SECTION_STRICT,
    WHITESPACE,
)
from h11pc._receivebuffer import ReceiveBuffer
from h11pc._util import MAX_LENGTH, Sentinel

__all__ = [
    "PAUSED",
    "AwaitNextCycle",
    "ChunkedReader",
    "ContentLengthReader",
    "ExpectNothing",
    "PauseReading",
    "Reader",
    "UntilCloseReader",
    "await_next_cycle",
    "expect_nothing",
    "pause_reading",
]

_HEAD_END: Final = b"\r\n\r\n"
_CRLF: Final = b"\r\n"
_END: Final = EndOfMessage()  # immutable: one serves every body that ends without trailers
_INCOMPLETE: Final = "peer closed connection without sending complete message body"


class PAUSED(Sentinel, metaclass=Sentinel):
    """next_event waits for start_next_cycle."""


class Reader:
    """Base of the readers: ``reader.read(buffer)`` is an event, None or PAUSED;
    ``read_eof(buffer)`` is the event a clean end of input gives here (a closed connection,
    by default)."""

    __slots__ = ()

    def read(self, buffer: ReceiveBuffer) -> Event | type[PAUSED] | None:
        raise NotImplementedError

    def read_eof(self, buffer: ReceiveBuffer) -> Event:
        return CONNECTION_CLOSED()


class ContentLengthReader(Reader):
    """A body of Content-Length octets (RFC 9112 §6.3, item 6)."""

    __slots__ = ("_length", "_remaining")

    def __init__(self, length: int) -> None:
        self._length = self._remaining = length

    def read(self, buffer: ReceiveBuffer) -> Event | None:
        if self._remaining == 0:
            return _END
        data = buffer.take(self._remaining)
        if not data:
            return None
        self._remaining -= len(data)
        return parsed_data(data)

    def read_eof(self, buffer: ReceiveBuffer) -> Event:
        received = self._length - self._remaining
        raise error_at(
            _INCOMPLETE,
            received,
            "message-body",
            "RFC 9112 §8",
            f"received {received} bytes, expected {self._length}",
        )


def _whole_chunk_size(line: bytes | bytearray) -> int:
    """The size a proven ``chunk-size CRLF`` line states, if its chunk can be read at once:
    not the last-chunk, and not over the bound (-1 declines: the step-by-step way says why)."""
    size = int(line[:-2], 16)
    return size if 0 < size <= MAX_LENGTH else -1


class ChunkedReader(Reader):
    """The chunked transfer coding (RFC 9112 §7.1): chunk-size lines, data handed out as it
    arrives (``chunk_start`` and the chunk's extensions on a chunk's first Data,
    ``chunk_end`` on its last), the CRLF after each chunk's data checked, then the trailer
    section. ``folds``: whether the trailer section may hold obs-fold (RFC 9112 §5.2);
    ``start``: the buffer's :attr:`~ReceiveBuffer.consumed` where the body begins, from
    which errors count their offsets."""

    __slots__ = (
        "_crlf_due",
        "_ext",
        "_folds",
        "_in_trailer",
        "_leniency",
        "_remaining",
        "_start",
        "_starting",
    )

    def __init__(self, leniency: Leniency = STRICT, folds: bool = True, start: int = 0) -> None:
        self._leniency = leniency
        self._folds = folds
        self._start = start
        self._remaining = 0  # data octets of the current chunk not yet handed out
        self._crlf_due = 0  # octets of the CRLF closing the current chunk not yet seen
        self._starting = False  # the next Data is the first of its chunk
        self._ext = b""  # the current chunk's chunk-ext, for its first Data
        self._in_trailer = False

    def read(self, buffer: ReceiveBuffer) -> Event | None:
        if self._in_trailer:
            return self._read_trailer(buffer)
        if not self._remaining:
            if self._crlf_due and not self._close_chunk(buffer):
                return None
            chunk = buffer.take_prefixed(CHUNK_SIZE_LINE, _whole_chunk_size, _CRLF)
            if chunk is not None:
                return parsed_data(chunk, True, True)
            if not self._next_chunk(buffer):
                return self._read_trailer(buffer) if self._trailer_begun() else None
        return self._chunk_data(buffer)

    def _trailer_begun(self) -> bool:
        # Whether the last chunk has begun the trailer section. A method, not the attribute:
        # mypy narrows ``self._in_trailer`` to False after the test that opens read, and
        # mypyc compiles to that type, however _next_chunk changed the attribute since.
        return self._in_trailer

    def _chunk_data(self, buffer: ReceiveBuffer) -> Data | None:
        """As much of the current chunk's data as has arrived."""
        data = buffer.take(self._remaining)
        if not data:
            return None
        self._remaining -= len(data)
        ending = self._remaining == 0
        if ending:
            self._crlf_due = 2
        starting = self._starting
        extensions = b""  # only a chunk's first Data carries them
        if starting:
            self._starting = False
            extensions, self._ext = self._ext, b""
        return parsed_data(data, starting, ending, extensions)

    def _next_chunk(self, buffer: ReceiveBuffer) -> bool:
        """Read the next chunk-size line as far as the data allows; whether chunk-data
        comes next (False: more data needed, or the last-chunk was read and the trailer
        section comes next)."""
        end = buffer.find_unit(_CRLF, "chunk-size line")
        if end < 0:
            return False
        at = self._position(buffer)
        size = self._chunk_line(buffer.take(end), at)
        if size == 0:
            self._in_trailer = True
            return False
        self._remaining, self._starting = size, True
        return True

    def _close_chunk(self, buffer: ReceiveBuffer) -> bool:
        """Consume what has arrived of the CRLF after chunk-data; whether it is complete."""
        due = self._crlf_due
        if due == 2 and buffer.startswith(_CRLF):
            buffer.skip(2)
            self._crlf_due = 0
            return True
        got = buffer.peek(due)
        if not _CRLF[2 - due :].startswith(got):
            raise error_at(
                "chunk-data not followed by CRLF",
                self._position(buffer),
                "chunk",
                "RFC 9112 §7.1",
                "a chunk's data is exactly chunk-size octets, then CRLF",
                got=got,
            )
        buffer.skip(len(got))
        self._crlf_due = due - len(got)
        return self._crlf_due == 0

    def _chunk_line(self, line: bytes, at: int) -> int:
        """The size the chunk-size ``line`` (at body offset ``at``) states; its extensions
        are kept for the chunk's first Data."""
        if CHUNK_SIZE_LINE.fullmatch(line) is not None:
            size = int(line[:-2], 16)
        else:
            size = self._extended_line(line, at)
        if size > MAX_LENGTH:
            raise error_at(
                "chunk-size too large",
                at,
                "chunk-size",
                "RFC 9112 §7.1",
                f"more than {MAX_LENGTH} octets",
                got=line,
            )
        return size

    def _extended_line(self, line: bytes, at: int) -> int:
        """The size a chunk-size line with extensions (or one a leniency mends) states;
        the extensions are kept for the chunk's first Data."""
        if CHUNK_LINE.fullmatch(line) is None:
            line = self._mended(line, at)
        digits = CHUNK_SIZE.match(line)
        assert digits is not None  # the line is proven to start with chunk-size
        self._ext = line[digits.end() : -2]
        return int(digits.group(), 16)

    def _mended(self, line: bytes, at: int) -> bytes:
        """A chunk-size line the grammar refused, as CHUNK_SIZE_WHITESPACE mends it (SP and
        HTAB before the CRLF dropped), or the error saying what failed."""
        if Leniency.CHUNK_SIZE_WHITESPACE in self._leniency:
            mended = line[:-2].rstrip(WHITESPACE) + _CRLF
            if CHUNK_LINE.fullmatch(mended) is not None:
                return mended
        raise chunk_line_error(line, at)

    def _read_trailer(self, buffer: ReceiveBuffer) -> Event | None:
        """The trailer section and the blank line ending the body (RFC 9112 §7.1.2)."""
        if buffer.startswith(_CRLF):
            buffer.skip(2)
            return _END
        end = buffer.find_unit(_HEAD_END, "trailer section")
        if end < 0:
            if (bare := buffer.find_bare_lf()) >= 0:
                raise bare_lf_error("illegal header line", buffer.peek(bare + 1), 0, bare)
            return None
        unit = buffer.take(end)
        pattern = TRAILER_SECTION if self._folds else TRAILER_SECTION_STRICT
        if pattern.fullmatch(unit) is None:
            if TRAILER_SECTION.fullmatch(unit) is not None:
                raise fold_error(unit, first_fold(unit))
            raise head_error(unit, None, "illegal header line")
        return parsed_end_of_message(Headers.from_wire(*_allowed_trailers(cut_fields(unit[:-2]))))

    def _position(self, buffer: ReceiveBuffer) -> int:
        """The body offset reading stands at."""
        return buffer.consumed - self._start

    def read_eof(self, buffer: ReceiveBuffer) -> Event:
        raise error_at(
            _INCOMPLETE,
            self._position(buffer),
            "chunked-body",
            "RFC 9112 §8",
            "incomplete chunked read",
        )


def _allowed_trailers(fields: Fields) -> Fields:
    """``fields`` without those RFC 9110 §6.5.1 keeps out of trailers (RFC 9112 §7.1.2 lets
    a recipient discard trailer fields)."""
    names, lowered, values = fields
    if not any(name in FORBIDDEN_TRAILERS for name in lowered):
        return fields
    allowed = [at for at, name in enumerate(lowered) if name not in FORBIDDEN_TRAILERS]
    return (
        [names[at] for at in allowed],
        [lowered[at] for at in allowed],
        [values[at] for at in allowed],
    )


class UntilCloseReader(Reader):
    """A response body delimited by the connection closing (RFC 9112 §6.3, item 8)."""

    __slots__ = ()

    def read(self, buffer: ReceiveBuffer) -> Event | None:
        data = buffer.take(len(buffer))
        return parsed_data(data) if data else None

    def read_eof(self, buffer: ReceiveBuffer) -> Event:
        return _END


class ExpectNothing(Reader):
    """After a message, where the peer must send nothing more until the next cycle."""

    __slots__ = ()

    def read(self, buffer: ReceiveBuffer) -> Event | None:
        if buffer:
            raise error_at(
                "Got data when expecting EOF",
                0,
                "HTTP-message",
                "RFC 9112 §9.6",
                "nothing may follow the last message on a connection that closes",
                got=buffer.unread(),
            )
        return None


expect_nothing: Final = ExpectNothing()


class AwaitNextCycle(Reader):
    """After a message on a connection that persists: what arrives next begins the next
    cycle, and reading pauses on it until the connection starts that cycle."""

    __slots__ = ()

    def read(self, buffer: ReceiveBuffer) -> type[PAUSED] | None:
        return PAUSED if buffer else None


await_next_cycle: Final = AwaitNextCycle()


class PauseReading(Reader):
    """While a protocol switch is proposed or made: whatever arrives is not HTTP/1.1 for
    h11pc to read (the application takes it from ``trailing_data``), so reading pauses,
    whether or not anything arrived."""

    __slots__ = ()

    def read(self, buffer: ReceiveBuffer) -> type[PAUSED]:
        return PAUSED


pause_reading: Final = PauseReading()
