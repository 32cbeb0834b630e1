"""Why a unit of a message failed: which rule, which RFC section, which byte, which line.

Strategy: the hot path only knows that a compiled pattern did not match, or that a check
on proven fields failed. This module runs on those failures alone. For a syntax error it
walks the unit line by line, finds the first line whose rule's pattern rejects it, and
parses that line with the same rule's parsy parser, whose error names the furthest offset
reached and what the grammar expected there. For an error in a field's meaning (two
Content-Length values, a Transfer-Encoding that does not end in chunked) the check raises
a :class:`FieldError` naming the field, and :func:`locate` finds that field's line in the
head. Every message has one shape, keeping h11's wording at its start::

    <what> at byte <offset>: <rule> (<RFC section>): <why>; got <excerpt>
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Final

import parsy
from mypy_extensions import mypyc_attr

from grammar.abnf import Node, Rule, compile_pattern, opt, seq
from grammar.rfc5234 import crlf
from grammar.rfc9112 import chunk_ext, chunk_ext_name, chunk_size, rws
from h11pc._errors import LocalProtocolError
from h11pc._patterns import FIELD_LINE, WHITESPACE, field_line_received

__all__ = [
    "FieldError",
    "bare_lf_error",
    "chunk_line_error",
    "error_at",
    "excerpt",
    "field_line_error",
    "find_bare_lf",
    "fold_error",
    "head_error",
    "locate",
    "logical_lines",
]

_EXCERPT: Final = 60
_CRLF: Final = b"\r\n"
_CR: Final = ord("\r")
_FIELD_LINE: Final = ("field-line", "RFC 9112 §5", "illegal header line")


def excerpt(data: bytes) -> bytes:
    """At most a line's worth of ``data``, marked when cut."""
    return data[:_EXCERPT] + (b"..." if len(data) > _EXCERPT else b"")


def error_at(
    what: str,
    offset: int,
    rule: str,
    section: str,
    why: str,
    *,
    got: bytes | None = None,
    hint: int = 400,
) -> LocalProtocolError:
    """An error in the one shape every message of this module has (see the docstring);
    without ``got`` when there is nothing to quote (the input ended)."""
    quoted = "" if got is None else f"; got {excerpt(got)!r}"
    return LocalProtocolError(
        f"{what} at byte {offset}: {rule} ({section}): {why}{quoted}",
        hint,
        rule=rule,
        section=section,
        offset=offset,
    )


@mypyc_attr(native_class=False)  # as the errors it derives from (h11pc._errors)
class FieldError(LocalProtocolError):
    """A field breaks a rule of its meaning; ``rule`` is the field's name as the RFC spells
    it (``Content-Length``), so the reader holding the head can :func:`locate` it. Its own
    message is h11's (``what``): it reaches users as is only for events they build."""

    def __init__(self, what: str, why: str, *, rule: str, section: str, hint: int = 400):
        super().__init__(what, hint, rule=rule, section=section)
        self.what = what
        self.why = why


def locate(error: FieldError, unit: bytes, last: bool = False) -> LocalProtocolError:
    """``error`` with the offset and text of its field's line in ``unit`` (a head or trailer
    section; the first, or with ``last`` the last, line of that name). A field that is
    missing is reported at the blank line ending the head, quoting the start line."""
    name = error.rule.lower().encode("ascii") if error.rule else b""
    offset, found = len(unit) - 2, unit[: unit.find(_CRLF)]
    position = 0
    while (end := unit.find(_CRLF, position)) > position:
        line = unit[position:end]
        if line.partition(b":")[0].rstrip().lower() == name:
            offset, found = position, line
            if not last:
                break
        position = end + 2
    assert error.rule is not None and error.section is not None
    hint = error.error_status_hint
    return error_at(error.what, offset, error.rule, error.section, error.why, got=found, hint=hint)


@cache
def _parser(node: Node) -> parsy.Parser[Any]:
    """``node``'s parser, to the end of its input."""
    return node.parser() << parsy.eof


@cache
def _line_pattern(node: Node, *capture: Rule[Any]) -> re.Pattern[bytes]:
    """``node``'s pattern, with the rules ``capture`` as named groups: compiled when first
    asked for (failures are rare; importing h11pc need not compile them)."""
    return compile_pattern(node, *capture)


def _error(
    node: Node, about: tuple[str, str, str], line: bytes, base: int, start: int = 0
) -> LocalProtocolError:
    """The error for ``line`` (at offset ``base`` of its unit), which ``node`` rejects
    (``start``: where in ``line`` to parse ``node`` from, if not its beginning)."""
    rule, section, what = about
    failed = _parser(node)(line, start)
    if failed.status:  # the pattern and the parser disagree: a grammar bug, reported as such
        index, expected = 0, f"a line the parser and pattern of {rule} agree on"
    else:
        index, expected = failed.furthest, " or ".join(sorted(failed.expected))
    why = f"expected {expected}"
    if _is_bare(line, index):
        why += " (a bare CR or LF: lines end with CRLF, RFC 9112 §2.2)"
    return error_at(what, base + index, rule, section, why, got=line)


def _is_bare(line: bytes, index: int) -> bool:
    """Whether ``line[index]`` is a CR not before LF, or a LF not after CR."""
    octet = line[index : index + 1]
    if octet == b"\r":
        return line[index + 1 : index + 2] != b"\n"
    # Not ``line[index - 1 : index]``: at index 0 that slice starts past its end, which
    # Python reads as empty but the compiled build's bytes slicing refuses.
    return octet == b"\n" and (index == 0 or line[index - 1] != _CR)


StartLine = tuple[Node, str, str]
"""The expression of a start line, its rule's name and RFC section."""


def logical_lines(lines: list[bytes], offset: int) -> list[tuple[int, bytes]]:
    """The field lines (after a start line ending at ``offset``) with the continuation lines
    folded into each kept as they are (RFC 9112 §5.2), each with its offset."""
    fold = rws.compiled
    assert fold is not None
    logical: list[tuple[int, bytes]] = []
    for line in lines:
        if logical and fold.match(line):
            at, text = logical[-1]
            logical[-1] = (at, text + _CRLF + line)
        else:
            logical.append((offset, line))
        offset += len(line) + 2
    return logical


def head_error(unit: bytes, start: StartLine | None, what: str) -> LocalProtocolError:
    """Explain why ``unit`` -- a head (start line first, if ``start`` says which) or a
    trailer section, ending with its blank line -- did not match."""
    bare = find_bare_lf(unit)
    if bare >= 0:  # reported first, as when it arrives in an incomplete head
        return bare_lf_error(what, unit, 0, bare)
    lines = unit.split(_CRLF)[:-2]
    offset = 0
    if start is not None:
        node, name, section = start
        first = lines.pop(0) if lines else b""
        if _line_pattern(node).fullmatch(first) is None:
            return _error(node, (name, section, what), first, 0)
        offset = len(first) + 2
    fold = rws.compiled
    assert fold is not None
    if lines and fold.match(lines[0]):
        return error_at(
            "continuation line at start of headers",
            offset,
            "obs-fold",
            "RFC 9112 §5.2",
            "a field section cannot begin with a fold",
            got=lines[0],
        )
    for at, text in logical_lines(lines, offset):
        if FIELD_LINE.fullmatch(text) is None:
            return field_line_error(unit, text, at)
    return error_at(what, 0, "HTTP-message", "RFC 9112 §2.1", "malformed message head", got=unit)


def field_line_error(unit: bytes, line: bytes, at: int) -> LocalProtocolError:
    """Why the logical field line ``line``, at offset ``at`` of ``unit``, is no
    ``field-line`` (RFC 9112 §5): a bare LF in it first, as :func:`head_error` says."""
    bare = find_bare_lf(unit, 0, at)
    if 0 <= bare < at + len(line):
        return bare_lf_error(_FIELD_LINE[2], unit, 0, bare)
    return _error(field_line_received, _FIELD_LINE, line, at)


def find_bare_lf(data: bytes | bytearray, start: int = 0, position: int = 0) -> int:
    """The offset of the first LF at or after ``position`` that is not preceded by CR in
    the unit beginning at ``start`` of ``data``, or -1."""
    position = max(start, position)
    while (position := data.find(b"\n", position)) >= 0:
        if position == start or data[position - 1] != _CR:
            return position
        position += 1
    return -1


def bare_lf_error(what: str, data: bytes | bytearray, start: int, bare: int) -> LocalProtocolError:
    """A LF not preceded by CR at ``data[bare]``, in a unit starting at ``start``: it ends
    no line of a strict head or trailer section (RFC 9112 §2.2). ``what`` names the unit's
    first line; a LF past a CRLF is in a field line, and is said to be."""
    line = data.rfind(b"\n", start, bare) + 1 or start
    if line > start:
        what = _FIELD_LINE[2]
    return error_at(
        what,
        bare - start,
        "CRLF",
        "RFC 9112 §2.2",
        "a bare LF ends no line (the BARE_LF leniency accepts it in a head)",
        got=bytes(data[line : bare + 1]),
    )


def fold_error(unit: bytes, offset: int) -> LocalProtocolError:
    """A request's field line folded over ``unit[offset:]`` (its CRLF), which we refuse."""
    line_end = unit.find(_CRLF, offset + 2)
    return error_at(
        "obs-fold in a request",
        offset,
        "obs-fold",
        "RFC 9112 §5.2",
        "a server rejects line folding (or replaces it, an opt-in leniency)",
        got=unit[offset + 2 : line_end],
    )


_CHUNK_LINE: Final = seq(chunk_size, opt(chunk_ext), crlf)
_CHUNK_LINE_ABOUT: Final = ("chunk-size line", "RFC 9112 §7.1", "illegal chunk header")
_LAST_EXTENSION_TAIL: Final = seq(chunk_ext, crlf)
_EXTENSIONS: Final = seq(chunk_size, chunk_ext)
"""``chunk-size chunk-ext``: its pattern with ``chunk-ext-name`` captured matches a line up
to the last extension it holds whole, and the group is that extension's name (a group in a
repetition keeps its last span)."""


def chunk_line_error(line: bytes, base: int = 0) -> LocalProtocolError:
    """Explain why ``line`` (ending with CRLF, at ``base`` of the body) is not
    ``chunk-size [ chunk-ext ] CRLF``.

    The parser starts at the last extension the pattern proves whole, not at the line's
    start: a line of thousands of extensions is explained in the time of one. That is the
    same explanation. The parse fails at or after that extension's end, where the
    extensions stop. What parsing an earlier extension records fails no further than the
    whitespace after it, short of the ``;`` that begins the next. And parsy's error keeps
    only the failures at the furthest offset. The pattern splits the extensions as the parser
    does: each begins with ``BWS ";"``, and no shorter or longer choice inside one lets
    another ``;`` begin there (a ``;`` inside a quoted-string is inside it either way)."""
    proven = _line_pattern(_EXTENSIONS, chunk_ext_name).match(line)
    name = -1 if proven is None else proven.start("chunk_ext_name")
    if name < 0:
        return _error(_CHUNK_LINE, _CHUNK_LINE_ABOUT, line, base)
    # The extension begins at its BWS: right after the end of the one before it, which
    # ends in no whitespace (a name or value does not).
    semicolon = line.rfind(b";", 0, name)
    start = len(line[:semicolon].rstrip(WHITESPACE))
    return _error(_LAST_EXTENSION_TAIL, _CHUNK_LINE_ABOUT, line, base, start)
