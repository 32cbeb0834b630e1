"""Head readers: a request or response head from the receive buffer, or why it is not one.

Strategy: a head is found with ``find`` (the first CRLF CRLF). Its start-line is matched by
the grammar's pattern of it, and its fields are proven and cut in one call: a split by the
grammar's ``CRLF field-line`` pattern with name and value captured leaves nothing before
or between the matches, and the last CRLF after them, exactly when the lines after the
start-line are ``*( CRLF field-line ) CRLF`` (:func:`h11pc._fields.split_fields`). Only
the framing fields, when present, are judged further
(:func:`h11pc._framing.check_received`); nothing else runs on the common path. A
head that way declines -- obs-fold, or anything the grammar refuses -- is matched whole by
ONE pattern (``start-line CRLF *( field-line CRLF ) CRLF``) and cut at its known separators;
when that refuses it too, :meth:`_HeadReader._recover` applies the leniencies the
connection opted into (:mod:`h11pc._leniency`) to a copy and matches again, or has
:mod:`h11pc._diagnose` say what failed, where. The two ways decide alike
(``tests/h11pc/test_fast_paths.py``). While a head is incomplete, input that can never
become one -- not an HTTP start, a bare LF -- is refused at once rather than buffered up to
the size limit.
"""

from __future__ import annotations

import re
from typing import Final

from grammar.rfc9112 import status_line
from h11pc._diagnose import (
    FieldError,
    StartLine,
    bare_lf_error,
    error_at,
    field_line_error,
    fold_error,
    head_error,
    locate,
    logical_lines,
)
from h11pc._errors import LocalProtocolError
from h11pc._events import (
    Event,
    Request,
    _ResponseBase,
    parsed_request,
    parsed_response,
)
from h11pc._fields import cut_fields, first_fold, split_fields
from h11pc._framing import check_received
from h11pc._headers import Fields, Headers
from h11pc._kinds import INFORMATIONAL_RESPONSE, RESPONSE
from h11pc._leniency import STRICT, Leniency
from h11pc._patterns import (
    FIELD_LINE,
    REQUEST_FIRST_OCTET,
    REQUEST_HEAD,
    REQUEST_HEAD_FOLDED,
    REQUEST_LINE,
    REQUEST_TARGET,
    RESPONSE_FIRST_OCTETS,
    RESPONSE_HEAD,
    RESPONSE_START,
    STATUS_LINE,
    VERSION_NUMBER,
    request_line_received,
)
from h11pc._readers import Reader
from h11pc._receivebuffer import NOT_FOUND, NOTHING_UNREAD, ReceiveBuffer

__all__ = ["head_readers", "read_request", "read_response"]

_HEAD_END: Final = b"\r\n\r\n"
_CRLF: Final = b"\r\n"
_TRANSFER_ENCODING: Final = b"transfer-encoding"
_FRAMING: Final = (b"content-length", _TRANSFER_ENCODING)
_MAJOR_1: Final = ord("1")
"""HTTP/1's major version, as the version's first octet (one DIGIT, RFC 9112 §2.3)."""
_H2_PREFACE_HEAD: Final = b"PRI * HTTP/2.0\r\n\r\n"
"""How the HTTP/2 connection preface begins (RFC 9113 §3.4): to HTTP/1.1 a request without
fields, delivered as one (method ``PRI``, version ``2.0``), as h11 does, so that a server
can tell a client that speaks HTTP/2 with prior knowledge (RFC 9113 §3.3) and switch."""


class _HeadReader(Reader):
    """Reads a message head; subclasses say which kind and build its event."""

    __slots__ = ("_bare_lf", "_leniency", "_skips_empty_lines", "_start_size")

    _START_SIZE: int
    """How many octets show whether a head of this kind can begin here; fewer are judged
    as far as they go (:meth:`_can_start`)."""
    _WHAT: str
    """How h11 begins the message of an error in this kind of head."""
    _START: StartLine
    _PATTERN: re.Pattern[bytes]
    """The whole head: ``start-line CRLF *( field-line CRLF ) CRLF``, for ``fullmatch``."""
    _LINE: re.Pattern[bytes]
    """The start-line and its CRLF, for ``match``."""

    def __init__(self, leniency: Leniency = STRICT) -> None:
        self._leniency = leniency
        self._bare_lf = Leniency.BARE_LF in leniency
        self._start_size = self._START_SIZE
        self._skips_empty_lines = False

    def read(self, buffer: ReceiveBuffer) -> Event | None:
        if not buffer.search_due and buffer.searched >= self._start_size:
            return None  # only more octets of a line since the last search: nothing to judge
        if self._skips_empty_lines:
            self._skip_empty_lines(buffer)
        try:
            if self._bare_lf:
                end = buffer.find_blank_line("message head")
            else:
                end = buffer.find_unit(_HEAD_END, "message head", True)
        except LocalProtocolError as error:
            raise self._too_long(buffer, error) from None
        if end < 0:
            if end == NOTHING_UNREAD or (end == NOT_FOUND and buffer.searched >= self._start_size):
                return None  # nothing, or only more octets of a line: nothing new to judge
            return self._incomplete(buffer)
        head = buffer.take(end)
        event = self._quick(head)
        if event is None:
            if self._PATTERN.fullmatch(head) is not None:
                event = self._located(head)
            else:
                event = self._recover(head)
        return event

    def _quick(self, head: bytes) -> Event | None:
        """The event of ``head`` if its start-line and its fields (without obs-fold) are
        proven the short way, :func:`split_fields`; else None, and the whole-head pattern
        judges it."""
        line = self._LINE.match(head)
        if line is None:
            return None
        # The field lines with the CRLF before each, from the start-line's, and the CRLF
        # after the last.
        fields = split_fields(head[line.end() - 2 : -2])
        if fields is None:
            return None
        return self._located(head, line, fields)

    def _incomplete(self, buffer: ReceiveBuffer) -> Event | None:
        """No complete head yet, some of it unread: refuse input that cannot begin or
        continue one."""
        # Checked until START_SIZE octets have been searched: once or twice per head.
        if buffer.searched < self._start_size and not self._can_start(
            buffer.peek(self._start_size)
        ):
            # Refuse at once input that cannot begin a head (a TLS handshake, say) rather
            # than wait for a blank line that never comes.
            raise error_at(
                self._WHAT,
                0,
                self._START[1],
                self._START[2],
                "this cannot begin one",
                got=buffer.peek(16),
            )
        if not self._bare_lf and (bare := buffer.find_bare_lf()) >= 0:
            # RFC 9112 §2.2: a strict head has no LF but in CRLF; refuse now, not at the limit.
            raise bare_lf_error(self._WHAT, buffer.peek(bare + 1), 0, bare)
        return None

    def _skip_empty_lines(self, buffer: ReceiveBuffer) -> None:
        """Consume empty lines before a head (requests only, when the leniency says so)."""
        raise NotImplementedError

    def _too_long(self, buffer: ReceiveBuffer, error: LocalProtocolError) -> LocalProtocolError:
        return error

    def _can_start(self, first: bytes) -> bool:
        """Whether a head can begin with ``first`` (its first START_SIZE octets, or fewer:
        as far as they show)."""
        raise NotImplementedError

    def _recover(self, unit: bytes) -> Event:
        """The event of ``unit``, a head the strict pattern refused, as the leniencies
        opted into mend it; or the error saying what failed."""
        leniency = self._leniency
        if Leniency.BARE_LF in leniency:
            # RFC 9112 §2.2: each LF ends a line, a CR before it is ignored.
            unit = unit.replace(_CRLF, b"\n").replace(b"\n", _CRLF)
        unit = self._mend_start_line(unit)
        if Leniency.INVALID_FIELD_LINES in leniency:
            unit = self._drop_invalid_lines(unit)
        if self._pattern_with_folds().fullmatch(unit) is None:
            raise head_error(unit, self._START, self._WHAT)
        if self._PATTERN.fullmatch(unit) is None and not self._folds_allowed():
            raise fold_error(unit, first_fold(unit))
        line = self._LINE.match(unit)
        assert line is not None  # the whole head matched, its start-line with it
        return self._located(unit, line)

    def _mend_start_line(self, unit: bytes) -> bytes:
        return unit

    def _pattern_with_folds(self) -> re.Pattern[bytes]:
        return self._PATTERN

    def _folds_allowed(self) -> bool:
        return True

    def _drop_invalid_lines(self, unit: bytes) -> bytes:
        """``unit`` without its field lines that are not field-lines (INVALID_FIELD_LINES);
        one that names a framing field still fails, as guessing framing invites smuggling."""
        lines = unit.split(_CRLF)[:-2]
        first = lines.pop(0)
        kept = [first]
        for at, line in logical_lines(lines, len(first) + 2):
            if FIELD_LINE.fullmatch(line) is not None:
                kept.append(line)
            # Any ASCII whitespace around the name, not only OWS: a peer that strips it
            # would read the framing field this line hides.
            elif line.partition(b":")[0].strip().lower() in _FRAMING:
                raise field_line_error(unit, line, at)
        return _CRLF.join([*kept, b"", b""])

    def _located(
        self, head: bytes, line: re.Match[bytes] | None = None, fields: Fields | None = None
    ) -> Event:
        """The event of the proven ``head`` (``line``: its start-line's match, ``fields``: its
        fields, if already had); a field that breaks a rule of its meaning is reported at its
        line."""
        if line is None:
            line = self._LINE.match(head)
            assert line is not None  # the whole head matched, its start-line with it
        if fields is None:
            fields = cut_fields(head[line.end() : -2])
        names, lowered, values = fields  # (a call with *fields: a generic call, compiled)
        try:
            event = self._build(line, Headers.from_wire(names, lowered, values))
            # Content-Length alone was checked as the headers were built.
            headers = event.headers
            if headers.transfer_encoding is not None:
                check_received(event, self._leniency)
        except FieldError as error:
            raise locate(error, head) from None
        return event

    def _build(self, line: re.Match[bytes], headers: Headers) -> Request | _ResponseBase:
        """The event of a head whose start-line is ``line``, its fields ``headers``."""
        raise NotImplementedError


class _RequestHeadReader(_HeadReader):
    __slots__ = ()
    _START_SIZE = 1
    _WHAT = "illegal request line"
    _START = (request_line_received, "request-line", "RFC 9112 §3")
    _PATTERN = REQUEST_HEAD
    _LINE = REQUEST_LINE

    def __init__(self, leniency: Leniency = STRICT) -> None:
        super().__init__(leniency)
        if Leniency.EMPTY_LINES_BEFORE_REQUEST in leniency:
            # A CR first may begin an empty line to skip: judge the start on two octets.
            self._start_size = 2
            self._skips_empty_lines = True

    def _can_start(self, first: bytes) -> bool:
        if len(first) < self._start_size:
            return True  # a CR may begin an empty line to skip (EMPTY_LINES_BEFORE_REQUEST)
        return REQUEST_FIRST_OCTET.match(first) is not None

    def _skip_empty_lines(self, buffer: ReceiveBuffer) -> None:
        # RFC 9112 §2.2: a server SHOULD ignore at least one empty line (CRLF) received
        # before the request-line -- h11 refuses them, so h11pc does unless told to.
        while True:
            if buffer.startswith(_CRLF):
                buffer.skip(2)
            elif self._bare_lf and buffer.startswith(b"\n"):
                buffer.skip(1)
            else:
                return

    def _too_long(self, buffer: ReceiveBuffer, error: LocalProtocolError) -> LocalProtocolError:
        """A head over the limit is a 431 (RFC 6585 §5), unless the request-target is what
        crossed it: RFC 9112 §3 answers a target longer than the server will parse with
        414. Judged on the first ``limit + 1`` octets, all that has surely arrived when the
        limit is found exceeded, so the answer does not depend on how the input was split."""
        window = buffer.peek(buffer.limit + 1)
        target_start = window.find(b" ") + 1
        if not target_start:
            return error  # the method itself crossed the limit
        target = REQUEST_TARGET.match(window, target_start)
        if target is None or target.end() < len(window):
            return error  # the target ended (or never began) within the limit
        return error_at(
            "request-target too long",
            target_start,
            "request-target",
            "RFC 9112 §3",
            f"the request-target crosses max_incomplete_event_size={buffer.limit}",
            got=window[:40],
            hint=414,
        )

    def _pattern_with_folds(self) -> re.Pattern[bytes]:
        return REQUEST_HEAD_FOLDED

    def _folds_allowed(self) -> bool:
        return Leniency.OBS_FOLD in self._leniency

    def _build(self, line: re.Match[bytes], headers: Headers) -> Request | _ResponseBase:
        # The groups the pattern captures, in their order (one call for all of them).
        method, http_version = line.groups()
        head = line.string
        # The request-target lies between the method and the version, one SP from each.
        version_at = line.end() - len(http_version) - 2
        target = head[len(method) + 1 : version_at - 1]
        version = http_version[VERSION_NUMBER]
        if version[0] != _MAJOR_1 and head != _H2_PREFACE_HEAD:
            # RFC 9110 §6.2: a server answers a major version it does not speak with 505.
            raise error_at(
                "unsupported HTTP version",
                version_at,
                "HTTP-version",
                "RFC 9110 §6.2",
                "h11pc speaks HTTP/1.x",
                got=head[: line.end() - 2],
                hint=505,
            )
        return parsed_request(method, target, version, headers)


class _ResponseHeadReader(_HeadReader):
    __slots__ = ()
    _START_SIZE = len(b"HTTP/1.1")
    _WHAT = "illegal status line"
    _START = (status_line.node, status_line.name, status_line.section)
    _PATTERN = RESPONSE_HEAD
    _LINE = STATUS_LINE

    def _can_start(self, first: bytes) -> bool:
        # The HTTP-version whole once it has arrived, its first octet before: a TLS record,
        # a control octet or an empty line is refused as soon as it arrives.
        if len(first) < self._start_size:
            return first[0] in RESPONSE_FIRST_OCTETS
        return RESPONSE_START.match(first) is not None

    def _mend_start_line(self, unit: bytes) -> bytes:
        # MISSING_REASON_SP: "HTTP/1.1 200" read as "HTTP/1.1 200 " (RFC 9112 §4 wants SP).
        if Leniency.MISSING_REASON_SP in self._leniency:
            line_end = unit.find(_CRLF)
            mended = unit[:line_end] + b" " + unit[line_end:]
            line = STATUS_LINE.match(mended)
            if line is not None and line.group("reason_phrase") is None:
                return mended
        return unit

    def _build(self, line: re.Match[bytes], headers: Headers) -> Request | _ResponseBase:
        # The groups the pattern captures, in their order (one call for all of them).
        http_version, status, reason = line.groups()
        status_code = int(status)
        if status_code < 100:
            raise error_at(
                f"status_code should be in range [100, 1000), not {status_code}",
                line.start("status_code"),
                "status-code",
                "RFC 9110 §15",
                "a status code's first digit is its class, 1 to 5 (h11 takes up to 9)",
                got=line.group()[:-2],
            )
        cls: type[_ResponseBase] = INFORMATIONAL_RESPONSE if status_code < 200 else RESPONSE
        return parsed_response(
            cls, status_code, reason or b"", http_version[VERSION_NUMBER], headers
        )


read_request: Final = _RequestHeadReader()
"""The strict reader of a client's request head (stateless: shared by every connection)."""
read_response: Final = _ResponseHeadReader()
"""The strict reader of a server's response head (stateless: shared by every connection)."""


def head_readers(leniency: Leniency) -> tuple[Reader, Reader]:
    """The request and response head readers for ``leniency``."""
    if leniency == STRICT:
        return read_request, read_response
    return _RequestHeadReader(leniency), _ResponseHeadReader(leniency)
