"""Checks on the bytes an implementation *sends*: the sender requirements of RFC 9112/9110.

Strategy: the output is split into messages by a deliberately small reader (heads up to the
blank line, bodies by the RFC 9112 §6.3 rules: no body after HEAD, 1xx, 204, 304 or a 2xx to
CONNECT, then chunked, Content-Length, or -- for responses -- the end of output), and each
head line is matched against the grammar's compiled patterns (``grammar.rfc9112``), so "does
this match the ABNF" has one answer project-wide. Each named check looks at the split messages
and returns a problem or ``None``; send cases list the checks that apply, and live mode runs
:data:`LIVE_CHECKS` on every response a server returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import parsy

from conformance.model import Case, Role
from grammar import rfc9110, rfc9112
from grammar.abnf import ListRule, Rule
from grammar.values import TransferCoding, Weighted

_CRLF = b"\r\n"
_BARE_CR = re.compile(rb"\r(?!\n)")
_VERSION = re.compile(rb"HTTP/1\.[01]")


def _pattern(rule: Rule[Any]) -> re.Pattern[bytes]:
    """The compiled pattern of a regular grammar rule (only recursive rules have none)."""
    if rule.compiled is None:
        raise TypeError(f"{rule.name} has no pattern")
    return rule.compiled


_LISTS: dict[bytes, ListRule[Any]] = {
    b"connection": rfc9110.connection,
    b"te": rfc9110.te,
    b"transfer-encoding": rfc9112.transfer_encoding,
}
"""The list-valued fields the checks ask about, each read by its rule."""


def _member_name(member: bytes | TransferCoding | Weighted[TransferCoding]) -> bytes:
    """A list member's name: a connection option, a transfer coding (of TE: weighted)."""
    if isinstance(member, Weighted):
        member = member.value
    return member if isinstance(member, bytes) else member.name


_STATUS_LINE = _pattern(rfc9112.status_line)
_REQUEST_LINE = _pattern(rfc9112.request_line)
_FIELD_LINE = _pattern(rfc9112.field_line)
_CHUNK_SIZE = _pattern(rfc9112.chunk_size)


COMPLETE, PARTIAL, UNTIL_CLOSE, MALFORMED = "complete", "partial", "until-close", "malformed"
"""How a message's body ended: its framing said so; the bytes stopped first; it runs until the
connection closes; or the bytes contradict the framing."""


@dataclass(frozen=True, slots=True)
class WireMessage:
    start_line: bytes
    field_lines: tuple[bytes, ...]
    body: bytes = b""
    framing: str = COMPLETE
    end: int = 0
    """The offset in the output just after the message."""

    @property
    def fields(self) -> tuple[tuple[bytes, bytes], ...]:
        """Lower-cased names and OWS-stripped values, for the semantic checks."""
        pairs = (line.partition(b":") for line in self.field_lines)
        return tuple((name.lower(), value.strip(b" \t")) for name, _, value in pairs)

    def values(self, name: bytes) -> list[bytes]:
        return [v for n, v in self.fields if n == name]

    def tokens(self, name: bytes) -> list[bytes] | None:
        """The names of the members of the list every ``name`` field holds together (RFC
        9110 §5.3, §5.6.1), as the field's own rule reads it: lower-cased, parameters and
        weights cut, commas in quoted strings kept. None if the fields hold no such list."""
        try:
            members = _LISTS[name].elements(b", ".join(self.values(name)))
        except parsy.ParseError:
            return None
        return [_member_name(member) for member in members]

    @property
    def status(self) -> int | None:
        """The status code of a response (``None`` for a request or an invalid line)."""
        parts = self.start_line.split(b" ", 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/") or not parts[1].isdigit():
            return None
        return int(parts[1])

    @property
    def version(self) -> bytes:
        words = self.start_line.split(b" ")
        return words[0] if self.status is not None else words[-1]


@dataclass(frozen=True, slots=True)
class Context:
    """What the messages answer: needed to know whether a body or a field may be sent."""

    responses: bool
    request_methods: Sequence[bytes] = (b"GET",)
    """The method of each request answered, in order (the last one repeats)."""
    request_version: bytes = b"1.1"
    content: bytes | None = None
    """The content the sender was asked to send, for the ``content`` check."""

    def method_for(self, index: int) -> bytes:
        return self.request_methods[min(index, len(self.request_methods) - 1)]


def split_messages(data: bytes, ctx: Context) -> tuple[list[WireMessage], str | None]:
    """The messages in ``data``, and a framing problem if the bytes do not divide cleanly.

    Output that merely stops (inside a head, or before a body's end) gives a last message,
    or head, that is :data:`PARTIAL`: unfinished, which the caller may or may not mind.
    """
    messages: list[WireMessage] = []
    position = 0
    answered = 0  # final responses so far: which request the next response answers
    while position < len(data):
        end = data.find(b"\r\n\r\n", position)
        if data.startswith(_CRLF, position):
            end = position - 2  # an empty start-line: reported by the checks
        if end < 0:
            return messages, f"output ends inside a header section: {data[position:][:60]!r}"
        lines = data[position:end].split(_CRLF) if end >= position else [b""]
        head = WireMessage(lines[0], tuple(lines[1:]))
        body, position, framing = _body(data, end + 4, head, ctx.method_for(answered), ctx)
        messages.append(WireMessage(head.start_line, head.field_lines, body, framing, position))
        if (head.status or 200) >= 200:
            answered += 1
    return messages, None


def _body(
    data: bytes, start: int, msg: WireMessage, method: bytes, ctx: Context
) -> tuple[bytes, int, str]:
    status = msg.status
    if ctx.responses and (
        status is None
        or status < 200
        or status in (204, 304)
        or method == b"HEAD"
        or (method == b"CONNECT" and 200 <= status < 300)
    ):
        return b"", start, COMPLETE
    if msg.values(b"transfer-encoding"):
        if (msg.tokens(b"transfer-encoding") or [])[-1:] == [b"chunked"]:
            return _chunked(data, start)
        if ctx.responses:
            return data[start:], len(data), UNTIL_CLOSE
    lengths = msg.values(b"content-length")
    if lengths and lengths[0].isdigit():
        end = start + int(lengths[0])
        return data[start:end], end, COMPLETE if end <= len(data) else PARTIAL
    if ctx.responses:
        return data[start:], len(data), UNTIL_CLOSE
    return b"", start, COMPLETE


def _chunked(data: bytes, position: int) -> tuple[bytes, int, str]:
    parts: list[bytes] = []
    while True:
        end = data.find(_CRLF, position)
        if end < 0:  # the output stops inside a chunk-size line or between chunks
            return b"".join(parts), len(data), PARTIAL
        size_text = data[position:end].split(b";")[0]
        if not _CHUNK_SIZE.fullmatch(size_text):
            return b"".join(parts), len(data), MALFORMED
        size = int(size_text, 16)
        position = end + 2
        if size == 0:
            trailers_end = data.find(b"\r\n\r\n", position - 2)
            if trailers_end < 0:
                return b"".join(parts), len(data), PARTIAL
            return b"".join(parts), trailers_end + 4, COMPLETE
        parts.append(data[position : position + size])
        position += size
        if len(data) < position + 2:
            return b"".join(parts), len(data), PARTIAL
        if data[position : position + 2] != _CRLF:
            return b"".join(parts), len(data), MALFORMED
        position += 2


# --- the checks -----------------------------------------------------------------------------

Check = Callable[[list[WireMessage], Context], str | None]


def _grammar(messages: list[WireMessage], ctx: Context) -> str | None:
    start_rule = _STATUS_LINE if ctx.responses else _REQUEST_LINE
    for msg in messages:
        if not start_rule.fullmatch(msg.start_line):
            return f"start-line {msg.start_line!r} does not match the ABNF (RFC 9110 §2.2)"
        for line in msg.field_lines:
            if not _FIELD_LINE.fullmatch(line) and line[:1] not in (b" ", b"\t"):
                return f"field line {line!r} does not match field-line (RFC 9112 §5)"
        if msg.framing == MALFORMED:
            return "the body is not framed as its header section says (RFC 9112 §6.3, §7.1)"
    return None


def _no_bare_cr(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        for line in (msg.start_line, *msg.field_lines):
            if _BARE_CR.search(line):
                return f"bare CR in {line!r} (RFC 9112 §2.2)"
    return None


def _no_whitespace_line(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if msg.field_lines and msg.field_lines[0][:1] in (b" ", b"\t"):
            return f"whitespace after the start-line: {msg.field_lines[0]!r} (RFC 9112 §2.2)"
    return None


def _no_obs_fold(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        for line in msg.field_lines[1:]:
            if line[:1] in (b" ", b"\t"):
                return f"obs-fold line {line!r} (RFC 9112 §5.2)"
    return None


def _no_extra_crlf(messages: list[WireMessage], ctx: Context) -> str | None:
    if any(not msg.start_line for msg in messages):
        return "an extra CRLF before or after a message (RFC 9112 §2.2)"
    return None


def _status_sp(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if ctx.responses and msg.start_line.count(b" ") < 2:
            return f"status-line {msg.start_line!r} lacks the SP after the status code (§4)"
    return None


def _version(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if not _VERSION.fullmatch(msg.version):
            return f"{msg.version!r} is not an HTTP/1.x version (RFC 9110 §6.2)"
    return None


def _no_cl_with_te(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if msg.values(b"content-length") and msg.values(b"transfer-encoding"):
            return "Content-Length sent with Transfer-Encoding (RFC 9112 §6.2)"
    return None


def _no_framing_in_1xx_204(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        status = msg.status
        if status is not None and (status < 200 or status == 204):
            for name in (b"content-length", b"transfer-encoding"):
                if msg.values(name):
                    return f"{name.decode()} in a {status} response (§6.1, RFC 9110 §8.6)"
    return None


def _no_framing_in_connect_2xx(messages: list[WireMessage], ctx: Context) -> str | None:
    final = [m for m in messages if (m.status or 0) >= 200]
    for index, msg in enumerate(final):
        if ctx.method_for(index) == b"CONNECT" and 200 <= (msg.status or 0) < 300:
            for name in (b"content-length", b"transfer-encoding"):
                if msg.values(name):
                    return f"{name.decode()} in a 2xx response to CONNECT (§6.1, RFC 9110 §8.6)"
    return None


def _no_te_to_http10(messages: list[WireMessage], ctx: Context) -> str | None:
    if ctx.responses and ctx.request_version == b"1.0":
        for msg in messages:
            if msg.values(b"transfer-encoding"):
                return "Transfer-Encoding in a response to HTTP/1.0 (RFC 9112 §6.1)"
    return None


def _no_1xx_to_http10(messages: list[WireMessage], ctx: Context) -> str | None:
    if ctx.responses and ctx.request_version == b"1.0":
        for msg in messages:
            if msg.status is not None and msg.status < 200:
                return f"{msg.status} sent to an HTTP/1.0 client (RFC 9110 §15.2)"
    return None


def _no_body(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if msg.body:
            return f"content sent after {msg.start_line!r}, which has none (RFC 9112 §6.3)"
    return None


def _content(messages: list[WireMessage], ctx: Context) -> str | None:
    sent = b"".join(msg.body for msg in messages)
    if ctx.content is not None and sent != ctx.content:
        return f"the content on the wire is {sent[:40]!r}, not the {ctx.content[:40]!r} given"
    return None


def _has_host(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if msg.version == b"HTTP/1.1" and len(msg.values(b"host")) != 1:
            return "an HTTP/1.1 request needs exactly one Host field (RFC 9112 §3.2)"
    return None


def _close_option(messages: list[WireMessage], ctx: Context) -> str | None:
    final = [m for m in messages if (m.status or 200) >= 200]
    if final and b"close" not in (final[-1].tokens(b"connection") or ()):
        return "the final response lacks the 'close' connection option (RFC 9112 §9.6)"
    return None


def _te_header(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if msg.values(b"te") and b"te" not in (msg.tokens(b"connection") or ()):
            return "TE sent without the 'TE' connection option (RFC 9112 §7.4)"
        if b"chunked" in (msg.tokens(b"te") or ()):
            return "chunked listed in TE (RFC 9112 §7.4)"
    return None


def _upgrade(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if msg.status == 101 and not msg.values(b"upgrade"):
            return "a 101 response without Upgrade (RFC 9110 §7.8, §15.2.2)"
        if msg.values(b"upgrade") and b"upgrade" not in (msg.tokens(b"connection") or ()):
            return "Upgrade sent without the 'upgrade' connection option (RFC 9110 §7.8)"
    return None


def _chunked_final_once(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        codings = msg.tokens(b"transfer-encoding")
        if codings is None:
            return "Transfer-Encoding is no list of transfer codings (RFC 9112 §6.1)"
        if codings.count(b"chunked") > 1:
            return "chunked applied more than once (RFC 9112 §6.1)"
        if codings and codings[-1] != b"chunked" and not ctx.responses:
            return "a request's final transfer coding is not chunked (RFC 9112 §6.1)"
    return None


def _content_length_syntax(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        for value in msg.values(b"content-length"):
            if not value.isdigit():
                return f"Content-Length {value!r} is not 1*DIGIT (RFC 9110 §8.6)"
    return None


CHECKS: dict[str, Check] = {
    "grammar": _grammar,
    "no-bare-cr": _no_bare_cr,
    "no-whitespace-line": _no_whitespace_line,
    "no-obs-fold": _no_obs_fold,
    "no-extra-crlf": _no_extra_crlf,
    "status-sp": _status_sp,
    "version": _version,
    "no-cl-with-te": _no_cl_with_te,
    "no-framing-in-1xx-204": _no_framing_in_1xx_204,
    "no-framing-in-connect-2xx": _no_framing_in_connect_2xx,
    "no-te-to-http10": _no_te_to_http10,
    "no-1xx-to-http10": _no_1xx_to_http10,
    "no-body": _no_body,
    "content": _content,
    "host": _has_host,
    "close": _close_option,
    "te-header": _te_header,
    "upgrade": _upgrade,
    "chunked-final-once": _chunked_final_once,
    "content-length-syntax": _content_length_syntax,
}

LIVE_CHECKS = (
    "no-bare-cr",
    "no-whitespace-line",
    "no-obs-fold",
    "status-sp",
    "version",
    "no-cl-with-te",
    "no-framing-in-1xx-204",
    "no-framing-in-connect-2xx",
    "no-te-to-http10",
    "no-1xx-to-http10",
    "content-length-syntax",
)
"""Sender requirements every response a live server sends must meet, whatever it answers."""


def context_for(case: Case) -> Context:
    """The context of a send case's output: a response answers ``case.input``'s request."""
    content = b"".join(event.data for event in case.send if event.type == "Data")
    if case.role is not Role.SEND_RESPONSE:
        return Context(responses=False, content=content)
    request_line = case.input.split(_CRLF, 1)[0].split(b" ")
    version = request_line[-1].removeprefix(b"HTTP/") if len(request_line) == 3 else b"1.1"
    return Context(True, (request_line[0],), version, content)


def run_checks(names: Iterable[str], output: bytes, case: Case) -> list[str]:
    """The problems the named checks find in a send case's output (framing problems first)."""
    return check_bytes(names, output, context_for(case))


def check_bytes(names: Iterable[str], output: bytes, ctx: Context) -> list[str]:
    messages, framing = split_messages(output, ctx)
    problems = [framing] if framing else []
    for name in ("grammar", *names):
        problem = CHECKS[name](messages, ctx)
        if problem and problem not in problems:
            problems.append(problem)
    return problems
