"""Why a unit of a message failed to match: the grammar's parsy form says where and what.

Strategy: the hot path only knows that a compiled pattern did not match. This module, run
on that failure alone, walks the unit line by line, finds the first line whose rule's
pattern rejects it, and parses that line with the same rule's parsy parser, whose error
names the furthest offset reached and what the grammar expected there. The message keeps
h11's wording at its start (``illegal header line``) and adds the byte offset within the
unit, the rule and its RFC section, and the offending line.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import parsy

from grammar.abnf import Node, compile_pattern, opt, seq
from grammar.rfc5234 import crlf
from grammar.rfc9112 import chunk_ext, chunk_size, rws
from h11pc._errors import LocalProtocolError
from h11pc._patterns import field_line_received

__all__ = ["chunk_line_error", "head_error"]

_EXCERPT = 60
_CRLF = b"\r\n"
_FIELD_LINE = ("field-line", "RFC 9112 §5", "illegal header line")


@cache
def _parser(node: Node) -> parsy.Parser[Any]:
    return node.parser()


@cache
def _line_pattern(node: Node) -> re.Pattern[bytes]:
    return compile_pattern(node)


def _error(node: Node, about: tuple[str, str, str], line: bytes, base: int) -> LocalProtocolError:
    """The error for ``line`` (at offset ``base`` of its unit), which ``node`` rejects."""
    rule, section, prefix = about
    try:
        _parser(node).parse(line)
    except parsy.ParseError as failure:
        index, expected = failure.index, " or ".join(sorted(failure.expected))
    else:  # the pattern and the parser disagree: a grammar bug, reported as such
        index, expected = 0, f"a line the parser and pattern of {rule} agree on"
    excerpt = line[:_EXCERPT] + (b"..." if len(line) > _EXCERPT else b"")
    return LocalProtocolError(
        f"{prefix} at byte {base + index}: {rule} ({section}): expected {expected}; "
        f"got {excerpt!r}",
        rule=rule,
        section=section,
        offset=base + index,
    )


StartLine = tuple[Node, str, str]
"""The expression of a start line, its rule's name and RFC section."""


def head_error(unit: bytes, start: StartLine | None, prefix: str) -> LocalProtocolError:
    """Explain why ``unit`` -- a head (start line first, if ``start`` says which) or a
    trailer section, ending with its blank line -- did not match."""
    lines = unit.split(_CRLF)[:-2]
    offset = 0
    if start is not None:
        node, name, section = start
        first = lines.pop(0) if lines else b""
        if _line_pattern(node).fullmatch(first) is None:
            return _error(node, (name, section, prefix), first, 0)
        offset = len(first) + 2
    fold = rws.compiled
    assert fold is not None
    if lines and fold.match(lines[0]):
        return LocalProtocolError(
            f"continuation line at start of headers (byte {offset})",
            rule="obs-fold",
            section="RFC 9112 §5.2",
            offset=offset,
        )
    # Join each line with the continuation lines folded into it (RFC 9112 §5.2).
    logical: list[tuple[int, bytes]] = []
    for line in lines:
        if logical and fold.match(line):
            at, text = logical[-1]
            logical[-1] = (at, text + _CRLF + line)
        else:
            logical.append((offset, line))
        offset += len(line) + 2
    pattern = _line_pattern(field_line_received)
    for at, text in logical:
        if pattern.fullmatch(text) is None:
            return _error(field_line_received, _FIELD_LINE, text, at)
    return LocalProtocolError(f"{prefix}: malformed message head {unit[:_EXCERPT]!r}")


_CHUNK_LINE = seq(chunk_size, opt(chunk_ext), crlf)


def chunk_line_error(line: bytes) -> LocalProtocolError:
    """Explain why ``line`` (ending with CRLF) is not ``chunk-size [ chunk-ext ] CRLF``."""
    return _error(
        _CHUNK_LINE, ("chunk-size line", "RFC 9112 §7.1", "illegal chunk header"), line, 0
    )
