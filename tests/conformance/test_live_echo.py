"""Live judging of what a server parsed: its echoes are held to the cases' ``messages``.

The subject is a test double -- a tiny keep-alive server that frames chunked bodies correctly
but, when told to mis-parse, hands its application the chunked coding undecoded. Its status
codes are right either way, so only the echo shows the difference.
"""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest

from conformance import echo
from conformance.casefile import load_cases
from conformance.deviations import Deviations
from conformance.live import Exchange, Settings, judge_exchange, parse_target, run_live
from conformance.model import Digest, Exposes, HeaderView, Message, Verdict

FAST = Settings(timeout=3.0, idle=0.3, connections=2)


class _Double(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, misparse: bool) -> None:
        self.misparse = misparse
        super().__init__(("127.0.0.1", 0), _DoubleHandler)


class _DoubleHandler(socketserver.StreamRequestHandler):
    server: _Double

    def handle(self) -> None:
        self.connection.settimeout(2)
        try:
            while self._one():
                pass
        except OSError:
            return

    def _one(self) -> bool:
        request_line = self.rfile.readline()
        if not request_line:
            return False
        method, target, version = request_line.rstrip(b"\r\n").split(b" ")
        headers = []
        while (line := self.rfile.readline()) not in (b"\r\n", b""):
            name, _, value = line.rstrip(b"\r\n").partition(b":")
            headers.append((name, value.strip()))
        fields = {name.lower(): value for name, value in headers}
        if fields.get(b"transfer-encoding") == b"chunked":
            body = self._chunked()
        else:
            body = self.rfile.read(int(fields.get(b"content-length", b"0")))
        content = echo.encode(
            method=method, target=target, version=version, headers=headers, body=body
        )
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(content)}\r\n\r\n"
        self.wfile.write(head.encode() + content)
        return True

    def _chunked(self) -> bytes:
        decoded, raw = b"", b""
        while True:
            size_line = self.rfile.readline()
            size = int(size_line.split(b";")[0], 16)
            data = self.rfile.read(size + 2)
            raw += size_line + data
            decoded += data[:size]
            if size == 0:
                return raw if self.server.misparse else decoded


@pytest.fixture(params=[False, True], ids=["faithful", "misparsing"])
def double(request: pytest.FixtureRequest) -> Iterator[_Double]:
    server = _Double(misparse=request.param)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_misparsed_body_fails_only_when_the_echo_is_judged(double: _Double) -> None:
    [case] = [c for c in load_cases() if c.id == "te-chunked"]
    target = parse_target(f"http://127.0.0.1:{double.server_address[1]}", "double")
    _impl, [by_status] = run_live(target, [case], Deviations(), FAST)
    _impl, [by_echo] = run_live(replace(target, echoes=True), [case], Deviations(), FAST)
    assert by_status.verdict is Verdict.PASS
    if not double.misparse:
        assert by_echo.verdict is Verdict.PASS
        return
    assert by_echo.verdict is Verdict.FAIL
    assert by_echo.reason.startswith("the server parsed message 1: body 15 octets b'5\\r\\nhello")
    assert by_echo.reason.endswith("expected b'hello'")
    assert by_echo.received.startswith(b"HTTP/1.1 200 OK\r\n")


def test_an_echo_survives_any_octet_and_says_what_the_interface_shows() -> None:
    content = echo.encode(
        method="GET",
        target=b"/\xff",
        version="HTTP/1.1",
        headers=[("HOST", "a"), (b"X", b"\x00\xe9")],
        body=b"x" * 100,
        header_view=HeaderView.CGI,
    )
    message, exposes = echo.decode(content)
    assert message == Message(
        method=b"GET",
        target=b"/\xff",
        version=b"1.1",
        headers=((b"HOST", b"a"), (b"X", b"\x00\xe9")),
        body=Digest.of(b"x" * 100),
    )
    assert exposes == Exposes(headers=HeaderView.CGI, trailers=False)
    with pytest.raises(echo.EchoError, match="not an echo"):
        echo.decode(b'{"hello": 1}')


def test_a_response_that_is_not_an_echo_fails_an_echoing_target() -> None:
    [case] = [c for c in load_cases() if c.id == "te-chunked"]
    plain = Exchange(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
    assert judge_exchange(case, plain) is None
    assert "response 1 (200) is not an echo" in (judge_exchange(case, plain, echoes=True) or "")


def echoed(target: bytes, close: bool = False) -> bytes:
    content = echo.encode(method=b"GET", target=target, version=b"1.1", headers=(), body=b"")
    connection = b"Connection: close\r\n" if close else b""
    return b"HTTP/1.1 200 OK\r\n%bContent-Length: %d\r\n\r\n%b" % (
        connection,
        len(content),
        content,
    )


def test_a_server_may_close_as_it_announced_before_later_requests() -> None:
    [case] = [c for c in load_cases() if c.id == "pipelined-in-order"]
    first = case.messages[0].target if case.messages else b"/"
    assert first is not None
    announced = Exchange(echoed(first, close=True), closed=True)
    assert judge_exchange(case, announced, echoes=True) is None
    silent = Exchange(echoed(first), closed=True)
    assert "closed the connection" in (judge_exchange(case, silent, echoes=True) or "")
    wrong = Exchange(echoed(b"/elsewhere", close=True), closed=True)
    assert "target b'/elsewhere'" in (judge_exchange(case, wrong, echoes=True) or "")


def test_a_server_may_answer_options_asterisk_itself() -> None:
    [case] = [c for c in load_cases() if c.id == "target-asterisk-form-options"]
    itself = Exchange(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    assert judge_exchange(case, itself, echoes=True) is None
