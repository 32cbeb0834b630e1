"""Writers: the same bytes h11 puts on the wire."""

from __future__ import annotations

import pytest

from h11pc import LocalProtocolError
from h11pc._events import Data, EndOfMessage, InformationalResponse, Request, Response
from h11pc._headers import Headers
from h11pc._writers import (
    ChunkedWriter,
    ContentLengthWriter,
    UntilCloseWriter,
    write_request,
    write_response,
)


def test_request_line_and_host_first_with_callers_casing() -> None:
    request = Request(
        method="GET",
        target="/a?b",
        headers=[("X-First", "1"), ("hOsT", "example.com"), ("accept", "*/*")],
    )
    assert b"".join(write_request(request)) == (
        b"GET /a?b HTTP/1.1\r\nhOsT: example.com\r\nX-First: 1\r\naccept: */*\r\n\r\n"
    )


def test_only_http_1_1_is_sent() -> None:
    with pytest.raises(LocalProtocolError, match=r"HTTP/1\.1"):
        write_request(Request(method="GET", target="/", headers=[], http_version="1.0"))
    with pytest.raises(LocalProtocolError, match=r"HTTP/1\.1"):
        write_response(Response(status_code=200, headers=[], http_version="1.0"))


def test_status_line() -> None:
    assert write_response(Response(status_code=200, reason="OK", headers=[])) == [
        b"HTTP/1.1 200 OK\r\n\r\n"
    ]
    # An empty reason still leaves the SP before it (RFC 9112 §4).
    switching = InformationalResponse(status_code=101, headers=[("Upgrade", "ws")], reason=b"")
    assert write_response(switching) == [b"HTTP/1.1 101 \r\nUpgrade: ws\r\n\r\n"]


def test_content_length_writer_counts() -> None:
    writer = ContentLengthWriter(5)
    assert writer.write(Data(b"abc")) == [b"abc"]
    with pytest.raises(LocalProtocolError, match="Too little data"):
        writer.write(EndOfMessage())
    assert writer.write(Data(b"de")) == [b"de"]
    with pytest.raises(LocalProtocolError, match="Too much data"):
        ContentLengthWriter(1).write(Data(b"ab"))
    with pytest.raises(LocalProtocolError, match="trailers"):
        ContentLengthWriter(0).write(EndOfMessage(headers=[("X", "1")]))
    assert ContentLengthWriter(0).write(EndOfMessage()) == []
    # Empty fields that are not the shared ones (a received chunked body's, passed on).
    assert ContentLengthWriter(0).write(EndOfMessage(headers=_no_fields())) == []


def _no_fields() -> Headers:
    fields = Headers.from_wire([], [], [])
    assert fields == [] and fields is not EndOfMessage().headers
    return fields


def test_data_is_passed_through_uncopied() -> None:
    payload = b"x" * 100
    assert ContentLengthWriter(100).write(Data(payload))[0] is payload
    assert ChunkedWriter().write(Data(payload))[1] is payload


def test_chunked_writer_uses_lower_case_hex_and_skips_empty_chunks() -> None:
    writer = ChunkedWriter()
    assert b"".join(writer.write(Data(b"a" * 300))) == b"12c\r\n" + b"a" * 300 + b"\r\n"
    assert writer.write(Data(b"")) == []
    assert (
        b"".join(writer.write(EndOfMessage(headers=[("X-Sum", "abc")])))
        == b"0\r\nX-Sum: abc\r\n\r\n"
    )
    assert b"".join(ChunkedWriter().write(EndOfMessage())) == b"0\r\n\r\n"


def test_until_close_writer() -> None:
    writer = UntilCloseWriter()
    assert writer.write(Data(b"raw")) == [b"raw"]
    assert writer.write(EndOfMessage()) == []
    assert UntilCloseWriter().write(EndOfMessage(headers=_no_fields())) == []
    with pytest.raises(LocalProtocolError, match="trailers"):
        writer.write(EndOfMessage(headers=Headers([("X", "1")])))
