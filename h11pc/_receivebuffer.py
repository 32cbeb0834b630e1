"""The bytes received and not yet turned into events.

Strategy: the buffer is the last ``bytes`` object received, unchanged, while nothing else is
pending -- the common case, in which events are sliced straight out of what the caller
passed and a body read can hand that very object on without copying -- and becomes a
``bytearray`` only when data arrives while some is still unread. A read offset marks what
was consumed; consumed bytes are dropped when the next data arrives, so each byte is copied
a bounded number of times: O(n) overall however the input is split.

Units with a terminator (a head ends at the first blank line, a chunk-size line at CRLF) are
found with ``find``, resuming where the previous search for the same terminator stopped, so
a head fed one byte at a time costs O(n) too. A unit longer than ``limit`` -- complete or
not -- is refused with 431 (RFC 6585 §5), whether it arrived in one piece or many.
"""

from __future__ import annotations

from h11pc._errors import LocalProtocolError

__all__ = ["ReceiveBuffer"]


class ReceiveBuffer:
    """Received bytes, a read offset, and where the last terminator search stopped."""

    __slots__ = ("_scan_from", "_scan_term", "data", "limit", "searched", "start")

    def __init__(self, limit: int) -> None:
        self.data: bytes | bytearray = b""
        self.start = 0
        self.limit = limit
        self._scan_from = 0
        self._scan_term = b""
        self.searched = 0
        """How many unread bytes the last :meth:`find_unit` had already searched before."""

    def __len__(self) -> int:
        return len(self.data) - self.start

    def __bool__(self) -> bool:
        return len(self.data) > self.start

    def feed(self, chunk: bytes) -> None:
        """Append ``chunk`` (a ``bytes`` object: it may be kept as is)."""
        data, start = self.data, self.start
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

    def find_unit(self, terminator: bytes, what: str) -> int:
        """The offset just past the first ``terminator`` at or after :attr:`start`, or -1
        if none has arrived yet. Raises if the unit exceeds :attr:`limit`."""
        data, start = self.data, self.start
        resume = start
        if self._scan_term == terminator:
            resume = max(start, self._scan_from - len(terminator) + 1)
        self.searched = resume - start
        found = data.find(terminator, resume)
        if found < 0:
            self._scan_term, self._scan_from = terminator, len(data)
            if len(data) - start > self.limit:
                raise self._too_long(what)
            return -1
        end = found + len(terminator)
        if end - start > self.limit:
            raise self._too_long(what)
        return end

    def _too_long(self, what: str) -> LocalProtocolError:
        return LocalProtocolError(
            f"Receive buffer too long: {what} exceeds max_incomplete_event_size={self.limit}",
            431,
        )
