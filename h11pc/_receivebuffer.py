"""The bytes received and not yet turned into events.

Strategy: the buffer is the last ``bytes`` object received, unchanged, while nothing else is
pending -- the common case, in which events are sliced straight out of what the caller
passed and a body read can hand that very object on without copying -- and becomes a
``bytearray`` only when data arrives while some is still unread. A read offset marks what
was consumed; consumed bytes are dropped when the next data arrives, so each byte is copied
a bounded number of times: O(n) overall however the input is split.

Units with a terminator (a head ends at the first blank line, a chunk-size line at CRLF) are
found with ``find``, resuming where the previous search for the same terminator stopped, so
a head fed one byte at a time costs O(n) too; a head's search looks for a newly arrived LF
first, so the reader can tell "a line ended" (time to check it) from "more of a line". A
unit longer than ``limit`` -- complete or not -- is refused with 431 (RFC 6585 §5), whether
it arrived in one piece or many.
"""

from __future__ import annotations

from h11pc._diagnose import error_at
from h11pc._errors import LocalProtocolError

__all__ = ["LINE_ENDED", "NOT_FOUND", "ReceiveBuffer"]

NOT_FOUND = -1
"""What a search answers when no unit end has arrived (nor, in a search of lines, a LF)."""
LINE_ENDED = -2
"""What a search of lines answers when no unit end has arrived, but a LF has."""

_BLANK_LINE_TERMINATORS = (b"\n\n", b"\n\r\n")


class ReceiveBuffer:
    """Received bytes, a read offset, and where the last terminator search stopped."""

    __slots__ = ("_scan_from", "_scan_term", "data", "limit", "searched", "start")

    def __init__(self, limit: int) -> None:
        self.data: bytes | bytearray = b""
        self.start = 0
        self.limit = limit
        self._scan_from = 0
        self._scan_term: object = b""
        self.searched = 0
        """How many unread bytes the last :meth:`find_unit` had already searched before."""

    def __len__(self) -> int:
        return len(self.data) - self.start

    def __bool__(self) -> bool:
        return len(self.data) > self.start

    def feed(self, chunk: bytes) -> None:
        """Append ``chunk`` (a ``bytes`` object: it may be kept as is)."""
        data, start = self.data, self.start
        if not start and type(data) is bytearray:
            data += chunk  # the usual way a head grows, piece by piece
            return
        if start == len(data):
            self.data, self.start, self._scan_from = chunk, 0, 0
            return
        if isinstance(data, bytes):
            # The unread tail of one received object: copied once, then appended to.
            self.data = data = bytearray(memoryview(data)[start:])
        elif start:
            # Dropping a bytearray's head moves its start pointer: no copy (CPython).
            del data[:start]
        self._scan_from -= start
        self.start = 0
        data += chunk

    def unread(self) -> bytes:
        """A copy of everything not consumed yet."""
        return bytes(self.data[self.start :])

    def advance(self, end: int) -> None:
        """Mark the bytes up to offset ``end`` of :attr:`data` consumed."""
        self.start = end
        if end == len(self.data):
            self.data, self.start, self._scan_from = b"", 0, 0

    def take(self, most: int) -> bytes:
        """Consume and return up to ``most`` unread bytes (possibly none)."""
        data, start = self.data, self.start
        end = start + most
        if start == 0 and end >= len(data) and type(data) is bytes:
            self.advance(len(data))
            return data
        piece = data[start:end] if type(data) is bytes else bytes(memoryview(data)[start:end])
        self.advance(min(end, len(data)))
        return piece

    def find_unit(self, terminator: bytes, what: str, lines: bool = False) -> int:
        """The offset just past the first ``terminator`` at or after :attr:`start`, or a
        negative number if none has arrived yet. Raises if the unit exceeds :attr:`limit`.

        With ``lines`` (a unit made of lines, whose terminator ends with LF) the negative
        answer tells :data:`NOT_FOUND` -- no LF arrived since the last search either --
        from :data:`LINE_ENDED`, and a receive without LF costs one search for LF alone."""
        # Written out rather than built from _resume/_unit_end: it runs once per receive.
        data, start = self.data, self.start
        fresh = self._scan_from
        if fresh <= start or self._scan_term != terminator:
            fresh = start
        self.searched = fresh - start
        # A search of lines looks for a new LF first: every terminator ends with one, so
        # without it nothing can have ended (and a receive costs one search, as ever).
        if lines and data.find(b"\n", fresh) < 0:
            found = -1
        else:
            # Back off by what could be the start of a terminator split across receives.
            found = data.find(terminator, max(start, fresh - len(terminator) + 1))
            if found < 0 and lines:
                self._unit_end(found, found, terminator, what)  # the miss, recorded
                return LINE_ENDED
        if found < 0:
            self._scan_term = terminator
            self._scan_from = size = len(data)
            if size - start > self.limit:
                raise self._too_long(what)
            return NOT_FOUND
        end = found + len(terminator)
        if end - start > self.limit:
            raise self._too_long(what)
        return end

    def find_blank_line(self, what: str) -> int:
        """Like :meth:`find_unit` for a unit that ends with an empty line, where a line may
        end with a bare LF (``LF LF`` or ``LF CRLF``): the ``BARE_LF`` leniency."""
        resume = self._resume(_BLANK_LINE_TERMINATORS, len(b"\n\r\n"))
        lf_lf = self.data.find(b"\n\n", resume)
        lf_crlf = self.data.find(b"\n\r\n", resume)
        if lf_crlf >= 0 and (lf_lf < 0 or lf_crlf < lf_lf):
            return self._unit_end(lf_crlf, lf_crlf + 3, _BLANK_LINE_TERMINATORS, what)
        return self._unit_end(lf_lf, lf_lf + 2, _BLANK_LINE_TERMINATORS, what)

    def _resume(self, terminator: object, length: int) -> int:
        """Where the search for ``terminator`` goes on: past what the last search for it
        saw, minus what could be the start of a terminator split across receives."""
        start = self.start
        fresh = start
        if self._scan_term == terminator:
            fresh = max(start, self._scan_from)
        self.searched = fresh - start
        return max(start, fresh - length + 1)

    def _unit_end(self, found: int, end: int, terminator: object, what: str) -> int:
        start = self.start
        if found < 0:
            self._scan_term, self._scan_from = terminator, len(self.data)
            if len(self.data) - start > self.limit:
                raise self._too_long(what)
            return NOT_FOUND
        if end - start > self.limit:
            raise self._too_long(what)
        return end

    def _too_long(self, what: str) -> LocalProtocolError:
        return error_at(
            "Receive buffer too long",
            self.limit,
            what,
            "RFC 6585 §5",
            f"a {what} exceeds max_incomplete_event_size={self.limit}",
            got=bytes(self.data[self.start : self.start + 40]),
            hint=431,
        )
