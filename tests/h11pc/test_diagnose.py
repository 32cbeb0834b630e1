"""Errors say what failed: the rule, its RFC section, the byte offset, the offending line."""

from __future__ import annotations

import pytest

from grammar.rfc9112 import status_line
from h11pc._diagnose import chunk_line_error, head_error
from h11pc._patterns import request_line_received

REQUEST_LINE = (request_line_received, "request-line", "RFC 9112 §3")
STATUS_LINE = (status_line.node, status_line.name, status_line.section)


@pytest.mark.parametrize(
    ("head", "rule", "offset", "prefix"),
    [
        (b"GET /a b HTTP/1.1\r\n\r\n", "request-line", 7, "illegal request line"),
        (b"GET / HTTP/1.1\r\nHost: a\r\nX Y: z\r\n\r\n", "field-line", 26, "illegal header line"),
        (b"GET / HTTP/1.1\r\nA: b\x00\r\n\r\n", "field-line", 20, "illegal header line"),
    ],
)
def test_head_errors(head: bytes, rule: str, offset: int, prefix: str) -> None:
    error = head_error(head, REQUEST_LINE, "illegal request line")
    assert (error.rule, error.offset) == (rule, offset)
    assert str(error).startswith(f"{prefix} at byte {offset}: {rule} (RFC 9112 §")
    assert error.section is not None and error.section.startswith("RFC 9112 §")


def test_status_line_error_names_the_rule() -> None:
    error = head_error(b"HTTP/1.1 20 OK\r\n\r\n", STATUS_LINE, "illegal status line")
    assert error.rule == "status-line" and error.offset == 9
    assert "expected status-code" in str(error)


def test_fold_at_start_of_fields() -> None:
    error = head_error(b"GET / HTTP/1.1\r\n folded\r\n\r\n", REQUEST_LINE, "illegal request line")
    assert str(error).startswith("continuation line at start of headers")
    assert error.offset == 16


def test_long_lines_are_excerpted() -> None:
    error = head_error(b"GET / HTTP/1.1\r\nX:" + b"a" * 200 + b"\x01\r\n\r\n", REQUEST_LINE, "x")
    assert len(str(error)) < 300 and "..." in str(error)


def test_trailer_errors() -> None:
    error = head_error(b"Bad Trailer\r\n\r\n", None, "illegal header line")
    assert error.rule == "field-line" and error.offset == 3


def test_chunk_line_error() -> None:
    error = chunk_line_error(b"1g\r\n")
    assert error.rule == "chunk-size line" and error.offset == 1
    assert str(error).startswith("illegal chunk header at byte 1")
