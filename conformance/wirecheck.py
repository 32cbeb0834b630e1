"""Checks on the bytes an implementation *sends*: the sender requirements of RFC 9112/9110.

Strategy: the output is split into messages by a deliberately small reader (heads up to the
blank line, bodies by Content-Length, chunked framing or the end of output) and each head
line is matched against the grammar's compiled patterns (``grammar.rfc9112``), so "does
this match the ABNF" has one answer project-wide. Each named check looks at the split
messages and returns a problem or ``None``; send cases list the checks that apply, and live
mode runs :data:`LIVE_CHECKS` on every response a server returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from conformance.model import Case, Role
from grammar import rfc9112

_CRLF = b"\r\n"
_BARE_CR = re.compile(rb"\r(?!\n)")
_STATUS_PREFIX = re.compile(rb"HTTP/[0-9]\.[0-9] [0-9]{3} ")


@dataclass(frozen=True, slots=True)
class WireMessage:
    start_line: bytes
    field_lines: tuple[bytes, ...]
    fields: tuple[tuple[bytes, bytes], ...]
    """Lower-cased names and OWS-stripped values, for the semantic checks."""
    body: bytes
    chunked_ok: bool = True

    def values(self, name: bytes) -> list[bytes]:
        return [v for n, v in self.fields if n == name]

    def tokens(self, name: bytes) -> list[bytes]:
        """The comma-separated members of every ``name`` field, lower-cased."""
        members = (m.strip(b" \t").lower() for v in self.values(name) for m in v.split(b","))
        return [m.split(b";")[0].strip(b" \t") for m in members if m]

    @property
    def status(self) -> int | None:
        if not _STATUS_PREFIX.match(self.start_line):
            return None
        return int(self.start_line[9:12])


@dataclass(frozen=True, slots=True)
class Context:
    """What the messages answer: needed to know whether a body or a field may be sent."""

    responses: bool
    request_method: bytes = b"GET"
    request_version: bytes = b"1.1"


def split_messages(data: bytes, ctx: Context) -> tuple[list[WireMessage], str | None]:
    """The messages in ``data``, and a framing problem if the bytes do not divide cleanly."""
    messages: list[WireMessage] = []
    position = 0
    while position < len(data):
        end = data.find(b"\r\n\r\n", position)
        if end < 0:
            return messages, f"output ends inside a header section: {data[position:][:60]!r}"
        head = data[position:end]
        lines = tuple(head.split(_CRLF))
        fields = tuple(_field(line) for line in lines[1:])
        position = end + 4
        shell = WireMessage(lines[0], lines[1:], fields, b"")
        body, position, chunked_ok = _body(data, position, shell, ctx)
        messages.append(WireMessage(lines[0], lines[1:], fields, body, chunked_ok))
    return messages, None


def _field(line: bytes) -> tuple[bytes, bytes]:
    name, _, value = line.partition(b":")
    return name.lower(), value.strip(b" \t")


def _body(data: bytes, start: int, msg: WireMessage, ctx: Context) -> tuple[bytes, int, bool]:
    status = msg.status
    if ctx.responses and (
        status is None
        or status < 200
        or status in (204, 304)
        or ctx.request_method == b"HEAD"
        or (ctx.request_method == b"CONNECT" and 200 <= status < 300)
    ):
        return b"", start, True
    if msg.tokens(b"transfer-encoding")[-1:] == [b"chunked"]:
        return _chunked(data, start)
    lengths = msg.values(b"content-length")
    if lengths and lengths[0].isdigit():
        end = start + int(lengths[0])
        return data[start:end], end, True
    if ctx.responses:
        return data[start:], len(data), True
    return b"", start, True


def _chunked(data: bytes, position: int) -> tuple[bytes, int, bool]:
    parts: list[bytes] = []
    while True:
        end = data.find(_CRLF, position)
        line = data[position:end] if end >= 0 else b""
        size_text = line.split(b";")[0]
        if end < 0 or not rfc9112.chunk_size.compiled.fullmatch(size_text):  # type: ignore[union-attr]
            return b"".join(parts), len(data), False
        size = int(size_text, 16)
        position = end + 2
        if size == 0:
            trailer_end = data.find(b"\r\n", position)
            while trailer_end > position:  # trailer field lines, up to the empty line
                position = trailer_end + 2
                trailer_end = data.find(b"\r\n", position)
            return b"".join(parts), (trailer_end + 2 if trailer_end >= 0 else len(data)), True
        parts.append(data[position : position + size])
        position += size
        if data[position : position + 2] != _CRLF:
            return b"".join(parts), len(data), False
        position += 2


# --- the checks -----------------------------------------------------------------------------

Check = Callable[[list[WireMessage], Context], str | None]


def _grammar(messages: list[WireMessage], ctx: Context) -> str | None:
    start_rule = rfc9112.status_line if ctx.responses else rfc9112.request_line
    for msg in messages:
        if not start_rule.compiled.fullmatch(msg.start_line):  # type: ignore[union-attr]
            return f"start-line {msg.start_line!r} does not match {start_rule.name}"
        for line in msg.field_lines:
            if not rfc9112.field_line.compiled.fullmatch(line):  # type: ignore[union-attr]
                return f"field line {line!r} does not match field-line (RFC 9112 §5)"
        if not msg.chunked_ok:
            return "the chunked body is malformed (RFC 9112 §7.1)"
    return None


def _no_bare_cr(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        for line in (msg.start_line, *msg.field_lines):
            if _BARE_CR.search(line + _CRLF):
                return f"bare CR in {line!r} (RFC 9112 §2.2)"
    return None


def _no_obs_fold(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        for line in msg.field_lines:
            if line[:1] in (b" ", b"\t"):
                return f"obs-fold line {line!r} (RFC 9112 §5.2)"
    return None


def _status_sp(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if ctx.responses and not _STATUS_PREFIX.match(msg.start_line):
            return f"status-line {msg.start_line!r} lacks the SP after the status code (§4)"
    return None


def _no_cl_with_te(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if msg.values(b"content-length") and msg.values(b"transfer-encoding"):
            return "Content-Length sent with Transfer-Encoding (RFC 9112 §6.2)"
    return None


def _no_te(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if msg.values(b"transfer-encoding"):
            return f"Transfer-Encoding sent in {msg.start_line!r}"
    return None


def _no_framing_in_1xx_204(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        status = msg.status
        if status is not None and (status < 200 or status == 204):
            for name in (b"content-length", b"transfer-encoding"):
                if msg.values(name):
                    return f"{name.decode()} sent in a {status} response (§6.1, RFC 9110 §8.6)"
    return None


def _no_te_to_http10(messages: list[WireMessage], ctx: Context) -> str | None:
    if ctx.responses and ctx.request_version == b"1.0":
        return _no_te(messages, ctx)
    return None


def _no_1xx_to_http10(messages: list[WireMessage], ctx: Context) -> str | None:
    if ctx.responses and ctx.request_version == b"1.0":
        for msg in messages:
            if msg.status is not None and msg.status < 200:
                return f"{msg.status} sent to an HTTP/1.0 client (RFC 9110 §15.2)"
    return None


def _no_body(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if msg.body or msg.tokens(b"transfer-encoding"):
            return f"content or chunked framing sent in {msg.start_line!r}"
    return None


def _has_host(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if msg.start_line.endswith(b"HTTP/1.1") and len(msg.values(b"host")) != 1:
            return "an HTTP/1.1 request needs exactly one Host field (RFC 9112 §3.2)"
    return None


def _close_option(messages: list[WireMessage], ctx: Context) -> str | None:
    final = [m for m in messages if (m.status or 200) >= 200]
    if final and b"close" not in final[-1].tokens(b"connection"):
        return "the final message lacks the 'close' connection option (RFC 9112 §9.6)"
    return None


def _te_listed_in_connection(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        if msg.values(b"te") and b"te" not in msg.tokens(b"connection"):
            return "TE sent without the 'TE' connection option (RFC 9112 §7.4)"
        if b"chunked" in msg.tokens(b"te"):
            return "chunked listed in TE (RFC 9112 §7.4)"
    return None


def _chunked_final_once(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        codings = msg.tokens(b"transfer-encoding")
        if codings.count(b"chunked") > 1:
            return "chunked applied more than once (RFC 9112 §6.1)"
        if codings and codings[-1] != b"chunked" and not ctx.responses:
            return "a request's final transfer coding is not chunked (RFC 9112 §6.1)"
    return None


def _length_matches(messages: list[WireMessage], ctx: Context) -> str | None:
    for msg in messages:
        for value in msg.values(b"content-length"):
            if not value.isdigit():
                return f"Content-Length {value!r} is not 1*DIGIT (RFC 9110 §8.6)"
    return None


CHECKS: dict[str, Check] = {
    "grammar": _grammar,
    "no-bare-cr": _no_bare_cr,
    "no-obs-fold": _no_obs_fold,
    "status-sp": _status_sp,
    "no-cl-with-te": _no_cl_with_te,
    "no-te": _no_te,
    "no-framing-in-1xx-204": _no_framing_in_1xx_204,
    "no-te-to-http10": _no_te_to_http10,
    "no-1xx-to-http10": _no_1xx_to_http10,
    "no-body": _no_body,
    "host": _has_host,
    "close": _close_option,
    "te-connection": _te_listed_in_connection,
    "chunked-final-once": _chunked_final_once,
    "content-length-syntax": _length_matches,
}

LIVE_CHECKS = (
    "grammar",
    "no-bare-cr",
    "status-sp",
    "no-cl-with-te",
    "no-framing-in-1xx-204",
    "no-te-to-http10",
    "no-1xx-to-http10",
    "content-length-syntax",
)
"""Sender requirements every response a live server sends must meet, whatever it answers."""


def context_for(case: Case) -> Context:
    """The context of a send case's output: a response answers ``case.input``'s request."""
    if case.role is not Role.SEND_RESPONSE:
        return Context(responses=False)
    request_line = case.input.split(_CRLF, 1)[0].split(b" ")
    version = request_line[-1].removeprefix(b"HTTP/") if len(request_line) == 3 else b"1.1"
    return Context(responses=True, request_method=request_line[0], request_version=version)


def run_checks(names: Iterable[str], output: bytes, case: Case) -> list[str]:
    """The problems the named checks find in ``output`` (framing problems first)."""
    return check_bytes(names, output, context_for(case))


def check_bytes(names: Iterable[str], output: bytes, ctx: Context) -> list[str]:
    messages, framing = split_messages(output, ctx)
    problems = [framing] if framing else []
    for name in ("grammar", *names):
        problem = CHECKS[name](messages, ctx)
        if problem and problem not in problems:
            problems.append(problem)
    return problems
