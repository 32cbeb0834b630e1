"""The bytes received and not yet turned into events.

Strategy: the buffer is the last ``bytes`` object received, unchanged, while nothing else is
pending -- the common case, in which units are sliced straight out of what the caller
passed and a body read can hand that very object on without copying -- and becomes a
``bytearray`` only when data arrives while some is still unread. A read offset marks what
was consumed; consumed bytes are dropped when the next data arrives, so each byte is copied
a bounded number of times: O(n) overall however the input is split.

Readers see none of that: they ask for whole units, handed out as ``bytes`` -- a unit up to
its terminator (a head up to its blank line, a chunk-size line up to its CRLF), a
length-prefixed unit (a chunk: its line, the octets it announces, its CRLF), or at most n
octets of a body -- and every offset they are given is counted from the read offset.

Units with a terminator are found with ``find``, resuming where the previous search for the
same terminator stopped, so a head fed one byte at a time costs O(n) too; a search of lines
looks for a newly arrived LF first, so the reader can tell "a line ended" (time to check
it) from "more of a line"; and a reader of lines need not search at all while
:attr:`ReceiveBuffer.search_due` is False: :meth:`ReceiveBuffer.feed`, appending to an
unfinished unit, saw no LF arrive (a head fed in pieces, most times). A unit longer than
``limit`` -- complete or not -- is refused with 431 (RFC 6585 §5), whether it arrived in
one piece or many.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from h11pc._diagnose import error_at, find_bare_lf
from h11pc._errors import LocalProtocolError

__all__ = ["LINE_ENDED", "NOTHING_UNREAD", "NOT_FOUND", "ReceiveBuffer"]

NOT_FOUND: Final = -1
"""What a search answers when no unit end has arrived (nor, in a search of lines, a LF)."""
LINE_ENDED: Final = -2
"""What a search of lines answers when no unit end has arrived, but a LF has."""
NOTHING_UNREAD: Final = -3
"""What a search answers when there is nothing to search: every octet has been consumed
(a reader's usual wait, between messages)."""

_BLANK_LINE_TERMINATORS: Final = (b"\n\n", b"\n\r\n")
_LF_OCTET: Final = b"\n"[0]


class ReceiveBuffer:
    """Received bytes, a read offset, and where the last terminator search stopped."""

    __slots__ = (
        "_consumed",
        "_data",
        "_scan_from",
        "_scan_term",
        "_start",
        "limit",
        "search_due",
        "searched",
    )

    def __init__(self, limit: int) -> None:
        self._data: bytes | bytearray = b""
        self._start = 0
        self._consumed = 0
        self.limit = limit
        """The most octets a unit with a terminator may take: max_incomplete_event_size."""
        self._scan_from = 0
        self._scan_term: object = b""
        self.search_due = True
        """Whether a search could find a unit end the last search did not: since it stopped,
        a LF arrived, or data arrived other than appended to its unit, or the unit outgrew
        :attr:`limit`. While False, a search of lines would find nothing new, and a reader
        of lines whose start is judged waits without searching. (Set by :meth:`feed`,
        cleared by a search that finds nothing; the readers only read it. Every terminator
        ends with LF: no unit can have been completed, and consumed, while it is False.)"""
        self.searched = 0
        """How many unread octets the last search had already searched before it (set by
        the searches; the readers only read it)."""

    def __len__(self) -> int:
        return len(self._data) - self._start

    def __bool__(self) -> bool:
        return len(self._data) > self._start

    @property
    def consumed(self) -> int:
        """How many octets have been consumed since the buffer was made."""
        return self._consumed + self._start

    def feed(self, chunk: bytes) -> None:
        """Append ``chunk`` (a ``bytes`` object: it may be kept as is)."""
        data, start = self._data, self._start
        if not start and type(data) is bytearray:
            data += chunk  # the usual way a head grows, piece by piece
            # Looked for here, where an unfinished unit grows: a membership test of the new
            # octets costs less than a search of the data's tail (CPython's find parses its
            # arguments), and a search of lines that sees none need not search at all --
            # unless the unit has outgrown the limit, which the search refuses.
            if _LF_OCTET in chunk or len(data) > self.limit:
                self.search_due = True
            return
        self.search_due = True  # not looked for: the next search looks
        self._consumed += start
        if start == len(data):
            self._data, self._start, self._scan_from = chunk, 0, 0
            return
        if isinstance(data, bytes):
            # The unread tail of one received object: copied once, then appended to.
            self._data = data = bytearray(memoryview(data)[start:])
        else:
            # Dropping a bytearray's head moves its start pointer: no copy (CPython).
            del data[:start]
        self._scan_from -= start
        self._start = 0
        data += chunk

    # -- looking ----------------------------------------------------------------------------

    def unread(self) -> bytes:
        """A copy of everything not consumed yet."""
        return bytes(self._data[self._start :])

    def peek(self, size: int) -> bytes:
        """The first ``size`` unread octets (fewer if fewer have arrived), not consumed."""
        start = self._start
        return bytes(self._data[start : start + size])

    def startswith(self, prefix: bytes, at: int = 0) -> bool:
        """Whether the unread octets hold ``prefix`` at offset ``at``."""
        return self._data.startswith(prefix, self._start + at)

    def find_bare_lf(self) -> int:
        """The offset of the first LF not preceded by CR among the octets the last search
        saw for the first time, or -1."""
        start = self._start
        found = find_bare_lf(self._data, start, start + self.searched)
        return found - start if found >= 0 else found

    # -- taking -----------------------------------------------------------------------------

    def skip(self, count: int) -> None:
        """Consume ``count`` octets."""
        self._advance(self._start + count)

    def take(self, most: int) -> bytes:
        """Consume and return up to ``most`` unread octets (possibly none)."""
        data, start = self._data, self._start
        size = len(data)
        end = start + most
        if end < size:  # a part of what is unread
            self._start = end
            return data[start:end] if type(data) is bytes else bytes(memoryview(data)[start:end])
        if start == size:
            return b""
        # All that is unread: the received object itself when it is all unread bytes.
        if start == 0 and type(data) is bytes:
            piece = data
        else:
            piece = data[start:] if type(data) is bytes else bytes(memoryview(data)[start:])
        self._advance(size)
        return piece

    def take_prefixed(
        self, line: re.Pattern[bytes], length: Callable[[bytes | bytearray], int], end: bytes
    ) -> bytes | None:
        """A unit that arrived whole: a line that ``line`` matches (within :attr:`limit`),
        then as many octets as ``length`` reads from that line (it declines with -1), then
        ``end``; consumed, its middle octets handed out. None, and nothing consumed, if any
        of it is missing."""
        data, start = self._data, self._start
        found = line.match(data, start)
        if found is None:
            return None
        body = found.end()
        size = length(data[start:body])
        if size < 0 or body - start > self.limit or not data.startswith(end, body + size):
            return None
        piece = data[body : body + size]
        self._advance(body + size + len(end))
        return piece if type(piece) is bytes else bytes(piece)

    def _advance(self, end: int) -> None:
        """Mark the octets up to offset ``end`` of the data consumed."""
        if end == len(self._data):
            self._consumed += end
            self._data, self._start, self._scan_from = b"", 0, 0
        else:
            self._start = end

    # -- finding units ----------------------------------------------------------------------

    def find_unit(self, terminator: bytes, what: str, lines: bool = False) -> int:
        """The length of the unit up to and including the first ``terminator``, or a
        negative number if none has arrived yet. Raises if the unit exceeds :attr:`limit`.

        With ``lines`` (a unit made of lines, whose terminator ends with LF) the negative
        answer tells :data:`NOT_FOUND` -- no LF arrived since the last search either --
        from :data:`LINE_ENDED`; a unit that arrived whole costs one search, and a receive
        without LF none (see :attr:`search_due`)."""
        # Written out rather than built from _resume/_unit_end: it runs once per receive.
        data, start = self._data, self._start
        fresh = self._scan_from
        # Resumed: the last search, for this terminator, stopped inside the unread octets.
        resumed = fresh > start and self._scan_term == terminator
        if resumed:
            self.searched = fresh - start
            if lines and not self.search_due:
                # Every terminator of lines ends with LF, and feed saw none arrive (nor the
                # unit outgrow the limit): nothing can have ended, and nothing is searched.
                self._scan_from = len(data)
                return NOT_FOUND
        else:
            self.searched = 0
            if start == len(data):  # (a resumed search has unread octets: no need to ask)
                return NOTHING_UNREAD
            fresh = start
        # Back off by what could be the start of a terminator split across receives (not
        # before the unread octets: a comparison, as max() parses its arguments).
        at = fresh - len(terminator) + 1
        found = data.find(terminator, at if at > start else start)
        # Missed: whether a line ended among the new octets, looked for only now (a unit
        # that arrived whole, the usual head, costs one search).
        if found < 0 and lines and data.find(b"\n", fresh) >= 0:
            self._unit_end(found, found, terminator, what)  # the miss, recorded
            return LINE_ENDED
        if found < 0:
            self._scan_term = terminator
            self._scan_from = size = len(data)
            self.search_due = False
            if size - start > self.limit:
                raise self._too_long(what)
            return NOT_FOUND
        end = found + len(terminator) - start
        if end > self.limit:
            raise self._too_long(what)
        return end

    def find_blank_line(self, what: str) -> int:
        """Like :meth:`find_unit` for a unit that ends with an empty line, where a line may
        end with a bare LF (``LF LF`` or ``LF CRLF``): the ``BARE_LF`` leniency."""
        resume = self._resume(_BLANK_LINE_TERMINATORS, len(b"\n\r\n"))
        lf_lf = self._data.find(b"\n\n", resume)
        lf_crlf = self._data.find(b"\n\r\n", resume)
        if lf_crlf >= 0 and (lf_lf < 0 or lf_crlf < lf_lf):
            return self._unit_end(lf_crlf, lf_crlf + 3, _BLANK_LINE_TERMINATORS, what)
        return self._unit_end(lf_lf, lf_lf + 2, _BLANK_LINE_TERMINATORS, what)

    def _resume(self, terminator: object, length: int) -> int:
        """Where the search for ``terminator`` goes on: past what the last search for it
        saw, minus what could be the start of a terminator split across receives."""
        start = self._start
        fresh = start
        if self._scan_term == terminator:
            fresh = max(start, self._scan_from)
        self.searched = fresh - start
        return max(start, fresh - length + 1)

    def _unit_end(self, found: int, end: int, terminator: object, what: str) -> int:
        """The length of a unit ending at offset ``end`` of the data, found at ``found``
        (negative: not found, recorded so the next search resumes)."""
        start = self._start
        if found < 0:
            self._scan_term, self._scan_from = terminator, len(self._data)
            self.search_due = False
            if len(self._data) - start > self.limit:
                raise self._too_long(what)
            return NOT_FOUND
        if end - start > self.limit:
            raise self._too_long(what)
        return end - start

    def _too_long(self, what: str) -> LocalProtocolError:
        return error_at(
            "Receive buffer too long",
            self.limit,
            what,
            "RFC 6585 §5",
            f"a {what} exceeds max_incomplete_event_size={self.limit}",
            got=self.peek(40),
            hint=431,
        )
